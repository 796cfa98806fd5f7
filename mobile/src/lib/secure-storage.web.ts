/**
 * The web build of the app exists for screenshots and quick looks in a browser, not for people:
 * it keeps its state in sessionStorage, which ends with the tab.
 */
export const secureStorage = {
  get: async (key: string): Promise<string | null> => globalThis.sessionStorage?.getItem(key) ?? null,
  set: async (key: string, value: string | null): Promise<void> => {
    if (value === null) globalThis.sessionStorage?.removeItem(key);
    else globalThis.sessionStorage?.setItem(key, value);
  },
};
