/**
 * Analogy evaluation speed: Google analogy (19,544 questions; 19,486 answered within the 300,000 most
 * frequent words) on glove-100d, embedkit vs numpy in the same run:
 * - embedkit `solveAnalogies` (distinct-word similarities by WebAssembly SIMD sgemm + SIMD scan), 3CosAdd,
 *   and 3CosAdd + 3CosMul in one pass;
 * - numpy `naive` (gensim-style: one normalized query vector per question, batched sgemm, mask, argmax) and
 *   numpy `words` (the same distinct-word algorithm as ours, vectorized);
 * - `topKDotBatch` (k = 4) on 2,000 of the query vectors, scalar path vs WebAssembly path (before/after).
 * Prints times, ratios (numpy time / ours: > 1 means we are faster) and prediction agreement.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { solveAnalogies } from '../src/eval/analogy-solver.js';
import { BadRows, readDataFile } from '../src/eval/data/read-data.js';
import { parseQuestionsWords } from '../src/eval/data/word-data.js';
import { encodeNpy } from '../src/io/npy.js';
import { topKDotBatch } from '../src/math/top-k.js';
import { loadVectors } from '../src/vectors/load.js';

const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const dataDir = process.env['EMBEDKIT_DATA_DIR'] ?? resolve(root, '..', 'shared', 'data');
const LIMIT = 300_000;

function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, (performance.now() - t) / 1000];
}

const kv = await loadVectors('glove-100d');
const unit = kv.unitVectors();
const dim = kv.dim;
const q = parseQuestionsWords(await readDataFile(join(dataDir, 'word-analogy', 'questions-words.txt'), 'bench'), new BadRows(false, () => {}));
const rows: number[][] = [];
for (let i = 0; i < q.a.length; i++) {
  const r = [q.a[i]!, q.b[i]!, q.c[i]!, q.d[i]![0]!].map((w) => kv.indexOf(w));
  if (r.every((x) => x >= 0 && x < LIMIT)) rows.push(r);
}
const batch = { a: Int32Array.from(rows, (r) => r[0]!), b: Int32Array.from(rows, (r) => r[1]!), c: Int32Array.from(rows, (r) => r[2]!) };
const expected = rows.map((r) => r[3]!);
console.log(`glove-100d: ${kv.size} × ${dim}; ${rows.length} answered questions; candidates: first ${LIMIT} rows`);

const [add, tAdd] = time(() => solveAnalogies(unit, dim, batch, { limit: LIMIT, methods: ['add'] }).add!);
const [, tBoth] = time(() => solveAnalogies(unit, dim, batch, { limit: LIMIT, methods: ['add', 'mul'] }));
const acc = add.reduce((s, p, i) => s + (p === expected[i] ? 1 : 0), 0) / rows.length;
console.log(`embedkit 3CosAdd:          ${tAdd.toFixed(2)} s  (accuracy ${acc.toFixed(4)})`);
console.log(`embedkit 3CosAdd+3CosMul:  ${tBoth.toFixed(2)} s`);

const tmp = mkdtempSync(join(tmpdir(), 'embedkit-bench-'));
try {
  writeFileSync(join(tmp, 'u.npy'), encodeNpy({ data: unit.subarray(0, LIMIT * dim), rows: LIMIT, dim }));
  const qm = new Float32Array(rows.length * 3);
  rows.forEach((r, i) => qm.set([r[0]!, r[1]!, r[2]!], i * 3));
  writeFileSync(join(tmp, 'q.npy'), encodeNpy({ data: qm, rows: rows.length, dim: 3 }));
  const env = { ...process.env };
  delete env['OPENBLAS_CORETYPE'];
  delete env['OPENBLAS_L2_SIZE'];
  const py = spawnSync('python3', [join(root, 'bench', 'peers', 'analogy_numpy.py'), join(tmp, 'u.npy'), join(tmp, 'q.npy')], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (py.status !== 0) throw new Error(`numpy peer failed: ${py.stderr}`);
  const res = JSON.parse(py.stdout) as Record<string, { seconds: number; predictions: number[] }>;
  for (const [name, r] of Object.entries(res)) {
    const agree = r.predictions.reduce((s, p, i) => s + (p === add[i] ? 1 : 0), 0) / rows.length;
    console.log(`numpy ${name.padEnd(6)} 3CosAdd:     ${r.seconds.toFixed(2)} s  ratio numpy/embedkit = ${(r.seconds / tAdd).toFixed(2)}×  (same predictions: ${(agree * 100).toFixed(2)}%)`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// topKDotBatch before (scalar) / after (WebAssembly) on 2,000 normalized query vectors
const nq = 2000;
const qs = new Float32Array(nq * dim);
for (let i = 0; i < nq; i++) {
  let n = 0;
  for (let j = 0; j < dim; j++) {
    const v = unit[batch.b[i]! * dim + j]! - unit[batch.a[i]! * dim + j]! + unit[batch.c[i]! * dim + j]!;
    qs[i * dim + j] = v;
    n += v * v;
  }
  for (let j = 0; j < dim; j++) qs[i * dim + j]! /= Math.sqrt(n);
}
const [scalar, tScalar] = time(() => topKDotBatch(unit, dim, qs, 4, { limit: LIMIT, scalar: true }));
const [wasm, tWasm] = time(() => topKDotBatch(unit, dim, qs, 4, { limit: LIMIT }));
const same = scalar.reduce((s, r, i) => s + (r.indices[0] === wasm[i]!.indices[0] ? 1 : 0), 0);
console.log(`topKDotBatch ${nq} queries × ${LIMIT} rows, k=4: scalar ${tScalar.toFixed(2)} s, WebAssembly ${tWasm.toFixed(2)} s (${(tScalar / tWasm).toFixed(2)}× faster; same top-1 ${same}/${nq})`);
