/**
 * Alignment hot paths on 50,000 × 100 (the 50k most frequent glove-100d words as the target; the source is
 * a seeded random rotation of them plus noise), embedkit vs numpy in the same run on the same matrices:
 * - Procrustes on a 5,000-pair seed dictionary (Xᵀ Y, SVD, U Vᵀ) and mapping all 50k source rows;
 * - CSLS neighbourhood terms both ways (mean top-10 cosine of every mapped source row over all targets and
 *   of every target row over all mapped sources: two 50k × 50k scans — what one refinement round costs);
 * - NN and CSLS top-10 retrieval for 1,500 test words (rows 5,000–6,499) and their P@1.
 * numpy scans in blocks of 2,048 rows (`S @ T.T` + `argpartition`), as MUSE does without faiss.
 * Prints seconds, the ratio (numpy / ours: > 1 means embedkit is faster) and the agreement of answers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cslsTopK, meanTopKSimilarity, nnTopK } from '../src/analysis/alignment/csls.js';
import { orthogonalProcrustes } from '../src/analysis/alignment/procrustes.js';
import { encodeNpy } from '../src/io/npy.js';
import { normalizeRows } from '../src/math/kernels.js';
import { multiplyRows } from '../src/math/matmul.js';
import type { Matrix } from '../src/math/matrix.js';
import { gaussianRandom, randomOrthogonal, seededRandom as mulberry32 } from '../src/learn/random.js';
import { loadVectors } from '../src/vectors/load.js';
import { runNumpy, table } from './util.js';

const N = 50_000;
const SEED = 5_000;
const TEST_FROM = 5_000;
const TEST_TO = 6_500;
const kv = await loadVectors('glove-100d', { limit: N });
const d = kv.dim;
const target: Matrix = { data: kv.vectors.slice(0, N * d), rows: N, dim: d };

// source = target · Q + noise (Q random orthogonal, seeded)
const rand = mulberry32(42);
const g = gaussianRandom(rand);
const q = randomOrthogonal(d, g);
const rotated = multiplyRows(target, q, d);
for (let i = 0; i < rotated.data.length; i++) rotated.data[i]! += 0.1 * g();
const source = rotated;

function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, (performance.now() - t) / 1000];
}
const rowsOf = (m: Matrix, from: number, to: number): Matrix => ({ data: m.data.slice(from * m.dim, to * m.dim), rows: to - from, dim: m.dim });

// ---- embedkit
const [w, tProc] = time(() => orthogonalProcrustes(rowsOf(source, 0, SEED), rowsOf(target, 0, SEED)));
const [mapped, tMap] = time(() => multiplyRows(source, w, d));
const [units, tNorm] = time(() => [{ data: normalizeRows(mapped.data, d), rows: N, dim: d }, { data: normalizeRows(target.data, d), rows: N, dim: d }] as const);
const [srcU, tgtU] = units;
const [terms, tTerms] = time(() => [meanTopKSimilarity(srcU, tgtU, 10), meanTopKSimilarity(tgtU, srcU, 10)] as const);
const queries = rowsOf(srcU, TEST_FROM, TEST_TO);
const [nn, tNn] = time(() => nnTopK(queries, tgtU, 10));
const [csls, tCsls] = time(() => cslsTopK(queries, tgtU, terms[0].subarray(TEST_FROM, TEST_TO), terms[1], 10));
const p1 = (tops: { indices: Int32Array }[]): number => tops.filter((t, i) => t.indices[0] === TEST_FROM + i).length / tops.length;

// ---- numpy
const dir = mkdtempSync(join(tmpdir(), 'embedkit-bench-'));
writeFileSync(join(dir, 'src.npy'), encodeNpy(source));
writeFileSync(join(dir, 'tgt.npy'), encodeNpy(target));
const py = `
import sys, time, json, numpy as np
S = np.load(sys.argv[1]); T = np.load(sys.argv[2]); seed, a, b = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
out = {}
t = time.perf_counter(); U, _, Vt = np.linalg.svd(S[:seed].astype(np.float64).T @ T[:seed].astype(np.float64)); W = (U @ Vt).astype(np.float32); out['proc'] = time.perf_counter() - t
t = time.perf_counter(); M = S @ W; out['map'] = time.perf_counter() - t
t = time.perf_counter(); Mu = M / np.linalg.norm(M, axis=1, keepdims=True); Tu = T / np.linalg.norm(T, axis=1, keepdims=True); out['norm'] = time.perf_counter() - t
def avg_topk(Q, K, k=10, bs=2048):
    r = np.empty(len(Q), dtype=np.float32)
    for i in range(0, len(Q), bs):
        s = Q[i:i+bs] @ K.T
        r[i:i+bs] = np.partition(s, -k, axis=1)[:, -k:].mean(1)
    return r
t = time.perf_counter(); rS = avg_topk(Mu, Tu); rT = avg_topk(Tu, Mu); out['terms'] = time.perf_counter() - t
def topk(s, k=10):
    idx = np.argpartition(-s, k, axis=1)[:, :k]
    sc = np.take_along_axis(s, idx, 1)
    o = np.argsort(-sc, axis=1, kind='stable')
    return np.take_along_axis(idx, o, 1)
Q = Mu[a:b]
t = time.perf_counter(); nn = topk(Q @ Tu.T); out['nn'] = time.perf_counter() - t
t = time.perf_counter(); cs = topk(2 * (Q @ Tu.T) - rS[a:b, None] - rT[None, :]); out['csls'] = time.perf_counter() - t
out['nnTop'] = nn[:, 0].tolist(); out['cslsTop'] = cs[:, 0].tolist()
out['rS'] = rS[:1000].tolist()
print(json.dumps(out))
`;
const np = JSON.parse(runNumpy(py, [join(dir, 'src.npy'), join(dir, 'tgt.npy'), String(SEED), String(TEST_FROM), String(TEST_TO)])) as Record<string, number> & { nnTop: number[]; cslsTop: number[]; rS: number[] };
rmSync(dir, { recursive: true, force: true });

const rows = [
  ['step (50k × 100)', 'embedkit s', 'numpy s', 'ratio (numpy/ours)'],
  ['Procrustes fit (5,000 pairs)', tProc, np['proc']!, np['proc']! / tProc],
  ['map 50k source rows', tMap, np['map']!, np['map']! / tMap],
  ['normalize both spaces', tNorm, np['norm']!, np['norm']! / tNorm],
  ['CSLS terms both ways (2 × 50k × 50k)', tTerms, np['terms']!, np['terms']! / tTerms],
  ['NN top-10, 1,500 queries', tNn, np['nn']!, np['nn']! / tNn],
  ['CSLS top-10, 1,500 queries', tCsls, np['csls']!, np['csls']! / tCsls],
] as (string | number)[][];
const oursTotal = tProc + tMap + tNorm + tTerms + tNn + tCsls;
const npTotal = ['proc', 'map', 'norm', 'terms', 'nn', 'csls'].reduce((s, k) => s + np[k]!, 0);
rows.push(['total', oursTotal, npTotal, npTotal / oursTotal]);
console.log(table(rows));
let maxTermDiff = 0;
np.rS.forEach((v, i) => (maxTermDiff = Math.max(maxTermDiff, Math.abs(v - terms[0][i]!))));
console.log(`P@1 embedkit: NN ${p1(nn).toFixed(4)}, CSLS ${p1(csls).toFixed(4)}; top-1 agreement with numpy: NN ${nn.filter((t, i) => t.indices[0] === np.nnTop[i]).length}/${nn.length}, CSLS ${csls.filter((t, i) => t.indices[0] === np.cslsTop[i]).length}/${csls.length}; max |r_S − r_S(numpy)| over 1,000 rows ${maxTermDiff.toExponential(2)}`);
