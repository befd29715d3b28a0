/**
 * Word tools for word-vector models (the explorer uses them): `POST /v1/words/neighbors` and
 * `POST /v1/words/analogy`, with the CLI's JSON shapes (`{query, results: [{key, score}]}`).
 */
import type { FastifyInstance } from 'fastify';
import { neighborsJson } from '../../vectors/neighbors-json.js';
import type { ServerContext } from '../server-context.js';

interface NeighborsBody {
  readonly model: string;
  readonly word: string;
  readonly k?: number;
  readonly restrictVocab?: number;
}

interface AnalogyBody {
  readonly model: string;
  readonly a: string;
  readonly b: string;
  readonly c: string;
  readonly method?: 'add' | 'mul';
  readonly k?: number;
  readonly restrictVocab?: number;
}

const word = { type: 'string', minLength: 1, maxLength: 200 } as const;

export function registerWords(app: FastifyInstance, ctx: ServerContext): void {
  const common = {
    model: { type: 'string', minLength: 1, maxLength: 256 },
    k: { type: 'integer', minimum: 1, maximum: ctx.settings.maxK },
    restrictVocab: { type: 'integer', minimum: 1, maximum: 100_000_000 },
  };
  app.post<{ Body: NeighborsBody }>(
    '/v1/words/neighbors',
    { schema: { body: { type: 'object', required: ['model', 'word'], additionalProperties: false, properties: { ...common, word } } } },
    async (req) => {
      const b = req.body;
      const kv = await ctx.pool.wordVectorsOf(b.model);
      const res = kv.mostSimilar({ positive: [b.word], topK: b.k ?? 10, ...(b.restrictVocab !== undefined ? { restrictVocab: b.restrictVocab } : {}) });
      return neighborsJson(b.word, res);
    },
  );
  app.post<{ Body: AnalogyBody }>(
    '/v1/words/analogy',
    {
      schema: {
        body: { type: 'object', required: ['model', 'a', 'b', 'c'], additionalProperties: false, properties: { ...common, a: word, b: word, c: word, method: { type: 'string', enum: ['add', 'mul'] } } },
      },
    },
    async (req) => {
      const { a, b, c, method = 'add' } = req.body;
      const kv = await ctx.pool.wordVectorsOf(req.body.model);
      const res = kv.analogy(a, b, c, { method, topK: req.body.k ?? 5, ...(req.body.restrictVocab !== undefined ? { restrictVocab: req.body.restrictVocab } : {}) });
      return neighborsJson({ a, b, c, method }, res);
    },
  );
}
