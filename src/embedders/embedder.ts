import type { Matrix } from '../math/matrix.js';
import type { TextWindows } from './stages/pool-windows.js';

/** Word-vector pooling: mean, SIF (Arora et al. 2017), uSIF (Ethayarajh 2018). */
export type StaticPooling = 'mean' | 'sif' | 'usif';
export const STATIC_POOLINGS: readonly StaticPooling[] = ['mean', 'sif', 'usif'];

/** Transformer token-state pooling (sentence-transformers' Pooling modes). */
export type TransformerPooling = 'cls' | 'mean' | 'max' | 'last' | 'weightedmean';
export const TRANSFORMER_POOLINGS: readonly TransformerPooling[] = ['cls', 'mean', 'max', 'last', 'weightedmean'];

/** How token vectors become one text vector. */
export type Pooling = StaticPooling | TransformerPooling;

/** What an embedder is built on; one registry entry per kind (embedders/registry.ts). */
export type EmbedderKind = 'static' | 'model2vec' | 'onnx' | 'remote';
export const EMBEDDER_KINDS: readonly EmbedderKind[] = ['static', 'model2vec', 'onnx', 'remote'];

/** What every embedder description has, persisted in manifests (collections, result files). */
interface EmbedderInfoBase {
  /** Stable identifier, e.g. `static:glove-100d:mean`. */
  readonly id: string;
  /** Registry name, path or URL of the underlying model. */
  readonly model: string;
  readonly dim: number;
  readonly normalize: boolean;
  /** Text prepended to every input. */
  readonly prompt?: string;
  /** Vector transforms applied after the model, in order, as `kind@hash` (see embedders/transforms). */
  readonly transforms?: readonly string[];
}

/** Word vectors pooled into text vectors. */
export interface StaticEmbedderInfo extends EmbedderInfoBase {
  readonly kind: 'static';
  readonly pooling: StaticPooling;
  /** sif/usif: the common components removed (`sif@<hash>`, see `referenceId`). */
  readonly reference?: string;
}

/** A static model in model2vec's layout: token embeddings (the folder's own tokenizer), mean-pooled. */
export interface Model2VecEmbedderInfo extends EmbedderInfoBase {
  readonly kind: 'model2vec';
  readonly pooling: 'mean';
  /** Tokens per text (the rest is cut). */
  readonly maxLength?: number;
  readonly similarity?: 'cosine';
}

/** A transformer encoder run with ONNX Runtime. */
export interface OnnxEmbedderInfo extends EmbedderInfoBase {
  readonly kind: 'onnx';
  readonly pooling: TransformerPooling;
  /** The model file variant (`default`, `quantized`, …). */
  readonly variant?: string;
  /** Output precision when not float32 (`int8`, `uint8`, `binary`, `ubinary`); `dim` is then the packed width. */
  readonly precision?: 'float32' | 'int8' | 'uint8' | 'binary' | 'ubinary';
  /** Matryoshka truncation applied to the model's output. */
  readonly truncateDim?: number;
  /** Maximum tokens per sequence (special tokens included). */
  readonly maxLength?: number;
  /** Transformer layers run, when fewer than the model has (elastic depth). */
  readonly layers?: number;
  /** Similarity function the model was trained for (sentence-transformers' `similarity_fn_name`). */
  readonly similarity?: 'cosine' | 'dot' | 'euclidean' | 'manhattan';
  /** sha256 over the model's config, tokenizer and weights (onnx/fingerprint.ts): the same model wherever its folder is. */
  readonly fingerprint?: string;
}

/** A model behind an HTTP API (no pooling: the service returns text vectors). */
export interface RemoteEmbedderInfo extends EmbedderInfoBase {
  readonly kind: 'remote';
  /** Requested output dimensions (Matryoshka models), when set. */
  readonly truncateDim?: number;
  /** The API's base URL (e.g. `https://api.openai.com/v1`); never the key. */
  readonly baseUrl?: string;
}

/** A description of an embedder, discriminated by `kind`. */
export type EmbedderInfo = StaticEmbedderInfo | Model2VecEmbedderInfo | OnnxEmbedderInfo | RemoteEmbedderInfo;

/** The pooling of an embedder, when it has one. */
export function poolingOf(info: EmbedderInfo): Pooling | undefined {
  return info.kind === 'remote' ? undefined : info.pooling;
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
  /** Encoders with a token limit: every window of every text, pooled on its own (see `stages/pool-windows.ts`). */
  embedWindows?(texts: readonly string[], opts?: EmbedOptions): Promise<TextWindows>;
  /** Frees native resources (sessions, workers). Safe to call twice. */
  dispose(): Promise<void>;
}
