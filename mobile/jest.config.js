// Screen tests: jest-expo renders the real screens (expo-router, React Native) in Node and
// they talk over real HTTP to a real Baseline server started on a fresh SQLite database
// (test/global-setup.ts). Only the phone's own native modules (the Keychain) are stood in for.
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
  preset: 'jest-expo/ios',
  testEnvironment: '<rootDir>/test/environment.js',
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  setupFiles: ['<rootDir>/test/keychain.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/node-fetch.ts', '<rootDir>/test/new-phone.ts'],
  roots: ['<rootDir>', path.resolve(__dirname, '../client')],
  testMatch: ['<rootDir>/**/*.test.ts?(x)'],
  testPathIgnorePatterns: ['/node_modules/', '/dist-ios/', '/dist-web/', '/ios/'],
  moduleNameMapper: { '^@client$': path.resolve(__dirname, '../client/index.ts') },
  transformIgnorePatterns: [
    'node_modules/(?!((jest-)?react-native|@react-native(-community)?|expo(nent)?|@expo(nent)?/.*|@expo-google-fonts/.*|react-navigation|@react-navigation/.*|openapi-fetch|@tanstack/.*|standard-navigation))',
  ],
  testTimeout: 30_000,
  // one server, one phone: screens run one file at a time so timings stay calm on 2 cores
  maxWorkers: 1,
};
