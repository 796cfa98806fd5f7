import { availableParallelism } from 'node:os';
import { verify } from '@node-rs/argon2';
import { hashPassword } from '../../server/lib/passwords.ts';
import { PASSWORD, register } from '../lib/api.ts';
import { uniqueName, type Scenario } from '../lib/context.ts';
import { load, median, percentile } from '../lib/load.ts';
import { ms, pct, perSecond } from '../lib/report.ts';

const ACCOUNTS = 8;
const SECONDS = 4;
const ROUNDS = 2;

/**
 * The machine's argon2id ceiling: verifications per second of a hash with the server's own
 * parameters, as many at once as the cores can run (two per core, as the server allows), in this
 * process while the server is idle. No server can sign people in faster than this.
 */
async function argon2Ceiling(hash: string, seconds: number): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      await verify(hash, PASSWORD);
      done++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 2 * availableParallelism() }, worker));
  return done / ((performance.now() - t0) / 1000);
}

/** /healthz latencies, one request after another, until `until` settles. */
async function probeWhile(url: string, until: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void until.finally(() => (finished = true));
  const out: number[] = [];
  while (!finished) {
    const t0 = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Sign-ins per second against the argon2id ceiling, and /healthz while sign-ins saturate the CPU. */
export const login: Scenario = {
  id: 'login',
  title: 'POST /api/v1/auth/login against the argon2id ceiling; /healthz p99 meanwhile',
  async run(ctx) {
    // several accounts, as on a real server: the figure is people signing in, not one account hammered
    const names: string[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const name = uniqueName('login');
      await register(ctx.server.url, ctx.inviteCode, name);
      names.push(name);
    }
    const bodies = names.map((username) => JSON.stringify({ username, password: PASSWORD }));
    const hash = await hashPassword(PASSWORD);
    const idle = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      await (await fetch(`${ctx.server.url}/healthz`)).arrayBuffer();
      idle.push(performance.now() - t0);
    }
    await load({ url: `${ctx.server.url}/api/v1/auth/login`, method: 'POST', bodies, connections: 16, seconds: 1 });
    const ceilings: number[] = [];
    const logins: number[] = [];
    const probes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      ceilings.push(await argon2Ceiling(hash, SECONDS));
      const run = load({
        url: `${ctx.server.url}/api/v1/auth/login`,
        method: 'POST',
        bodies,
        connections: 16,
        seconds: SECONDS,
      });
      probes.push(...(await probeWhile(`${ctx.server.url}/healthz`, run)));
      logins.push((await run).rps);
    }
    const ceiling = median(ceilings);
    const rate = median(logins);
    const ratio = rate / ceiling;
    const p99 = percentile(probes, 99);
    ctx.shared.loginRps = rate;
    return [
      {
        id: 'login',
        scenario: '`POST /api/v1/auth/login`',
        result: `${perSecond(rate)} = ${pct(ratio)} of the argon2id ceiling (${perSecond(ceiling)})`,
        target: '≥ 85 % of the ceiling',
        met: ratio >= 0.85,
        ratio: { value: ratio, target: 0.85, of: 'argon2id ceiling' },
        data: { logins, ceilings, ratio, accounts: ACCOUNTS, connections: 16 },
      },
      {
        id: 'healthz-under-login',
        scenario: '`/healthz` p99 while sign-ins saturate the CPU',
        result: `${ms(p99)} (${probes.length} probes; idle p99 ${ms(percentile(idle, 99))})`,
        target: '< 50 ms',
        met: p99 < 50,
        data: { p99, p50: percentile(probes, 50), probes: probes.length, idleP99: percentile(idle, 99) },
      },
    ];
  },
};
