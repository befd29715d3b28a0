import type { KeyedVectors } from '../keyed-vectors.js';

/** File formats with a reader + writer pair. `ekv` is embedkit's own binary cache format. */
export type VectorFormat = 'word2vec' | 'word2vec-bin' | 'glove' | 'vec' | 'ekv';

export const VECTOR_FORMATS: readonly VectorFormat[] = ['word2vec', 'word2vec-bin', 'glove', 'vec', 'ekv'];

export interface ReadOptions {
  /** Read only the first N rows. */
  readonly limit?: number;
  /** Non-fatal findings (duplicate keys, …). */
  readonly onWarning?: (message: string) => void;
  /** Called now and then with bytes consumed of the file so far. */
  readonly onProgress?: (bytesRead: number, fileSize: number) => void;
}


