import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { register, seedObservations, signIn } from '../lib/api.ts';
import { uniqueName, type Scenario } from '../lib/context.ts';
import { ROOT, serverEnv } from '../lib/processes.ts';
import { pct, perSecond } from '../lib/report.ts';

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
const LIMIT_MIB = 64;
const MIB = 1024 * 1024;

type Ready = { type: 'ready'; port: number; plainPort: number };
type Measured = { type: 'measured'; baseRss: number; peakRss: number; samples: number; kernelPeakRss: number | null };
type FromChild = Ready | Measured | { type: 'started' };

function next<T extends FromChild>(child: ChildProcess, type: T['type']): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: T) => {
      if (msg.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(msg);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`the export server exited (${code}) while waiting for "${type}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Downloads a URL while the server samples its RSS; counts bytes and occurrences of a marker. */
async function download(child: ChildProcess, url: string, token: string, marker: string) {
  const started = next(child, 'started');
  child.send({ type: 'start' });
  await started;
  const t0 = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200 || !res.body) throw new Error(`GET ${url} answered ${res.status}`);
  let bytes = 0;
  let hits = 0;
  let tail = '';
  const decoder = new TextDecoder();
  for await (const part of res.body) {
    bytes += part.byteLength;
    if (marker === '') continue;
    const text = tail + decoder.decode(part, { stream: true });
    hits += text.split(marker).length - 1;
    tail = text.slice(text.length - (marker.length - 1));
  }
  const seconds = (performance.now() - t0) / 1000;
  const done = next<Measured>(child, 'measured');
  child.send({ type: 'stop' });
  const m = await done;
  // the larger of the sampled peak and the kernel's high-water mark, when it has one
  const growthMiB = (Math.max(m.peakRss, m.kernelPeakRss ?? 0) - m.baseRss) / MIB;
  return {
    bytes,
    hits,
    seconds,
    growthMiB,
    baseMiB: m.baseRss / MIB,
    samples: m.samples,
    kernelPeak: m.kernelPeakRss !== null,
  };
}

/**
 * A person with 1,000,000 observations downloads the JSON export, from the real app in a process
 * that also serves a plain stream of the same number of bytes: the export's throughput as a
 * share of the plain stream's, and the server's RSS growth during it.
 */
export const exportData: Scenario = {
  id: 'export',
  title: 'JSON export of a person with 1,000,000 observations, against a plain stream',
  async run(ctx) {
    const name = uniqueName('exporter');
    const { user } = await register(ctx.server.url, ctx.inviteCode, name);
    const t0 = performance.now();
    await seedObservations(ctx.writer, user.id, ROWS);
    ctx.log(
      `  ${ROWS.toLocaleString('en')} observations inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const { accessToken } = await signIn(ctx.server.url, name);
    const child = fork(fileURLToPath(new URL('../lib/export-server.ts', import.meta.url)), [], {
      cwd: ROOT,
      execArgv: ['--expose-gc', '--import', 'tsx'],
      env: serverEnv(ctx.env, 0),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    try {
      const ready = await next<Ready>(child, 'ready');
      const exp = await download(
        child,
        `http://127.0.0.1:${ready.port}/api/v1/me/export?format=json`,
        accessToken,
        '"observedAt":',
      );
      const plain = await download(child, `http://127.0.0.1:${ready.plainPort}/?bytes=${exp.bytes}`, accessToken, '');
      const ratio = exp.bytes / exp.seconds / (plain.bytes / plain.seconds);
      const rowsPerSecond = exp.hits / exp.seconds;
      return [
        {
          id: 'export',
          scenario: `JSON export, ${ROWS.toLocaleString('en')} observations`,
          result: `${pct(ratio)} of a plain stream (${perSecond(rowsPerSecond)} rows, ${(exp.bytes / MIB / exp.seconds).toFixed(0)} MiB/s)${exp.hits === ROWS ? '' : ` (ONLY ${exp.hits} ROWS)`}`,
          target: '≥ 25 % of a plain stream',
          met: ratio >= 0.25 && exp.hits === ROWS,
          ratio: { value: ratio, target: 0.25, of: 'plain stream, same process' },
          data: {
            rows: exp.hits,
            exportBytes: exp.bytes,
            exportSeconds: exp.seconds,
            rowsPerSecond,
            plainSeconds: plain.seconds,
            ratio,
          },
        },
        {
          id: 'export-rss',
          scenario: 'server RSS growth during that export',
          result: `${exp.growthMiB.toFixed(1)} MiB (from ${exp.baseMiB.toFixed(0)} MiB; ${exp.samples} samples${exp.kernelPeak ? ' + kernel high-water mark' : ''})`,
          target: `< ${LIMIT_MIB} MiB`,
          met: exp.growthMiB < LIMIT_MIB,
          data: { growthMiB: exp.growthMiB, baseMiB: exp.baseMiB, plainGrowthMiB: plain.growthMiB },
        },
      ];
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'exit' });
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      child.kill('SIGKILL');
    }
  },
};
