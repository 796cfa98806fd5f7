import { register, seedHealthRecords } from '../lib/api.ts';
import { uniqueName, type Scenario, type SuiteContext } from '../lib/context.ts';
import { median } from '../lib/load.ts';
import { ms } from '../lib/report.ts';

const RESTARTS = 3;
const GIB = 1024 ** 3;
const RECORD_BYTES = 60 * 1024;

async function restarts(ctx: SuiteContext): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < RESTARTS; i++) out.push(await ctx.restart());
  return out;
}

/** Server start to the first 200 from /readyz on an empty database (no accounts yet). */
export const startEmpty: Scenario = {
  id: 'start-empty',
  title: 'server start to /readyz on an empty database (runs before anything is created)',
  async run(ctx) {
    const first = ctx.shared.firstStartMs;
    const times = await restarts(ctx);
    const m = median(times);
    return [
      {
        id: 'start-empty',
        scenario: 'start to `/readyz`, empty database',
        result: `${ms(m)} (first start, creating the schema: ${ms(first)})`,
        target: '< 1 s',
        met: m < 1000 && first < 1000,
        data: { restarts: times, firstStartMs: first },
      },
    ];
  },
};

/** The same on a database grown past 1 GiB (everything the suite made, plus large health records). */
export const startLarge: Scenario = {
  id: 'start-1gb',
  title: 'server start to /readyz on a 1 GB database',
  async run(ctx) {
    let size = await ctx.writer.size();
    const t0 = performance.now();
    // a database may store the records smaller than their text (PostgreSQL compresses what it can): top up until it holds
    for (let pass = 0; size < GIB && pass < 4; pass++) {
      const { user } = await register(ctx.server.url, ctx.inviteCode, uniqueName('archive'));
      await seedHealthRecords(ctx.writer, user.id, Math.ceil((GIB - size) / RECORD_BYTES) + 64, RECORD_BYTES);
      size = await ctx.writer.size();
    }
    ctx.log(
      `  database at ${(size / GIB).toFixed(2)} GiB (${((performance.now() - t0) / 1000).toFixed(1)} s to grow it)`,
    );
    const times = await restarts(ctx);
    const m = median(times);
    return [
      {
        id: 'start-1gb',
        scenario: `start to \`/readyz\`, ${(size / GIB).toFixed(2)} GiB database`,
        result: ms(m),
        target: '< 1 s',
        met: m < 1000,
        data: { restarts: times, bytes: size },
      },
    ];
  },
};
