/**
 * Collections over HTTP, with the CLI's semantics and JSON shapes:
 *   GET    /v1/collections                       list                 {collections: [{name, count, dim, model}]}
 *   POST   /v1/collections                       create               {name, count, dim, model}   (201)
 *   GET    /v1/collections/:name                 info                 {name, count, dim, model}
 *   DELETE /v1/collections/:name                 drop                 {dropped}
 *   POST   /v1/collections/:name/records         add (batch)          {collection, read, added, updated, skipped, batches, count}
 *   GET    /v1/collections/:name/records?ids=…   get                  {records, missing}
 *   DELETE /v1/collections/:name/records         delete {ids}         {collection, deleted, count}
 *   POST   /v1/collections/:name/search          search text/vector   {results: [{id, score, text, metadata}]}
 * Bodies are validated with schemas derived from the core's declarations (embedder options on create,
 * INGEST_OPTIONS on add, SEARCH_OPTIONS on search). Embedding goes through the shared micro-batched models.
 */
import type { FastifyInstance } from 'fastify';
import { createCollection } from '../../collections/collection-embedder.js';
import { INGEST_OPTIONS, ingestSettings } from '../../collections/ingest/ingest-options.js';
import { ingest } from '../../collections/ingest/ingest.js';
import { chunkRecords, type SourceRecord } from '../../collections/ingest/read-source.js';
import { collectionSummary, recordsById } from '../../collections/records-json.js';
import { searchText } from '../../collections/search.js';
import { SEARCH_OPTIONS, textSearchOptions } from '../../collections/search-options.js';
import type { Metadata } from '../../collections/types.js';
import { EMBEDDER_OPTIONS } from '../../embedders/embedder-options.js';
import { EmbedkitError } from '../../errors.js';
import { roundScore } from '../../vectors/neighbors-json.js';
import { HttpError } from '../http-errors.js';
import { batchedEmbedder } from '../micro-batcher.js';
import { acceptedNames, propertiesFromOptions } from '../schema-from-options.js';
import type { ServerContext } from '../server-context.js';

const NAME = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$' } as const;
const PARAMS = { type: 'object', required: ['name'], properties: { name: NAME } } as const;
const ID = { type: 'string', minLength: 1, maxLength: 1024 } as const;

interface NameParams {
  readonly name: string;
}

function pick(body: Readonly<Record<string, unknown>>, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((n) => body[n] !== undefined).map((n) => [n, body[n]]));
}

export function registerCollections(app: FastifyInstance, ctx: ServerContext): void {
  const { store, pool, settings } = ctx;
  const embedderNames = acceptedNames(EMBEDDER_OPTIONS);

  app.get('/v1/collections', async () => ({ collections: await store.list() }));

  app.post<{ Body: Record<string, unknown> & { name: string; model?: string; hnsw?: { m?: number; efConstruction?: number; ef?: number } } }>(
    '/v1/collections',
    {
      schema: {
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: NAME,
            model: { type: 'string', minLength: 1, maxLength: 256 },
            hnsw: {
              type: 'object',
              additionalProperties: false,
              properties: { m: { type: 'integer', minimum: 2, maximum: 256 }, efConstruction: { type: 'integer', minimum: 8, maximum: 4096 }, ef: { type: 'integer', minimum: 1, maximum: 4096 } },
            },
            ...propertiesFromOptions(EMBEDDER_OPTIONS),
          },
        },
      },
    },
    async (req, reply) => {
      const { name, model = pool.models()[0]!.name, hnsw } = req.body;
      if (await store.exists(name)) throw new EmbedkitError('COLLECTION_EXISTS', JSON.stringify(name), { where: 'name', hint: 'drop it first or use another name' });
      const { embedder } = await pool.get(model, pick(req.body, embedderNames));
      const c = await createCollection(store, name, embedder, hnsw !== undefined ? { hnsw } : {});
      return reply.code(201).send(await collectionSummary(c));
    },
  );

  app.get<{ Params: NameParams }>('/v1/collections/:name', { schema: { params: PARAMS } }, async (req) => collectionSummary(await store.open(req.params.name)));

  app.delete<{ Params: NameParams }>('/v1/collections/:name', { schema: { params: PARAMS } }, async (req) => {
    if (!(await store.drop(req.params.name))) throw new EmbedkitError('COLLECTION_NOT_FOUND', JSON.stringify(req.params.name), { where: 'name' });
    return { dropped: req.params.name };
  });

  app.post<{ Params: NameParams; Body: Record<string, unknown> & { records: { id: string; text: string; metadata?: Metadata }[] } }>(
    '/v1/collections/:name/records',
    {
      schema: {
        params: PARAMS,
        body: {
          type: 'object',
          required: ['records'],
          additionalProperties: false,
          properties: {
            records: {
              type: 'array',
              minItems: 1,
              maxItems: settings.maxInputs,
              items: {
                type: 'object',
                required: ['id', 'text'],
                additionalProperties: false,
                properties: { id: ID, text: { type: 'string', maxLength: settings.maxChars }, metadata: { type: 'object' } },
              },
            },
            ...propertiesFromOptions(INGEST_OPTIONS),
          },
        },
      },
    },
    async (req) => {
      const name = req.params.name;
      const opts = ingestSettings(pick(req.body, acceptedNames(INGEST_OPTIONS)));
      const collection = await store.open(name);
      const { batcher, embedder } = await pool.forCollection(collection.manifest);
      const source: SourceRecord[] = req.body.records.map((r, i) => ({ id: r.id, text: r.text, metadata: r.metadata ?? {}, where: `records[${i}]` }));
      const records = opts.chunk !== undefined ? chunkRecords(source, opts.chunk, embedder.countTokens?.bind(embedder)) : source;
      const bad: { where: string; id: string; reason: string }[] = [];
      const res = await ingest(collection, batchedEmbedder(batcher), records, {
        batchSize: opts.batchSize,
        upsert: opts.upsert,
        ...(opts.skipBadRows ? { onBadRecord: (r: SourceRecord, e: Error) => void bad.push({ where: r.where, id: r.id, reason: e.message }) } : {}),
      });
      return { collection: name, ...res, ...(opts.skipBadRows ? { bad } : {}), count: await collection.count() };
    },
  );

  app.get<{ Params: NameParams; Querystring: { ids: string[]; vectors?: boolean } }>(
    '/v1/collections/:name/records',
    {
      schema: {
        params: PARAMS,
        querystring: { type: 'object', required: ['ids'], additionalProperties: false, properties: { ids: { type: 'array', minItems: 1, maxItems: settings.maxInputs, items: ID }, vectors: { type: 'boolean' } } },
      },
    },
    async (req) => recordsById(await store.open(req.params.name), req.query.ids, { vectors: req.query.vectors === true }),
  );

  app.delete<{ Params: NameParams; Body: { ids: string[] } }>(
    '/v1/collections/:name/records',
    { schema: { params: PARAMS, body: { type: 'object', required: ['ids'], additionalProperties: false, properties: { ids: { type: 'array', minItems: 1, maxItems: settings.maxInputs, items: ID } } } } },
    async (req) => {
      const c = await store.open(req.params.name);
      const deleted = await c.delete(req.body.ids);
      return { collection: req.params.name, deleted, count: await c.count() };
    },
  );

  app.post<{ Params: NameParams; Body: Record<string, unknown> & { query?: string; vector?: number[]; filter?: string | string[] } }>(
    '/v1/collections/:name/search',
    {
      schema: {
        params: PARAMS,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            query: { type: 'string', minLength: 1, maxLength: settings.maxChars },
            vector: { type: 'array', minItems: 1, maxItems: 1 << 16, items: { type: 'number' } },
            filter: { anyOf: [{ type: 'string', maxLength: 1024 }, { type: 'array', maxItems: 64, items: { type: 'string', maxLength: 1024 } }] },
            ...propertiesFromOptions(SEARCH_OPTIONS, { override: { k: { type: 'integer', minimum: 1, maximum: Math.min(settings.maxK, SEARCH_OPTIONS.k.max) } } }),
          },
        },
      },
    },
    async (req) => {
      const { query, vector, filter } = req.body;
      if ((query === undefined) === (vector === undefined)) throw new HttpError(400, 'give one of query (text) and vector', 'invalid_request', query === undefined ? 'query' : 'vector');
      const opts = textSearchOptions(pick(req.body, acceptedNames(SEARCH_OPTIONS)), filter === undefined ? undefined : typeof filter === 'string' ? [filter] : filter);
      const collection = await store.open(req.params.name);
      let hits;
      if (vector !== undefined) {
        if (opts.mode !== 'dense') throw new EmbedkitError('BAD_OPTION', 'mode', { expected: 'dense with a `vector` query', received: String(opts.mode), where: 'mode' });
        hits = await collection.searchVector(Float32Array.from(vector), opts);
      } else {
        const embedder = opts.mode === 'bm25' ? undefined : batchedEmbedder((await pool.forCollection(collection.manifest)).batcher);
        hits = await searchText(collection, embedder, query!, opts);
      }
      return { results: hits.map((h) => ({ id: h.id, score: roundScore(h.score), text: h.text, metadata: h.metadata })) };
    },
  );
}
