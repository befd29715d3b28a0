/**
 * The vocabulary an embedder's vectors are decoded against: the token embeddings of a model folder when
 * `tokens` names one; else the embedder's own vocabulary — its word vectors (static models) or, for an
 * ONNX encoder, its input token embeddings (the "pseudo-word" view).
 */
import type { Embedder } from '../../embedders/embedder.js';
import { TransformedEmbedder } from '../../embedders/transforms/transformed-embedder.js';
import { EmbedkitError } from '../../errors.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';
import { loadTokenEmbeddings } from './token-embeddings.js';

export interface DecodeVocabulary {
  readonly vectors: KeyedVectors;
  /** `words` (a word-vector model) or `tokens` (an encoder's token embeddings). */
  readonly kind: 'words' | 'tokens';
  /** The model or folder the vocabulary comes from. */
  readonly source: string;
}

export function decodeVocabulary(embedder: Embedder & { readonly vectors?: KeyedVectors }, opts: { readonly tokens?: string } = {}): DecodeVocabulary {
  if (opts.tokens !== undefined) return { vectors: loadTokenEmbeddings(opts.tokens).vectors, kind: 'tokens', source: opts.tokens };
  if (embedder.vectors !== undefined) return { vectors: embedder.vectors, kind: 'words', source: embedder.info.model };
  const info = embedder instanceof TransformedEmbedder ? embedder.base.info : embedder.info;
  if (embedder instanceof TransformedEmbedder || info.kind !== 'onnx') {
    throw new EmbedkitError('UNSUPPORTED', `decoding ${info.kind} embeddings${embedder instanceof TransformedEmbedder ? ' with transforms' : ''}`, {
      expected: 'a word-vector model or an ONNX encoder folder without transforms',
      received: embedder.id,
      where: 'model',
      hint: 'name a vocabulary with `tokens` (a model folder)',
    });
  }
  return { vectors: loadTokenEmbeddings(info.model, info.variant !== undefined && info.variant !== 'default' ? { variant: info.variant } : {}).vectors, kind: 'tokens', source: info.model };
}
