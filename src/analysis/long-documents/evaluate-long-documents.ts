/**
 * Long-document retrieval on LongEmbed's synthetic tasks: how an encoder with a token limit handles
 * documents longer than it reads, three ways, from one encoding of every document's windows
 * (`Embedder.embedWindows`, the windows `long: 'chunk'` uses):
 * - `truncate`: the first window only (what `long: 'truncate'` embeds);
 * - `chunk-mean`: the token-weighted mean of the windows (what `long: 'chunk'` embeds);
 * - `max-sim`: chunk-level retrieval, a document scores its best window's cosine with the query.
 * Reported per task, length and method: nDCG@1 (= accuracy, LongEmbed's main score for these tasks) and nDCG@10.
 */
import { EmbedkitError } from '../../errors.js';
import type { Embedder } from '../../embedders/embedder.js';
import { firstWindows, poolWindows, type TextWindows } from '../../embedders/stages/pool-windows.js';
import { retrievalScores } from '../../eval/metrics/retrieval.js';
import type { RetrievalData } from '../../eval/types.js';
import { normalizeRowsInPlace } from '../../math/kernels.js';
import type { Matrix } from '../../math/matrix.js';
import type { LongDocumentSettings } from './long-document-options.js';
import { generateLongTask, type LongMethod, type LongTask, type LongTaskData } from './long-tasks.js';


export interface LongDocumentRow {
  readonly task: LongTask;
  /** Target length in tokens; `tokens` is the mean measured length. */
  readonly length: number;
  readonly tokens: number;
  readonly method: LongMethod;
  readonly ndcgAt1: number;
  readonly ndcgAt10: number;
  readonly documents: number;
  /** Mean windows per document. */
  readonly windows: number;
}

export interface LongDocumentReport {
  readonly model: string;
  readonly maxLength: number | null;
  readonly rows: readonly LongDocumentRow[];
}

export interface LongDocumentRunOptions extends LongDocumentSettings {
  /** Haystack sentences for `needle`. */
  readonly haystack?: readonly string[];
  /** Documents encoded, over all tasks and lengths. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Dot products `queries × texts` (cosines for unit rows). */
function dotScores(q: Matrix, d: Matrix): Float32Array {
  const out = new Float32Array(q.rows * d.rows);
  for (let i = 0; i < q.rows; i++) {
    for (let j = 0; j < d.rows; j++) {
      let s = 0;
      for (let k = 0; k < q.dim; k++) s += q.data[i * q.dim + k]! * d.data[j * d.dim + k]!;
      out[i * d.rows + j] = s;
    }
  }
  return out;
}

/** A copy with unit rows. */
function unitRows(m: Matrix): Matrix {
  const data = Float32Array.from(m.data);
  normalizeRowsInPlace(data, m.dim);
  return { ...m, data };
}

/** Chunk-level max-sim: each text scores the best cosine of its windows, `queries × texts`. */
export function maxSimScores(queries: Matrix, windows: TextWindows): Float32Array {
  const unit = unitRows(windows.vectors);
  const perWindow = dotScores(unitRows(queries), unit);
  const out = new Float32Array(queries.rows * windows.texts).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < queries.rows; i++) {
    for (let w = 0; w < unit.rows; w++) {
      const o = i * windows.texts + windows.owner[w]!;
      const s = perWindow[i * unit.rows + w]!;
      if (s > out[o]!) out[o] = s;
    }
  }
  return out;
}

/** Cosine scores `queries × documents` of a method. */
export function methodScores(method: LongMethod, queries: Matrix, windows: TextWindows): Float32Array {
  if (method === 'max-sim') return maxSimScores(queries, windows);
  const docs = method === 'truncate' ? firstWindows(windows) : poolWindows(windows);
  normalizeRowsInPlace(docs.data, docs.dim);
  return dotScores(unitRows(queries), docs);
}

/** nDCG@1 and @10 of `queries × documents` scores (ties keep document order). */
export function ndcgOfScores(data: RetrievalData, scores: Float32Array): { ndcgAt1: number; ndcgAt10: number } {
  const n = data.corpus.length;
  const runs = new Map<string, string[]>();
  data.queries.forEach((q, i) => {
    const order = Array.from(data.corpus.keys()).sort((a, b) => scores[i * n + b]! - scores[i * n + a]! || a - b);
    runs.set(q.id, order.map((j) => data.corpus[j]!.id));
  });
  const m = retrievalScores(runs, data.qrels, [1, 10]);
  return { ndcgAt1: m['ndcg_at_1']!, ndcgAt10: m['ndcg_at_10']! };
}

function windowsOf(embedder: Embedder): { countTokens: (t: string) => number; embedWindows: NonNullable<Embedder['embedWindows']> } {
  const countTokens = embedder.countTokens?.bind(embedder);
  const embedWindows = embedder.embedWindows?.bind(embedder);
  if (countTokens === undefined || embedWindows === undefined) {
    throw new EmbedkitError('BAD_ARGUMENT', 'model', { expected: 'an encoder with a token limit (a transformer model such as minilm-l6)', received: embedder.info.id, where: 'model' });
  }
  return { countTokens, embedWindows };
}

/** Every task at every length, in model tokens of `embedder`. */
export function* generateLongTasks(embedder: Embedder, o: LongDocumentRunOptions): Generator<LongTaskData> {
  const { countTokens } = windowsOf(embedder);
  for (const task of o.tasks) {
    for (const length of o.lengths) {
      yield generateLongTask({ task, length, documents: o.documents, seed: o.seed, countTokens, ...(o.haystack !== undefined ? { haystack: o.haystack } : {}) });
    }
  }
}

export async function evaluateLongDocuments(embedder: Embedder, o: LongDocumentRunOptions): Promise<LongDocumentReport> {
  const { embedWindows } = windowsOf(embedder);
  const rows: LongDocumentRow[] = [];
  const total = o.tasks.length * o.lengths.length * o.documents;
  let done = 0;
  for (const data of generateLongTasks(embedder, o)) {
    const { task, length } = data;
    const before = done;
    const windows = await embedWindows(data.corpus.map((d) => d.text), o.onProgress !== undefined ? { onProgress: (n) => o.onProgress!(before + n, total) } : {});
    const queries = await embedder.embed(data.queries.map((q) => q.text));
    if (queries.dim !== windows.vectors.dim) {
      throw new EmbedkitError('BAD_OPTION', 'truncateDim', { expected: 'full float32 vectors (windows are compared before truncation or quantization)', received: `${queries.dim} query dimensions, ${windows.vectors.dim} window dimensions`, where: 'truncateDim' });
    }
    const tokens = data.documentTokens.reduce((a, b) => a + b, 0) / data.documentTokens.length;
    for (const method of o.methods) {
      rows.push({ task, length, tokens, method, ...ndcgOfScores(data, methodScores(method, queries, windows)), documents: data.corpus.length, windows: windows.vectors.rows / windows.texts });
    }
    done += data.corpus.length;
    o.onProgress?.(done, total);
  }
  const info = embedder.info;
  return { model: info.model, maxLength: 'maxLength' in info && info.maxLength !== undefined ? info.maxLength : null, rows };
}
