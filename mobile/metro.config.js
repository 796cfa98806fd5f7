// Metro bundles the app from mobile/ and the one typed API client from ../client (shared with
// the web dashboard). Packages resolve from mobile/node_modules first, so a Mac that installed
// only mobile/ builds the app.
const path = require('node:path');
const { getDefaultConfig } = require('expo/metro-config');

const config = getDefaultConfig(__dirname);
config.watchFolders = [path.resolve(__dirname, '../client')];
config.resolver.nodeModulesPaths = [path.resolve(__dirname, 'node_modules')];
config.resolver.extraNodeModules = { 'openapi-fetch': path.resolve(__dirname, 'node_modules/openapi-fetch') };

module.exports = config;
