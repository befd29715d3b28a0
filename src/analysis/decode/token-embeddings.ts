/**
 * The input vocabulary of a transformer encoder as a word-vector space: the token-embedding matrix read
 * from the ONNX model file of a local model folder (the initializer shaped vocab_size × hidden_size, see
 * onnx-initializers.ts), keyed by the tokens of its tokenizer.json. Decoding a sentence embedding against
 * it gives the "pseudo-word" view: the input tokens whose embeddings point the same way.
 */
import { EmbedkitError } from '../../errors.js';
import { openModelFolder, type JsonObject } from '../../embedders/onnx/model-folder.js';
import { KeyedVectors } from '../../vectors/keyed-vectors.js';
import { listInitializers, readInitializer, type InitializerInfo } from './onnx-initializers.js';

export interface TokenEmbeddingOptions {
  /** ONNX file variant (`default`, `quantized`, …); the default model file when omitted. */
  readonly variant?: string;
  /** Name of the initializer to read, when the shape and name heuristics pick the wrong one. */
  readonly initializer?: string;
}

export interface TokenEmbeddings {
  /** Rows keyed by token string (ids without a token string are named `[id N]`). */
  readonly vectors: KeyedVectors;
  /** The initializer read. */
  readonly source: InitializerInfo;
  readonly modelPath: string;
}

const NAME_PATTERN = /(word_embeddings|embed_tokens|wte|tok_embeddings|shared|word)[._]?weight$|word_embeddings$/i;

function num(config: JsonObject, keys: readonly string[]): number | undefined {
  for (const k of keys) {
    const v = config[k];
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
  }
  return undefined;
}

/** id → token string from tokenizer.json (`model.vocab` as a map or a Unigram list, plus `added_tokens`). */
export function tokenStrings(tokenizer: JsonObject, size: number): string[] {
  const out = new Array<string | undefined>(size).fill(undefined);
  const model = tokenizer['model'] as JsonObject | undefined;
  const vocab = model?.['vocab'];
  if (Array.isArray(vocab)) {
    vocab.forEach((entry, id) => {
      const piece = Array.isArray(entry) ? entry[0] : entry;
      if (typeof piece === 'string' && id < size) out[id] = piece;
    });
  } else if (vocab !== null && typeof vocab === 'object') {
    for (const [token, id] of Object.entries(vocab as Record<string, unknown>)) if (typeof id === 'number' && id >= 0 && id < size) out[id] = token;
  }
  const added = tokenizer['added_tokens'];
  if (Array.isArray(added)) {
    for (const t of added as JsonObject[]) {
      const id = t['id'];
      const content = t['content'];
      if (typeof id === 'number' && id >= 0 && id < size && typeof content === 'string') out[id] = content;
    }
  }
  const seen = new Set<string>();
  return out.map((t, id) => {
    let key = t ?? `[id ${id}]`;
    if (seen.has(key)) key = `${key}#${id}`;
    seen.add(key);
    return key;
  });
}

/** Reads the token-embedding matrix of the encoder in `folder`. */
export function loadTokenEmbeddings(folder: string, opts: TokenEmbeddingOptions = {}): TokenEmbeddings {
  const mf = openModelFolder(folder, opts.variant === undefined ? {} : { variant: opts.variant });
  const vocabSize = num(mf.config, ['vocab_size']);
  const hidden = num(mf.config, ['hidden_size', 'd_model', 'n_embd', 'dim', 'embedding_size']);
  const shapeMatch = (i: InitializerInfo): boolean => i.dims.length === 2 && i.dims[0] === vocabSize && i.dims[1] === hidden;
  // exporters may pad the vocabulary rows (e.g. to a multiple of 8): the name fallback checks the width only
  const nameMatch = (i: InitializerInfo): boolean => i.dims.length === 2 && NAME_PATTERN.test(i.name) && (hidden === undefined || i.dims[1] === hidden);
  let pick: (i: InitializerInfo) => boolean;
  if (opts.initializer !== undefined) pick = (i) => i.name === opts.initializer;
  else if (vocabSize !== undefined && hidden !== undefined) pick = shapeMatch;
  else pick = nameMatch;
  let found = readInitializer(mf.onnxPath, pick);
  if (found === undefined && pick === shapeMatch) found = readInitializer(mf.onnxPath, nameMatch);
  if (found === undefined) {
    const all = listInitializers(mf.onnxPath).filter((i) => i.dims.length === 2);
    throw new EmbedkitError('MODEL_INCOMPLETE', 'token-embedding matrix', {
      expected: opts.initializer !== undefined ? `an initializer named ${JSON.stringify(opts.initializer)}` : `a 2-D initializer of shape [${vocabSize ?? 'vocab_size'}, ${hidden ?? 'hidden_size'}]`,
      received: all.length === 0 ? 'no 2-D initializers' : all.slice(0, 8).map((i) => `${i.name} [${i.dims.join(', ')}]`).join(', ') + (all.length > 8 ? ', …' : ''),
      where: mf.onnxPath,
      hint: 'name the tensor with `initializer`, or use a model file whose weights are stored as initializers',
    });
  }
  const [rows, dim] = found.info.dims as [number, number];
  const keys = tokenStrings(mf.tokenizer, rows);
  return { vectors: new KeyedVectors(keys, found.data, dim), source: found.info, modelPath: mf.onnxPath };
}
