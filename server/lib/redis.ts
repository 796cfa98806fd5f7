import { Redis } from 'ioredis';

/**
 * The one Redis connection of a server process (REDIS_URL): shared rate-limit counters, and
 * what /readyz checks. Commands fail fast (one retry, 2 s to connect) rather than queueing while
 * Redis is down, so a caller can fall back or say so; ioredis keeps reconnecting in the background.
 */
export function openRedis(url: string): Redis {
  return new Redis(url, { connectTimeout: 2000, maxRetriesPerRequest: 1, lazyConnect: false });
}

export type { Redis };
