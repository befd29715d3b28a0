/**
 * `POST /v1/projection`: a 2-D map of a collection (its first `limit` records in id order) or of a word
 * model's vocabulary (the `count` most frequent words, a seeded sample of the first `from`, or given
 * `words`), projected by the analysis floor (PCA, UMAP or t-SNE, seeded). Returns the projection document
 * the CLI writes (`{method, dims, params, explainedVarianceRatio?, points: [{x, y, label, …metadata}]}`) and
 * its Vega-Lite scatter plot (`spec`, from the analysis floor's `plotSpec`) for the explorer.
 * Projections run on the event loop: sizes are capped (5,000 points for PCA, 1,500 for UMAP / t-SNE), and
 * one runs at a time (another gets 429).
 */
import type { FastifyInstance } from 'fastify';
import { projectionDocument, type MetadataValue } from '../../analysis/projection/plot-points.js';
import { plotSpec } from '../../analysis/projection/plot-spec.js';
import { projectVectors, PROJECTION_METHODS, type ProjectionMethod } from '../../analysis/projection/project.js';
import { vocabularySample } from '../../analysis/projection/vocabulary-sample.js';
import type { Matrix } from '../../math/matrix.js';
import { HttpError } from '../http-errors.js';
import type { ServerContext } from '../server-context.js';

interface ProjectionBody {
  readonly collection?: string;
  readonly model?: string;
  readonly words?: string[];
  readonly count?: number;
  readonly from?: number;
  readonly limit?: number;
  readonly method?: ProjectionMethod;
  readonly seed?: number;
}

const MAX_POINTS: Readonly<Record<ProjectionMethod, number>> = { pca: 5000, umap: 1500, tsne: 1500 };
const RESERVED = new Set(['x', 'y', 'z', 'label']);

function scalarMetadata(id: string, meta: Readonly<Record<string, unknown>>): Record<string, MetadataValue> {
  const out: Record<string, MetadataValue> = { id };
  for (const [k, v] of Object.entries(meta)) {
    if (RESERVED.has(k) || k === 'id') continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) out[k] = v;
  }
  return out;
}

export function registerProjection(app: FastifyInstance, ctx: ServerContext): void {
  let busy = false;
  app.post<{ Body: ProjectionBody }>(
    '/v1/projection',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            collection: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$' },
            model: { type: 'string', minLength: 1, maxLength: 256 },
            words: { type: 'array', minItems: 2, maxItems: MAX_POINTS.pca, items: { type: 'string', minLength: 1, maxLength: 200 } },
            count: { type: 'integer', minimum: 2, maximum: MAX_POINTS.pca },
            from: { type: 'integer', minimum: 2, maximum: 10_000_000 },
            limit: { type: 'integer', minimum: 2, maximum: MAX_POINTS.pca },
            method: { type: 'string', enum: [...PROJECTION_METHODS] },
            seed: { type: 'integer', minimum: 0, maximum: 2 ** 31 - 1 },
          },
        },
      },
    },
    async (req) => {
      const b = req.body;
      const method = b.method ?? 'pca';
      if ((b.collection === undefined) === (b.model === undefined)) throw new HttpError(400, 'give one of collection and model', 'invalid_request', 'collection');
      const cap = MAX_POINTS[method];
      if (busy) throw new HttpError(429, 'a projection is already running; retry shortly', 'busy', null, { 'retry-after': '1' });
      busy = true;
      try {
        let matrix: Matrix;
        let labels: string[];
        let metadata: Record<string, MetadataValue>[] | undefined;
        if (b.collection !== undefined) {
          const records = await (await ctx.store.open(b.collection)).scan({ limit: Math.min(b.limit ?? 1000, cap) });
          if (records.length < 2) throw new HttpError(400, `collection ${b.collection} has ${records.length} record(s); a map needs at least 2`, 'too_few_points', 'collection');
          const dim = records[0]!.vector.length;
          const data = new Float32Array(records.length * dim);
          records.forEach((r, i) => data.set(r.vector, i * dim));
          matrix = { data, rows: records.length, dim };
          labels = records.map((r) => (r.text.length > 80 ? `${r.text.slice(0, 79)}…` : r.text));
          metadata = records.map((r) => scalarMetadata(r.id, r.metadata));
        } else {
          const kv = await ctx.pool.wordVectorsOf(b.model!);
          const s = vocabularySample(kv, {
            ...(b.words !== undefined ? { words: b.words.slice(0, cap) } : { count: Math.min(b.count ?? 500, cap) }),
            ...(b.from !== undefined ? { from: b.from } : {}),
            ...(b.seed !== undefined ? { seed: b.seed } : {}),
            onWarning: ctx.onWarning,
          });
          matrix = s.matrix;
          labels = s.labels;
        }
        const p = projectVectors(matrix, { method, ...(b.seed !== undefined ? { seed: b.seed } : {}) });
        const doc = projectionDocument(p, { labels, ...(metadata !== undefined ? { metadata } : {}) });
        // Words are drawn next to their points; collection texts only show on hover.
        return { ...doc, spec: plotSpec(doc.points, { method, showLabels: b.model !== undefined && doc.points.length <= 300 }) };
      } finally {
        busy = false;
      }
    },
  );
}
