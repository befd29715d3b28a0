/**
 * One embedding pass per distinct text per run: tasks that share texts (STS-B and SICK sentences, train
 * and test splits, repeated documents) reuse the rows embedded before. Rows are stored in the embedder's
 * output order; `embed` returns a fresh `texts.length × dim` matrix.
 */
import { EmbedkitError } from '../errors.js';
import type { Embedder } from '../embedders/embedder.js';
import { createMatrix, type Matrix } from '../math/matrix.js';

export class EmbeddingCache {
  private readonly rowOf = new Map<string, number>();
  private readonly chunks: Matrix[] = [];
  private readonly chunkStart: number[] = [];
  private total = 0;
  /** Texts embedded (cache misses) and served from the cache (hits). */
  misses = 0;
  hits = 0;

  constructor(
    readonly embedder: Embedder,
    private readonly onProgress?: (done: number, total: number) => void,
  ) {}

  async embed(texts: readonly string[]): Promise<Matrix> {
    const missing: string[] = [];
    const seen = new Set<string>();
    for (const t of texts) {
      if (this.rowOf.has(t) || seen.has(t)) continue;
      seen.add(t);
      missing.push(t);
    }
    this.hits += texts.length - missing.length;
    this.misses += missing.length;
    if (missing.length > 0) {
      const m = await this.embedder.embed(missing, this.onProgress !== undefined ? { onProgress: this.onProgress } : {});
      if (m.rows !== missing.length || m.dim !== this.embedder.dim) {
        throw new EmbedkitError('DIM_MISMATCH', `embedder ${this.embedder.id} output`, { expected: `${missing.length} × ${this.embedder.dim}`, received: `${m.rows} × ${m.dim}` });
      }
      this.chunkStart.push(this.total);
      this.chunks.push(m);
      missing.forEach((t, i) => this.rowOf.set(t, this.total + i));
      this.total += missing.length;
    }
    const dim = this.embedder.dim;
    const out = createMatrix(texts.length, dim);
    texts.forEach((t, i) => {
      const r = this.rowOf.get(t)!;
      const c = this.chunkOf(r);
      const local = r - this.chunkStart[c]!;
      out.data.set(this.chunks[c]!.data.subarray(local * dim, (local + 1) * dim), i * dim);
    });
    return out;
  }

  private chunkOf(row: number): number {
    let lo = 0;
    let hi = this.chunkStart.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunkStart[mid]! <= row) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
