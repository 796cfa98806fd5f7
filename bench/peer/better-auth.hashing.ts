import { scrypt } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { hash } from '@node-rs/argon2';
import { PASSWORD_HASH_OPTIONS } from '../../server/lib/passwords.ts';
import { ensureBetterAuthInstalled, importFromPeer, peerRequire } from './better-auth.install.ts';

/** Better Auth's scrypt parameters, as read from the installed package's source. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  dkLen: number;
}

/** Our password hashing, in the words the report uses. */
export function describeOurHashing(): string {
  const { memoryCost, timeCost, parallelism } = PASSWORD_HASH_OPTIONS;
  return `argon2id m=${memoryCost} KiB t=${timeCost} p=${parallelism} (${(memoryCost / 1024).toFixed(0)} MiB)`;
}

/** The peer's password hashing, in the words the report uses; memory is scrypt's 128·N·r·p bytes. */
export function describePeerHashing({ N, r, p, dkLen }: ScryptParams): string {
  const mib = (128 * N * r * p) / 2 ** 20;
  return `scrypt N=${N} r=${r} p=${p} dkLen=${dkLen} (${mib} MiB)`;
}

/**
 * Reads the scrypt parameters from the source of the `@better-auth/utils/password` module that
 * the installed better-auth itself resolves (its `config = { N, r, p, dkLen }` literal), so the
 * report states what the installed version does rather than what its docs said once. A change
 * of shape there fails loudly instead of reporting a guess; hashCosts() then proves the numbers
 * by recomputing one of its hashes with node:crypto.
 */
export function readPeerScryptParams(): ScryptParams {
  const fromBetterAuth = createRequire(peerRequire().resolve('better-auth/crypto'));
  const file = fromBetterAuth.resolve('@better-auth/utils/password');
  const source = readFileSync(file, 'utf8');
  const read = (name: string): number => {
    const match = new RegExp(`\\b${name}:\\s*(\\d+)`).exec(source);
    if (!match) throw new Error(`could not read scrypt ${name} from ${file}`);
    return Number(match[1]);
  };
  return { N: read('N'), r: read('r'), p: read('p'), dkLen: read('dkLen') };
}

function scryptHex(password: string, salt: string, { N, r, p, dkLen }: ScryptParams): Promise<string> {
  return new Promise((resolve, reject) => {
    const maxmem = 2 * 128 * N * r * p;
    scrypt(password.normalize('NFKC'), salt, dkLen, { N, r, p, maxmem }, (error, key) => {
      if (error) reject(error);
      else resolve(key.toString('hex'));
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** One hashing algorithm: its parameters and the median time of one hash on one core. */
export interface HashCost {
  params: string;
  msPerHash: number;
}

/**
 * The single-core cost of one password hash, ours and the peer's, in this one process, so the
 * report can say honestly whether our sign-ins are compared "at equal or stronger hashing".
 * Ours is @node-rs/argon2 with the server's own options; theirs is better-auth's own exported
 * `hashPassword` (node:crypto scrypt on libuv's pool), after checking that one of its hashes is
 * reproduced by node:crypto scrypt with the parameters read from its source. The two run one
 * at a time, alternating (ours, theirs, ours…) after a warm-up, so machine noise hits both
 * alike; each figure is the median of `rounds`.
 */
export async function hashCosts(
  options: { rounds?: number; log?: (line: string) => void } = {},
): Promise<{ ours: HashCost; peer: HashCost }> {
  const rounds = options.rounds ?? 10;
  await ensureBetterAuthInstalled(options.log ?? (() => {}));
  const params = readPeerScryptParams();
  const { hashPassword: peerHash } = await importFromPeer<{ hashPassword: (password: string) => Promise<string> }>(
    'better-auth/crypto',
  );
  const password = 'correct horse battery staple';

  const sample = await peerHash(password);
  const [salt, key] = sample.split(':');
  if (!salt || !key || (await scryptHex(password, salt, params)) !== key) {
    throw new Error(`better-auth's hash is not scrypt ${JSON.stringify(params)}: the parameters read are wrong`);
  }

  await hash(password, PASSWORD_HASH_OPTIONS);
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    ours.push(await timed(() => hash(password, PASSWORD_HASH_OPTIONS)));
    theirs.push(await timed(() => peerHash(password)));
  }
  return {
    ours: { params: describeOurHashing(), msPerHash: median(ours) },
    peer: { params: describePeerHashing(params), msPerHash: median(theirs) },
  };
}
