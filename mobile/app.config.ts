import type { ExpoConfig } from 'expo/config';

/*
 * The app is built by whoever runs the server (Baseline is self-hosted), so the identifiers
 * that tie it to an Apple team, a Google project and a server domain come from the
 * environment at build time (README, "The iOS app"). The defaults build a working app that
 * signs in with a password; Apple, Google and universal links need the real values.
 */
const bundleId = process.env.BASELINE_IOS_BUNDLE_ID ?? 'org.baseline.app';
/** The server's host name, for universal links (`https://HOST/register?invite=…`) and saved passwords. */
const serverDomain = process.env.BASELINE_SERVER_DOMAIN;
/** Google's iOS client id; its reversed form is the URL scheme Google returns to. */
const googleIosClientId = process.env.EXPO_PUBLIC_GOOGLE_IOS_CLIENT_ID;
const googleScheme = googleIosClientId?.split('.').reverse().join('.');

const config: ExpoConfig = {
  name: 'Baseline',
  slug: 'baseline',
  version: '0.1.0',
  orientation: 'portrait',
  icon: './assets/icon.png',
  userInterfaceStyle: 'light',
  scheme: googleScheme ? ['baseline', googleScheme] : 'baseline',
  ios: {
    bundleIdentifier: bundleId,
    supportsTablet: false,
    usesAppleSignIn: true,
    associatedDomains: serverDomain ? [`applinks:${serverDomain}`, `webcredentials:${serverDomain}`] : [],
    infoPlist: {
      // the server may be plain http on a home network (http://192.168.1.20:8080)
      NSAppTransportSecurity: { NSAllowsLocalNetworking: true },
      ITSAppUsesNonExemptEncryption: false,
    },
  },
  web: { favicon: './assets/favicon.png', output: 'single' },
  plugins: ['expo-router', 'expo-secure-store', 'expo-apple-authentication', 'expo-web-browser', 'expo-sharing'],
  experiments: { typedRoutes: false, tsconfigPaths: true },
};

export default config;
