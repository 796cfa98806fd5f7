// Every test starts on a new phone: nothing in the Keychain (no server chosen, no session).
// Within one test, the Keychain lives on, so "the app restarts and finds its session" is testable.
beforeEach(() => {
  (jest.requireMock('expo-secure-store') as { __keychain: Map<string, string> }).__keychain.clear();
});
