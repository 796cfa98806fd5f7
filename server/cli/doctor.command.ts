import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { dataDirFor, openDatabase, type Database } from '../db/database.ts';
import { VERSION } from '../version.ts';
import {
  checkDataFolder,
  checkDatabase,
  checkKey,
  checkPublicUrl,
  checkRedisOf,
  sqliteFile,
  type Finding,
} from './doctor.checks.ts';
import { checkProviders } from './doctor.providers.ts';
import { describeRawSettings, describeSettings, scrub, secretsOf } from './doctor.settings.ts';

type Env = Record<string, string | undefined>;

/** ✓ ✗ on a terminal; words a script can grep (and any terminal can show) when the output is piped. */
function marks(tty: boolean): Record<Finding['status'], string> {
  return tty
    ? { ok: '✓', fail: '✗', warn: '!', info: '·' }
    : { ok: '[ok]  ', fail: '[FAIL]', warn: '[warn]', info: '[info]' };
}

/** Every check, in the order a person fixes things: the database first, the providers last. */
async function runChecks(config: Config, env: Env): Promise<Finding[]> {
  const file = sqliteFile(config);
  let database: Database | undefined;
  let openError: unknown;
  try {
    // a SQLite file that does not exist would be created by opening it: doctor only looks
    if (!file || existsSync(file)) database = openDatabase(config.databaseUrl, { poolSize: 1 });
  } catch (err) {
    openError = err; // SQLite opens (and reads the file's header) at once
  }
  try {
    // as the server finds it, without opening anything: a missing SQLite file is not created
    const dataDir = dataDirFor(config.databaseUrl);
    const [db, redis, providers] = await Promise.all([
      checkDatabase(config, database, openError),
      checkRedisOf(config),
      checkProviders(config),
    ]);
    const dbUsable = db.every((f) => f.status !== 'fail');
    return [
      { status: 'ok', title: 'Configuration: every variable is valid' },
      ...db,
      redis,
      ...(await checkKey(config, dataDir, dbUsable ? database : undefined)),
      checkDataFolder(config, dataDir),
      checkPublicUrl(config, !!env.PUBLIC_URL),
      ...providers,
    ];
  } finally {
    await database?.db.destroy();
  }
}

/**
 * The verdict for an environment: the effective configuration (secrets masked), then one line per
 * check with the fix under each problem, and whether all passed (warnings do not fail). A
 * configuration that does not load is itself the finding, said in its own words.
 */
export async function diagnose(env: Env, tty = false): Promise<{ text: string; ok: boolean }> {
  const lines = [`Baseline doctor, version ${VERSION}`, ''];
  let findings: Finding[] = [];
  let config: Config | undefined;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    findings = [
      {
        status: 'fail',
        title: `Configuration: ${err.message.replace(/^Invalid configuration: /, '')}`,
        fix: 'Correct that variable (README, "Configuration" lists each one); the other checks run once it loads.',
      },
    ];
  }
  if (config) {
    lines.push('Configuration (effective values; secrets masked):', ...describeSettings(config, env));
    findings = await runChecks(config, env);
  } else {
    lines.push('Configuration (as given; secrets masked):', ...describeRawSettings(env));
  }
  const mark = marks(tty);
  lines.push('', 'Checks:');
  for (const f of findings) {
    lines.push(`  ${mark[f.status]} ${f.title}`);
    if (f.fix) lines.push(`         Fix: ${f.fix}`);
  }
  const failed = findings.filter((f) => f.status === 'fail').length;
  const warned = findings.filter((f) => f.status === 'warn').length;
  lines.push(
    '',
    failed > 0
      ? `${failed} problem${failed === 1 ? '' : 's'} to fix${warned ? `, ${warned} warning${warned === 1 ? '' : 's'}` : ''}.`
      : `All checks passed${warned ? `, ${warned} warning${warned === 1 ? '' : 's'}` : ''}.`,
  );
  return { text: scrub(lines.join('\n'), secretsOf(env)), ok: failed === 0 };
}

/**
 * `baseline doctor`: prints the verdict and exits 1 when a check failed, so a deploy script can
 * stop on it. Takes the environment rather than a loaded Config: a configuration that does not
 * load is what doctor must explain, not a reason to fail before it runs.
 */
export async function doctorCommand(env: Env, args: string[]): Promise<string> {
  if (args.length > 0) throw new Error('baseline doctor takes no arguments; it reads the environment (and .env).');
  const { text, ok } = await diagnose(env, process.stdout.isTTY === true);
  if (!ok) process.exitCode = 1;
  return text;
}
