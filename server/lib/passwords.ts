import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id at OWASP's recommended minimum (19 MiB, t=2, p=1). @node-rs/argon2 runs on
 * libuv's thread pool, so hashing never blocks the event loop. Exported so that the benchmark
 * measures and reports exactly these parameters (bench/peer/) instead of a copy of them.
 */
export const PASSWORD_HASH_OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id: a const enum, not importable under verbatimModuleSyntax */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * At most this many argon2 computations (hash or verify) run at once, two per core: a flood of
 * sign-ins waits in a queue of small promises instead of holding 19 MiB each, and the CPU
 * stays as busy as it can usefully be.
 */
const HASH_LIMIT = 2 * availableParallelism();

let inFlight = 0;
let peak = 0;
const waiting: (() => void)[] = [];

/** Takes a slot, or waits for one: a finished computation hands its slot straight to the next in line. */
async function acquire(): Promise<void> {
  if (inFlight < HASH_LIMIT) inFlight++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  peak = Math.max(peak, inFlight);
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else inFlight--;
}

async function limited<T>(work: () => Promise<T>): Promise<T> {
  await acquire();
  try {
    return await work();
  } finally {
    release();
  }
}

/** What the argon2 queue looks like now; read-only, for tests and metrics. */
export interface PasswordHashGauge {
  /** how many computations may run at once */
  readonly limit: number;
  /** computations running now */
  readonly inFlight: number;
  /** computations waiting for a slot */
  readonly waiting: number;
  /** the most that ever ran at once in this process */
  readonly peak: number;
}

/** A snapshot of the argon2 queue, so that a test (and later a metrics endpoint) can see the cap hold. */
export function passwordHashGauge(): PasswordHashGauge {
  return { limit: HASH_LIMIT, inFlight, waiting: waiting.length, peak };
}

/** An argon2id hash of a new password (queued behind the cap above). */
export function hashPassword(password: string): Promise<string> {
  return limited(() => hash(password, PASSWORD_HASH_OPTIONS));
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password; for an unknown user pass null and a dummy hash is checked anyway,
 * so that "no such user" and "wrong password" take the same time.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    dummyHash ??= hashPassword('baseline-timing-equaliser');
    const dummy = await dummyHash;
    await limited(() => verify(dummy, password));
    return false;
  }
  try {
    return await limited(() => verify(storedHash, password));
  } catch {
    return false;
  }
}
