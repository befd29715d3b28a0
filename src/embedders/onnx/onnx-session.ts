/**
 * Transformer stage: one ONNX Runtime (CPU) session. Feeds a padded batch (`input_ids`, `attention_mask`,
 * and `token_type_ids` / `position_ids` when the graph asks for them) and returns the token vectors.
 * `position_ids` are counted over real tokens only (0, 1, 2 … from the first non-padding token), so a
 * left-padded sequence gets the same positions as alone.
 */
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { EmbedkitError } from '../../errors.js';
import type { TokenStates } from '../stages/pool.js';

export interface SessionOptions {
  /** Intra-op threads (default: ONNX Runtime's choice, one per physical core). */
  readonly threads?: number;
}

/** A padded batch: `batch × seq` ids and mask. */
export interface PaddedBatch {
  readonly ids: Int32Array;
  readonly mask: Uint8Array;
  readonly batch: number;
  readonly seq: number;
}

const KNOWN_INPUTS = new Set(['input_ids', 'attention_mask', 'token_type_ids', 'position_ids']);
const OUTPUT_PREFERENCE = ['last_hidden_state', 'token_embeddings', 'hidden_states'];

type IntType = 'int64' | 'int32';

export class OnnxSession {
  private session: InferenceSession | undefined;
  private readonly inputTypes: ReadonlyMap<string, IntType>;
  private readonly output: string;
  readonly hidden: number | undefined;

  private constructor(
    session: InferenceSession,
    readonly path: string,
  ) {
    this.session = session;
    const types = new Map<string, IntType>();
    session.inputNames.forEach((name, i) => {
      const meta = session.inputMetadata[i];
      const type = meta !== undefined && meta.isTensor && meta.type === 'int32' ? 'int32' : 'int64';
      types.set(name, type);
    });
    this.inputTypes = types;
    const unknown = session.inputNames.filter((n) => !KNOWN_INPUTS.has(n));
    if (!session.inputNames.includes('input_ids') || unknown.length > 0) {
      throw new EmbedkitError('UNSUPPORTED', 'ONNX model inputs', {
        expected: 'input_ids, attention_mask and optionally token_type_ids, position_ids',
        received: session.inputNames.join(', '),
        where: path,
        hint: unknown.some((n) => n.startsWith('past_key_values')) ? 'export the model without past key values (no "-with-past" task)' : 'export a feature-extraction model',
      });
    }
    const out = OUTPUT_PREFERENCE.find((n) => session.outputNames.includes(n)) ?? session.outputNames[0];
    if (out === undefined) throw new EmbedkitError('UNSUPPORTED', 'ONNX model outputs', { expected: 'last_hidden_state', received: 'none', where: path });
    const meta = session.outputMetadata[session.outputNames.indexOf(out)];
    if (meta !== undefined && meta.isTensor && meta.shape.length !== 3) {
      throw new EmbedkitError('UNSUPPORTED', `ONNX output "${out}"`, { expected: 'token vectors (batch × sequence × hidden)', received: `rank ${meta.shape.length}`, where: path });
    }
    const last = meta !== undefined && meta.isTensor ? meta.shape[2] : undefined;
    this.hidden = typeof last === 'number' ? last : undefined;
    this.output = out;
  }

  static async create(path: string, opts: SessionOptions = {}): Promise<OnnxSession> {
    let session: InferenceSession;
    try {
      session = await InferenceSession.create(path, {
        executionProviders: ['cpu'],
        graphOptimizationLevel: 'all',
        executionMode: 'sequential',
        interOpNumThreads: 1,
        ...(opts.threads !== undefined ? { intraOpNumThreads: opts.threads } : {}),
      });
    } catch (e) {
      throw new EmbedkitError('FORMAT_ERROR', 'ONNX model could not be loaded', {
        expected: 'a valid .onnx file',
        received: e instanceof Error ? e.message.split('\n')[0]! : String(e),
        where: path,
        cause: e,
      });
    }
    return new OnnxSession(session, path);
  }

  get inputNames(): readonly string[] {
    return [...this.inputTypes.keys()];
  }

  private tensor(name: string, values: (i: number) => number, n: number, dims: number[]): Tensor {
    if (this.inputTypes.get(name) === 'int32') {
      const a = new Int32Array(n);
      for (let i = 0; i < n; i++) a[i] = values(i);
      return new Tensor('int32', a, dims);
    }
    const a = new BigInt64Array(n);
    for (let i = 0; i < n; i++) a[i] = BigInt(values(i));
    return new Tensor('int64', a, dims);
  }

  /** Runs one padded batch; returns `batch × seq × hidden` token vectors. */
  async run(b: PaddedBatch): Promise<TokenStates> {
    const session = this.session;
    if (session === undefined) throw new EmbedkitError('BAD_ARGUMENT', 'embedder was disposed', { expected: 'a live embedder', received: 'disposed', where: this.path });
    const n = b.batch * b.seq;
    const dims = [b.batch, b.seq];
    const feeds: Record<string, Tensor> = {};
    const tensors: Tensor[] = [];
    const add = (name: string, values: (i: number) => number): void => {
      if (!this.inputTypes.has(name)) return;
      const t = this.tensor(name, values, n, dims);
      feeds[name] = t;
      tensors.push(t);
    };
    add('input_ids', (i) => b.ids[i]!);
    add('attention_mask', (i) => b.mask[i]!);
    add('token_type_ids', () => 0);
    if (this.inputTypes.has('position_ids')) {
      const pos = new Int32Array(n);
      for (let r = 0; r < b.batch; r++) {
        let p = 0;
        for (let t = 0; t < b.seq; t++) {
          const i = r * b.seq + t;
          pos[i] = b.mask[i] === 1 ? p++ : 1;
        }
      }
      add('position_ids', (i) => pos[i]!);
    }
    let result: InferenceSession.OnnxValueMapType;
    try {
      result = await session.run(feeds, [this.output]);
    } catch (e) {
      throw new EmbedkitError('INFERENCE_FAILED', 'ONNX Runtime', {
        expected: `a batch of ${b.batch} × ${b.seq} tokens to run`,
        received: e instanceof Error ? e.message.split('\n')[0]! : String(e),
        where: this.path,
        cause: e,
      });
    } finally {
      for (const t of tensors) t.dispose();
    }
    const out = result[this.output] as Tensor | undefined;
    if (out === undefined || out.type !== 'float32' || out.dims.length !== 3) {
      throw new EmbedkitError('UNSUPPORTED', `ONNX output "${this.output}"`, { expected: 'float32 batch × sequence × hidden', received: out === undefined ? 'nothing' : `${out.type} [${out.dims.join(', ')}]`, where: this.path });
    }
    // CPU outputs live in a JS-owned buffer: keep it, drop the tensor.
    const data = out.data as Float32Array;
    const hidden = out.dims[2]!;
    out.dispose();
    return { data, batch: b.batch, seq: b.seq, hidden };
  }

  async dispose(): Promise<void> {
    const s = this.session;
    this.session = undefined;
    if (s !== undefined) await s.release();
  }
}
