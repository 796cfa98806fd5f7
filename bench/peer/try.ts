import autocannon from 'autocannon';
import { hashCosts, startBetterAuth } from './better-auth.ts';

/**
 * A self-check of the peer module, outside the suite: `node --import tsx bench/peer/try.ts`
 * installs (or reuses) Better Auth, starts it, drives get-session and sign-in/email for 3 s each
 * with autocannon, prints req/s and both sides' hashing cost, and stops it. Any non-2xx answer
 * fails it, so a peer that answers 401 or 429 cannot pass for a fast one.
 */
const SECONDS = 3;
const log = (line: string) => console.error(line);

async function measure(
  name: string,
  options: {
    url: string;
    connections: number;
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
  },
): Promise<void> {
  const result = await autocannon({ ...options, duration: SECONDS });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors in ${result.requests.total}`);
  }
  // completed answers over the whole window: autocannon's per-second average drops the last partial second
  const rate = result.requests.total / SECONDS;
  console.log(`${name}: ${rate.toFixed(1)} req/s (p99 ${result.latency.p99} ms, ${options.connections} connections)`);
}

const peer = await startBetterAuth({ log });
try {
  console.log(`${peer.name} at ${peer.url}, pid ${peer.pid}, hashing ${peer.hashing}`);
  await measure('GET /api/auth/get-session', {
    url: `${peer.url}/api/auth/get-session`,
    connections: 16,
    headers: peer.sessionHeaders,
  });
  await measure('POST /api/auth/sign-in/email', {
    url: `${peer.url}/api/auth/sign-in/email`,
    // one per core: a sign-in costs one scrypt, and more in flight only lengthen each past the window
    connections: 2,
    method: 'POST',
    headers: peer.signInHeaders,
    body: peer.signInBody,
  });
} finally {
  await peer.stop();
}

const costs = await hashCosts({ log });
console.log(`one hash on one core: ours ${costs.ours.params} ${costs.ours.msPerHash.toFixed(1)} ms`);
console.log(`                      peer ${costs.peer.params} ${costs.peer.msPerHash.toFixed(1)} ms`);
