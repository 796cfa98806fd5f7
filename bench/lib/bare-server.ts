import Fastify from 'fastify';

/**
 * The yardstick: Fastify with no plugins answering a constant JSON object of about the size of
 * GET /api/v1/me's answer. Prints {"port": N} once listening; runs until killed.
 */
const bare = Fastify({ logger: false });
const body = {
  id: '0192a1b2c3d4e5f60718293a',
  username: 'bench',
  email: null,
  role: 'user',
  status: 'active',
  authMethods: ['password'],
  createdAt: '2026-11-29T10:00:00.000Z',
};
bare.get('/bare', async () => body);
await bare.listen({ port: 0, host: '127.0.0.1' });
console.log(JSON.stringify({ port: (bare.server.address() as { port: number }).port }));
process.on('SIGTERM', () => void bare.close().then(() => process.exit(0)));
