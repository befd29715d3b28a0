/**
 * An embedder behind an OpenAI-compatible HTTP API (`POST {baseUrl}/embeddings`): OpenAI itself, embedkit's
 * own server (`serve`), or any compatible service. Texts go in batches within the provider's limits
 * (`batchSize` texts and about 400,000 characters per request), vectors come back as base64 little-endian
 * float32 (exact), and `dimensions` is passed through for Matryoshka models. 429 and 5xx answers are retried
 * with backoff (http-retry.ts); 401 and 404 are clear errors naming the option to fix.
 */
import { EmbedkitError } from '../../errors.js';
import { createMatrix, type Matrix } from '../../math/matrix.js';
import type { EmbedOptions, Embedder, RemoteEmbedderInfo } from '../embedder.js';
import { postJson, type RetryPolicy } from './http-retry.js';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** The reference prefix of this kind: `openai:MODEL`. */
export const REMOTE_PREFIX = 'openai:';
export const DEFAULT_REMOTE_BATCH = 256;
/** Characters per request (OpenAI allows 300,000 tokens per request; a token is ~4 characters of English). */
const MAX_REQUEST_CHARS = 400_000;

export interface RemoteEmbedderOptions {
  /** `openai:MODEL`. */
  readonly ref: string;
  readonly baseUrl?: string;
  readonly apiKey?: string;
  /** Sent as `dimensions` (Matryoshka truncation done by the service). */
  readonly truncateDim?: number;
  /** Texts per request (default 256; OpenAI accepts up to 2,048). */
  readonly batchSize?: number;
  /** Text prepended to every input. */
  readonly prompt?: string;
  readonly retry?: RetryPolicy;
  readonly onWarning?: (message: string) => void;
}

interface EmbeddingItem {
  readonly index: number;
  readonly embedding: string | number[];
}

/** The API's model name of a reference (`openai:text-embedding-3-small` → `text-embedding-3-small`). */
export function remoteModelName(ref: string): string {
  return ref.slice(REMOTE_PREFIX.length);
}

function decodeBase64(b64: string, where: string): Float32Array {
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length % 4 !== 0) throw new EmbedkitError('FORMAT_ERROR', 'base64 embedding', { expected: 'a multiple of 4 bytes (float32)', received: `${bytes.length} bytes`, where });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

function apiMessage(body: unknown, text: string): string {
  const err = (body as { error?: { message?: unknown } } | undefined)?.error;
  const msg = typeof err?.message === 'string' ? err.message : text.slice(0, 200);
  return msg.length > 0 ? msg : 'no message';
}

export class RemoteEmbedder implements Embedder {
  readonly id: string;
  readonly dim: number;
  readonly info: RemoteEmbedderInfo;
  private readonly url: string;
  private readonly headers: Record<string, string>;
  private readonly batchSize: number;

  private constructor(
    private readonly opts: RemoteEmbedderOptions & { readonly baseUrl: string },
    dim: number,
  ) {
    this.dim = dim;
    this.url = `${opts.baseUrl.replace(/\/+$/, '')}/embeddings`;
    this.headers = opts.apiKey !== undefined ? { authorization: `Bearer ${opts.apiKey}` } : {};
    this.batchSize = opts.batchSize ?? DEFAULT_REMOTE_BATCH;
    this.id = ['remote', opts.ref, ...(opts.truncateDim !== undefined ? [`d${opts.truncateDim}`] : [])].join(':');
    this.info = {
      id: this.id,
      kind: 'remote',
      model: opts.ref,
      dim,
      // OpenAI-compatible services return unit-length vectors; ours returns the model's own output.
      normalize: false,
      ...(opts.prompt !== undefined && opts.prompt !== '' ? { prompt: opts.prompt } : {}),
      ...(opts.truncateDim !== undefined ? { truncateDim: opts.truncateDim } : {}),
      baseUrl: opts.baseUrl,
    };
  }

  /** Connects (one short request tells the dimension) and returns the embedder. */
  static async load(opts: RemoteEmbedderOptions): Promise<RemoteEmbedder> {
    if (!opts.ref.startsWith(REMOTE_PREFIX) || opts.ref.length === REMOTE_PREFIX.length) {
      throw new EmbedkitError('UNKNOWN_MODEL', JSON.stringify(opts.ref), { expected: `${REMOTE_PREFIX}MODEL`, received: opts.ref, where: 'model' });
    }
    const baseUrl = opts.baseUrl ?? DEFAULT_BASE_URL;
    if (!/^https?:\/\/[^/\s]+/i.test(baseUrl)) throw new EmbedkitError('BAD_OPTION', 'baseUrl', { expected: 'an http:// or https:// URL', received: JSON.stringify(baseUrl), where: 'baseUrl' });
    const probe = new RemoteEmbedder({ ...opts, baseUrl }, 0);
    const [v] = await probe.request(['dimension probe']);
    return new RemoteEmbedder({ ...opts, baseUrl }, v!.length);
  }

  async embed(texts: readonly string[], opts: EmbedOptions = {}): Promise<Matrix> {
    if (opts.promptName !== undefined) {
      throw new EmbedkitError('UNSUPPORTED', '`promptName` with a remote model', { expected: '`prompt` (a literal prefix)', received: JSON.stringify(opts.promptName), where: 'promptName' });
    }
    const prompt = opts.prompt ?? this.opts.prompt ?? '';
    const out = createMatrix(texts.length, this.dim);
    let start = 0;
    while (start < texts.length) {
      let end = start;
      let chars = 0;
      while (end < texts.length && end - start < this.batchSize && (end === start || chars + texts[end]!.length <= MAX_REQUEST_CHARS)) chars += prompt.length + texts[end++]!.length;
      const vectors = await this.request(texts.slice(start, end).map((t) => prompt + t));
      vectors.forEach((v, i) => {
        if (v.length !== this.dim) throw new EmbedkitError('DIM_MISMATCH', `embedding from ${this.url}`, { expected: `${this.dim} dims`, received: `${v.length}`, where: 'baseUrl' });
        out.data.set(v, (start + i) * this.dim);
      });
      start = end;
      opts.onProgress?.(start, texts.length);
    }
    return out;
  }

  /** One request; vectors in input order. */
  private async request(input: readonly string[]): Promise<Float32Array[]> {
    const model = remoteModelName(this.opts.ref);
    const body = { model, input, encoding_format: 'base64', ...(this.opts.truncateDim !== undefined ? { dimensions: this.opts.truncateDim } : {}) };
    const res = await postJson(this.url, body, this.headers, {
      ...this.opts.retry,
      onRetry: (attempt, status, ms) => {
        this.opts.retry?.onRetry?.(attempt, status, ms);
        this.opts.onWarning?.(`${this.url}: ${status === 0 ? 'no answer' : `HTTP ${status}`}; retry ${attempt} in ${(ms / 1000).toFixed(1)} s`);
      },
    });
    if (res.status === 401 || res.status === 403) {
      throw new EmbedkitError('BAD_OPTION', 'apiKey', { expected: 'a key the service accepts', received: `HTTP ${res.status}: ${apiMessage(res.body, res.text)}`, where: 'apiKey', hint: 'set `apiKey` or OPENAI_API_KEY' });
    }
    if (res.status === 404) {
      throw new EmbedkitError('UNKNOWN_MODEL', JSON.stringify(this.opts.ref), { expected: `a model served at ${this.opts.baseUrl}`, received: `HTTP 404: ${apiMessage(res.body, res.text)}`, where: 'model' });
    }
    if (res.status !== 200) {
      throw new EmbedkitError(res.status === 400 ? 'BAD_ARGUMENT' : 'IO_ERROR', `embeddings request to ${this.url}`, { expected: 'HTTP 200', received: `HTTP ${res.status}: ${apiMessage(res.body, res.text)}`, where: 'baseUrl' });
    }
    const data = (res.body as { data?: unknown } | undefined)?.data;
    if (!Array.isArray(data) || data.length !== input.length) {
      throw new EmbedkitError('FORMAT_ERROR', `embeddings response from ${this.url}`, { expected: `data with ${input.length} embeddings`, received: Array.isArray(data) ? `${data.length}` : res.text.slice(0, 80), where: this.url });
    }
    const out: Float32Array[] = new Array<Float32Array>(input.length);
    for (const item of data as EmbeddingItem[]) {
      const i = item.index;
      if (!Number.isInteger(i) || i < 0 || i >= input.length || out[i] !== undefined) {
        throw new EmbedkitError('FORMAT_ERROR', 'embedding index', { expected: `distinct indices 0–${input.length - 1}`, received: String(i), where: this.url });
      }
      out[i] = typeof item.embedding === 'string' ? decodeBase64(item.embedding, this.url) : Float32Array.from(item.embedding);
    }
    return out;
  }

  async dispose(): Promise<void> {}
}
