/**
 * WEAT, SEAT, DirectBias and hard debias: hand-computed cases, malformed files, lost vocabulary, and
 * golden values on glove-100d from scripts/bias_reference.py (numpy) to 1e-6.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, FIXTURES, TEST_CACHE_DIR, tempDir } from '../helpers.js';
import { loadDebiasweLists, parseWordPairs, parseProfessions } from '../../src/analysis/bias/debiaswe-lists.js';
import { directBias, pairDirection } from '../../src/analysis/bias/direct-bias.js';
import { equalizeCandidates, hardDebias, pythonTitle } from '../../src/analysis/bias/hard-debias.js';
import { binomial, permutationPValue } from '../../src/analysis/bias/permutation.js';
import { seat } from '../../src/analysis/bias/seat.js';
import { weat } from '../../src/analysis/bias/weat.js';
import { listWeatTests, loadWeatTest, parseWeatTest, type WeatTest } from '../../src/analysis/bias/word-sets.js';
import { StaticEmbedder } from '../../src/embedders/static-embedder.js';
import { EmbedkitError, FormatError } from '../../src/errors.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { loadVectors } from '../../src/vectors/load.js';
import { readVectors, writeVectors } from '../../src/vectors/formats/index.js';

process.env['EMBEDKIT_CACHE_DIR'] ??= TEST_CACHE_DIR;

interface WeatGolden {
  effect_size_population: number;
  effect_size_sample: number;
  statistic: number;
  p_exact?: number;
  partitions?: number;
  missing: string[];
  sizes: number[];
}
interface Golden {
  weat: Record<string, WeatGolden>;
  direction: { vector: number[]; explained_variance_ratio: number[] };
  direct_bias: { c1: number; c05: number; missing: string[]; found: number };
  hard_debias: { equalized: [string, string][]; neutralized: number; rows: Record<string, number[]>; direct_bias_after: number; weat_after: Record<string, number> };
}
const golden = JSON.parse(readFileSync(join(FIXTURES, 'analysis', 'bias-golden.json'), 'utf8')) as Golden;

const close = (a: number, b: number, tol: number, what: string): void => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

function tinyVectors(rows: Record<string, number[]>): KeyedVectors {
  const keys = Object.keys(rows);
  const dim = rows[keys[0]!]!.length;
  return new KeyedVectors(keys, Float32Array.from(keys.flatMap((k) => rows[k]!)), dim);
}
const test4 = (x: string[], y: string[], a: string[], b: string[]): WeatTest => ({
  name: 'tiny',
  source: 'inline',
  targ1: { category: 'X', examples: x },
  targ2: { category: 'Y', examples: y },
  attr1: { category: 'A', examples: a },
  attr2: { category: 'B', examples: b },
});

describe('WEAT: hand-computed cases', () => {
  const kv = tinyVectors({ x: [1, 0], y: [0, 1], a: [2, 0], b: [0, 3], x2: [1, 1], y2: [1, -1] });
  it('orthogonal sets: s = ±1, statistic 2, effect 2 (population) / √2 (sample), p = 1/2 over the 2 partitions', () => {
    const r = weat(kv, test4(['x'], ['y'], ['a'], ['b']));
    close(r.statistic, 2, 1e-12, 'statistic');
    close(r.effectSize, 2, 1e-12, 'effect size');
    assert.equal(r.p, 0.5);
    assert.equal(r.pMethod, 'exact');
    assert.equal(r.partitions, 2);
    close(weat(kv, test4(['x'], ['y'], ['a'], ['b']), { std: 'sample' }).effectSize, Math.SQRT2, 1e-12, 'sample');
  });
  it('two words per target set: s(x2) = cos45° − cos45° = 0, s(y2) = 1/√2 − (−1/√2)', () => {
    const r = weat(kv, test4(['x', 'x2'], ['y', 'y2'], ['a'], ['b']));
    const s = [1, 0, -1, Math.SQRT2];
    close(r.statistic, s[0]! + s[1]! - s[2]! - s[3]!, 1e-7, 'statistic');
    const mean = s.reduce((p, v) => p + v) / 4;
    const sd = Math.sqrt(s.reduce((p, v) => p + (v - mean) ** 2, 0) / 4);
    close(r.effectSize, ((s[0]! + s[1]!) / 2 - (s[2]! + s[3]!) / 2) / sd, 1e-7, 'effect');
    // pairs of {1, 0, −1, √2} with sum ≥ 1 (the observed {1, 0}): {1,0} {1,√2} {0,√2}; not {1,−1} {0,−1} {−1,√2}
    close(r.p!, 3 / 6, 1e-12, 'p');
  });
  it('permutation p-values: exact enumeration, alternatives, and seeded sampling near the exact value', () => {
    const s = Float64Array.from([0.9, 0.4, 0.35, 0.2, 0.1, -0.2, -0.25, -0.5, 0.05, 0.3]);
    const exact = permutationPValue(s, 5);
    assert.equal(exact.partitions, binomial(10, 5));
    assert.equal(exact.evaluated, 252);
    const sampled = permutationPValue(s, 5, { exactLimit: 0, permutations: 20_000, seed: 7 });
    assert.equal(sampled.method, 'random');
    const se = Math.sqrt((exact.p * (1 - exact.p)) / 20_000);
    assert.ok(Math.abs(sampled.p - exact.p) < 4 * se + 1e-4, `${sampled.p} vs ${exact.p}`);
    assert.deepEqual(permutationPValue(s, 5, { exactLimit: 0, permutations: 1000, seed: 7 }), permutationPValue(s, 5, { exactLimit: 0, permutations: 1000, seed: 7 }));
    const less = permutationPValue(s, 5, { alternative: 'less' });
    const two = permutationPValue(s, 5, { alternative: 'two-sided' });
    // every partition is ≥ or ≤ the observed sum; the observed one is both
    close(exact.p + less.p, 1 + 1 / 252, 1e-12, 'greater + less');
    assert.ok(two.p >= exact.p && two.p <= 1);
    assert.equal(binomial(50, 25), 126410606437752);
  });
});

describe('WEAT test files', () => {
  it('reads the sent-bias files and WEFE sets of the data root, and lists them', () => {
    const t = loadWeatTest('weat6', { dataDir: dataDir() });
    assert.equal(t.targ1.category, 'MaleNames');
    assert.equal(t.attr2.examples.length, 8);
    const w = loadWeatTest('wefe:weat6', { dataDir: dataDir() });
    assert.deepEqual(w.targ1.examples, t.targ1.examples);
    assert.equal(w.attr1.category, 'career');
    const s = loadWeatTest('sent-weat6', { dataDir: dataDir() });
    assert.ok(s.targ1.examples.includes('This is John.'));
    const names = listWeatTests(dataDir());
    assert.ok(names.includes('weat10') && names.includes('sent-weat8b') && names.includes('wefe:weat3'));
    assert.ok(names.indexOf('weat2') < names.indexOf('weat10'));
  });
  it('malformed files are FormatErrors naming the file, line or field', () => {
    assert.throws(() => parseWeatTest('{\n"targ1": {"examples": ["a"]},\n oops }', 'bad.json'), (e: unknown) => e instanceof FormatError && e.where === 'bad.json:3');
    assert.throws(() => parseWeatTest('{"targ1": {"examples": ["a"]}, "targ2": {"examples": ["b"]}, "attr1": {"examples": ["c"]}}', 't.json'), (e: unknown) => e instanceof FormatError && /field attr2/.test(e.message));
    assert.throws(() => parseWeatTest('{"targ1": {"examples": ["a", 3]}, "targ2": {"examples": ["b"]}, "attr1": {"examples": ["c"]}, "attr2": {"examples": ["d"]}}', 't.json'), (e: unknown) => e instanceof FormatError && /targ1\.examples\[1\]/.test(e.message));
    assert.throws(() => parseWeatTest('{"targ1": {"examples": []}, "targ2": {"examples": ["b"]}, "attr1": {"examples": ["c"]}, "attr2": {"examples": ["d"]}}', 't.json'), /at least one word/);
    assert.throws(() => parseWeatTest('[1, 2]', 't.json'), /expected a JSON object/);
    assert.throws(() => parseWeatTest('{"a": ["x"], "b": ["y"], "c": ["z"], "d": ["w"]}', 'sets.json'), (e: unknown) => e instanceof EmbedkitError && e.code === 'BAD_OPTION' && /the file has 4 sets: a, b, c, d/.test(e.message));
    assert.throws(() => parseWeatTest('{"a": ["x"], "b": "y"}', 'sets.json'), /field b/);
    const ok = parseWeatTest('{"a": ["x"], "b": ["y"], "c": ["z"], "d": ["w", "w"]}', 'sets.json', { sets: ['a', 'b', 'c', 'd'] });
    assert.deepEqual(ok.attr2.examples, ['w']);
    assert.throws(() => parseWeatTest('{"a": ["x"]}', 'sets.json', { sets: ['a', 'b', 'c', 'd'] }), /expected a set of sets\.json/);
    assert.throws(() => loadWeatTest('weat99', { dataDir: dataDir() }), (e: unknown) => e instanceof EmbedkitError && e.code === 'FILE_NOT_FOUND' && /weat10/.test(e.message));
    assert.throws(() => loadWeatTest('weat6'), /data root/);
  });
  it('user files of both shapes load by path', () => {
    const tmp = tempDir();
    try {
      const p = join(tmp.path, 'mine.json');
      writeFileSync(p, JSON.stringify({ targ1: { category: 'T1', examples: ['a'] }, targ2: { category: 'T2', examples: ['b'] }, attr1: { category: 'A1', examples: ['c'] }, attr2: { category: 'A2', examples: ['d'] } }));
      assert.equal(loadWeatTest(p).name, 'mine');
      const q = join(tmp.path, 'weat6.json');
      writeFileSync(q, readFileSync(join(dataDir(), 'bias-weat', 'wefe_WEAT.json')));
      assert.equal(loadWeatTest(q).targ1.category, 'male_names'); // a WEFE file named after a test picks that test
    } finally {
      tmp.cleanup();
    }
  });
});

describe('bias on glove-100d against numpy (scripts/bias_reference.py)', () => {
  let kv: KeyedVectors;
  before(async () => {
    kv = await loadVectors('glove-100d');
  });

  it('WEAT 1–10 (sent-bias and WEFE sets): effect sizes (both std), statistics to 1e-6, missing words, exact p-values', () => {
    for (const [name, g] of Object.entries(golden.weat)) {
      const t = loadWeatTest(name, { dataDir: dataDir() });
      const r = weat(kv, t, { permutations: 2000 });
      close(r.effectSize, g.effect_size_population, 1e-6, `${name} effect size`);
      close(weat(kv, t, { std: 'sample', pValue: false }).effectSize, g.effect_size_sample, 1e-6, `${name} sample effect size`);
      close(r.statistic, g.statistic, 1e-6, `${name} statistic`);
      assert.deepEqual(r.missing, g.missing, name);
      assert.deepEqual([r.sizes.targ1, r.sizes.targ2, r.sizes.attr1, r.sizes.attr2], g.sizes, name);
      if (g.p_exact !== undefined) {
        assert.equal(r.pMethod, 'exact', name);
        assert.equal(r.evaluated, g.partitions);
        close(r.p!, g.p_exact, 1e-12, `${name} p`);
      } else {
        assert.equal(r.pMethod, 'random', name);
        assert.ok(r.p! > 0 && r.p! <= 1);
      }
    }
  });

  it('lost vocabulary: missing words are skipped and listed; above the threshold it fails', () => {
    const t = test4(['john', 'paul', 'qqzzxxnotaword'], ['amy', 'joan', 'lisa'], ['career', 'salary'], ['home', 'family']);
    assert.throws(() => weat(kv, t), (e: unknown) => e instanceof EmbedkitError && e.code === 'UNKNOWN_WORD' && /targ1 \(X\) lost 1 of 3/.test(e.message) && /qqzzxxnotaword/.test(e.message));
    const warnings: string[] = [];
    const r = weat(kv, t, { lostVocabularyThreshold: 0.5, onWarning: (m) => warnings.push(m) });
    assert.deepEqual(r.missing, ['qqzzxxnotaword']);
    assert.deepEqual(r.missingBySet.targ1, ['qqzzxxnotaword']);
    assert.equal(r.sizes.targ1, 2);
    assert.match(warnings[0]!, /skips 1 of 3/);
  });

  it('the gender direction matches debiaswe doPCA to 1e-6; DirectBias_c on professions', () => {
    const lists = loadDebiasweLists(dataDir());
    const d = pairDirection(kv, lists.definitional);
    assert.equal(d.pairs.length, 10);
    golden.direction.vector.forEach((v, j) => close(d.direction[j]!, v, 1e-6, `g[${j}]`));
    golden.direction.explained_variance_ratio.forEach((v, j) => close(d.explainedVarianceRatio[j]!, v, 1e-6, `evr[${j}]`));
    const words = lists.professions.map((p) => p.word);
    const b1 = directBias(kv, d.direction, words);
    close(b1.directBias, golden.direct_bias.c1, 1e-6, 'DirectBias_1');
    close(directBias(kv, d.direction, words, { c: 0.5 }).directBias, golden.direct_bias.c05, 1e-6, 'DirectBias_0.5');
    assert.deepEqual(b1.missing, golden.direct_bias.missing);
    assert.equal(b1.projections.length, golden.direct_bias.found);
    // oriented towards the first words (woman, she, …): female-stereotyped professions are positive
    assert.ok(b1.positive.some((p) => ['nurse', 'housewife', 'homemaker', 'actress', 'waitress', 'maid', 'nanny', 'ballerina'].includes(p.word)), JSON.stringify(b1.positive));
    assert.ok(b1.positive[0]!.score > 0 && b1.negative[0]!.score < 0);
  });

  it('hard debias reproduces debiaswe: rows to 1e-6, the equalized pairs, DirectBias and WEAT 6–8 after', () => {
    const lists = loadDebiasweLists(dataDir());
    const r = hardDebias(kv, lists);
    assert.deepEqual(r.equalized, golden.hard_debias.equalized);
    assert.equal(r.neutralized, golden.hard_debias.neutralized);
    for (const [w, row] of Object.entries(golden.hard_debias.rows)) {
      const v = r.vectors.get(w)!;
      row.forEach((x, j) => close(v[j]!, x, 1e-6, `${w}[${j}]`));
    }
    const after = directBias(r.vectors, r.direction, lists.professions.map((p) => p.word));
    close(after.directBias, golden.hard_debias.direct_bias_after, 1e-6, 'DirectBias after');
    for (const [name, es] of Object.entries(golden.hard_debias.weat_after)) {
      close(weat(r.vectors, loadWeatTest(name, { dataDir: dataDir() }), { pValue: false }).effectSize, es, 1e-5, `${name} after`);
    }
    // an equalized pair is symmetric about the neutral subspace
    close(r.vectors.similarity('grandpa', 'nurse'), r.vectors.similarity('grandma', 'nurse'), 1e-6, 'equalized');
  });

  it('SEAT with words embedded as one-word sentences by the static embedder equals WEAT on the vectors', async () => {
    const t = loadWeatTest('weat7', { dataDir: dataDir() });
    const s = await seat(new StaticEmbedder(kv, { model: 'glove-100d' }), t, { pValue: false });
    close(s.effectSize, weat(kv, t, { pValue: false }).effectSize, 1e-6, 'SEAT = WEAT');
    assert.equal(s.embedder, 'static:glove-100d:mean');
    const sent = await seat(new StaticEmbedder(kv), loadWeatTest('sent-weat6', { dataDir: dataDir() }), { permutations: 1000 });
    assert.ok(Number.isFinite(sent.effectSize) && sent.effectSize > 0, `sent-weat6 ${sent.effectSize}`);
    assert.equal(sent.sizes.targ1, 64);
  });
});

describe('hard debias output is a model', () => {
  it('a small space: neutral words lose the direction, equalized pairs are symmetric, the file round-trips', async () => {
    const rand = (i: number): number[] => Array.from({ length: 4 }, (_, j) => Math.sin(7 * i + 3 * j + 1));
    const words = ['woman', 'man', 'she', 'he', 'nurse', 'engineer', 'queen', 'king', 'Queen', 'King'];
    const kv = new KeyedVectors(words, Float32Array.from(words.flatMap((_, i) => rand(i))), 4);
    const r = hardDebias(kv, { definitional: [['woman', 'man'], ['she', 'he']], genderSpecific: ['woman', 'man', 'she', 'he', 'queen', 'king'], equalize: [['king', 'queen']] });
    assert.deepEqual(r.equalized, [['king', 'queen'], ['King', 'Queen']]); // lower and Title variants, both present
    for (const w of ['nurse', 'engineer']) {
      const v = r.vectors.get(w)!;
      let d = 0;
      for (let j = 0; j < 4; j++) d += v[j]! * r.direction[j]!;
      close(d, 0, 1e-6, `${w}·g`);
    }
    close(r.vectors.similarity('king', 'nurse'), r.vectors.similarity('queen', 'nurse'), 1e-6, 'equalized');
    assert.deepEqual(Array.from(r.vectors.get('she')!), Array.from(kv.get('she')!).map((x, _, a) => Math.fround(x / Math.hypot(...a))));
    const tmp = tempDir();
    try {
      const path = join(tmp.path, 'debiased.txt');
      await writeVectors(r.vectors, path);
      const back = await readVectors(path);
      assert.deepEqual(back.keys, words);
      Array.from(back.vectors).forEach((x, i) => close(x, r.vectors.vectors[i]!, 1e-6, `row value ${i}`));
    } finally {
      tmp.cleanup();
    }
  });
});

describe('debiaswe lists and case variants', () => {
  it('Python str.title and the equalize candidates (lower, Title, UPPER; duplicates removed)', () => {
    assert.equal(pythonTitle('catholic_priest'), 'Catholic_Priest');
    assert.equal(pythonTitle("ex_GIRLfriend o'neil"), "Ex_Girlfriend O'Neil");
    assert.deepEqual(equalizeCandidates([['Dad', 'Mom'], ['dad', 'mom']]), [['dad', 'mom'], ['Dad', 'Mom'], ['DAD', 'MOM']]);
  });
  it('malformed lists name the entry', () => {
    assert.throws(() => parseWordPairs([['a', 'b'], ['c']], 'p.json'), (e: unknown) => e instanceof FormatError && /entry \[1\]/.test(e.message));
    assert.throws(() => parseProfessions([['nurse', 'x', 0]], 'p.json'), /entry \[0\]\[1\]/);
    assert.throws(() => parseWordPairs([], 'p.json'), /at least one entry/);
  });
  it('SEAT runs on a transformer encoder (tiny-bert ONNX fixture) with the sent-bias template sentences', async () => {
    const { OnnxEmbedder } = await import('../../src/embedders/onnx/onnx-embedder.js');
    const e = await OnnxEmbedder.load(join(FIXTURES, 'onnx', 'tiny-bert'));
    try {
      const t = loadWeatTest('sent-weat6', { dataDir: dataDir() });
      const r = await seat(e, t, { permutations: 2000, seed: 1 });
      assert.ok(Number.isFinite(r.effectSize) && Math.abs(r.effectSize) <= 2);
      assert.equal(r.sizes.targ1 + r.sizes.targ2, 128);
      assert.equal(r.pMethod, 'random');
      // the same statistics from the raw embeddings
      const again = await seat(e, t, { permutations: 2000, seed: 1 });
      assert.equal(again.effectSize, r.effectSize);
      assert.equal(again.p, r.p);
    } finally {
      await e.dispose();
    }
  });
});
