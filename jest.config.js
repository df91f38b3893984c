// Jest for the Lightning Web Components: tests are force-app/**/__tests__/*.test.ts and run
// against the TypeScript sources — .ts comes before .js in moduleFileExtensions, and the
// resolver maps any emitted .js back to its .ts — never against the JavaScript a build
// emitted. Node code is tested with node:test.
import sfdxLwcJest from '@salesforce/sfdx-lwc-jest/config.js';

const { jestConfig } = sfdxLwcJest;
const mocks = '<rootDir>/force-app/test/jest-mocks';

export default {
  ...jestConfig,
  moduleFileExtensions: ['ts', 'js', 'html', 'css', 'json'],
  roots: ['<rootDir>/force-app'],
  testMatch: ['**/__tests__/**/*.test.ts'],
  resolver: '<rootDir>/scripts/lwc/jest-resolver.cjs',
  moduleNameMapper: {
    '^lightning/navigation$': `${mocks}/lightning/navigation.js`,
    '^lightning/platformShowToastEvent$': `${mocks}/lightning/platformShowToastEvent.js`,
    '^lightning/messageService$': `${mocks}/lightning/messageService.js`,
    '^lightning/refresh$': `${mocks}/lightning/refresh.js`,
  },
  setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv ?? []), '<rootDir>/force-app/test/jest-setup.js'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/.localdevserver/'],
  coverageDirectory: '<rootDir>/coverage/lwc',
};
