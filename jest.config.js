/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // swc strips types without type-checking: fast on 2 cores. `npm run typecheck` checks types.
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] },
  // Opt-in suites that need real providers or a browser say so in their own files.
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  maxWorkers: 2,
  // Dated config (sharing agreements) is judged as of a fixed day: see test/setup/pin-today.ts.
  setupFiles: ['<rootDir>/test/setup/pin-today.ts'],
};
