import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureMobilePackages, ROOT } from './expo.ts';
import { MOBILE_STEPS, runStep, summarize, type Outcome } from './test-mobile.ts';

/**
 * `npm test`, README's one test command: the server suite (vitest: both databases, the
 * dashboard in Chromium), then the iOS app's part (its screen tests, the iOS build check, the
 * screenshots of its web build), then scripts/check-log-secrets.ts: no password, token or invite
 * code the tests used appears in the logs they produced (test-results/logs/). mobile/'s packages
 * are installed first when missing or stale, so a failed install fails the command before
 * anything runs. Every step runs even when one
 * before it failed; the exit code is 1 when any failed.
 *
 * `npm test -- <vitest arguments>` (a file, `--project unit`, `-t name`) runs the server suite
 * with them and nothing else, and says so.
 */

const vitest = join(ROOT, 'node_modules/.bin/vitest');
const args = process.argv.slice(2);

if (args.length) {
  console.log(`npm test ${args.join(' ')}: vitest run ${args.join(' ')} only (the app's part: npm run test:mobile)`);
  process.exitCode = spawnSync(vitest, ['run', ...args], { cwd: ROOT, stdio: 'inherit' }).status ?? 1;
} else {
  ensureMobilePackages();
  const outcomes: Outcome[] = [];
  outcomes.push(
    await runStep({
      name: 'server suite (vitest: unit, sqlite, postgres, browser)',
      command: vitest,
      args: (report) => ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    }),
  );
  for (const step of MOBILE_STEPS) outcomes.push(await runStep(step));
  // after every step that starts servers: their logs, and the apps', must hold none of the secrets the tests used
  outcomes.push(
    await runStep({
      name: 'no secret in the logs (scripts/check-log-secrets.ts)',
      command: process.execPath,
      args: () => ['--import', 'tsx', 'scripts/check-log-secrets.ts'],
      single: true,
    }),
  );
  process.exitCode = summarize('npm test', outcomes) ? 0 : 1;
}
