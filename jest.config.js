// Two projects. `server`: unit specs beside the code (src/**/*.spec.ts, web/src/**/*.spec.ts for the web app's
// pure modules) and integration/HTTP specs in test/; every run gets a fresh PostgreSQL database (cloned per test
// file from a migrated template) and a unique Redis key prefix: see test/global-setup.ts. `browser`: the web
// application in headless Chromium against the real server (test/browser/), one file at a time
// (`npm run test:browser` runs it with one worker): see test/browser/global-setup.ts.
const shared = {
  testEnvironment: 'node',
  rootDir: '.',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'server',
      roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/web/src'],
      testMatch: ['**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'browser',
      roots: ['<rootDir>/test/browser'],
      testMatch: ['**/*.spec.ts'],
      testEnvironment: '<rootDir>/test/browser/browser-environment.ts',
      globalSetup: '<rootDir>/test/browser/global-setup.ts',
      globalTeardown: '<rootDir>/test/browser/global-teardown.ts',
    },
  ],
  testTimeout: 30000,
  maxWorkers: 2,
};
