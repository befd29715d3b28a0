/**
 * The pretrained-embedding baseline of data–text matching: every row becomes one vector — its cells
 * serialized (`column: value; …`, default) or each cell embedded on its own and the cell vectors averaged
 * (`columns`) — every text one vector, and each row gets its k most cosine-similar texts (exact search).
 */
import type { EmbedOptions, Embedder } from '../../embedders/embedder.js';
import { normalizeRowsInPlace } from '../../math/kernels.js';
import type { Matrix } from '../../math/matrix.js';
import { toShared } from '../../math/shared-memory.js';
import { topKDotBatch } from '../../math/top-k.js';
import { rowMatches, type RowMatches } from './match-result.js';
import { serializeRow, type MatchText, type TableRow } from './table.js';

export type RowText = 'serialize' | 'columns';
export const ROW_TEXTS: readonly RowText[] = ['serialize', 'columns'];

async function rowVectors(embedder: Embedder, rows: readonly TableRow[], rowText: RowText, opts: EmbedOptions): Promise<Matrix> {
  if (rowText === 'serialize') return embedder.embed(rows.map(serializeRow), opts);
  const cells = rows.flatMap((r) => r.cells.map(([c, v]) => `${c}: ${v}`));
  const m = await embedder.embed(cells, opts);
  normalizeRowsInPlace(m.data, m.dim);
  const data = new Float32Array(rows.length * m.dim);
  let at = 0;
  rows.forEach((r, i) => {
    for (let c = 0; c < r.cells.length; c++, at++) for (let j = 0; j < m.dim; j++) data[i * m.dim + j]! += m.data[at * m.dim + j]! / r.cells.length;
  });
  return { data, rows: rows.length, dim: m.dim };
}

export interface EmbedMatchOptions {
  readonly k: number;
  readonly rowText?: RowText;
  /** Texts embedded so far (rows, or cells, then texts) of the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

export async function embedMatch(embedder: Embedder, rows: readonly TableRow[], texts: readonly MatchText[], opts: EmbedMatchOptions): Promise<RowMatches[]> {
  const rowText = opts.rowText ?? 'serialize';
  const first = rowText === 'serialize' ? rows.length : rows.reduce((n, r) => n + r.cells.length, 0);
  const total = first + texts.length;
  const report = opts.onProgress;
  const left = await rowVectors(embedder, rows, rowText, report !== undefined ? { onProgress: (n) => report(n, total) } : {});
  const right = await embedder.embed(texts.map((t) => t.text), report !== undefined ? { onProgress: (n) => report(first + n, total) } : {});
  normalizeRowsInPlace(left.data, left.dim);
  normalizeRowsInPlace(right.data, right.dim);
  return rowMatches(rows, texts, topKDotBatch(toShared(right.data), right.dim, left.data, Math.min(opts.k, texts.length)));
}
