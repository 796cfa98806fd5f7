// jest-expo installs Expo's own `fetch` (a stand-in for the native module that never reaches
// the network). These screen tests talk to a real server, so the environment hands Node's own
// fetch to the test realm, and test/node-fetch.ts puts it back after the preset's setup ran.
const ReactNativeEnv = require('@react-native/jest-preset/jest/react-native-env.js');

module.exports = class BaselineEnvironment extends ReactNativeEnv {
  constructor(config, context) {
    super(config, context);
    this.global.__nodeFetch = { fetch, Request, Response, Headers, FormData, AbortController, AbortSignal, Blob };
  }
};
