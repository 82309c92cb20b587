// Unit specs sit beside the code (src/**/*.spec.ts); integration and HTTP specs live in test/.
// Every run gets a fresh PostgreSQL database (cloned per test file from a migrated template) and a
// unique Redis key prefix: see test/global-setup.ts.
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
