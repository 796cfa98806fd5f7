import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebIfStale } from '../scripts/build-web.ts';
import { CHROMIUM, launchBrowser, startServer } from '../test/e2e/harness.ts';

/**
 * The dashboard's weight, as a person on a phone feels it: the JavaScript a browser really
 * fetches to show /register (the page an invite link opens), gzipped, against a budget of
 * 200 KB; and the whole app's JavaScript for comparison. Sizes are those of the precompressed
 * files the server sends (gzip level 9; browsers that accept brotli get the smaller quality-11 .br).
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'web/dist');
const BUDGET_KB = 200;

await buildWebIfStale(() => {});
if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}`);

/** Raw, gzip (level 9) and brotli (quality 11) sizes of a built file, compressed here as the build does. */
const sizes = (rel: string) => {
  const data = readFileSync(join(DIST, rel));
  return {
    raw: data.length,
    gz: gzipSync(data, { level: 9 }).length,
    br: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};

const server = await startServer();
const browser = await launchBrowser();
const fetched = new Set<string>();
try {
  const page = await browser.newPage();
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (url.pathname.endsWith('.js')) fetched.add(url.pathname);
  });
  await page.goto(`${server.url}/register?invite=ABCDE-FGHJK-MNPQR`, { waitUntil: 'networkidle' });
} finally {
  await browser.close();
  await server.stop();
}

const sum = (files: string[]) =>
  files
    .map(sizes)
    .reduce((a, s) => ({ raw: a.raw + s.raw, gz: a.gz + s.gz, br: a.br + s.br }), { raw: 0, gz: 0, br: 0 });
const register = sum([...fetched]);
const all = sum(
  readdirSync(join(DIST, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `/assets/${f}`),
);
const kb = (n: number) => Math.round((n / 1024) * 10) / 10;

console.log(
  `JavaScript for /register: ${fetched.size} files, ${kb(register.gz)} KB gzipped (${kb(register.br)} KB brotli, ${kb(register.raw)} KB raw); budget ${BUDGET_KB} KB gzipped`,
);
console.log(`JavaScript of the whole app: ${kb(all.gz)} KB gzipped (${kb(all.br)} KB brotli, ${kb(all.raw)} KB raw)`);
console.log(`/register loads ${Math.round((register.gz / all.gz) * 100)} % of the app's JavaScript`);

mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(
  join(ROOT, 'bench/results/dashboard-size.json'),
  JSON.stringify(
    {
      registerKbGzip: kb(register.gz),
      registerKbBrotli: kb(register.br),
      appKbGzip: kb(all.gz),
      appKbBrotli: kb(all.br),
      budgetKbGzip: BUDGET_KB,
      files: [...fetched],
    },
    null,
    2,
  ),
);
if (register.gz / 1024 > BUDGET_KB) {
  console.error(`/register is over its budget: ${kb(register.gz)} KB > ${BUDGET_KB} KB gzipped`);
  process.exit(1);
}
