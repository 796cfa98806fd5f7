import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';

/**
 * Export memory benchmark (issue 5): a user with 1,000,000 observations downloads the JSON
 * export over HTTP from a real server. The server runs in a child process that samples its
 * own RSS every 50 ms; the peak growth over the RSS before the download must stay under
 * 64 MiB. For scale, the same server process then streams the same number of plain bytes
 * from memory (no database, no JSON), and the export's throughput is quoted against it.
 */

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
const LIMIT_MIB = 64;
const SAMPLE_MS = 50;
const MIB = 1024 * 1024;

type Ready = { type: 'ready'; port: number; plainPort: number; token: string; insertSeconds: number };
type Measured = { type: 'measured'; baseRss: number; peakRss: number; samples: number; kernelPeakRss: number | null };
type FromChild = Ready | Measured;

// ---------------------------------------------------------------- server side (child process)

/**
 * Linux keeps the true peak RSS (VmHWM), which catches spikes between two samples; writing 5
 * to clear_refs resets it to the current RSS. Null where /proc is not there or not writable.
 */
function resetKernelPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function kernelPeakRss(): number | null {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : null;
}

async function serve(dir: string): Promise<void> {
  const { buildApp } = await import('../server/app.ts');
  const { loadConfig } = await import('../server/config.ts');
  const { openDatabase } = await import('../server/db/database.ts');
  const { migrateToLatest } = await import('../server/db/migrate.ts');
  const { newId } = await import('../server/ids.ts');
  const { insertUser } = await import('../server/repositories/users.repository.ts');
  const { hashPassword } = await import('../server/lib/passwords.ts');

  const file = join(dir, 'bench.db');
  const config = loadConfig({
    DATABASE_URL: `sqlite:${file}`,
    RATE_LIMITS: 'off',
    LOG_LEVEL: 'silent',
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  });
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  const now = new Date();
  const password = 'bench passphrase';
  const user = await insertUser(database.db, {
    id: newId(now),
    username: 'bench',
    email: null,
    passwordHash: await hashPassword(password),
    role: 'user',
    inviteId: null,
    invitedById: null,
    now: now.toISOString(),
  });

  // Bulk insert through a second connection: one prepared statement, one transaction per 50,000 rows.
  const started = Date.now();
  const raw = new SQLite(file);
  const insert = raw.prepare(
    'insert into observations (id, user_id, observed_at, metric, value, unit, intervention_id, notes, created_at, updated_at) values (?, ?, ?, ?, ?, ?, null, ?, ?, ?)',
  );
  const metrics = ['heart-rate', 'steps', 'weight', 'glucose'];
  const t0 = Date.UTC(2020, 0, 1);
  const batch = raw.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const at = new Date(t0 + i * 30_000);
      const stamp = at.toISOString();
      insert.run(
        newId(at),
        user.id,
        stamp,
        metrics[i % 4],
        40 + (i % 1000) / 10,
        'unit',
        i % 10 === 0 ? 'after a walk' : null,
        stamp,
        stamp,
      );
    }
  });
  for (let i = 0; i < ROWS; i += 50_000) batch(i, Math.min(ROWS, i + 50_000));
  raw.close();
  const insertSeconds = (Date.now() - started) / 1000;

  const { app } = await buildApp({ config, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'bench', password },
  });
  const token = (JSON.parse(login.body) as { accessToken: string }).accessToken;

  // The plain baseline: N bytes from one preallocated buffer, honouring backpressure.
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const plain = createServer((req, res) => {
    let left = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('bytes'));
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    const pump = () => {
      while (left > 0) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= piece.length;
        if (!res.write(piece)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  const plainPort = (plain.address() as { port: number }).port;

  let timer: NodeJS.Timeout | undefined;
  let base = 0;
  let peak = 0;
  let samples = 0;
  let kernelPeak = false;
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'start') {
      globalThis.gc?.();
      base = process.memoryUsage().rss;
      kernelPeak = resetKernelPeak();
      peak = base;
      samples = 0;
      timer = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
        samples++;
      }, SAMPLE_MS);
      process.send?.({ type: 'started' });
    } else if (msg.type === 'stop') {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      process.send?.({
        type: 'measured',
        baseRss: base,
        peakRss: peak,
        samples,
        kernelPeakRss: kernelPeak ? kernelPeakRss() : null,
      } satisfies Measured);
    } else if (msg.type === 'exit') {
      void app
        .close()
        .then(() => database.db.destroy())
        .then(() => plain.close())
        .then(() => process.exit(0));
    }
  });
  process.send?.({ type: 'ready', port, plainPort, token, insertSeconds } satisfies Ready);
}

// ---------------------------------------------------------------- client side (this process)

function next<T extends FromChild | { type: 'started' }>(child: ChildProcess, type: T['type']): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: T) => {
      if (msg.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(msg);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`server process exited (${code}) while waiting for "${type}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Downloads a URL while the server samples its RSS; counts bytes and occurrences of a marker. */
async function measure(child: ChildProcess, url: string, token: string, marker: string) {
  const started = next(child, 'started');
  child.send({ type: 'start' });
  await started;
  const t0 = process.hrtime.bigint();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200 || !res.body) throw new Error(`GET ${url} answered ${res.status}`);
  let bytes = 0;
  let hits = 0;
  let tail = '';
  const decoder = new TextDecoder();
  for await (const part of res.body) {
    bytes += part.byteLength;
    const text = tail + decoder.decode(part, { stream: true });
    if (marker === '') continue;
    hits += text.split(marker).length - 1;
    tail = text.slice(text.length - (marker.length - 1));
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const done = next<Measured>(child, 'measured');
  child.send({ type: 'stop' });
  const m = await done;
  // the larger of the sampled peak and the kernel's high-water mark, when it has one
  const peak = Math.max(m.peakRss, m.kernelPeakRss ?? 0);
  return {
    bytes,
    hits,
    seconds,
    growthMiB: (peak - m.baseRss) / MIB,
    sampledGrowthMiB: (m.peakRss - m.baseRss) / MIB,
    kernelPeak: m.kernelPeakRss !== null,
    baseMiB: m.baseRss / MIB,
    samples: m.samples,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'baseline-bench-'));
  const self = fileURLToPath(import.meta.url);
  const child = fork(self, ['--server', dir], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    console.log(`inserting ${ROWS.toLocaleString('en')} observations for one user (SQLite, temp file)…`);
    const ready = await next<Ready>(child, 'ready');
    console.log(`inserted in ${ready.insertSeconds.toFixed(1)} s; server listening on port ${ready.port}`);

    const exp = await measure(
      child,
      `http://127.0.0.1:${ready.port}/api/v1/me/export?format=json`,
      ready.token,
      '"observedAt":',
    );
    const plain = await measure(child, `http://127.0.0.1:${ready.plainPort}/?bytes=${exp.bytes}`, ready.token, '');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send({ type: 'exit' });
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);

    const mb = (b: number) => (b / MIB).toFixed(1);
    const result = {
      rows: exp.hits,
      exportBytes: exp.bytes,
      exportSeconds: Number(exp.seconds.toFixed(2)),
      rowsPerSecond: Math.round(exp.hits / exp.seconds),
      exportMiBPerSecond: Number((exp.bytes / MIB / exp.seconds).toFixed(1)),
      peakRssGrowthMiB: Number(exp.growthMiB.toFixed(1)),
      sampledPeakRssGrowthMiB: Number(exp.sampledGrowthMiB.toFixed(1)),
      kernelHighWaterMark: exp.kernelPeak,
      rssBeforeMiB: Number(exp.baseMiB.toFixed(1)),
      rssSamples: exp.samples,
      plainMiBPerSecond: Number((plain.bytes / MIB / plain.seconds).toFixed(1)),
      plainPeakRssGrowthMiB: Number(plain.growthMiB.toFixed(1)),
      throughputRatio: Number((exp.bytes / exp.seconds / (plain.bytes / plain.seconds)).toFixed(3)),
    };
    console.log(
      `JSON export: ${result.rows.toLocaleString('en')} rows, ${mb(exp.bytes)} MiB in ${exp.seconds.toFixed(1)} s`,
    );
    console.log(`  ${result.rowsPerSecond.toLocaleString('en')} rows/s, ${result.exportMiBPerSecond} MiB/s`);
    console.log(
      `  server peak RSS growth ${result.peakRssGrowthMiB} MiB (from ${result.rssBeforeMiB} MiB; sampled every ${SAMPLE_MS} ms: ${result.sampledPeakRssGrowthMiB} MiB over ${exp.samples} samples; kernel high-water mark ${exp.kernelPeak ? 'used' : 'unavailable'}; limit ${LIMIT_MIB} MiB)`,
    );
    console.log(
      `plain stream of the same size, same process: ${result.plainMiBPerSecond} MiB/s, peak RSS growth ${result.plainPeakRssGrowthMiB} MiB`,
    );
    console.log(`export throughput = ${(result.throughputRatio * 100).toFixed(1)}% of the plain stream's`);
    const resultsDir = join(dirname(self), 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      join(resultsDir, 'export-memory.json'),
      JSON.stringify({ at: new Date().toISOString(), node: process.version, ...result }, null, 2) + '\n',
    );

    if (result.rows !== ROWS) throw new Error(`the export held ${result.rows} observations, not ${ROWS}`);
    if (result.peakRssGrowthMiB >= LIMIT_MIB)
      throw new Error(`peak RSS grew ${result.peakRssGrowthMiB} MiB, over the ${LIMIT_MIB} MiB limit`);
    console.log(`ok: RSS growth ${result.peakRssGrowthMiB} MiB < ${LIMIT_MIB} MiB`);
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--server') {
  serve(process.argv[3]).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
