/**
 * Bias hot paths on glove-100d, embedkit vs numpy in the same run (bench/peers/bias_numpy.py):
 * - WEAT 1 (25 + 25 targets, 25 + 25 attributes): cosines, effect size and a p-value from 10,000 seeded random
 *   partitions; numpy as sent-bias does it (a shuffle per permutation) and fully vectorized;
 * - hard debias (debiaswe) over the whole vocabulary (341,479 × 100).
 * Prints times (best of 3) and ratios numpy time / ours (> 1: we are faster), and checks agreement.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDebiasweLists } from '../src/analysis/bias/debiaswe-lists.js';
import { pairDirection } from '../src/analysis/bias/direct-bias.js';
import { hardDebias } from '../src/analysis/bias/hard-debias.js';
import { weat } from '../src/analysis/bias/weat.js';
import { loadWeatTest } from '../src/analysis/bias/word-sets.js';
import { encodeNpy } from '../src/io/npy.js';
import { loadVectors } from '../src/vectors/load.js';
import { dataDir, REPO_ROOT } from './util.js';

const best = <T>(f: () => T, runs = 3): [T, number] => {
  let r: T | undefined;
  let t = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    r = f();
    t = Math.min(t, (performance.now() - t0) / 1000);
  }
  return [r!, t];
};

const kv = await loadVectors('glove-100d');
const test = loadWeatTest('weat1', { dataDir: dataDir() });
const lists = loadDebiasweLists(dataDir());
const [w, tWeat] = best(() => weat(kv, test, { permutations: 10_000, exactLimit: 0, seed: 0 }));
const [deb, tDebias] = best(() => hardDebias(kv, lists));
console.log(`glove-100d: ${kv.size} × ${kv.dim}`);
console.log(`embedkit WEAT 1, 10,000 permutations: ${(tWeat * 1000).toFixed(1)} ms (effect size ${w.effectSize.toFixed(4)}, p ${w.p!.toExponential(2)})`);
console.log(`embedkit hard debias, full vocabulary: ${tDebias.toFixed(2)} s (${deb.neutralized} neutralized, ${deb.equalized.length} equalized)`);

const tmp = mkdtempSync(join(tmpdir(), 'embedkit-bench-'));
try {
  writeFileSync(join(tmp, 'v.npy'), encodeNpy(kv.matrix));
  const rowsOf = (ws: readonly string[]): number[] => ws.map((x) => kv.indexOf(x)).filter((i) => i >= 0);
  writeFileSync(
    join(tmp, 'cfg.json'),
    JSON.stringify({
      words: kv.keys,
      weat: { X: rowsOf(test.targ1.examples), Y: rowsOf(test.targ2.examples), A: rowsOf(test.attr1.examples), B: rowsOf(test.attr2.examples) },
      direction: Array.from(pairDirection(kv, lists.definitional).direction),
      specific: lists.genderSpecific,
      equalize: lists.equalize,
    }),
  );
  const env = { ...process.env };
  delete env['OPENBLAS_CORETYPE'];
  delete env['OPENBLAS_L2_SIZE'];
  const times: Record<string, number[]> = {};
  let last: Record<string, number | number[]> = {};
  for (let i = 0; i < 3; i++) {
    const py = spawnSync('python3', [join(REPO_ROOT, 'bench', 'peers', 'bias_numpy.py'), join(tmp, 'v.npy'), join(tmp, 'cfg.json')], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (py.status !== 0) throw new Error(`numpy peer failed: ${py.stderr}`);
    last = JSON.parse(py.stdout) as Record<string, number | number[]>;
    for (const k of ['weat_loop', 'weat_vectorized', 'debias']) (times[k] ??= []).push(last[k] as number);
  }
  const t = (k: string): number => Math.min(...times[k]!);
  console.log(`numpy WEAT 1 (sent-bias loop):   ${(t('weat_loop') * 1000).toFixed(1)} ms  ratio numpy/embedkit = ${(t('weat_loop') / tWeat).toFixed(2)}×  (effect size ${(last['effect_size'] as number).toFixed(4)}, p ${(last['weat_loop_p'] as number).toExponential(2)})`);
  console.log(`numpy WEAT 1 (vectorized):       ${(t('weat_vectorized') * 1000).toFixed(1)} ms  ratio numpy/embedkit = ${(t('weat_vectorized') / tWeat).toFixed(2)}×`);
  console.log(`numpy hard debias (debiaswe):    ${t('debias').toFixed(2)} s  ratio numpy/embedkit = ${(t('debias') / tDebias).toFixed(2)}×`);
  const sample = last['debias_sample'] as number[];
  const ours = deb.vectors.get('nurse')!;
  console.log(`agreement: max |Δ| on 'nurse' after debias ${Math.max(...sample.map((v, j) => Math.abs(v - ours[j]!))).toExponential(1)}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
