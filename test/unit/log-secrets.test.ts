import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLogDir, report, SecretMatcher, type Secret } from '../../scripts/check-log-secrets.ts';
import { meaningful } from '../helpers/secret-recorder.ts';

/**
 * scripts/check-log-secrets.ts, the check `npm test` runs over the logs of the whole run: it must
 * find a secret wherever it sits in a line, say where without printing it, pass clean logs, and
 * refuse to pass when it saw no logs or no secrets.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiIwMWEyMiJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const PASSWORD = 'correct horse battery staple';
const CODE = 'Xk4-9pQr-77Lm';
const SECRETS: Secret[] = [
  { kind: 'accessToken', value: TOKEN },
  { kind: 'password', value: PASSWORD },
  { kind: 'code', value: CODE },
];

const line = (msg: object) => JSON.stringify({ level: 30, time: 1, pid: 1, hostname: 'vm', ...msg });
const CLEAN = [
  line({ req: { method: 'POST', url: '/api/v1/auth/login' }, msg: 'incoming request' }),
  line({ res: { statusCode: 200 }, msg: 'request completed' }),
  line({ req: { method: 'GET', url: '/api/v1/invites/[code]' }, msg: 'incoming request' }),
];

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A folder laid out as a test run leaves test-results/logs/. */
function runDir(logs: Record<string, string[]>, secrets: Secret[] = SECRETS): string {
  dir = mkdtempSync(join(tmpdir(), 'baseline-log-secrets-'));
  for (const [name, lines] of Object.entries(logs)) writeFileSync(join(dir, name), lines.join('\n') + '\n');
  if (secrets.length)
    writeFileSync(join(dir, 'secrets-sqlite-1.txt'), secrets.map((s) => JSON.stringify(s)).join('\n') + '\n');
  return dir;
}

describe('SecretMatcher', () => {
  const matcher = new SecretMatcher(SECRETS);

  it('finds each secret at the start, middle and end of a line, and nothing in a clean one', () => {
    expect(matcher.find(`${TOKEN} at the start`)).toEqual([SECRETS[0]]);
    expect(matcher.find(`{"authorization":"Bearer ${TOKEN}","x":1}`)).toEqual([SECRETS[0]]);
    expect(matcher.find(`password was ${PASSWORD}`)).toEqual([SECRETS[1]]);
    expect(matcher.find(`/register?invite=${CODE}&x=${PASSWORD}`)).toEqual([SECRETS[2], SECRETS[1]]);
    for (const clean of CLEAN) expect(matcher.find(clean)).toEqual([]);
  });

  it('wants the whole secret: a prefix or a secret cut short is not a finding', () => {
    expect(matcher.find(TOKEN.slice(0, -1))).toEqual([]);
    expect(matcher.find(`correct horse battery stapl`)).toEqual([]);
    expect(matcher.find(TOKEN.slice(1))).toEqual([]);
  });

  it('tells apart secrets that end alike', () => {
    const twins = [
      { kind: 'a', value: 'first-secret-ENDING12' },
      { kind: 'b', value: 'second-one-ENDING12' },
    ];
    const m = new SecretMatcher(twins);
    expect(m.find('x second-one-ENDING12 y')).toEqual([twins[1]]);
    expect(m.find('first-secret-ENDING12')).toEqual([twins[0]]);
  });
});

describe('check-log-secrets', () => {
  it('finds a planted secret and names its kind, a masked prefix and file:line — not the secret', async () => {
    const d = runDir({
      'app-sqlite-1.log': CLEAN,
      'server-stdout-sqlite-1-x.log': [...CLEAN, line({ headers: { authorization: `Bearer ${TOKEN}` } })],
    });
    const result = await checkLogDir(d);
    expect(result.findings).toEqual([
      { kind: 'accessToken', masked: 'eyJh… (72 characters)', file: join(d, 'server-stdout-sqlite-1-x.log'), line: 4 },
    ]);
    const { ok, lines } = report(result, d);
    expect(ok).toBe(false);
    const text = lines.join('\n');
    expect(text).toContain('accessToken eyJh… (72 characters) in ');
    expect(text).toContain('server-stdout-sqlite-1-x.log:4');
    expect(text).toContain('7 log lines in 2 files, 3 secrets, 1 found');
    expect(text).not.toContain(TOKEN);
  });

  it('passes clean logs and says how much it looked at', async () => {
    const { ok, lines } = report(await checkLogDir(runDir({ 'app-sqlite-1.log': CLEAN })), dir);
    expect(ok).toBe(true);
    expect(lines).toEqual(['check-log-secrets: 3 log lines in 1 files, 3 secrets, 0 found']);
  });

  it('refuses to pass when it saw no logs, no secrets, or no folder at all', async () => {
    const noLogs = report(await checkLogDir(runDir({})), dir);
    expect(noLogs.ok).toBe(false);
    expect(noLogs.lines.join('\n')).toMatch(/no logs .*\n.*proves nothing/);
    rmSync(dir, { recursive: true, force: true });
    const noSecrets = report(await checkLogDir(runDir({ 'app-sqlite-1.log': CLEAN }, [])), dir);
    expect(noSecrets.ok).toBe(false);
    expect(noSecrets.lines[0]).toMatch(/no secrets/);
    expect(report(await checkLogDir(join(dir, 'missing')), dir).ok).toBe(false);
  });

  it('lets the setup token stand in the start banner only, where the server prints it on purpose', async () => {
    const setup = { kind: 'SETUP_TOKEN', value: 'setup-0123456789abcdef' };
    const banner = [
      '  http://127.0.0.1:1234/setup?token=setup-0123456789abcdef',
      `    -d '{"setupToken":"setup-0123456789abcdef","username":"admin","password":"<a long passphrase>"}'`,
    ];
    const clean = await checkLogDir(runDir({ 'server-stdout-x.log': [...CLEAN, ...banner] }, [setup]));
    expect(clean.findings).toEqual([]);
    expect(clean.banners).toBe(2);
    rmSync(dir, { recursive: true, force: true });
    const logged = await checkLogDir(runDir({ 'server-stdout-x.log': [line({ token: setup.value })] }, [setup]));
    expect(logged.findings.map((f) => f.kind)).toEqual(['SETUP_TOKEN']);
  });

  it('leaves out a value a test put in a logged URL path itself, and says how many', async () => {
    const id = '01a22afe300500ba095c63dec1a0e64e';
    const d = runDir({ 'app-sqlite-1.log': [...CLEAN, line({ req: { url: `/api/v1/admin/users/${id}` } })] }, [
      ...SECRETS,
      { kind: 'password', value: id },
    ]);
    writeFileSync(join(d, 'secrets-sqlite-1.txt'), JSON.stringify({ exposed: id }) + '\n', { flag: 'a' });
    const result = await checkLogDir(d);
    expect(result.findings).toEqual([]);
    expect(result.exposed).toBe(1);
    expect(report(result, d).lines[0]).toMatch(/3 secrets, 0 found; 1 more left out: tests put them in URL paths/);
  });

  it('as a command: exit 1 on a finding, 0 on clean logs', () => {
    const run = (d: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-log-secrets.ts', d], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    const leaky = run(runDir({ 'app-sqlite-1.log': [...CLEAN, line({ body: { password: PASSWORD } })] }));
    expect(leaky.status, leaky.stderr).toBe(1);
    expect(leaky.stderr).toContain('password corr… (28 characters) in ');
    rmSync(dir, { recursive: true, force: true });
    const clean = run(runDir({ 'app-sqlite-1.log': CLEAN }));
    expect(clean.status, clean.stderr).toBe(0);
    expect(clean.stdout).toContain('3 log lines in 1 files, 3 secrets, 0 found');
  });
});

describe('which values the recorder keeps', () => {
  it('leaves out what would match any log by chance: short values, lowercase words and error codes, few characters', () => {
    expect(meaningful(PASSWORD)).toBe(true);
    expect(meaningful(TOKEN)).toBe(true);
    expect(meaningful(CODE)).toBe(true);
    for (const chance of ['short', 'password', 'invalid_credentials', 'aaaaaaaaaaaa', 'abababab'])
      expect(meaningful(chance), chance).toBe(false);
  });
});
