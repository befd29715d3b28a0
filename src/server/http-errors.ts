/**
 * Errors as HTTP answers, in OpenAI's shape `{ error: { message, type, param, code } }` on every route.
 * Core errors map by code to a status (400 for bad input, 404 for unknown models and collections, 409 for
 * an existing collection, 5xx for failures of the server's own), and their option names are spelled as the
 * route's JSON fields (`truncateDim` is `dimensions` on /v1/embeddings).
 */
import { EmbedkitError, type ErrorCode, type OptionRenamer } from '../errors.js';
import { QueueFullError } from './micro-batcher.js';

const STATUS: Readonly<Record<ErrorCode, number>> = {
  BAD_OPTION: 400,
  BAD_ARGUMENT: 400,
  FORMAT_ERROR: 400,
  DIM_MISMATCH: 400,
  EMPTY_INPUT: 400,
  UNKNOWN_WORD: 400,
  UNKNOWN_PROMPT: 400,
  MODEL_MISMATCH: 400,
  UNSUPPORTED: 400,
  FILE_NOT_FOUND: 404,
  UNKNOWN_MODEL: 404,
  COLLECTION_NOT_FOUND: 404,
  RECORD_NOT_FOUND: 404,
  COLLECTION_EXISTS: 409,
  COLLECTION_BUSY: 503,
  DISK_FULL: 507,
  IO_ERROR: 502,
  CACHE_INVALID: 500,
  MODEL_INCOMPLETE: 500,
  MODEL_FILES_DISAGREE: 500,
  INFERENCE_FAILED: 500,
  DATABASE_ERROR: 500,
};

/** An error of the HTTP layer itself (authentication, limits, request shape). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
    readonly param: string | null = null,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface ErrorBody {
  readonly error: { readonly message: string; readonly type: string; readonly param: string | null; readonly code: string };
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: ErrorBody;
  readonly headers: Readonly<Record<string, string>>;
}

function typeOf(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

function answer(status: number, message: string, code: string, param: string | null, headers: Readonly<Record<string, string>> = {}): HttpAnswer {
  return { status, body: { error: { message, type: typeOf(status), param, code } }, headers };
}

/** Fastify's own errors (body parsing, size, validation) carry a status and a code. */
interface FrameworkError {
  readonly statusCode?: number;
  readonly code?: string;
  readonly message: string;
  readonly validation?: readonly { readonly instancePath?: string; readonly params?: Readonly<Record<string, unknown>> }[];
  readonly validationContext?: string;
}

function validationParam(e: FrameworkError): string | null {
  const v = e.validation?.[0];
  if (v === undefined) return null;
  const path = (v.instancePath ?? '').split('/').filter((p) => p.length > 0);
  const extra = v.params?.['additionalProperty'] ?? v.params?.['missingProperty'];
  if (typeof extra === 'string') path.push(extra);
  return path.length > 0 ? path.join('.') : null;
}

/** The answer for any error a route or the framework threw. */
export function errorAnswer(e: unknown, rename: OptionRenamer = () => undefined): HttpAnswer {
  if (e instanceof EmbedkitError) {
    const status = STATUS[e.code];
    const param = e.where !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(e.where) ? (rename(e.where) ?? e.where) : null;
    const code = e.code === 'UNKNOWN_MODEL' ? 'model_not_found' : e.code.toLowerCase();
    return answer(status, e.format(rename), code, param);
  }
  if (e instanceof QueueFullError) return answer(429, `${e.message}; retry after ${e.retryAfter} s`, 'queue_full', null, { 'retry-after': String(e.retryAfter) });
  if (e instanceof HttpError) return answer(e.status, e.message, e.code, e.param, e.headers);
  const fe = e as FrameworkError;
  if (typeof fe === 'object' && fe !== null && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    if (fe.validation !== undefined) {
      const param = validationParam(fe);
      const where = fe.validationContext ?? 'body';
      const v = fe.validation[0];
      const unknown = v?.params?.['additionalProperty'];
      const detail = typeof unknown === 'string' ? `unknown field ${JSON.stringify(param ?? unknown)}` : `${param ?? where} ${fe.message.replace(/^(body|querystring|params)(\/\S*)?\s*/, '')}`;
      return answer(400, `invalid request ${where}: ${detail}`, 'invalid_request', param);
    }
    if (fe.statusCode === 413) return answer(413, 'request body too large', 'body_too_large', null);
    if (fe.statusCode === 415) return answer(415, 'unsupported media type: send application/json', 'unsupported_media_type', null);
    return answer(fe.statusCode, fe.message, (fe.code ?? 'bad_request').toLowerCase(), null);
  }
  return answer(500, 'internal server error', 'internal_error', null);
}
