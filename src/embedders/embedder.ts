import type { Matrix } from '../math/matrix.js';

/** Word-vector pooling: mean, SIF (Arora et al. 2017), uSIF (Ethayarajh 2018). */
export type StaticPooling = 'mean' | 'sif' | 'usif';
export const STATIC_POOLINGS: readonly StaticPooling[] = ['mean', 'sif', 'usif'];

/** Transformer token-state pooling (sentence-transformers' Pooling modes). */
export type TransformerPooling = 'cls' | 'mean' | 'max' | 'last' | 'weightedmean';
export const TRANSFORMER_POOLINGS: readonly TransformerPooling[] = ['cls', 'mean', 'max', 'last', 'weightedmean'];

/** How token vectors become one text vector. */
export type Pooling = StaticPooling | TransformerPooling;

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
  /** ONNX embedders: the model file variant (`default`, `quantized`, …). */
  readonly variant?: string;
  /** Output precision when not float32 (`int8`, `uint8`, `binary`, `ubinary`); `dim` is then the packed width. */
  readonly precision?: 'float32' | 'int8' | 'uint8' | 'binary' | 'ubinary';
  /** Matryoshka truncation applied to the model's output. */
  readonly truncateDim?: number;
  /** Maximum tokens per sequence (special tokens included). */
  readonly maxLength?: number;
  /** Similarity function the model was trained for (sentence-transformers' `similarity_fn_name`). */
  readonly similarity?: 'cosine' | 'dot' | 'euclidean' | 'manhattan';
  /** Vector transforms applied after the model, in order, as `kind@hash` (see embedders/transforms). */
  readonly transforms?: readonly string[];
}

export interface EmbedOptions {
  /** Called after each batch with texts done so far. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Text prepended to every input (overrides the embedder's prompt), e.g. `"query: "`. */
  readonly prompt?: string;
  /** Name of a prompt stored with the model (sentence-transformers' `prompts`), e.g. `"query"`. */
  readonly promptName?: string;
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
  /** Number of model tokens in `text` (no special tokens, no prompt); ingest sizes chunks with it. */
  countTokens?(text: string): number;
  /** Frees native resources (sessions, workers). Safe to call twice. */
  dispose(): Promise<void>;
}
