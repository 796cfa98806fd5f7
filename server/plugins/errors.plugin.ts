import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Problem } from '../../contract/problem.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { AppError, errors } from '../errors.ts';
import { problemInstance, REQUEST_ID_HEADER } from './request-id.ts';

/** How long a client waits before retrying a request the database could not serve (Retry-After). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

interface AjvError {
  instancePath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** One JSON Pointer per problem, naming the field the client must fix. */
function toFieldErrors(validation: AjvError[], context: string | undefined) {
  return validation.map((e) => {
    let path = e.instancePath;
    if (typeof e.params.missingProperty === 'string') path += '/' + e.params.missingProperty;
    if (typeof e.params.additionalProperty === 'string') path += '/' + e.params.additionalProperty;
    const message = e.keyword === 'additionalProperties' ? 'is not an allowed field' : (e.message ?? 'is invalid');
    return { path: context && context !== 'body' ? `${context}:${path || '/'}` : path || '/', message };
  });
}

/**
 * Sends the problem document of API.md, typed by the contract's `Problem` so the two cannot drift.
 * Its `instance` names the request (`urn:request:<id>`), the id every log line of the request
 * carries and the X-Request-Id header repeats: what a user quotes in a bug report leads to the logs.
 */
export function sendProblem(reply: FastifyReply, err: AppError): FastifyReply {
  const body: Problem = {
    ...err.extensions,
    type: 'about:blank',
    title: err.title,
    status: err.status,
    code: err.code,
    detail: err.message,
    instance: problemInstance(reply.request.id),
  };
  if (err.errors) body.errors = err.errors;
  // set here as well as in the onRequest hook: a URL that does not decode is refused before any hook
  reply.header(REQUEST_ID_HEADER, reply.request.id);
  return reply.code(err.status).headers(err.headers).type('application/problem+json').send(JSON.stringify(body));
}

/**
 * Fastify's router refuses a URL that does not decode (bad percent-encoding, "%zz", a lone
 * surrogate's bytes) and a path parameter longer than 100 characters before any route, hook or
 * error handler runs, and answered them as its own plain JSON, not as a problem document. Given to
 * Fastify as `frameworkErrors` (app.ts), they are answered as every other invalid request is.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_BAD_URL')
    sendProblem(reply, errors.validation('The URL is not validly percent-encoded UTF-8.'));
  else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    sendProblem(reply, errors.validation('A path parameter is longer than 100 characters.'));
  else {
    request.log.error({ err: error }, 'unhandled framework error');
    sendProblem(reply, errors.internal());
  }
}

/** Maps everything thrown by handlers, hooks and Fastify itself to RFC 9457 problem documents. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(
    (error: FastifyError & { validation?: AjvError[]; validationContext?: string }, request, reply) => {
      if (error instanceof AppError) return sendProblem(reply, error);
      if (error.validation) {
        const fieldErrors = toFieldErrors(error.validation, error.validationContext);
        const where =
          error.validationContext === 'body' ? 'The request body' : `The ${error.validationContext ?? 'request'}`;
        return sendProblem(reply, errors.validation(`${where} is not valid.`, fieldErrors));
      }
      const status = error.statusCode ?? 500;
      if (status === 415) return sendProblem(reply, errors.unsupportedMediaType());
      if (status === 413) return sendProblem(reply, errors.payloadTooLarge());
      if (status === 400) return sendProblem(reply, errors.validation('The request body is not valid JSON.'));
      if (status === 429) return sendProblem(reply, errors.rateLimited(60));
      // a non-canonical static path ("//x", "/a/./b", a NUL byte): refused by @fastify/static; to the client, there is no such file
      if (error.code === 'FST_STATIC_FORBIDDEN_PATH') return sendProblem(reply, errors.notFound('file'));
      // the database dropped the connection, refused it, or stayed locked: not a bug, and worth a retry
      if (isDatabaseUnavailable(error)) {
        request.log.warn({ err: error }, 'database unavailable');
        return sendProblem(reply, errors.serviceUnavailable(DATABASE_RETRY_AFTER_SECONDS));
      }
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(reply, errors.internal());
    },
  );

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, errors.notFound(`route ${request.method} ${request.url.split('?')[0]}`)),
  );
}
