/**
 * Distillation of a transformer sentence encoder into a static model2vec model, following model2vec's
 * `distill_from_model` (and so sentence-transformers' `StaticEmbedding.from_distillation`):
 *
 * 1. Vocabulary: every token of the encoder's tokenizer in id order, minus those matching
 *    `tokenRemovePattern` at their start (default `[unusedN]`, model2vec's default).
 * 2. Token embeddings: each token alone between the tokenizer's special tokens (`[CLS] tok [SEP]`) through
 *    the encoder, mean-pooled over all positions (model2vec's default `pooling="mean"`), not normalized.
 * 3. PCA to `dim` components (centred, full decomposition, as sklearn's `PCA(svd_solver="full")`); with
 *    `dim` ≥ the encoder's width the vectors are only rotated/centred, as model2vec does.
 * 4. Zipf/SIF weighting: token rank r (0-based, id order) gets probability p = (1/(r+2)) / Σ 1/(k+2) and each
 *    row is scaled by sif / (sif + p), sif = 1e-4.
 * 5. Stored as float16 (model2vec's default `quantize_to`), with a tokenizer that no longer carries the
 *    removed tokens, the post-processor, truncation or padding (texts are encoded without special tokens).
 */
import { EmbedkitError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import { pca } from '../../math/pca.js';
import type { JsonObject } from '../onnx/model-folder.js';
import type { OnnxEmbedder } from '../onnx/onnx-embedder.js';
import { roundToFloat16, type Model2VecModel } from './model2vec-folder.js';

export interface DistillOptions {
  /** PCA components (default 256); `null` keeps the encoder's vectors as they are (no PCA). */
  readonly dim?: number | null;
  /** SIF coefficient for the Zipf weighting (default 1e-4); `null` disables the weighting. */
  readonly sifCoefficient?: number | null;
  /** Tokens whose text matches at its start are left out (default `/\[unused\d+\]/`); `null` keeps all. */
  readonly tokenRemovePattern?: RegExp | null;
  /** Storage precision of the embeddings (default float16, as model2vec). */
  readonly dtype?: 'float16' | 'float32';
  /** Sequences per encoder run (default 256, as model2vec). */
  readonly batchSize?: number;
  /** Name recorded as `tokenizer_name` in config.json (default: the encoder's model name). */
  readonly baseModel?: string;
  readonly onProgress?: (done: number, total: number) => void;
  readonly onWarning?: (message: string) => void;
}

export const DISTILL_DEFAULTS = { dim: 256, sifCoefficient: 1e-4, tokenRemovePattern: /\[unused\d+\]/, batchSize: 256 } as const;

/** Vocabulary of a tokenizer.json as tokens indexed by id (WordPiece / BPE / WordLevel objects, Unigram arrays). */
export function vocabularyOf(tokenizer: JsonObject): string[] {
  const model = tokenizer['model'] as JsonObject | undefined;
  const vocab = model?.['vocab'];
  const out: string[] = [];
  if (Array.isArray(vocab)) {
    vocab.forEach((entry, i) => (out[i] = String(Array.isArray(entry) ? entry[0] : entry)));
  } else if (typeof vocab === 'object' && vocab !== null) {
    for (const [tok, id] of Object.entries(vocab)) if (typeof id === 'number') out[id] = tok;
  } else {
    throw new EmbedkitError('UNSUPPORTED', 'tokenizer model', { expected: 'a tokenizer.json with a model vocabulary', received: String(model?.['type']) });
  }
  for (const a of (tokenizer['added_tokens'] as JsonObject[] | undefined) ?? []) {
    if (typeof a['id'] === 'number' && typeof a['content'] === 'string' && out[a['id']] === undefined) out[a['id']] = a['content'];
  }
  return out;
}

/** tokenizer.json with only the `keep` ids (renumbered in order), no post-processor, truncation or padding. */
export function pruneTokenizer(tokenizer: JsonObject, keep: readonly number[]): JsonObject {
  const newId = new Map(keep.map((old, i) => [old, i]));
  const model = { ...(tokenizer['model'] as JsonObject) };
  const vocab = model['vocab'];
  if (Array.isArray(vocab)) {
    model['vocab'] = keep.map((old) => vocab[old]);
    if (typeof model['unk_id'] === 'number') model['unk_id'] = newId.get(model['unk_id']) ?? null;
  } else if (typeof vocab === 'object' && vocab !== null) {
    const next: Record<string, number> = {};
    for (const [tok, id] of Object.entries(vocab as Record<string, number>)) {
      const n = newId.get(id);
      if (n !== undefined) next[tok] = n;
    }
    model['vocab'] = next;
  }
  const added = ((tokenizer['added_tokens'] as JsonObject[] | undefined) ?? []).flatMap((a) => {
    const n = typeof a['id'] === 'number' ? newId.get(a['id']) : undefined;
    return n === undefined ? [] : [{ ...a, id: n }];
  });
  return { ...tokenizer, model, added_tokens: added, post_processor: null, truncation: null, padding: null };
}

/** Zipf-estimated SIF weights for `n` tokens in rank order. */
export function sifWeights(n: number, sif: number): Float64Array {
  let total = 0;
  for (let r = 0; r < n; r++) total += 1 / (r + 2);
  const w = new Float64Array(n);
  for (let r = 0; r < n; r++) w[r] = sif / (sif + 1 / (r + 2) / total);
  return w;
}

/** Centred PCA projection onto the top `k` components (k ≤ dim). */
export function pcaProject(x: Matrix, k: number): Matrix {
  const { rows, dim, data } = x;
  const pcs = pca(x, k);
  const mean = pcs.mean;
  const centred = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) for (let j = 0; j < dim; j++) centred[r * dim + j] = data[r * dim + j]! - mean[j]!;
  const out = new Float32Array(rows * k);
  const c = pcs.components;
  for (let r = 0; r < rows; r++) {
    const o = r * dim;
    for (let p = 0; p < k; p++) {
      let s = 0;
      const co = p * dim;
      for (let j = 0; j < dim; j++) s += centred[o + j]! * c[co + j]!;
      out[r * k + p] = s;
    }
  }
  return { data: out, rows, dim: k };
}

/** Distils `encoder` into a static model (see the file comment for the steps). */
export async function distill(encoder: OnnxEmbedder, opts: DistillOptions = {}): Promise<Model2VecModel> {
  const sif = opts.sifCoefficient === undefined ? DISTILL_DEFAULTS.sifCoefficient : opts.sifCoefficient;
  if (sif !== null && !(sif > 0 && sif < 1)) throw new EmbedkitError('BAD_OPTION', 'sifCoefficient', { expected: 'a number in (0, 1)', received: String(sif), where: 'sifCoefficient' });
  const requested = opts.dim === undefined ? DISTILL_DEFAULTS.dim : opts.dim;
  if (requested !== null && (!Number.isInteger(requested) || requested < 1)) throw new EmbedkitError('BAD_OPTION', 'dim', { expected: 'an integer ≥ 1', received: String(requested), where: 'dim' });
  const pattern = opts.tokenRemovePattern === undefined ? DISTILL_DEFAULTS.tokenRemovePattern : opts.tokenRemovePattern;

  const tokenizerJson = encoder.folder.tokenizer;
  const vocab = vocabularyOf(tokenizerJson);
  const keep: number[] = [];
  for (let id = 0; id < vocab.length; id++) {
    const tok = vocab[id];
    if (tok === undefined) continue;
    if (pattern !== null && new RegExp(`^(?:${pattern.source})`, pattern.flags.replace('g', '')).test(tok)) continue;
    keep.push(id);
  }
  if (keep.length === 0) throw new EmbedkitError('BAD_OPTION', 'tokenRemovePattern', { expected: 'a pattern that leaves some tokens', received: String(pattern), where: 'tokenRemovePattern' });
  const { prefix, suffix } = encoder.tokenizer;
  const seqs = keep.map((id) => Int32Array.from([...prefix, id, ...suffix]));
  const raw = await encoder.embedIds(seqs, { pooling: 'mean', batchSize: opts.batchSize ?? DISTILL_DEFAULTS.batchSize, ...(opts.onProgress !== undefined ? { onProgress: opts.onProgress } : {}) });
  for (let i = 0; i < raw.data.length; i++) if (!Number.isFinite(raw.data[i]!)) raw.data[i] = 0; // numpy.nan_to_num

  let m: Matrix = raw;
  if (requested !== null) {
    let k = requested;
    if (k > raw.dim) {
      opts.onWarning?.(`dim ${k} is larger than the encoder's ${raw.dim} dimensions: applying PCA without reducing the dimension`);
      k = raw.dim;
    }
    if (k >= raw.rows) opts.onWarning?.(`dim ${k} is not below the vocabulary size ${raw.rows}: PCA not applied`);
    else m = pcaProject(raw, k);
  }
  if (sif !== null) {
    const w = sifWeights(m.rows, sif);
    for (let r = 0; r < m.rows; r++) for (let j = 0; j < m.dim; j++) m.data[r * m.dim + j]! *= w[r]!;
  }
  const dtype = opts.dtype ?? 'float16';
  const embeddings = dtype === 'float16' ? roundToFloat16(m.data) : m.data;
  const config: JsonObject = {
    model_type: 'model2vec',
    architectures: ['StaticModel'],
    tokenizer_name: opts.baseModel ?? encoder.info.model,
    apply_pca: requested,
    sif_coefficient: sif,
    hidden_dim: m.dim,
    seq_length: 1000000,
    normalize: true,
    pooling: 'mean',
    embedding_dtype: dtype,
  };
  return { embeddings, rows: m.rows, dim: m.dim, tokenizer: pruneTokenizer(tokenizerJson, keep), config, normalize: true, dtype: dtype === 'float16' ? 'F16' : 'F32' };
}
