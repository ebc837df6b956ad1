/**
 * Jest timeout for a test that starts processes (bin/bluelamp, git, synthesis workers): each costs
 * a node or git start-up, which on a loaded 2-core machine takes many times what it takes idle.
 * A bound for a hung test, not an expectation of speed (`npm run bench` measures speed).
 */
export const PROCESS_TEST_TIMEOUT_MS = 120_000;
