import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

/** Prometheus metrics at /metrics (issue 14): not built yet. */
export async function registerMetrics(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
