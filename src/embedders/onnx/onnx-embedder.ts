/**
 * Transformer sentence encoder on ONNX Runtime, built from stages like sentence-transformers:
 *   prompt → tokenize (truncate or window) → length-sorted batches → transformer (ONNX) → pool → combine
 *   windows → normalize → Matryoshka truncate (+ re-normalize) → output precision.
 *
 * Batching: sequences are sorted by token length (longest first), cut into batches of `batchSize`, padded
 * to the longest in the batch on the tokenizer's padding side, and written back in input order. Pooling
 * only reads real tokens, so a text's vector does not depend on its batch beyond float noise.
 *
 * Long inputs: with `long: 'truncate'` (default) content beyond `maxLength` (minus special tokens) is cut
 * and counted in a warning; with `long: 'chunk'` the content is split into overlapping windows that each get
 * the special tokens, every window is pooled, and the text's vector is the mean of its window vectors
 * weighted by their content-token counts (LongEmbed-style), then normalized if the model normalizes.
 */
import { modelFingerprint } from './fingerprint.js';
import { EmbedkitError } from '../../errors.js';
import { normalizeRowsInPlace } from '../../math/kernels.js';
import type { Matrix } from '../../math/matrix.js';
import type { EmbedOptions, Embedder, OnnxEmbedderInfo } from '../embedder.js';
import { POOL_FUNCTIONS } from '../stages/pool.js';
import { poolWindows, type TextWindows } from '../stages/pool-windows.js';
import { TRANSFORMER_POOLINGS, type TransformerPooling } from '../embedder.js';
import { PRECISIONS, quantizedAsMatrix, quantizedDim, quantizeEmbeddings, type Precision, type QuantizationRanges } from '../stages/quantize.js';
import { truncateDim } from '../stages/truncate-dim.js';
import { openModelFolder, type ModelFolder } from './model-folder.js';
import { OnnxSession } from './onnx-session.js';
import { readSentenceTransformersConfig, type SentenceTransformersConfig } from './sentence-transformers-config.js';
import { TextTokenizer } from './text-tokenizer.js';

export type LongTextMode = 'truncate' | 'chunk';

export interface OnnxEmbedderOptions {
  /** Name recorded in `info.model` (default: the folder path). */
  readonly model?: string;
  /** Transformer layers the folder's graph runs, when it was built shorter (recorded in `info`; set for built-in models). */
  readonly layers?: number;
  /** Model file variant: `default` (onnx/model.onnx), `quantized`, `int8`, … or a relative `.onnx` path. */
  readonly variant?: string;
  /** Overrides the pooling of `1_Pooling/config.json` (default there: mean). */
  readonly pooling?: TransformerPooling;
  /** Overrides the `Normalize` stage of `modules.json`. */
  readonly normalize?: boolean;
  /** Keep the first N dimensions (Matryoshka), re-normalized when the output is normalized. */
  readonly truncateDim?: number;
  /** Prompt text prepended to every input, e.g. `"query: "`. */
  readonly prompt?: string;
  /** Name of a prompt stored in `config_sentence_transformers.json`. */
  readonly promptName?: string;
  readonly precision?: Precision;
  /** Calibration ranges for int8/uint8 (default: the min/max of each embed() call's own output). */
  readonly calibration?: QuantizationRanges;
  /** Sequences per ONNX run (default 32). */
  readonly batchSize?: number;
  /** ONNX Runtime intra-op threads (default: one per physical core). */
  readonly threads?: number;
  /** Maximum tokens per sequence, special tokens included (default: the model's `max_seq_length`). */
  readonly maxLength?: number;
  readonly long?: LongTextMode;
  /** Tokens shared by neighbouring windows with `long: 'chunk'` (default: a quarter of the window). */
  readonly chunkOverlap?: number;
  readonly onWarning?: (message: string) => void;
}

/** One sequence to run: a whole text, or one window of a long text. */
interface Piece {
  readonly owner: number;
  readonly ids: Int32Array;
  /** Content tokens (window weight). */
  readonly weight: number;
  /** Leading real tokens left out of pooling (prompt tokens when `include_prompt` is false). */
  readonly skip: number;
}

const DEFAULT_BATCH_SIZE = 32;

function positiveInt(name: string, v: number | undefined): void {
  if (v !== undefined && (!Number.isInteger(v) || v < 1)) {
    throw new EmbedkitError('BAD_OPTION', name, { expected: 'an integer ≥ 1', received: String(v), where: name });
  }
}

function numberField(o: Record<string, unknown>, key: string): number | undefined {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export class OnnxEmbedder implements Embedder {
  readonly id: string;
  readonly dim: number;
  readonly info: OnnxEmbedderInfo;
  readonly pooling: TransformerPooling;
  readonly normalize: boolean;
  readonly maxLength: number;
  /** Hidden size of the transformer (before truncation / packing). */
  readonly hidden: number;
  readonly batchSize: number;
  readonly long: LongTextMode;
  readonly chunkOverlap: number;
  readonly precision: Precision;
  /** Texts truncated over the embedder's lifetime. */
  truncatedTexts = 0;
  private readonly promptLengths = new Map<string, number>();
  private readonly onWarning: ((m: string) => void) | undefined;

  private constructor(
    readonly folder: ModelFolder,
    readonly st: SentenceTransformersConfig,
    readonly tokenizer: TextTokenizer,
    private readonly session: OnnxSession,
    private readonly opts: OnnxEmbedderOptions,
    fingerprint?: string,
  ) {
    const { config } = folder;
    this.pooling = opts.pooling ?? st.pooling ?? 'mean';
    if (!TRANSFORMER_POOLINGS.includes(this.pooling)) {
      throw new EmbedkitError('BAD_OPTION', 'pooling', { expected: TRANSFORMER_POOLINGS.join('|'), received: String(this.pooling), where: 'pooling' });
    }
    this.normalize = opts.normalize ?? st.normalize;
    this.precision = opts.precision ?? 'float32';
    if (!PRECISIONS.includes(this.precision)) {
      throw new EmbedkitError('BAD_OPTION', 'precision', { expected: PRECISIONS.join('|'), received: String(this.precision), where: 'precision' });
    }
    positiveInt('batchSize', opts.batchSize);
    positiveInt('maxLength', opts.maxLength);
    this.batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
    this.long = opts.long ?? 'truncate';
    this.onWarning = opts.onWarning;

    const hidden = numberField(config, 'hidden_size') ?? numberField(config, 'd_model') ?? numberField(config, 'n_embd') ?? session.hidden;
    if (hidden === undefined) throw new EmbedkitError('MODEL_INCOMPLETE', 'hidden size', { expected: 'config.json "hidden_size"', received: 'none', where: folder.root });
    if (session.hidden !== undefined && session.hidden !== hidden) {
      throw new EmbedkitError('MODEL_FILES_DISAGREE', 'hidden size', { expected: `${hidden} (config.json)`, received: `${session.hidden} (${folder.onnxPath})`, where: folder.root });
    }
    this.hidden = hidden;
    const vocab = numberField(config, 'vocab_size');
    if (vocab !== undefined && tokenizer.vocabSize > vocab) {
      throw new EmbedkitError('MODEL_FILES_DISAGREE', 'vocabulary size', {
        expected: `token ids below config.json vocab_size ${vocab}`,
        received: `tokenizer.json with ids up to ${tokenizer.vocabSize - 1}`,
        where: folder.root,
        hint: 'the tokenizer belongs to a different model',
      });
    }
    this.maxLength = this.resolveMaxLength();
    const window = this.maxLength - tokenizer.specialCount;
    if (window < 1) {
      throw new EmbedkitError('BAD_OPTION', 'maxLength', { expected: `more than ${tokenizer.specialCount} (the special tokens)`, received: String(this.maxLength), where: 'maxLength' });
    }
    this.chunkOverlap = opts.chunkOverlap ?? Math.floor(window / 4);
    if (!Number.isInteger(this.chunkOverlap) || this.chunkOverlap < 0 || this.chunkOverlap >= window) {
      throw new EmbedkitError('BAD_OPTION', 'chunkOverlap', { expected: `an integer in 0..${window - 1}`, received: String(this.chunkOverlap), where: 'chunkOverlap' });
    }
    if (opts.truncateDim !== undefined && (!Number.isInteger(opts.truncateDim) || opts.truncateDim < 1 || opts.truncateDim > hidden)) {
      throw new EmbedkitError('BAD_OPTION', 'truncateDim', { expected: `an integer in 1..${hidden}`, received: String(opts.truncateDim), where: 'truncateDim' });
    }
    const outDim = quantizedDim(opts.truncateDim ?? hidden, this.precision);
    const defaultPrompt = this.resolvePrompt(opts.prompt, opts.promptName);
    const model = opts.model ?? folder.root;
    this.dim = outDim;
    this.id = [
      'onnx',
      model + (opts.layers !== undefined ? `:l${opts.layers}` : ''),
      this.pooling + (this.normalize ? ':norm' : ''),
      ...(folder.variant !== 'default' ? [folder.variant] : []),
      ...(opts.truncateDim !== undefined ? [`d${opts.truncateDim}`] : []),
      ...(this.precision !== 'float32' ? [this.precision] : []),
    ].join(':');
    this.info = {
      id: this.id,
      kind: 'onnx',
      model,
      dim: outDim,
      pooling: this.pooling,
      normalize: this.normalize,
      ...(defaultPrompt !== '' ? { prompt: defaultPrompt } : {}),
      variant: folder.variant,
      ...(this.precision !== 'float32' ? { precision: this.precision } : {}),
      ...(opts.truncateDim !== undefined ? { truncateDim: opts.truncateDim } : {}),
      maxLength: this.maxLength,
      ...(opts.layers !== undefined ? { layers: opts.layers } : {}),
      ...(st.similarity !== undefined ? { similarity: st.similarity } : {}),
      ...(fingerprint !== undefined ? { fingerprint } : {}),
    };
  }

  /** Opens a model folder: validates files, reads configs, loads the tokenizer and the ONNX session. */
  static async load(root: string, opts: OnnxEmbedderOptions = {}): Promise<OnnxEmbedder> {
    const folder = openModelFolder(root, opts.variant !== undefined ? { variant: opts.variant } : {});
    const st = readSentenceTransformersConfig(root);
    const tokenizer = new TextTokenizer(folder.tokenizer, folder.tokenizerConfig, `${root}/tokenizer.json`);
    positiveInt('threads', opts.threads);
    const session = await OnnxSession.create(folder.onnxPath, opts.threads !== undefined ? { threads: opts.threads } : {});
    try {
      return new OnnxEmbedder(folder, st, tokenizer, session, opts, await modelFingerprint(folder));
    } catch (e) {
      await session.dispose();
      throw e;
    }
  }

  private resolveMaxLength(): number {
    const { config } = this.folder;
    let positions = numberField(config, 'max_position_embeddings') ?? numberField(config, 'n_positions');
    // RoBERTa-family position tables reserve padding_idx + 1 slots.
    if (positions !== undefined && /roberta|camembert/.test(String(config['model_type']))) positions -= 2;
    const tokMax = numberField(this.folder.tokenizerConfig, 'model_max_length');
    const fromTokenizer = tokMax !== undefined && tokMax < 1e6 ? tokMax : undefined;
    const candidates = [this.st.maxSeqLength ?? Math.min(fromTokenizer ?? Infinity, positions ?? Infinity)];
    const base = this.opts.maxLength ?? (Number.isFinite(candidates[0]) ? candidates[0]! : 512);
    if (positions !== undefined && base > positions) {
      if (this.opts.maxLength !== undefined) {
        throw new EmbedkitError('BAD_OPTION', 'maxLength', { expected: `at most ${positions} (the model's positions)`, received: String(base), where: 'maxLength' });
      }
      return positions;
    }
    return base;
  }

  /** Prompt text for a call: explicit text, else a stored prompt by name, else the model's default prompt. */
  private resolvePrompt(prompt: string | undefined, promptName: string | undefined): string {
    if (prompt !== undefined && promptName !== undefined) {
      throw new EmbedkitError('BAD_OPTION', '`prompt` and `promptName`', { expected: 'one of them', received: 'both', where: 'prompt' });
    }
    if (prompt !== undefined) return prompt;
    const name = promptName ?? this.st.defaultPromptName;
    if (name === undefined) return '';
    const text = this.st.prompts[name];
    if (text === undefined) {
      const names = Object.keys(this.st.prompts);
      throw new EmbedkitError('UNKNOWN_PROMPT', JSON.stringify(name), {
        expected: names.length > 0 ? names.join(', ') : 'no stored prompts (config_sentence_transformers.json has none)',
        received: name,
        where: `${this.folder.root}/config_sentence_transformers.json`,
        hint: 'give a prompt that is not stored with the model as text with `prompt`',
      });
    }
    return text;
  }

  private promptLength(prompt: string): number {
    let n = this.promptLengths.get(prompt);
    if (n === undefined) {
      n = prompt === '' ? 0 : this.tokenizer.encode(prompt).length;
      this.promptLengths.set(prompt, n);
    }
    return n;
  }

  /** Token ids of a text's pieces (one, or several windows). */
  private pieces(text: string, owner: number, prompt: string, out: Piece[], long: LongTextMode = this.long): boolean {
    const input = this.st.doLowerCase ? (prompt + text).toLowerCase() : prompt + text;
    const content = this.tokenizer.encode(input);
    const window = this.maxLength - this.tokenizer.specialCount;
    const promptLen = Math.min(this.promptLength(prompt), content.length);
    const skip = this.st.includePrompt ? 0 : this.tokenizer.prefix.length + promptLen;
    if (content.length <= window) {
      out.push({ owner, ids: this.tokenizer.frame(content), weight: Math.max(1, content.length), skip });
      return false;
    }
    if (long === 'truncate') {
      out.push({ owner, ids: this.tokenizer.frame(this.tokenizer.truncate(content, window)), weight: window, skip });
      return true;
    }
    // chunk: every window repeats the prompt tokens, then a slice of the text's tokens
    const head = content.slice(0, promptLen);
    const body = content.slice(promptLen);
    const w = window - promptLen;
    if (w < 1) {
      throw new EmbedkitError('BAD_OPTION', 'prompt', { expected: `a prompt shorter than ${window} tokens`, received: `${promptLen} tokens`, where: 'prompt' });
    }
    const overlap = Math.min(this.chunkOverlap, w - 1);
    for (const start of windowStarts(body.length, w, overlap)) {
      const slice = body.slice(start, start + w);
      out.push({ owner, ids: this.tokenizer.frame(head.concat(slice)), weight: slice.length, skip });
    }
    return false;
  }

  countTokens(text: string): number {
    return this.tokenizer.encode(text).length;
  }

  async embed(texts: readonly string[], opts: EmbedOptions = {}): Promise<Matrix> {
    const prompt = opts.prompt !== undefined || opts.promptName !== undefined ? this.resolvePrompt(opts.prompt, opts.promptName) : this.resolvePrompt(this.opts.prompt, this.opts.promptName);
    const pieces: Piece[] = [];
    let truncated = 0;
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i];
      if (typeof t !== 'string') throw new EmbedkitError('BAD_ARGUMENT', `text ${i}`, { expected: 'a string', received: typeof t });
      if (this.pieces(t, i, prompt, pieces)) truncated++;
    }
    if (truncated > 0) {
      this.truncatedTexts += truncated;
      this.onWarning?.(
        `${truncated} of ${texts.length} texts were longer than ${this.maxLength} tokens and were truncated (set \`long\` to chunk to embed them whole)`,
      );
    }
    const pooled = await this.runPieces(pieces, texts.length, opts.onProgress);
    let m = this.combine(pieces, pooled, texts.length);
    if (this.normalize) normalizeRowsInPlace(m.data, m.dim);
    if (this.opts.truncateDim !== undefined) m = truncateDim(m, this.opts.truncateDim, this.normalize);
    if (this.precision !== 'float32') m = quantizedAsMatrix(quantizeEmbeddings(m, this.precision, this.opts.calibration));
    return m;
  }

  /**
   * Every window of every text, as `long: 'chunk'` splits them (whatever `long` is set to): the pooled
   * window vectors before normalization (`windows × hidden`), the text each belongs to, and its content-token
   * count. The first window of a text is what `long: 'truncate'` embeds; `poolWindows` gives what
   * `long: 'chunk'` embeds; chunk-level max-sim retrieval scores a text by its best window.
   */
  async embedWindows(texts: readonly string[], opts: EmbedOptions = {}): Promise<TextWindows> {
    const prompt = opts.prompt !== undefined || opts.promptName !== undefined ? this.resolvePrompt(opts.prompt, opts.promptName) : this.resolvePrompt(this.opts.prompt, this.opts.promptName);
    const pieces: Piece[] = [];
    texts.forEach((t, i) => {
      if (typeof t !== 'string') throw new EmbedkitError('BAD_ARGUMENT', `text ${i}`, { expected: 'a string', received: typeof t });
      this.pieces(t, i, prompt, pieces, 'chunk');
    });
    return this.windows(pieces, await this.runPieces(pieces, texts.length, opts.onProgress), texts.length);
  }

  private windows(pieces: readonly Piece[], pooled: Float32Array, texts: number): TextWindows {
    return {
      vectors: { data: pooled, rows: pieces.length, dim: this.hidden },
      owner: Int32Array.from(pieces, (p) => p.owner),
      weight: Float64Array.from(pieces, (p) => p.weight),
      texts,
    };
  }

  /**
   * Runs token-id sequences that are already framed (special tokens included, at most `maxLength` ids each)
   * through the transformer and pools each with `pooling` (default: the model's). No normalization, no
   * truncation dimension or precision: the raw pooled `sequences × hidden` vectors (used by distillation).
   */
  async embedIds(
    sequences: readonly Int32Array[],
    opts: { readonly pooling?: TransformerPooling; readonly batchSize?: number; readonly onProgress?: (done: number, total: number) => void } = {},
  ): Promise<Matrix> {
    positiveInt('batchSize', opts.batchSize);
    sequences.forEach((ids, i) => {
      if (ids.length < 1 || ids.length > this.maxLength) {
        throw new EmbedkitError('BAD_ARGUMENT', `token sequence ${i}`, { expected: `1..${this.maxLength} ids`, received: `${ids.length} ids` });
      }
    });
    const pieces: Piece[] = sequences.map((ids, owner) => ({ owner, ids, weight: 1, skip: 0 }));
    const pooled = await this.runPieces(pieces, sequences.length, opts.onProgress, opts.pooling, opts.batchSize);
    return { data: pooled, rows: sequences.length, dim: this.hidden };
  }

  /** Runs all pieces in length-sorted batches; returns `pieces × hidden` pooled vectors in piece order. */
  private async runPieces(
    pieces: readonly Piece[],
    texts: number,
    onProgress?: (done: number, total: number) => void,
    pooling: TransformerPooling = this.pooling,
    batchSize: number = this.batchSize,
  ): Promise<Float32Array> {
    const hidden = this.hidden;
    const pooled = new Float32Array(pieces.length * hidden);
    const order = Array.from(pieces.keys()).sort((a, b) => pieces[b]!.ids.length - pieces[a]!.ids.length || a - b);
    const remaining = new Int32Array(texts);
    for (const p of pieces) remaining[p.owner]!++;
    let done = 0;
    const pool = POOL_FUNCTIONS[pooling];
    const left = this.tokenizer.paddingSide === 'left';
    for (let start = 0; start < order.length; start += batchSize) {
      const idx = order.slice(start, start + batchSize);
      const seq = pieces[idx[0]!]!.ids.length;
      const batch = idx.length;
      const ids = new Int32Array(batch * seq).fill(this.tokenizer.padId);
      const mask = new Uint8Array(batch * seq);
      idx.forEach((pi, r) => {
        const p = pieces[pi]!;
        const off = r * seq + (left ? seq - p.ids.length : 0);
        ids.set(p.ids, off);
        mask.fill(1, off, off + p.ids.length);
      });
      const states = await this.session.run({ ids, mask, batch, seq });
      if (states.hidden !== hidden) {
        throw new EmbedkitError('MODEL_FILES_DISAGREE', 'hidden size', { expected: `${hidden} (config.json)`, received: `${states.hidden} (ONNX output)`, where: this.folder.onnxPath });
      }
      // Pool mask: drop tokens excluded from pooling (prompt when include_prompt is false).
      idx.forEach((pi, r) => {
        const p = pieces[pi]!;
        if (p.skip > 0) {
          const off = r * seq + (left ? seq - p.ids.length : 0);
          mask.fill(0, off, off + Math.min(p.skip, p.ids.length));
        }
      });
      const out = new Float32Array(batch * hidden);
      pool(states, mask, out);
      idx.forEach((pi, r) => {
        pooled.set(out.subarray(r * hidden, (r + 1) * hidden), pi * hidden);
        if (--remaining[pieces[pi]!.owner]! === 0) done++;
      });
      onProgress?.(done, texts);
    }
    return pooled;
  }

  /** One row per text: its piece, or the token-count-weighted mean of its windows. */
  private combine(pieces: readonly Piece[], pooled: Float32Array, texts: number): Matrix {
    return poolWindows(this.windows(pieces, pooled, texts));
  }

  async dispose(): Promise<void> {
    await this.session.dispose();
  }
}

/** Window starts covering `n` tokens with windows of `w` sharing `overlap` tokens; the last one ends at n. */
export function windowStarts(n: number, w: number, overlap: number): number[] {
  if (n <= w) return [0];
  const stride = w - overlap;
  const starts: number[] = [];
  for (let s = 0; s < n - w; s += stride) starts.push(s);
  starts.push(n - w);
  return starts;
}

/** Library entry point: an embedder for a local model folder. */
export function loadOnnxEmbedder(root: string, opts: OnnxEmbedderOptions = {}): Promise<OnnxEmbedder> {
  return OnnxEmbedder.load(root, opts);
}
