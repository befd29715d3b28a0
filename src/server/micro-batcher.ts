/**
 * Micro-batching for one embedder: an idle encoder starts at once with every request waiting (after
 * `windowMs`, when set, to let company arrive), and requests that arrive while it runs share its next call
 * (up to `maxBatch` texts per call) — so concurrent small requests share one forward pass and a lone
 * request waits for nothing. One encoder call runs at a time per model; a request larger than `maxBatch`
 * is encoded in several calls. Between calls the event loop gets a turn (`setImmediate`), so a synchronous encoder (word
 * vectors) never holds it for more than one call. The queue is bounded in texts: past `maxQueue`,
 * `submit` throws `QueueFullError` at once (the server answers 429) instead of growing memory.
 *
 * Coalescing is only correct for embedders whose vector for a text does not depend on the rest of the
 * batch; `coalesce: false` embeds each request on its own, in arrival order.
 */
import type { EmbedOptions, Embedder } from '../embedders/embedder.js';
import { createMatrix, type Matrix } from '../math/matrix.js';

export interface MicroBatcherOptions {
  /** How long an idle encoder waits for more requests before it starts (0: it starts at once). */
  readonly windowMs: number;
  readonly maxBatch: number;
  readonly maxQueue: number;
  /** Coalesce requests (default true); false: one request per encoder call sequence. */
  readonly coalesce?: boolean;
  /** After each encoder call: texts in it, requests in it. */
  readonly onBatch?: (texts: number, requests: number) => void;
}

export class QueueFullError extends Error {
  constructor(
    readonly queued: number,
    readonly limit: number,
    /** Seconds a client should wait before retrying. */
    readonly retryAfter: number,
  ) {
    super(`the encoder queue is full (${queued} of ${limit} texts waiting)`);
    this.name = 'QueueFullError';
  }
}

interface Job {
  readonly texts: readonly string[];
  readonly opts: EmbedOptions;
  readonly resolve: (m: Matrix) => void;
  readonly reject: (e: unknown) => void;
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

export class MicroBatcher {
  private readonly queue: Job[] = [];
  private queuedTexts = 0;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  /** Texts per second over the last calls (for Retry-After). */
  private rate = 0;

  constructor(
    readonly embedder: Embedder,
    private readonly opts: MicroBatcherOptions,
  ) {}

  /** Texts waiting (not yet handed to the encoder). */
  get depth(): number {
    return this.queuedTexts;
  }

  submit(texts: readonly string[], opts: EmbedOptions = {}): Promise<Matrix> {
    if (this.closed) throw new QueueFullError(this.queuedTexts, this.opts.maxQueue, 1);
    if (texts.length === 0) return Promise.resolve(createMatrix(0, this.embedder.dim));
    if (this.queuedTexts > 0 && this.queuedTexts + texts.length > this.opts.maxQueue) {
      const seconds = this.rate > 0 ? Math.ceil(this.queuedTexts / this.rate) : 1;
      throw new QueueFullError(this.queuedTexts, this.opts.maxQueue, Math.min(60, Math.max(1, seconds)));
    }
    return new Promise<Matrix>((resolve, reject) => {
      this.queue.push({ texts, opts, resolve, reject });
      this.queuedTexts += texts.length;
      this.schedule();
    });
  }

  private idleWaiters: (() => void)[] = [];
  private closed = false;

  private get coalescing(): boolean {
    return this.opts.coalesce !== false;
  }

  /** Starts the encoder now (a full batch is waiting, or no coalescing) or when the window closes. */
  private schedule(): void {
    if (this.running || this.queue.length === 0) return;
    if (!this.coalescing || this.opts.windowMs === 0 || this.queuedTexts >= this.opts.maxBatch) {
      clearTimeout(this.timer);
      void this.drain();
    } else this.timer ??= setTimeout(() => void this.drain(), this.opts.windowMs);
  }

  private takeBatch(): Job[] {
    const coalesce = this.coalescing;
    const first = this.queue.shift()!;
    const jobs = [first];
    let n = first.texts.length;
    // Only requests with the same per-call options share a call (a prompt changes every vector).
    while (coalesce && this.queue.length > 0 && n + this.queue[0]!.texts.length <= this.opts.maxBatch && sameOptions(this.queue[0]!.opts, first.opts)) {
      const j = this.queue.shift()!;
      jobs.push(j);
      n += j.texts.length;
    }
    return jobs;
  }

  private async drain(): Promise<void> {
    this.timer = undefined;
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const jobs = this.takeBatch();
        const texts = jobs.flatMap((j) => j.texts);
        this.queuedTexts -= texts.length;
        try {
          const m = await this.encode(texts, jobs[0]!.opts, jobs.length);
          let row = 0;
          for (const j of jobs) {
            const n = j.texts.length;
            j.resolve({ data: m.data.slice(row * m.dim, (row + n) * m.dim), rows: n, dim: m.dim });
            row += n;
          }
        } catch (e) {
          for (const j of jobs) j.reject(e);
        }
        await turn();
      }
    } finally {
      this.running = false;
      if (this.queue.length === 0) for (const w of this.idleWaiters.splice(0)) w();
      else this.schedule();
    }
  }

  /** Refuses new requests and resolves once every queued one has been answered. */
  close(): Promise<void> {
    this.closed = true;
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  /** Embeds `texts` in calls of at most `maxBatch`, yielding to the event loop between calls. */
  private async encode(texts: readonly string[], opts: EmbedOptions, requests: number): Promise<Matrix> {
    if (texts.length <= this.opts.maxBatch) return this.call(texts, opts, requests);
    const out = createMatrix(texts.length, this.embedder.dim);
    for (let start = 0; start < texts.length; start += this.opts.maxBatch) {
      const part = await this.call(texts.slice(start, start + this.opts.maxBatch), opts, requests);
      out.data.set(part.data, start * out.dim);
      await turn();
    }
    return out;
  }

  private async call(texts: readonly string[], opts: EmbedOptions, requests: number): Promise<Matrix> {
    const t0 = performance.now();
    const m = await this.embedder.embed(texts, opts);
    const seconds = (performance.now() - t0) / 1000;
    if (seconds > 0) this.rate = 0.8 * this.rate + 0.2 * (texts.length / seconds);
    this.opts.onBatch?.(texts.length, requests);
    return m;
  }
}

function sameOptions(a: EmbedOptions, b: EmbedOptions): boolean {
  return a.prompt === b.prompt && a.promptName === b.promptName;
}

/** An `Embedder` whose `embed` goes through a batcher (for core functions that take an embedder: search, ingest). */
export function batchedEmbedder(batcher: MicroBatcher): Embedder {
  const e = batcher.embedder;
  return {
    id: e.id,
    dim: e.dim,
    info: e.info,
    embed: (texts, opts) => batcher.submit(texts, opts),
    ...(e.countTokens !== undefined ? { countTokens: (t: string) => e.countTokens!(t) } : {}),
    // The pool owns the embedder.
    dispose: async () => {},
  };
}
