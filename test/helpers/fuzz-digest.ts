import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../server/db/database.ts';
import type { DB } from '../../server/db/schema.ts';

/**
 * What a rejected request may change, by name, and why: nothing else is left out of the digest.
 * A row filter keeps the rest of its table in the digest; `null` leaves the whole table out.
 */
const LEGITIMATE_CHANGES_ON_REJECTION: Record<string, { why: string; keep: string | null }> = {
  // a wrong password is counted (brute-force protection, per login name): the 401 writes it by design
  login_failures: { why: 'a failed login is counted', keep: null },
  // the failed login that completes a burst (5 in 15 minutes) or a lockout is audited with the 401 that crossed the
  // line; every other audit row counts
  audit_events: {
    why: 'a burst of failed logins, and the lockout it leads to, are audited',
    keep: `action not in ('auth.login_failure_burst', 'auth.login_locked')`,
  },
};

/** The tables the digest reads, with their row filter; Kysely's own migration tables are not the application's. */
async function tablesOf(db: Kysely<DB>): Promise<{ name: string; where: string | null }[]> {
  const tables = await db.introspection.getTables();
  return tables
    .map((t) => t.name)
    .filter((name) => !name.startsWith('kysely_'))
    .filter((name) => LEGITIMATE_CHANGES_ON_REJECTION[name]?.keep !== null)
    .sort()
    .map((name) => ({ name, where: LEGITIMATE_CHANGES_ON_REJECTION[name]?.keep ?? null }));
}

/**
 * A digest of every row of every application table (row counts plus a hash of all rows in a fixed
 * order), to prove that a rejected request changed nothing. PostgreSQL hashes in one round trip;
 * SQLite, in process, reads the rows and hashes them here.
 */
export async function databaseDigester(db: Kysely<DB>, dialect: DialectName): Promise<() => Promise<string>> {
  const tables = await tablesOf(db);
  if (dialect === 'postgres') {
    const query = tables
      .map(
        ({ name, where }) =>
          `select '${name}' as name, count(*)::int as n, ` +
          `md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as h from "${name}" t` +
          (where ? ` where ${where}` : ''),
      )
      .join(' union all ');
    return async () => {
      const { rows } = await sql<{ name: string; n: number; h: string }>`${sql.raw(query)}`.execute(db);
      return rows.map((r) => `${r.name}:${r.n}:${r.h}`).join(' ');
    };
  }
  return async () => {
    const parts: string[] = [];
    for (const { name, where } of tables) {
      const { rows } = await sql<Record<string, unknown>>`${sql.raw(
        `select * from "${name}"${where ? ` where ${where}` : ''}`,
      )}`.execute(db);
      const lines = rows.map((r) => JSON.stringify(r)).sort();
      parts.push(`${name}:${lines.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`);
    }
    return parts.join(' ');
  };
}

/** The first table whose count or hash differs between two digests, for the failure message. */
export function changedTables(before: string, after: string): string[] {
  const a = before.split(' ');
  const b = new Set(after.split(' '));
  return a.filter((part) => !b.has(part)).map((part) => part.split(':')[0]);
}
