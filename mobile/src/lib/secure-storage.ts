import * as SecureStore from 'expo-secure-store';

/**
 * Small secrets of the app (the refresh token, the chosen server) in the iOS Keychain, readable
 * only while the phone is unlocked and never restored onto another device from a backup.
 */
const options: SecureStore.SecureStoreOptions = { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY };

export const secureStorage = {
  get: (key: string): Promise<string | null> => SecureStore.getItemAsync(key, options),
  set: (key: string, value: string | null): Promise<void> =>
    value === null ? SecureStore.deleteItemAsync(key, options) : SecureStore.setItemAsync(key, value, options),
};
