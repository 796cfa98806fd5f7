import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench`: runs every benchmark of bench/ (every `.ts` file here but this runner and
 * `_`-prefixed helpers) one after another, each in its own process so that one's memory cannot
 * blur another's figures. Exits non-zero when any benchmark fails its assertion.
 * `npm run bench -- export` runs only the benchmarks whose file name contains "export".
 */
const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_') && f.includes(filter))
  .sort();

if (files.length === 0) {
  console.error(`No benchmark in bench/ matches "${filter}".`);
  process.exit(1);
}

const failed: string[] = [];
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, file)], {
    stdio: 'inherit',
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) console.log(`=== ${file}: passed in ${seconds} s ===`);
  else {
    console.log(`=== ${file}: FAILED (exit ${result.status ?? result.signal}) after ${seconds} s ===`);
    failed.push(file);
  }
}
console.log(`\n${files.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length === 0 ? 0 : 1);
