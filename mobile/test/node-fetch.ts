// See test/environment.js: Node's fetch, not Expo's stand-in, so requests reach the server.
const nodeFetch = (globalThis as { __nodeFetch?: Record<string, unknown> }).__nodeFetch;
if (!nodeFetch) throw new Error('test/environment.js did not hand over Node fetch');
for (const [name, value] of Object.entries(nodeFetch)) {
  Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
}
