import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * `node --import tsx scripts/check-log-secrets.ts [dir]` (default TEST_LOG_DIR, else test-results/logs/), run by `npm test` after the server
 * suite: reads every log a test run wrote into test-results/logs/ (*.log: the apps' and the
 * server processes' output) and every secret the tests used (secrets-*.txt, recorded by
 * test/helpers/secret-recorder.ts), and fails when any secret appears in any log — naming its
 * kind, its first characters and file:line. It fails too when there were no log lines or no
 * secrets: a check that saw nothing proves nothing. Issue 14: "none appears".
 */

/** A secret a test sent or received: what it is (its field or header) and its value. */
export interface Secret {
  kind: string;
  value: string;
}

/** A secret found in a log. */
export interface Finding {
  kind: string;
  masked: string;
  file: string;
  line: number;
}

/** What the check saw and found. */
export interface Result {
  files: number;
  lines: number;
  secrets: number;
  findings: Finding[];
  /** setup tokens in the start banner, which the server prints (not logs) on purpose */
  banners: number;
  /** secrets left out because a test put them in a logged URL path itself */
  exposed: number;
}

const WINDOW = 8; // the shortest secret recorded (secret-recorder.ts leaves out shorter ones)
const BITS = 22;

/** The first characters of a secret and its length: enough to find it in the tests, not enough to use it. */
export function mask(value: string): string {
  return `${value.slice(0, 4)}… (${value.length} characters)`;
}

/** The line server/main.ts prints while no account exists, and the setup token in it, if it is that line. */
function bannerToken(line: string): string | undefined {
  if (line.startsWith('{')) return undefined;
  return /\/setup\?token=([^\s&'"]+)|"setupToken":"([^"]+)"/.exec(line)?.slice(1).find(Boolean);
}

/**
 * Finds secrets in lines: a rolling hash of every 8-character window is looked up in a bitmap of
 * the secrets' last 8 characters, and only on a hit are the candidates compared, so a run's
 * logs (hundreds of megabytes) and secrets (tens of thousands) are checked in seconds.
 */
export class SecretMatcher {
  private readonly bitmap = new Uint8Array(1 << (BITS - 3));
  private readonly byTail = new Map<string, Secret[]>();
  private readonly top: number; // BASE^(WINDOW-1), for taking a character out of the hash

  constructor(secrets: Secret[]) {
    let top = 1;
    for (let i = 1; i < WINDOW; i++) top = Math.imul(top, 31);
    this.top = top;
    for (const secret of secrets) {
      if (secret.value.length < WINDOW) continue;
      const tail = secret.value.slice(-WINDOW);
      const list = this.byTail.get(tail);
      if (list) list.push(secret);
      else this.byTail.set(tail, [secret]);
      const h = SecretMatcher.hash(tail);
      this.bitmap[h >>> (32 - BITS + 3)] |= 1 << ((h >>> (32 - BITS)) & 7);
    }
  }

  private static hash(text: string): number {
    let h = 0;
    for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
    return h >>> 0;
  }

  /** Every secret whose whole value occurs in the line (each once). */
  find(line: string): Secret[] {
    const found: Secret[] = [];
    let h = 0;
    for (let i = 0; i < line.length; i++) {
      if (i >= WINDOW) h = (h - Math.imul(line.charCodeAt(i - WINDOW), this.top)) | 0;
      h = (Math.imul(h, 31) + line.charCodeAt(i)) | 0;
      if (i < WINDOW - 1) continue;
      const u = h >>> 0;
      if (!(this.bitmap[u >>> (32 - BITS + 3)] & (1 << ((u >>> (32 - BITS)) & 7)))) continue;
      const candidates = this.byTail.get(line.slice(i + 1 - WINDOW, i + 1));
      for (const secret of candidates ?? []) {
        const start = i + 1 - secret.value.length;
        if (start >= 0 && line.startsWith(secret.value, start) && !found.includes(secret)) found.push(secret);
      }
    }
    return found;
  }
}

/**
 * The secrets recorded in a folder (secrets-*.txt, one JSON object a line), each value once,
 * less those a test itself put in a URL path that the server logs as it is (`{"exposed": …}`
 * lines: the fuzzer sends ids and the setup token in every parameter), and how many those were.
 */
export function readSecrets(dir: string): { secrets: Secret[]; exposed: number } {
  const byValue = new Map<string, Secret>();
  const exposed = new Set<string>();
  const files = readdirSync(dir).filter((n) => /^secrets-.*\.txt$/.test(n));
  for (const name of files.sort()) {
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as Partial<Secret> & { exposed?: string };
      if (entry.exposed !== undefined) exposed.add(entry.exposed);
      else if (entry.kind !== undefined && entry.value !== undefined && !byValue.has(entry.value))
        byValue.set(entry.value, { kind: entry.kind, value: entry.value });
    }
  }
  const secrets = [...byValue.values()].filter((s) => !exposed.has(s.value));
  return { secrets, exposed: byValue.size - secrets.length };
}

/** Checks every *.log in a folder for every recorded secret. */
export async function checkLogDir(dir: string): Promise<Result> {
  const result: Result = { files: 0, lines: 0, secrets: 0, findings: [], banners: 0, exposed: 0 };
  if (!existsSync(dir)) return result;
  const { secrets, exposed } = readSecrets(dir);
  result.secrets = secrets.length;
  result.exposed = exposed;
  const matcher = new SecretMatcher(secrets);
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.log'))
    .sort()) {
    result.files++;
    const file = join(dir, name);
    let number = 0;
    for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      number++;
      for (const secret of matcher.find(line)) {
        if (bannerToken(line) === secret.value) result.banners++;
        else result.findings.push({ kind: secret.kind, masked: mask(secret.value), file, line: number });
      }
    }
    result.lines += number;
  }
  return result;
}

/** The report's lines, and whether the check passed. */
export function report(result: Result, dir: string): { ok: boolean; lines: string[] } {
  const lines: string[] = [];
  const where = relative(process.cwd(), dir) || dir;
  for (const f of result.findings.slice(0, 50))
    lines.push(`  ${f.kind} ${f.masked} in ${relative(process.cwd(), f.file)}:${f.line}`);
  if (result.findings.length > 50) lines.push(`  … and ${result.findings.length - 50} more`);
  const summary =
    `${result.lines} log lines in ${result.files} files, ${result.secrets} secrets, ` +
    `${result.findings.length} found` +
    (result.banners ? ` (${result.banners} setup tokens in the start banner, printed on purpose)` : '') +
    (result.exposed ? `; ${result.exposed} more left out: tests put them in URL paths themselves` : '');
  if (result.lines === 0 || result.secrets === 0) {
    lines.push(`check-log-secrets: ${summary} — no ${result.lines === 0 ? 'logs' : 'secrets'} in ${where}:`);
    lines.push('  a check that saw nothing proves nothing (run the server suite first: npm test)');
    return { ok: false, lines };
  }
  if (result.findings.length) {
    lines.unshift(`check-log-secrets: secrets the tests used appear in the logs of ${where}:`);
    lines.push(`check-log-secrets: ${summary}`);
    return { ok: false, lines };
  }
  return { ok: true, lines: [`check-log-secrets: ${summary}`] };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir =
    process.argv[2] || process.env.TEST_LOG_DIR || fileURLToPath(new URL('../test-results/logs/', import.meta.url));
  const { ok, lines } = report(await checkLogDir(dir), dir);
  (ok ? console.log : console.error)(lines.join('\n'));
  process.exitCode = ok ? 0 : 1;
}
