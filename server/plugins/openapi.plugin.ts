import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import { Problem } from '../../contract/problem.ts';
import { VERSION } from '../version.ts';
import {
  DEFAULT_PROBLEM_RESPONSE,
  operationIdOf,
  problemCodesOf,
  problemResponsesOf,
  securityOf,
} from './openapi-operation.ts';

/** What swagger shows for a route that declares no success response (as it always has). */
const DEFAULT_SUCCESS = { 200: { type: 'null', description: 'Default Response' } };

/**
 * Completes one operation from what its route already declares: the operation id from method
 * and path, the security requirement from the auth config, the problem responses from its
 * schema, config and listed codes. Only the document changes: the route's own schema, and so
 * validation and serialization, stay as declared.
 */
function describeOperation(schema: FastifySchema | undefined, route: RouteOptions): FastifySchema | undefined {
  if (!schema || schema.hide) return schema;
  const method = Array.isArray(route.method) ? String(route.method[0]) : String(route.method);
  const success = (schema.response as Record<string, unknown> | undefined) ?? DEFAULT_SUCCESS;
  return {
    ...schema,
    operationId: schema.operationId ?? operationIdOf(method, route.url),
    security: schema.security ?? securityOf(route.config),
    response: {
      ...success,
      ...problemResponsesOf(problemCodesOf({ schema, config: route.config })),
      default: DEFAULT_PROBLEM_RESPONSE,
    },
  };
}

/**
 * The OpenAPI document at GET /api/v1/openapi.json: a contract for clients we do not write
 * (a Swift generator, a home-automation integration), so every operation carries an id, a
 * summary, its security and its problem responses, all derived here from the route declarations.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Baseline API', version: VERSION, description: 'The HTTP contract of API.md, version 1.' },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        schemas: { Problem: Problem as never },
      },
    },
    transform: ({ schema, url, route }) => ({ url, schema: describeOperation(schema, route) as FastifySchema }),
  });
}
