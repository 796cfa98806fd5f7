import autocannon from 'autocannon';

/** The median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The p-th percentile (0–100) of a list, nearest rank. */
export function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** One load run. */
export interface LoadRequest {
  url: string;
  method?: 'GET' | 'POST' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  /** a different body per connection (e.g. one account per connection) */
  bodies?: readonly string[];
  connections?: number;
  seconds?: number;
  /** these statuses count as success besides 2xx */
  okStatuses?: readonly number[];
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
}

/** Runs autocannon once; any error or unexpected status fails the benchmark (a fast 500 is no figure). */
export async function load(req: LoadRequest): Promise<LoadResult> {
  let next = 0;
  const bodies = req.bodies;
  const result = await autocannon({
    url: req.url,
    method: req.method ?? 'GET',
    headers: { ...(req.body || bodies ? { 'content-type': 'application/json' } : {}), ...req.headers },
    body: req.body,
    connections: req.connections ?? 50,
    duration: req.seconds ?? 3,
    ...(bodies ? { setupClient: (client: autocannon.Client) => client.setBody(bodies[next++ % bodies.length]) } : {}),
  });
  const bad = result.non2xx - countStatuses(result, req.okStatuses ?? []);
  if (bad > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(
      `${req.method ?? 'GET'} ${req.url}: ${bad} unexpected statuses, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
  };
}

function countStatuses(result: autocannon.Result, statuses: readonly number[]): number {
  const codes = result.statusCodeStats as Record<string, { count: number } | undefined>;
  return statuses.reduce((n, s) => n + (codes[String(s)]?.count ?? 0), 0);
}

/** A throughput against the bare route, measured in rounds that alternate the two. */
export interface Compared {
  bare: number[];
  ours: number[];
  ratio: number;
  /** p99 latency of ours, median over the rounds, ms */
  p99: number;
}

/**
 * Alternates bare and ours `rounds` times after one uncounted warm-up of each; the ratio is
 * median(ours) / median(bare), so that machine noise that lasts a round falls on both.
 */
export async function compareToBare(bare: LoadRequest, ours: LoadRequest, rounds = 3): Promise<Compared> {
  await load({ ...bare, seconds: 1 });
  await load({ ...ours, seconds: 1 });
  const b: number[] = [];
  const o: number[] = [];
  const p99s: number[] = [];
  for (let i = 0; i < rounds; i++) {
    b.push((await load(bare)).rps);
    const r = await load(ours);
    o.push(r.rps);
    p99s.push(r.p99);
  }
  return { bare: b, ours: o, ratio: median(o) / median(b), p99: median(p99s) };
}

/** Latencies (ms) of `n` requests sent one after another: percentiles of what one person waits. */
export async function sequentialLatencies(
  n: number,
  send: () => Promise<Response>,
  expectStatus = 200,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await send();
    await res.arrayBuffer();
    out.push(performance.now() - t0);
    if (res.status !== expectStatus) throw new Error(`${res.url}: ${res.status}, expected ${expectStatus}`);
  }
  return out;
}
