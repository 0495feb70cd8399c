// Three tiers, selected with --selectProjects: unit (fakes allowed), integration (real
// Postgres, NATS and Dovecot started by the test), e2e (every service as its own process).
const { pathsToModuleNameMapper } = require('./tools/jest/paths');

const transform = { '^.+\\.ts$': ['@swc/jest', require('./tools/jest/swc-options')] };
const common = {
  rootDir: __dirname,
  transform,
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  moduleNameMapper: pathsToModuleNameMapper(),
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/web/'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/tools/jest/integration-timeout.js'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/tools/jest/e2e-timeout.js'],
    },
  ],
};
