import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

/**
 * Throughput of an authenticated request (GET /api/v1/me: JWT verification, one database
 * read of the actor, policy check, one more read for the profile) against a bare Fastify
 * route served by the same process. The figure to quote is the ratio, measured in rounds
 * that alternate between the two so that machine noise falls on both alike.
 * Target from issue 2: the authenticated route at 60 % of the bare one or better.
 */
const ROUNDS = 3;
const SECONDS = 4;
const CONNECTIONS = 16;

const server = spawn(
  process.execPath,
  ['--import', 'tsx', fileURLToPath(new URL('./_auth-server.ts', import.meta.url))],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const firstLine = await new Promise<string>((resolve, reject) => {
  createInterface({ input: server.stdout! }).once('line', resolve);
  server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
});
const { bare, app, token } = JSON.parse(firstLine) as { bare: number; app: number; token: string };

async function run(url: string, headers: Record<string, string> = {}): Promise<number> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result.requests.average;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bareRates: number[] = [];
const authRates: number[] = [];
try {
  // warm-up of both, not counted
  await run(`http://127.0.0.1:${bare}/bare`);
  await run(`http://127.0.0.1:${app}/api/v1/me`, { authorization: `Bearer ${token}` });
  for (let i = 0; i < ROUNDS; i++) {
    bareRates.push(await run(`http://127.0.0.1:${bare}/bare`));
    authRates.push(await run(`http://127.0.0.1:${app}/api/v1/me`, { authorization: `Bearer ${token}` }));
  }
} finally {
  server.kill('SIGTERM');
}
const ratio = median(authRates) / median(bareRates);
console.log(
  `bare Fastify route:          ${bareRates.map((r) => r.toFixed(0)).join(', ')} req/s (median ${median(bareRates).toFixed(0)})`,
);
console.log(
  `authenticated GET /api/v1/me: ${authRates.map((r) => r.toFixed(0)).join(', ')} req/s (median ${median(authRates).toFixed(0)})`,
);
console.log(
  `ratio authenticated / bare: ${(ratio * 100).toFixed(0)} % (target ≥ 60 %) — ${ratio >= 0.6 ? 'meets the target' : 'BELOW the target'}`,
);
