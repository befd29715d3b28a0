/**
 * Answers many analogy questions "a : b :: c : ?" at once, exactly, over the first `limit` rows of a
 * unit-length vocabulary matrix.
 *
 * Every score both methods need is a cosine between a vocabulary word and a *question word*
 * (3CosAdd: cos(d, b − a + c) ∝ d·b − d·a + d·c since d is unit; 3CosMul combines cos(d,a), cos(d,b),
 * cos(d,c)). A question set uses far fewer distinct words than it has questions (Google: ~900 words,
 * 19,544 questions), so the matrix product is taken once per distinct word (`words × dim` by
 * `dim × block`, WebAssembly SIMD), and each question then scans three rows of that block of similarities.
 * The three question words are excluded: when a block's best row is one of them, that block is rescanned
 * for that question without them.
 */
import { EmbedkitError } from '../errors.js';
import { COSMUL_EPSILON } from '../vectors/keyed-vectors.js';
import { copyPadded, DotKernels, roundUp4 } from '../math/wasm/dot-kernels.js';
import { DenseIds } from '../math/dense-ids.js';

export type AnalogyScoring = 'add' | 'mul';

export interface AnalogyBatch {
  /** Vocabulary rows of the question words (same length). */
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly c: Int32Array;
}

export interface SolveOptions {
  /** Candidate rows are `0 .. limit-1`. */
  readonly limit: number;
  readonly methods: readonly AnalogyScoring[];
  readonly onProgress?: (done: number, total: number) => void;
}

/** Candidate rows per block: the block's similarities (distinct words × BLOCK floats) stay in cache. */
const BLOCK = 256;

/** Best row per question for each method (-1 when no candidate is left). */
export function solveAnalogies(unit: Float32Array, dim: number, batch: AnalogyBatch, opts: SolveOptions): Partial<Record<AnalogyScoring, Int32Array>> {
  const kernels = DotKernels.get();
  if (kernels === undefined) throw new EmbedkitError('UNSUPPORTED', 'analogy evaluation', { expected: 'WebAssembly SIMD', received: 'a runtime without it' });
  const nq = batch.a.length;
  const rows = Math.min(opts.limit, unit.length / dim);
  // distinct question words → slots
  const ids = new DenseIds();
  const words = ids.rows;
  const slot = (r: number): number => ids.id(r);
  const qa = new Int32Array(nq);
  const qb = new Int32Array(nq);
  const qc = new Int32Array(nq);
  for (let i = 0; i < nq; i++) {
    qa[i] = slot(batch.a[i]!);
    qb[i] = slot(batch.b[i]!);
    qc[i] = slot(batch.c[i]!);
  }
  const m = words.length + (words.length & 1);
  const pd = roundUp4(dim);
  kernels.reset();
  const wOff = kernels.alloc(m * pd * 4);
  const uOff = kernels.alloc(BLOCK * pd * 4);
  const sOff = kernels.alloc(m * BLOCK * 4);
  const q = { a: kernels.alloc(nq * 4), b: kernels.alloc(nq * 4), c: kernels.alloc(nq * 4), count: nq };
  const runs = (['add', 'mul'] as const)
    .filter((method) => opts.methods.includes(method))
    .map((method) => ({ method, s: kernels.alloc(nq * 4), i: kernels.alloc(nq * 4), index: new Int32Array(nq).fill(-1), score: new Float32Array(nq).fill(-Infinity) }));
  const unused = { s: kernels.alloc(16), i: kernels.alloc(16) };
  const mode = ((opts.methods.includes('add') ? 1 : 0) | (opts.methods.includes('mul') ? 2 : 0)) as 1 | 2 | 3;
  const wMem = kernels.f32(wOff, m * pd);
  wMem.fill(0);
  for (let s = 0; s < words.length; s++) copyPadded(wMem.subarray(s * pd, (s + 1) * pd), unit, dim, words[s]!, 1, pd);
  kernels.i32(q.a, nq).set(qa);
  kernels.i32(q.b, nq).set(qb);
  kernels.i32(q.c, nq).set(qc);
  const uMem = kernels.f32(uOff, BLOCK * pd);
  const sMem = kernels.f32(sOff, m * BLOCK);
  const views = runs.map((r) => ({ score: kernels.f32(r.s, nq), index: kernels.i32(r.i, nq) }));
  for (let r0 = 0; r0 < rows; r0 += BLOCK) {
    const n = Math.min(BLOCK, rows - r0);
    const nPadded = roundUp4(n);
    copyPadded(uMem, unit, dim, r0, n, pd);
    if (nPadded > n) uMem.fill(0, n * pd, nPadded * pd);
    kernels.gemmNT(wOff, m, uOff, nPadded, pd, sOff);
    const add = runs.find((r) => r.method === 'add') ?? unused;
    const mul = runs.find((r) => r.method === 'mul') ?? unused;
    kernels.analogyScan(sOff, nPadded, q, mode, COSMUL_EPSILON, add, mul);
    runs.forEach((run, k) => {
      const blockScore = views[k]!.score;
      const blockIndex = views[k]!.index;
      for (let i = 0; i < nq; i++) {
        let s = blockScore[i]!;
        let j = blockIndex[i]!;
        const row = r0 + j;
        if (j >= n || row === batch.a[i] || row === batch.b[i] || row === batch.c[i]) {
          [s, j] = rescan(sMem, nPadded, n, r0, qa[i]!, qb[i]!, qc[i]!, batch.a[i]!, batch.b[i]!, batch.c[i]!, run.method);
        }
        if (j >= 0 && s > run.score[i]!) {
          run.score[i] = s;
          run.index[i] = r0 + j;
        }
      }
    });
    opts.onProgress?.(r0 + n, rows);
  }
  kernels.reset();
  const out: Partial<Record<AnalogyScoring, Int32Array>> = {};
  for (const run of runs) out[run.method] = run.index;
  return out;
}

/** Scalar rescan of one block for one question, skipping its own words and padding (same f32 arithmetic). */
function rescan(s: Float32Array, stride: number, n: number, r0: number, sa: number, sb: number, sc: number, a: number, b: number, c: number, method: AnalogyScoring): [number, number] {
  const f = Math.fround;
  const eps = f(COSMUL_EPSILON);
  let bestS = -Infinity;
  let bestJ = -1;
  for (let j = 0; j < n; j++) {
    const row = r0 + j;
    if (row === a || row === b || row === c) continue;
    const va = s[sa * stride + j]!;
    const vb = s[sb * stride + j]!;
    const vc = s[sc * stride + j]!;
    const v = method === 'add' ? f(f(vb + vc) - va) : f(f(f(f(vb + 1) * 0.5) * f(f(vc + 1) * 0.5)) / f(f(f(va + 1) * 0.5) + eps));
    if (v > bestS) {
      bestS = v;
      bestJ = j;
    }
  }
  return [bestS, bestJ];
}
