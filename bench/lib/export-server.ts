import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/database.ts';

/**
 * The export benchmark's server process: the real app, built as server/main.ts builds it, over
 * the suite's database, and beside it in the same process a plain HTTP server that streams N
 * bytes from one buffer — the yardstick "a plain stream of the same bytes from the same process".
 * It samples its own RSS while a download runs. Talks to the suite over IPC:
 * ready → start/started → stop/measured → exit.
 */

type Message = { type: 'start' } | { type: 'stop' } | { type: 'exit' };
const SAMPLE_MS = 50;

/**
 * Linux keeps the true peak RSS (VmHWM), which catches spikes between two samples; writing 5 to
 * clear_refs resets it to the current RSS. False where /proc is not there or not writable.
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

const config = loadConfig(process.env);
const database = openDatabase(config.databaseUrl);
const { app } = await buildApp({ config, database });
await app.listen({ port: 0, host: '127.0.0.1' });

const chunk = Buffer.alloc(64 * 1024, 'x');
const plain = createServer((req, res) => {
  let left = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('bytes'));
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  // honours backpressure, as the export does
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

let timer: NodeJS.Timeout | undefined;
let base = 0;
let peak = 0;
let samples = 0;
let kernelPeak = false;
process.on('message', (msg: Message) => {
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
    });
  } else {
    void app
      .close()
      .then(() => database.db.destroy())
      .then(() => plain.close())
      .then(() => process.exit(0));
  }
});
process.send?.({
  type: 'ready',
  port: (app.server.address() as { port: number }).port,
  plainPort: (plain.address() as { port: number }).port,
});
