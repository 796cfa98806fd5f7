import 'dotenv/config';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { systemClock } from '../clock.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { createAppContext, silentLog } from '../context.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { AppError } from '../errors.ts';
import { findUserByUsername } from '../repositories/users.repository.ts';
import { createAdminAccount, resetPassword } from '../services/account-admin.service.ts';
import { changeUser } from '../services/change-user.service.ts';
import { rotateEncryptionKey } from './rotate-key.command.ts';
import { rotateSigningKeyCommand } from './rotate-signing-key.command.ts';
import { backupCommand } from './backup.command.ts';
import { restoreCommand } from './restore.command.ts';
import { doctorCommand } from './doctor.command.ts';
import { Value } from '@sinclair/typebox/value';
import { Password, Username } from '../../contract/common.ts';

const USAGE = `Baseline admin tool — recovery when no admin can log in. Uses DATABASE_URL like the server.

  baseline create-admin <username> [--email <email>]   create an active admin account
  baseline reset-password <username>                    set a new password, end all sessions
  baseline set-role <username> <admin|user>             promote or demote (never the last admin)
  baseline enable <username>                            re-enable a disabled account
  baseline rotate-encryption-key                        re-encrypt integration tokens under a new key
                                                        (NEW_DATA_ENCRYPTION_KEY, or a new key file)
  baseline rotate-signing-key [--discard-unreadable]    new access-token signing key; the old one verifies
                                                        its tokens until they expire (no restart needed)
  baseline backup <folder>                              copy the SQLite database (while serving) and its key
                                                        file into a new or empty folder
  baseline restore <folder>                             put a backup into the empty data folder of DATABASE_URL
  baseline doctor                                       check the configuration, database, Redis, key file and
                                                        sign-in providers; says each fix; exit 1 on a problem

The password is read from standard input (one line) when it is not a terminal,
otherwise asked for twice at a hidden prompt.`;

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) return line;
    return '';
  }
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      const out = rl as unknown as { _writeToOutput: (s: string) => void };
      out._writeToOutput = (s: string) => process.stdout.write(s.startsWith(q) ? s : '');
      rl.question(q, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('New password: ');
  if ((await ask('Repeat it: ')) !== first) throw new Error('The two passwords differ.');
  return first;
}

/** The API's own password rule (contract/), so the command line cannot accept what the API refuses. */
function checkPassword(password: string): string {
  if (!Value.Check(Password, password)) {
    throw new Error(`The password must be ${Password.minLength} to ${Password.maxLength} characters.`);
  }
  return password;
}

async function run(argv: string[]): Promise<string> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      'discard-unreadable': { type: 'boolean' },
    },
  });
  const [command, username, arg] = positionals;
  if (values.help || !command) return USAGE;
  if (command === 'rotate-encryption-key') return rotateEncryptionKey(loadConfig());
  if (command === 'rotate-signing-key')
    return rotateSigningKeyCommand(loadConfig(), { discardUnreadable: values['discard-unreadable'] === true });
  if (command === 'backup') return backupCommand(loadConfig(), positionals.slice(1));
  if (command === 'restore') return restoreCommand(loadConfig(), positionals.slice(1));
  if (command === 'doctor') return doctorCommand(process.env, positionals.slice(1));
  if (!username) throw new Error(`Missing <username>.\n\n${USAGE}`);
  if (!Value.Check(Username, username)) throw new Error(`A username is ${Username.description}.`);

  const config = loadConfig();
  const database = openDatabase(config.databaseUrl, { poolSize: 2 });
  try {
    await migrateToLatest(database.db);
    const ctx = await createAppContext({ config, database, clock: systemClock, log: silentLog, issuesTokens: false });
    const find = async () => {
      const user = await findUserByUsername(ctx.db, username);
      if (!user) throw new Error(`No user named "${username}".`);
      return user;
    };
    switch (command) {
      case 'create-admin': {
        const user = await createAdminAccount(ctx, {
          username,
          email: values.email,
          password: checkPassword(await readPassword()),
        });
        return `Created admin "${user.username}" (${user.id}).`;
      }
      case 'reset-password': {
        await find();
        const user = await resetPassword(ctx, username, checkPassword(await readPassword()));
        return `Password of "${user.username}" reset; all of their sessions were ended.`;
      }
      case 'set-role': {
        if (arg !== 'admin' && arg !== 'user') throw new Error('set-role takes "admin" or "user".');
        const user = await changeUser(ctx, null, (await find()).id, { role: arg });
        return `"${user.username}" is now ${user.role}.`;
      }
      case 'enable': {
        const user = await changeUser(ctx, null, (await find()).id, { status: 'active' });
        return `"${user.username}" is enabled.`;
      }
      default:
        throw new Error(`Unknown command "${command}".\n\n${USAGE}`);
    }
  } finally {
    await database.db.destroy();
  }
}

run(process.argv.slice(2)).then(
  (message) => {
    console.log(message);
  },
  (err: unknown) => {
    const message =
      err instanceof AppError || err instanceof ConfigError || err instanceof Error ? err.message : String(err);
    console.error(`Error: ${message}`);
    process.exitCode = 1;
  },
);
