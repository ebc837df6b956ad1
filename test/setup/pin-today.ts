/**
 * The suite judges dated config (sharing agreements that expire) as of one fixed day, so no test
 * passes today and fails next quarter. Subprocesses the tests start inherit it.
 */
process.env.BLUELAMP_TODAY ??= '2026-12-01';
