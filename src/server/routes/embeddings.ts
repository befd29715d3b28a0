/**
 * OpenAI-compatible embeddings: `POST /v1/embeddings` (`input`, `model`, `encoding_format` float|base64,
 * `dimensions` = the core's `truncateDim`, `user` ignored; embedkit extensions `prompt` / `promptName`),
 * `GET /v1/models`, `GET /v1/models/:model`. Vectors are exactly the library's (`createEmbedder(model)`);
 * `dimensions` keeps the first N and re-normalizes (Matryoshka).
 */
import type { FastifyInstance } from 'fastify';
import { EMBEDDER_OPTIONS } from '../../embedders/embedder-options.js';
import { truncateDim } from '../../embedders/stages/truncate-dim.js';
import { EmbedkitError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import { resolveEmbedderKind } from '../../embedders/registry.js';
import { countTokens, requestTexts } from '../request-texts.js';
import { schemaOf } from '../schema-from-options.js';
import type { ServerContext } from '../server-context.js';

/** The core's names on this route. */
export const EMBEDDINGS_FIELDS: Readonly<Record<string, string>> = { truncateDim: 'dimensions' };

interface EmbeddingsBody {
  readonly input: unknown;
  readonly model: string;
  readonly encoding_format?: 'float' | 'base64';
  readonly dimensions?: number;
  readonly user?: string;
  readonly prompt?: string;
  readonly promptName?: string;
}

/** Little-endian float32 bytes of one row, base64 (what OpenAI's clients decode). */
function base64Row(m: Matrix, r: number): string {
  const row = m.data.slice(r * m.dim, (r + 1) * m.dim);
  const buf = Buffer.alloc(row.length * 4);
  for (let i = 0; i < row.length; i++) buf.writeFloatLE(row[i]!, i * 4);
  return buf.toString('base64');
}

export function registerEmbeddings(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Body: EmbeddingsBody }>(
    '/v1/embeddings',
    {
      config: { fields: EMBEDDINGS_FIELDS },
      schema: {
        body: {
          type: 'object',
          required: ['input', 'model'],
          additionalProperties: false,
          properties: {
            input: { anyOf: [{ type: 'string' }, { type: 'array', minItems: 1, maxItems: ctx.settings.maxInputs }] },
            model: { type: 'string', minLength: 1, maxLength: 256 },
            encoding_format: { type: 'string', enum: ['float', 'base64'] },
            dimensions: schemaOf(EMBEDDER_OPTIONS.truncateDim),
            user: { type: 'string', maxLength: 4096 },
            prompt: schemaOf(EMBEDDER_OPTIONS.prompt),
            promptName: schemaOf(EMBEDDER_OPTIONS.promptName),
          },
        },
      },
    },
    async (req) => {
      const body = req.body;
      const texts = requestTexts(body.input, 'input', ctx.settings);
      const { embedder, batcher } = await ctx.pool.get(body.model);
      if (body.dimensions !== undefined && body.dimensions > embedder.dim) {
        throw new EmbedkitError('BAD_OPTION', 'truncateDim', { expected: `an integer in 1–${embedder.dim} (the model's dimensions)`, received: String(body.dimensions), where: 'truncateDim' });
      }
      let m = await batcher.submit(texts, { ...(body.prompt !== undefined ? { prompt: body.prompt } : {}), ...(body.promptName !== undefined ? { promptName: body.promptName } : {}) });
      if (body.dimensions !== undefined) m = truncateDim(m, body.dimensions, true);
      const tokens = await countTokens(embedder, texts);
      const base64 = body.encoding_format === 'base64';
      const data = Array.from({ length: m.rows }, (_, i) => ({ object: 'embedding', index: i, embedding: base64 ? base64Row(m, i) : Array.from(m.data.subarray(i * m.dim, (i + 1) * m.dim)) }));
      return { object: 'list', data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
    },
  );

  const describe = (name: string, ref: string): Record<string, unknown> => ({
    id: name,
    object: 'model',
    created: Math.floor(ctx.startedAt / 1000),
    owned_by: 'embedkit',
    kind: resolveEmbedderKind(ref).kind,
    loaded: ctx.pool.isLoaded(name),
  });
  app.get('/v1/models', async () => ({ object: 'list', data: ctx.pool.models().map((m) => describe(m.name, m.ref)) }));
  app.get<{ Params: { model: string } }>('/v1/models/:model', { schema: { params: { type: 'object', properties: { model: { type: 'string', maxLength: 256 } } } } }, async (req) => {
    const m = ctx.pool.model(req.params.model);
    const out = describe(m.name, m.ref);
    if (ctx.pool.isLoaded(m.name)) out['dim'] = (await ctx.pool.get(m.name)).embedder.dim;
    return out;
  });
}
