import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { newId } from '../../server/ids.ts';
import { DataCipher } from '../../server/lib/data-encryption.ts';
import { KEY_SET_SECRET, openKeySet } from '../../server/lib/signing-keys.ts';
import { insertUser } from '../../server/repositories/users.repository.ts';
import { FakeClock } from '../helpers/fake-clock.ts';
import { createUser, login } from '../helpers/factories.ts';
import { forge, kidOf, seconds } from '../helpers/forge-token.ts';
import { runCli } from '../helpers/run-cli.ts';
import { bearer, createTestApp, testConfig } from '../helpers/test-app.ts';
import { createTestDatabase } from '../helpers/test-db.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
const YEAR = 365 * DAY;

describe('upgrading a database whose signing key is in plain text', () => {
  it('seals the key at start: tokens already issued keep working, the plain row is gone', async () => {
    const clock = new FakeClock();
    const dataKey = randomBytes(32);
    const testDb = await createTestDatabase();
    const db = testDb.database.db;
    try {
      // the database as the previous version left it: the key in plain text, a signed-in admin
      const plainKey = randomBytes(32);
      const nowIso = clock.now().toISOString();
      await db
        .insertInto('server_secrets')
        .values({ name: 'access_token_hs256', value: plainKey.toString('base64'), created_at: nowIso })
        .execute();
      const admin = await insertUser(db, {
        id: newId(clock.now()),
        username: 'root',
        email: null,
        passwordHash: null,
        role: 'admin',
        inviteId: null,
        invitedById: null,
        now: nowIso,
      });
      const sid = newId(clock.now());
      await db
        .insertInto('sessions')
        .values({
          id: sid,
          user_id: admin.id,
          user_agent: null,
          created_at: nowIso,
          signed_in_at: nowIso,
          last_used_at: nowIso,
          expires_at: new Date(clock.now().getTime() + 30 * DAY).toISOString(),
        })
        .execute();
      // the previous version signed without kid and without iat
      const oldStyle = (exp: number) => forge(plainKey, { sub: admin.id, sid, iss: 'baseline', exp: seconds(exp) });
      const oldToken = oldStyle(clock.now().getTime() + 14 * MINUTE);

      const config = { ...testConfig({ DATA_ENCRYPTION_KEY: dataKey.toString('base64') }), databaseUrl: testDb.url };
      const { app } = await buildApp({ config, database: testDb.database, clock, logger: false });
      try {
        const me = (token: string) =>
          app.inject({ url: '/api/v1/me', headers: bearer(token) }).then((r) => r.statusCode);
        expect(await me(oldToken)).toBe(200);

        const rows = await db.selectFrom('server_secrets').selectAll().execute();
        expect(rows.map((r) => r.name)).not.toContain('access_token_hs256');
        for (const row of rows) {
          expect(row.value).not.toContain(plainKey.toString('base64'));
          expect(row.value).not.toContain(plainKey.toString('base64url'));
        }
        // sealed, retired at once (its plain copy is in every earlier backup), and a new key signs
        const keys = openKeySet(new DataCipher(dataKey), rows.find((r) => r.name === KEY_SET_SECRET)!.value);
        const adopted = keys.find((k) => k.key.equals(plainKey))!;
        expect(adopted).toMatchObject({ legacy: true, retiredAt: clock.now().toISOString() });

        // a thief with an old backup holds the plain key: once the old tokens' lifetime is over, it signs nothing
        expect(await me(oldStyle(clock.now().getTime() + 10 * YEAR))).toBe(401);
        clock.advance(16 * MINUTE + SECOND);
        expect(await me(oldToken)).toBe(401);
        const at = clock.now().getTime();
        expect(await me(oldStyle(at + 10 * MINUTE))).toBe(401);
        const withIat = { sub: admin.id, sid, iss: 'baseline', iat: seconds(at), exp: seconds(at + 10 * MINUTE) };
        expect(await me(forge(plainKey, withIat))).toBe(401);
      } finally {
        await app.close();
      }
    } finally {
      await testDb.drop();
    }
  });
});

describe('rotating the data encryption key', () => {
  it('seals the signing keys again, so the server starts with the new key and tokens keep working', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const t = await createTestApp({ env: { DATA_ENCRYPTION_KEY: oldKey.toString('base64') } });
    try {
      await createUser(t.ctx, { username: 'alice' });
      const { accessToken } = await login(t.app, 'alice');
      const res = await runCli(['rotate-encryption-key'], {
        env: {
          DATABASE_URL: t.config.databaseUrl,
          DATA_ENCRYPTION_KEY: oldKey.toString('base64'),
          NEW_DATA_ENCRYPTION_KEY: newKey.toString('base64'),
        },
      });
      expect(res.err).toBe('');
      expect(res.out).toContain('signing keys were sealed again under the new key');
      const sealed = await t.ctx.db
        .selectFrom('server_secrets')
        .select('value')
        .where('name', '=', KEY_SET_SECRET)
        .executeTakeFirstOrThrow();
      expect(openKeySet(new DataCipher(newKey), sealed.value).map((k) => k.kid)).toContain(kidOf(accessToken));

      // a server with only the old key cannot open them any more; one with the new key starts as before
      const withOld = { ...t.config, dataEncryptionKey: oldKey };
      await expect(buildApp({ config: withOld, database: t.testDb.database, logger: false })).rejects.toThrow(
        /cannot be opened with this data key/,
      );
      const withNew = { ...t.config, dataEncryptionKey: newKey };
      const restarted = await buildApp({ config: withNew, database: t.testDb.database, logger: false });
      try {
        const me = await restarted.app.inject({ url: '/api/v1/me', headers: bearer(accessToken) });
        expect(me.statusCode).toBe(200);
      } finally {
        await restarted.app.close();
      }
    } finally {
      await t.close();
    }
  });
});

describe('losing the data key', () => {
  it('stops the start with a clear message; rotate-signing-key --discard-unreadable starts a new set', async () => {
    const lostKey = randomBytes(32);
    const t = await createTestApp({ env: { DATA_ENCRYPTION_KEY: lostKey.toString('base64') } });
    try {
      await createUser(t.ctx, { username: 'alice' });
      const { accessToken } = await login(t.app, 'alice');
      const replacement = randomBytes(32);
      const config = { ...t.config, dataEncryptionKey: replacement };
      await expect(buildApp({ config, database: t.testDb.database, logger: false })).rejects.toThrow(
        /cannot be opened with this data key.*--discard-unreadable/,
      );
      const env = { DATABASE_URL: t.config.databaseUrl, DATA_ENCRYPTION_KEY: replacement.toString('base64') };
      const refused = await runCli(['rotate-signing-key'], { env });
      expect(refused.code).toBe(1);
      const res = await runCli(['rotate-signing-key', '--discard-unreadable'], { env });
      expect(res.err).toBe('');
      expect(res.out).toContain('could not be opened and was discarded');

      const restarted = await buildApp({ config, database: t.testDb.database, logger: false });
      try {
        const me = (token: string) => restarted.app.inject({ url: '/api/v1/me', headers: bearer(token) });
        expect((await me(accessToken)).statusCode).toBe(401);
        expect((await me((await login(restarted.app, 'alice')).accessToken)).statusCode).toBe(200);
      } finally {
        await restarted.app.close();
      }
    } finally {
      await t.close();
    }
  });
});
