import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

/** Sheds load with 503 + Retry-After under overload (issue 14): not built yet. */
export async function registerLoadShedding(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
