/**
 * The HTTP server: Fastify with JSON-schema validation of every body and query, OpenAI-compatible
 * embeddings, collections, word tools, projections for the web explorer, `/healthz` and `/metrics`.
 * It runs on the same core as the CLI (no logic from cli/). `createServer` validates the settings, refuses a
 * non-loopback address without an API key, and returns a server to `listen()` and `close()` (stops
 * accepting, finishes in-flight requests, disposes the models, closes the database).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import { Ajv } from 'ajv';
import { openStore } from '../collections/open-store.js';
import { EmbedkitError, type OptionRenamer } from '../errors.js';
import { bearerChecker, isLoopback } from './auth.js';
import { errorAnswer, HttpError } from './http-errors.js';
import { parseJsonBody } from './json-body.js';
import { ServerMetrics } from './metrics.js';
import { ModelPool, parseServedModel, type ServedModel } from './model-pool.js';
import { registerCollections } from './routes/collections.js';
import { registerEmbeddings } from './routes/embeddings.js';
import { registerExplorer } from './routes/explorer.js';
import { registerHealth } from './routes/health.js';
import { registerProjection } from './routes/projection.js';
import { registerWords } from './routes/words.js';
import type { ServerContext } from './server-context.js';
import { serverSettings, type ServerSettings } from './server-options.js';

export interface ServerConfig {
  /** Served models: `NAME=REF` or `REF` strings, or parsed ones (default: glove-100d). */
  readonly models?: readonly (string | ServedModel)[];
  /** Collections folder or postgres:// URL (default: $EMBEDKIT_DB, else the user's data folder). */
  readonly db?: string;
  /** Server settings (see SERVER_OPTIONS), typed or strings. */
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly onWarning?: (message: string) => void;
}

export interface EmbedkitServer {
  readonly app: FastifyInstance;
  readonly settings: ServerSettings;
  /** Starts listening; resolves with the bound address (port 0 gets a free port). */
  listen(): Promise<{ host: string; port: number; url: string }>;
  /** Graceful: stop accepting, finish in-flight requests, free the models, close the database. */
  close(): Promise<void>;
}

/** Route fields named differently from the core's options (errors are spelled with them). */
function renamerFor(fields: Readonly<Record<string, string>> | undefined): OptionRenamer {
  return (name) => (/^[A-Za-z][A-Za-z0-9]*$/.test(name) ? (fields?.[name] ?? name) : undefined);
}

export async function createServer(config: ServerConfig = {}): Promise<EmbedkitServer> {
  const settings = serverSettings(config.settings ?? {});
  if (!isLoopback(settings.host) && settings.apiKey === undefined) {
    throw new EmbedkitError('BAD_OPTION', 'apiKey', {
      expected: `an API key to bind ${settings.host} (anything but loopback)`,
      received: 'none',
      where: 'apiKey',
      hint: 'set `apiKey` (or EMBEDKIT_API_KEY), or bind 127.0.0.1',
    });
  }
  const onWarning = config.onWarning ?? (() => {});
  const models = (config.models === undefined || config.models.length === 0 ? ['glove-100d'] : config.models).map((m) => (typeof m === 'string' ? parseServedModel(m) : m));
  let metrics: ServerMetrics | undefined;
  const pool = new ModelPool(models, {
    batching: { windowMs: settings.batchWindow, maxBatch: settings.maxBatch, maxQueue: settings.maxQueue, coalesce: settings.batching === 'on' },
    onBatch: (model, texts) => metrics?.onBatch(model, texts),
    onWarning,
  });
  metrics = new ServerMetrics(() => pool.depths());
  const store = await openStore(config.db, { onWarning });
  const ctx: ServerContext = { settings, pool, store, metrics, startedAt: Date.now(), onWarning };

  const app = Fastify({ logger: false, bodyLimit: settings.bodyLimit, return503OnClosing: true, forceCloseConnections: 'idle', routerOptions: { maxParamLength: 200 } });
  // Once stopping, answers in flight close their connection: a client's keep-alive socket would otherwise hold
  // the shutdown until the keep-alive timeout (idle sockets are closed when stopping begins, busy ones are not).
  let stopping = false;
  app.addHook('onSend', async (_req, reply, payload) => {
    if (stopping) reply.header('connection', 'close');
    return payload;
  });
  // Bodies are typed strictly (no coercion, no removal of unknown fields); query strings are text and are coerced.
  const strict = new Ajv({ coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false, strict: false });
  const coercing = new Ajv({ coerceTypes: 'array', removeAdditional: false, useDefaults: true, allErrors: false, strict: false });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  if (settings.cors !== undefined) await app.register(cors, { origin: settings.cors, methods: ['GET', 'POST', 'DELETE'], allowedHeaders: ['authorization', 'content-type'] });

  const check = settings.apiKey !== undefined ? bearerChecker(settings.apiKey) : undefined;
  app.addHook('onRequest', async (req) => {
    if (check !== undefined && (req.url.startsWith('/v1/') || req.url === '/v1' || req.url.startsWith('/metrics'))) check(req.headers.authorization);
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics!.requests.inc({ route, method: req.method, status: String(reply.statusCode) });
    metrics!.latency.observe({ route, method: req.method }, reply.elapsedTime / 1000);
  });
  app.setErrorHandler(async (err, req, reply) => {
    const fields = (req.routeOptions.config as { fields?: Readonly<Record<string, string>> } | undefined)?.fields;
    const a = errorAnswer(err, renamerFor(fields));
    if (a.status >= 500) onWarning(`${req.method} ${req.url}: ${err instanceof Error ? err.message : String(err)}`);
    return reply.code(a.status).headers(a.headers).send(a.body);
  });
  app.setNotFoundHandler(async (req, reply) => {
    const a = errorAnswer(new HttpError(404, `no route ${req.method} ${req.url.split('?')[0]}`, 'not_found'));
    return reply.code(404).send(a.body);
  });

  registerHealth(app, ctx);
  registerEmbeddings(app, ctx);
  registerCollections(app, ctx);
  registerWords(app, ctx);
  registerProjection(app, ctx);
  await registerExplorer(app);

  let closing: Promise<void> | undefined;
  return {
    app,
    settings,
    async listen() {
      await app.listen({ host: settings.host, port: settings.port });
      const addr = app.server.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : settings.port;
      const host = settings.host.includes(':') && !settings.host.startsWith('[') ? `[${settings.host}]` : settings.host;
      return { host: settings.host, port, url: `http://${host}:${port}` };
    },
    close() {
      closing ??= (async () => {
        stopping = true;
        await app.close();
        await pool.dispose();
        await store.close();
      })();
      return closing;
    },
  };
}
