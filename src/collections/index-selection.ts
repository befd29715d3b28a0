/**
 * Which dense index answers a search: `auto` is HNSW from `HNSW_THRESHOLD` rows up and the exact flat scan
 * below; a Matryoshka prefix (`dims`) searches the first dims and rescores. In-memory indexes are built
 * once per generation of the rows and reused; the HNSW graph comes from the store (it persists it).
 */
import { EmbedkitError } from '../errors.js';
import type { Matrix } from '../math/matrix.js';
import { FlatIndex } from './indexes/flat-index.js';
import { MatryoshkaIndex } from './indexes/matryoshka-index.js';
import { BinaryIndex, Int8Index } from './indexes/quantized-index.js';
import type { VectorIndex } from './indexes/vector-index.js';
import type { IndexChoice } from './types.js';

/** From this many records up, `index: 'auto'` searches the HNSW graph instead of scanning. */
export const HNSW_THRESHOLD = 50_000;

export interface IndexedRows {
  readonly matrix: Matrix;
  /** Changes whenever the rows change. */
  readonly generation: number;
}

export class IndexSelection {
  private readonly cache = new Map<string, { index: VectorIndex; generation: number }>();

  constructor(
    private readonly hnsw: () => Promise<VectorIndex>,
    private readonly hnswThreshold: number = HNSW_THRESHOLD,
  ) {}

  async select(choice: IndexChoice, rows: IndexedRows, dims?: number): Promise<VectorIndex> {
    const kind = choice === 'auto' ? (rows.matrix.rows >= this.hnswThreshold ? 'hnsw' : 'flat') : choice;
    const prefix = dims !== undefined && dims < rows.matrix.dim;
    if (kind === 'matryoshka' && !prefix) {
      throw new EmbedkitError('BAD_OPTION', 'index', { expected: `\`dims\` below the collection's ${rows.matrix.dim} for a Matryoshka search`, received: dims === undefined ? 'no `dims`' : `dims ${dims}`, where: 'index' });
    }
    if (prefix) {
      if (choice !== 'auto' && choice !== 'flat' && choice !== 'matryoshka') {
        throw new EmbedkitError('BAD_OPTION', 'dims', { expected: '`index` flat, matryoshka or auto with a Matryoshka prefix', received: `index ${choice}`, where: 'dims' });
      }
      return this.cached(`matryoshka:${dims}`, rows, () => new MatryoshkaIndex(rows.matrix, dims));
    }
    if (kind === 'hnsw') return this.hnsw();
    if (kind === 'int8') return this.cached('int8', rows, () => new Int8Index(rows.matrix));
    if (kind === 'binary') return this.cached('binary', rows, () => new BinaryIndex(rows.matrix));
    return this.cached('flat', rows, () => new FlatIndex(rows.matrix));
  }

  private cached(key: string, rows: IndexedRows, make: () => VectorIndex): VectorIndex {
    const c = this.cache.get(key);
    if (c !== undefined && c.generation === rows.generation) return c.index;
    const index = make();
    this.cache.set(key, { index, generation: rows.generation });
    return index;
  }
}
