import type { Matrix } from '../math/matrix.js';

/** How token vectors become one text vector. */
export type Pooling = 'mean' | 'sif' | 'usif' | 'cls' | 'max' | 'last' | 'weightedmean';

/** A description of an embedder, persisted in manifests (collections, result files). */
export interface EmbedderInfo {
  /** Stable identifier, e.g. `static:glove-100d:mean`. */
  readonly id: string;
  readonly kind: 'static' | 'onnx' | 'remote';
  /** Registry name or path of the underlying model. */
  readonly model: string;
  readonly dim: number;
  readonly pooling: Pooling;
  readonly normalize: boolean;
  readonly prompt?: string;
}

export interface EmbedOptions {
  /** Called after each batch with texts done so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Turns texts into vectors. Batch-first: one call embeds many texts and returns a `texts.length × dim`
 * matrix, row i for `texts[i]`.
 */
export interface Embedder {
  readonly id: string;
  readonly dim: number;
  readonly info: EmbedderInfo;
  embed(texts: readonly string[], opts?: EmbedOptions): Promise<Matrix>;
  /** Frees native resources (sessions, workers). Safe to call twice. */
  dispose(): Promise<void>;
}
