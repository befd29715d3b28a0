/**
 * A static embedder for model2vec folders (distilled here, or brought by the user: potion-base-8M, …),
 * computing what model2vec's `StaticModel.encode` computes:
 *
 *   text → cut to maxLength × (median token length) characters → the folder's own tokenizer, no special
 *   tokens → unknown-token ids dropped → first maxLength ids → mean of their rows (× per-token weights and
 *   through the id → row mapping when the vocabulary was quantized) → L2-normalized when the model
 *   normalizes (norm + 1e-32, as model2vec). A text with no tokens is the zero vector.
 *
 * Tokenization is `@huggingface/tokenizers` (as for the ONNX embedders); no native code, no transformer.
 */
import { Tokenizer } from '@huggingface/tokenizers';
import { EmbedkitError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import type { EmbedOptions, Embedder, EmbedderInfo } from '../embedder.js';
import type { JsonObject } from '../onnx/model-folder.js';
import { readModel2VecFolder, type Model2VecModel } from './model2vec-folder.js';

export interface Model2VecEmbedderOptions {
  /** Name recorded in `info.model` (default: the folder path). */
  readonly model?: string;
  /** Override the model's normalization. */
  readonly normalize?: boolean;
  /** Tokens per text (default 512, model2vec's `encode` default). */
  readonly maxLength?: number;
}

/** Default tokens per text (model2vec's `encode(max_length=512)`). */
export const MODEL2VEC_MAX_LENGTH = 512;

export class Model2VecEmbedder implements Embedder {
  readonly id: string;
  readonly dim: number;
  readonly info: EmbedderInfo;
  readonly normalize: boolean;
  readonly maxLength: number;
  /** Characters kept per text before tokenizing: maxLength × the median token length. */
  readonly maxChars: number;
  readonly unkId: number | undefined;
  private readonly tokenizer: Tokenizer;

  constructor(
    readonly model: Model2VecModel,
    opts: Model2VecEmbedderOptions & { readonly where?: string } = {},
  ) {
    const where = opts.where ?? 'tokenizer.json';
    try {
      this.tokenizer = new Tokenizer(model.tokenizer, {});
    } catch (e) {
      throw new EmbedkitError('FORMAT_ERROR', 'tokenizer.json could not be loaded', { expected: 'a Hugging Face tokenizers file', received: e instanceof Error ? e.message : String(e), where, cause: e });
    }
    const vocab = this.tokenizer.get_vocab(true);
    const size = vocab.size;
    const tableRows = model.mapping !== undefined ? model.mapping.length : model.rows;
    let maxId = -1;
    for (const id of vocab.values()) if (id > maxId) maxId = id;
    if (maxId >= tableRows || (model.weights !== undefined && model.weights.length <= maxId)) {
      throw new EmbedkitError('MODEL_FILES_DISAGREE', 'vocabulary size', {
        expected: `token ids below ${tableRows} (rows of the embedding table)`,
        received: `tokenizer.json with ${size} tokens, ids up to ${maxId}`,
        where,
        hint: 'the tokenizer belongs to a different model',
      });
    }
    const unk = (model.tokenizer['model'] as JsonObject | undefined)?.['unk_token'];
    this.unkId = typeof unk === 'string' ? this.tokenizer.token_to_id(unk) : undefined;
    const lengths = [...vocab.keys()].map((t) => [...t].length).sort((a, b) => a - b);
    // numpy.median, then int()
    const mid = lengths.length >> 1;
    const median = lengths.length % 2 === 1 ? lengths[mid]! : (lengths[mid - 1]! + lengths[mid]!) / 2;
    this.maxLength = opts.maxLength ?? MODEL2VEC_MAX_LENGTH;
    if (!Number.isInteger(this.maxLength) || this.maxLength < 1) {
      throw new EmbedkitError('BAD_OPTION', 'maxLength', { expected: 'an integer ≥ 1', received: String(opts.maxLength), where: 'maxLength' });
    }
    this.maxChars = this.maxLength * Math.max(1, Math.trunc(median));
    this.normalize = opts.normalize ?? model.normalize;
    this.dim = model.dim;
    const name = opts.model ?? where;
    this.id = ['model2vec', name, 'mean' + (this.normalize ? ':norm' : '')].join(':');
    this.info = { id: this.id, kind: 'model2vec', model: name, dim: this.dim, pooling: 'mean', normalize: this.normalize, maxLength: this.maxLength, similarity: 'cosine' };
  }

  /** Loads a model2vec / StaticEmbedding folder. */
  static async load(root: string, opts: Model2VecEmbedderOptions = {}): Promise<Model2VecEmbedder> {
    return new Model2VecEmbedder(await readModel2VecFolder(root), { ...opts, model: opts.model ?? root, where: `${root}/tokenizer.json` });
  }

  /** Token ids a text is embedded from (after the character cut, without unknown tokens, at most maxLength). */
  tokenIds(text: string): number[] {
    let t = text;
    if (t.length > this.maxChars) {
      const cps = Array.from(t);
      if (cps.length > this.maxChars) t = cps.slice(0, this.maxChars).join('');
    }
    let ids: number[] = this.tokenizer.encode(t, { add_special_tokens: false }).ids;
    if (this.unkId !== undefined) ids = ids.filter((id: number) => id !== this.unkId);
    return ids.length > this.maxLength ? ids.slice(0, this.maxLength) : ids;
  }

  countTokens(text: string): number {
    return this.tokenizer.encode(text, { add_special_tokens: false }).ids.length;
  }

  async embed(texts: readonly string[], opts: EmbedOptions = {}): Promise<Matrix> {
    const { embeddings, mapping, weights } = this.model;
    const dim = this.dim;
    const data = new Float32Array(texts.length * dim);
    const acc = new Float64Array(dim);
    if (opts.promptName !== undefined) {
      throw new EmbedkitError('UNKNOWN_PROMPT', JSON.stringify(opts.promptName), { expected: 'no stored prompts (static models have none)', received: opts.promptName, where: 'promptName', hint: 'pass the prompt text as `prompt`' });
    }
    const prompt = opts.prompt ?? '';
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i];
      if (typeof text !== 'string') throw new EmbedkitError('BAD_ARGUMENT', `text ${i}`, { expected: 'a string', received: typeof text });
      const ids = this.tokenIds(prompt + text);
      if (ids.length === 0) continue;
      acc.fill(0);
      if (mapping === undefined && weights === undefined) {
        for (let k = 0; k < ids.length; k++) {
          const r = ids[k]! * dim;
          for (let j = 0; j < dim; j++) acc[j]! += embeddings[r + j]!;
        }
      } else {
        for (let k = 0; k < ids.length; k++) {
          const id = ids[k]!;
          const r = (mapping !== undefined ? mapping[id]! : id) * dim;
          const w = weights !== undefined ? weights[id]! : 1;
          for (let j = 0; j < dim; j++) acc[j]! += w * embeddings[r + j]!;
        }
      }
      const o = i * dim;
      let norm = 0;
      for (let j = 0; j < dim; j++) {
        const v = acc[j]! / ids.length;
        acc[j] = v;
        norm += v * v;
      }
      const scale = this.normalize ? 1 / (Math.sqrt(norm) + 1e-32) : 1;
      for (let j = 0; j < dim; j++) data[o + j] = acc[j]! * scale;
      if (opts.onProgress !== undefined && (i + 1) % 1024 === 0) opts.onProgress(i + 1, texts.length);
    }
    opts.onProgress?.(texts.length, texts.length);
    return { data, rows: texts.length, dim };
  }

  async dispose(): Promise<void> {
    // nothing native to free
  }
}
