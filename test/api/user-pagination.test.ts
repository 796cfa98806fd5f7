import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, body, createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser, login } from '../helpers/factories.ts';
import { newId } from '../../server/ids.ts';
import { insertUser } from '../../server/repositories/users.repository.ts';

describe('admin user list pagination at 1,000 users', () => {
  let t: TestApp;
  let token: string;
  const names: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    await createUser(t.ctx, { username: 'root', role: 'admin' });
    token = (await login(t.app, 'root')).accessToken;
    names.push('root');
    const now = new Date().toISOString();
    await t.ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 999; i++) {
        // mixed case and shared prefixes, so ordering and ties are exercised
        const username = `${i % 3 === 0 ? 'User' : 'user'}${String((i * 7919) % 1000).padStart(4, '0')}${i % 2 ? '.x' : ''}`;
        names.push(username);
        await insertUser(trx, {
          id: newId(),
          username,
          email: i % 5 === 0 ? `${username}@mail.example` : null,
          passwordHash: null,
          role: 'user',
          inviteId: null,
          invitedById: null,
          now,
        });
      }
    });
  });
  afterAll(() => t.close());

  async function visitAll(query: string, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await t.app.inject({
        url: `/api/v1/admin/users?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`,
        headers: bearer(token),
      });
      expect(res.statusCode).toBe(200);
      const page = body(res);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((u: { username: string }) => u.username));
      cursor = page.nextCursor;
      pages++;
      expect(pages).toBeLessThan(1000);
    } while (cursor);
    return seen;
  }

  it.each([7, 50, 200])('visits every user exactly once, in username order, %i per page', async (limit) => {
    const seen = await visitAll('', limit);
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);
    expect(seen).toEqual(
      [...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)),
    );
  });

  it('pages a search the same way', async () => {
    const seen = await visitAll('&q=mail.example', 13);
    expect(seen).toHaveLength(200);
    expect(new Set(seen).size).toBe(200);
  });
});
