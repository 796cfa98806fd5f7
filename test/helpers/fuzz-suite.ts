import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from './factories.ts';
import { FakeClock } from './fake-clock.ts';
import { changedTables, databaseDigester } from './fuzz-digest.ts';
import { FuzzPrincipals } from './fuzz-principals.ts';
import { operationsOf, requestArbitrary, resolverOf, type FuzzRequest, type OpenApiDocument } from './fuzz-requests.ts';
import type { KnownValues } from './fuzz-values.ts';
import { bearer, body, createTestApp, type TestApp } from './test-app.ts';
import { dbKind } from './test-db.ts';

/** A token of the right shape that this server never signed (alg none). */
const FORGED_TOKEN = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwic2lkIjoieSJ9.';

/** What broke one of the rules, with the request that did it (values cut short for reading). */
interface Violation {
  rule: string;
  status: number;
  request: string;
  answer: string;
}

const cut = (s: string | undefined, n = 300) => (s === undefined ? '' : s.length > n ? `${s.slice(0, n)}…` : s);

/** Ids, usernames, invite codes and secrets the server knows now: valid-looking values reach past validation. */
async function knownValues(t: TestApp, principals: FuzzPrincipals): Promise<KnownValues> {
  const db = t.ctx.db;
  const strings = new Set<string>([PASSWORD, t.config.setupToken ?? '', ...principals.usernames()]);
  const columns: Record<string, string[]> = {};
  for (const table of await db.introspection.getTables()) {
    if (table.name.startsWith('kysely_')) continue;
    for (const column of table.columns.filter((c) => c.name === 'id' || c.name === 'code')) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table of the schema, by name
      const rows: Record<string, string>[] = await (db as any)
        .selectFrom(table.name)
        .select(column.name)
        .orderBy('id', 'desc')
        .limit(8)
        .execute();
      columns[`${table.name}.${column.name}`] = rows.map((r) => r[column.name]);
      rows.slice(0, 3).forEach((r) => strings.add(r[column.name]));
    }
  }
  return { strings: [...strings].filter(Boolean), columns };
}

/**
 * Property-based fuzzing of every operation the server publishes in its OpenAPI document:
 * `runs` generated requests (paths, queries and bodies from the schemas, mixed with hostile
 * values), sent as anonymous, a user, a disabled user, an admin and a forged token. Rules: never
 * a 5xx; every 4xx is problem+json with a `code`; a rejected non-GET changes no row of any
 * table (fuzz-digest.ts names the two legitimate exceptions). Set FUZZ_SEED to replay a run.
 */
export function defineFuzzSuite(runs: number): void {
  describe(`fuzzing the OpenAPI document's operations on ${dbKind}`, () => {
    let t: TestApp;
    const clock = new FakeClock(new Date('2026-06-01T12:00:00.000Z'));
    beforeAll(async () => {
      t = await createTestApp({ clock });
    });
    afterAll(() => t.close());

    it(
      `sends ${runs} generated requests: no 5xx, every 4xx a problem with a code, and no rejected request changes the database`,
      { timeout: 120_000 + runs * 60 },
      async () => {
        const doc = body(await t.app.inject({ url: '/api/v1/openapi.json' })) as OpenApiDocument;
        const ops = operationsOf(doc);
        expect(ops.length).toBeGreaterThan(30);
        const principals = new FuzzPrincipals(t.app, t.ctx);
        await principals.create();
        const known: KnownValues = await knownValues(t, principals);
        const digest = await databaseDigester(t.ctx.db, t.ctx.dialect);
        const arbitrary = requestArbitrary(ops, { known, now: () => clock.now().getTime(), resolve: resolverOf(doc) });

        const statuses = new Map<number, number>();
        const perOperation = new Map<string, Map<string, number>>(ops.map((o) => [`${o.method} ${o.path}`, new Map()]));
        const violations: Violation[] = [];
        let sent = 0;
        let lastDigest: string | null = null;

        const exercise = async (req: FuzzRequest) => {
          const token =
            req.caller === 'anonymous' ? null : req.caller === 'forged' ? FORGED_TOKEN : principals.tokens[req.caller];
          const mutating = req.method !== 'GET';
          const before = mutating ? (lastDigest ?? (await digest())) : null;
          const res = await t.app.inject({
            method: req.method as 'GET',
            url: req.url,
            headers: { ...req.headers, ...(token ? bearer(token) : {}) },
            ...(req.payload === undefined ? {} : { payload: req.payload }),
          });
          sent++;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const klass = `${Math.floor(res.statusCode / 100)}xx`;
          const tally = perOperation.get(req.operation)!;
          tally.set(klass, (tally.get(klass) ?? 0) + 1);
          const report = (rule: string) =>
            violations.push({
              rule,
              status: res.statusCode,
              request: `${req.caller} ${req.method} ${cut(req.url, 200)} ${JSON.stringify(req.headers)} ${cut(req.payload)}`,
              answer: cut(res.body),
            });
          if (res.statusCode >= 500) report('no 5xx');
          else if (res.statusCode >= 400) {
            const problem = String(res.headers['content-type']).startsWith('application/problem+json')
              ? body(res)
              : null;
            if (typeof problem?.code !== 'string' || problem.status !== res.statusCode)
              report('every 4xx is problem+json with a code');
          }
          // a GET the server accepted may write (an export is recorded); one it refused must not, and
          // if it did, the next non-GET's digest, taken before it, would show it
          if (!mutating && res.statusCode < 400) lastDigest = null;
          if (mutating && before !== null) {
            const after = await digest();
            if (res.statusCode >= 400 && after !== before)
              report(`a rejected request changes nothing (changed: ${changedTables(before, after).join(', ')})`);
            lastDigest = after;
          }
          if (mutating && res.statusCode < 400) {
            const restoredBefore = principals.restored;
            await principals.restore();
            if (principals.restored !== restoredBefore) lastDigest = null;
          }
          if (sent % 100 === 0) Object.assign(known, await knownValues(t, principals));
        };

        const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
        const started = Date.now();
        await fc.assert(fc.asyncProperty(arbitrary, exercise), { numRuns: runs, seed });
        const seconds = ((Date.now() - started) / 1000).toFixed(1);

        const histogram = Object.fromEntries([...statuses].sort(([a], [b]) => a - b));
        const accepted = [...statuses].filter(([s]) => s < 400).reduce((n, [, c]) => n + c, 0);
        const lines = [
          `fuzz ${dbKind}: ${sent} requests in ${seconds} s (seed ${seed}), ${ops.length} operations, ` +
            `${accepted} accepted, principals restored ${principals.restored} times`,
          `fuzz ${dbKind}: statuses ${JSON.stringify(histogram)}`,
          ...[...perOperation].map(([op, tally]) => `  ${op}: ${JSON.stringify(Object.fromEntries(tally))}`),
        ];
        console.log(lines.join('\n'));

        expect(violations.slice(0, 10), `${violations.length} violations (seed ${seed})`).toEqual([]);
        expect(sent).toBe(runs);
        // every operation was tried, and the generator gets past validation, not only bounced by it
        expect([...perOperation].filter(([, tally]) => tally.size === 0).map(([op]) => op)).toEqual([]);
        expect(accepted).toBeGreaterThan(runs / 20);
      },
    );
  });
}
