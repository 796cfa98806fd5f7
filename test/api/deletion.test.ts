import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser, login } from '../helpers/factories.ts';
import { foreignKeys, keyOf, ownedRows, tableNames, type ForeignKey } from '../helpers/catalog.ts';
import { SAMPLES } from '../helpers/health-samples.ts';
import { newId } from '../../server/ids.ts';
import { insertIdentity } from '../../server/repositories/identities.repository.ts';

/** Tables reachable from users through ON DELETE CASCADE, from the catalogue alone. */
function cascadeTables(fks: ForeignKey[]): Set<string> {
  const reach = new Set<string>(['users']);
  let grew = true;
  while (grew) {
    grew = false;
    for (const fk of fks) {
      if (fk.onDelete.toUpperCase() === 'CASCADE' && reach.has(fk.refTable) && !reach.has(fk.table)) {
        reach.add(fk.table);
        grew = true;
      }
    }
  }
  return reach;
}

describe('deleting an account removes all of its data, in one transaction', () => {
  let t: TestApp;
  let rootToken: string;
  beforeEach(async () => {
    t = await createTestApp({ env: { REQUIRE_INVITE: 'false' } });
    await createUser(t.ctx, { username: 'root', role: 'admin' });
    rootToken = (await login(t.app, 'root')).accessToken;
  });
  afterEach(() => t.close());

  /** A user with rows in every table that can hold a user's data, made through the API where one exists. */
  async function richUser(username: string): Promise<string> {
    const user = await createUser(t.ctx, { username, role: 'admin', email: `${username}@example.org` });
    const first = await login(t.app, username);
    const { accessToken } = body(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        payload: { refreshToken: first.refreshToken },
      }),
    );
    for (const sample of SAMPLES) {
      const res = await t.app.inject({
        method: 'POST',
        url: sample.path,
        headers: bearer(accessToken),
        payload: sample.create,
      });
      expect(res.statusCode, `${sample.path}: ${res.body}`).toBe(201);
    }
    expect(
      (await t.app.inject({ url: '/api/v1/me/export?format=json', headers: bearer(accessToken) })).statusCode,
    ).toBe(200);
    // a download link not yet followed (export_tickets)
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/me/export/link',
          headers: bearer(accessToken),
          payload: { format: 'zip' },
        })
      ).statusCode,
    ).toBe(201);
    const invite = body(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/invites',
        headers: bearer(accessToken),
        payload: { label: `from ${username}` },
      }),
    );
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { username: `${username}-friend`, password: 'friend passphrase', inviteCode: invite.code },
    });
    // a link nonce, issued to this account (provider_nonces.user_id)
    const nonce = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/identities/nonce',
      headers: bearer(accessToken),
    });
    expect(nonce.statusCode).toBe(201);
    await insertIdentity(t.ctx.db, {
      id: newId(),
      user_id: user.id,
      provider: 'google',
      subject: `sub-${username}`,
      email: null,
      created_at: new Date().toISOString(),
    });
    return user.id;
  }

  it('leaves no row of the user in any table found in the catalogue, and nothing of anyone else is lost', async () => {
    const fks = await foreignKeys(t.ctx.db, t.ctx.dialect);
    const victim = await richUser('victim');
    const bystander = await richUser('bystander');

    const before = await ownedRows(t.ctx.db, fks, victim);
    // the fixture must cover every table that can hold a user's data, or the test proves nothing
    const expected = [...cascadeTables(fks)].sort();
    expect([...before.keys()].sort()).toEqual(expected);
    expect(expected).toEqual(
      expect.arrayContaining([
        'users',
        'sessions',
        'refresh_tokens',
        'identities',
        'exports',
        'health_records',
        'check_ins',
        'interventions',
        'observations',
        'lab_results',
        'integrations',
        'export_tickets',
      ]),
    );
    const bystanderBefore = await ownedRows(t.ctx.db, fks, bystander);

    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/users/${victim}`,
      headers: bearer(rootToken),
    });
    expect(res.statusCode).toBe(204);

    for (const [table, ids] of before) {
      const left = await sql<{
        n: number;
      }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(keyOf(table))} in (${sql.join(ids)})`.execute(
        t.ctx.db,
      );
      expect(Number(left.rows[0].n), `rows left in ${table}`).toBe(0);
    }
    for (const fk of fks.filter((f) => f.refTable === 'users')) {
      const left = await sql<{
        n: number;
      }>`select count(*) as n from ${sql.table(fk.table)} where ${sql.ref(fk.column)} = ${victim}`.execute(t.ctx.db);
      expect(Number(left.rows[0].n), `${fk.table}.${fk.column} still points at the user`).toBe(0);
    }
    expect(await ownedRows(t.ctx.db, fks, bystander)).toEqual(bystanderBefore);
    // what the deleted admin did stays, without them: their invite still exists, its creator unknown
    const invites = await t.ctx.db
      .selectFrom('invites')
      .select(['label', 'created_by_id'])
      .where('label', '=', 'from victim')
      .execute();
    expect(invites).toEqual([{ label: 'from victim', created_by_id: null }]);
    if (t.ctx.dialect === 'sqlite') expect((await sql`pragma foreign_key_check`.execute(t.ctx.db)).rows).toEqual([]);
    expect(await tableNames(t.ctx.db, t.ctx.dialect)).toContain('audit_events');
  });

  it('rolls back entirely when the deletion fails halfway', async () => {
    const fks = await foreignKeys(t.ctx.db, t.ctx.dialect);
    const victim = await richUser('sturdy');
    const before = await ownedRows(t.ctx.db, fks, victim);
    const auditBefore = await t.ctx.db.selectFrom('audit_events').selectAll().orderBy('id').execute();

    // a real failure inside the database, after some rows were already deleted by the cascade
    if (t.ctx.dialect === 'sqlite') {
      await sql`create trigger fail_lab_delete before delete on lab_results begin select raise(abort, 'injected failure'); end`.execute(
        t.ctx.db,
      );
    } else {
      await sql`create function fail_lab_delete() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`.execute(
        t.ctx.db,
      );
      await sql`create trigger fail_lab_delete before delete on lab_results for each row execute function fail_lab_delete()`.execute(
        t.ctx.db,
      );
    }
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/users/${victim}`,
      headers: bearer(rootToken),
    });
    expect(res.statusCode).toBe(500);
    expect(body(res).code).toBe('internal_error');

    expect(await ownedRows(t.ctx.db, fks, victim)).toEqual(before);
    expect(await t.ctx.db.selectFrom('audit_events').selectAll().orderBy('id').execute()).toEqual(auditBefore);
    expect((await login(t.app, 'sturdy')).user.id).toBe(victim);

    await sql`drop trigger fail_lab_delete ${t.ctx.dialect === 'postgres' ? sql`on lab_results` : sql``}`.execute(
      t.ctx.db,
    );
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/users/${victim}`, headers: bearer(rootToken) }))
        .statusCode,
    ).toBe(204);
  });
});
