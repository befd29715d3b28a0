/**
 * The bias commands through the real CLI: `bias weat|seat|direct` — JSON shapes, human reports, option
 * plumbing and one-line errors. Values are checked against a WEAT computed here by hand (tiny vectors) and
 * against the numpy golden values (glove-100d, scripts/bias_reference.py).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readVectors } from '../../src/vectors/formats/index.js';
import { dataDir, expectCliErrors, FIXTURES, oneErrorLine, runCli, tempDir } from '../helpers.js';

const TINY = join(FIXTURES, 'static', 'vectors.txt');
const golden = JSON.parse(readFileSync(join(FIXTURES, 'analysis', 'bias-golden.json'), 'utf8')) as {
  weat: Record<string, { effect_size_population: number; effect_size_sample: number; statistic: number; p_exact?: number; partitions?: number }>;
  direct_bias: { c1: number; missing: string[]; found: number };
};
const tmp = tempDir('embedkit-cli-bias-');
after(() => tmp.cleanup());

const SETS = {
  targ1: { category: 'Him', examples: ['he', 'him', 'man', 'men'] },
  targ2: { category: 'Her', examples: ['she', 'her', 'you', 'we'] },
  attr1: { category: 'Work', examples: ['work', 'state', 'world', 'time'] },
  attr2: { category: 'Home', examples: ['people', 'little', 'good', 'new'] },
};
const TEST_FILE = join(tmp.path, 'tiny-weat.jsonl');
writeFileSync(TEST_FILE, JSON.stringify(SETS));
const WEFE_FILE = join(tmp.path, 'wefe.json');
writeFileSync(WEFE_FILE, JSON.stringify({ him: SETS.targ1.examples, her: SETS.targ2.examples, work: SETS.attr1.examples, home: SETS.attr2.examples, spare: ['the'] }));

/** WEAT by its definition (float64 cosines), independent of src/analysis. */
async function handWeat(): Promise<{ effect: number; sample: number; statistic: number }> {
  const kv = await readVectors(TINY);
  const v = (w: string): number[] => Array.from(kv.get(w)!);
  const cos = (a: number[], b: number[]): number => {
    let d = 0;
    let na = 0;
    let nb = 0;
    a.forEach((x, i) => {
      d += x * b[i]!;
      na += x * x;
      nb += b[i]! * b[i]!;
    });
    return d / Math.sqrt(na * nb);
  };
  const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
  const s = (w: string): number => mean(SETS.attr1.examples.map((a) => cos(v(w), v(a)))) - mean(SETS.attr2.examples.map((b) => cos(v(w), v(b))));
  const sx = SETS.targ1.examples.map(s);
  const sy = SETS.targ2.examples.map(s);
  const all = [...sx, ...sy];
  const m = mean(all);
  const ss = all.reduce((t, x) => t + (x - m) ** 2, 0);
  const diff = mean(sx) - mean(sy);
  return { effect: diff / Math.sqrt(ss / all.length), sample: diff / Math.sqrt(ss / (all.length - 1)), statistic: sx.reduce((a, b) => a + b, 0) - sy.reduce((a, b) => a + b, 0) };
}

interface WeatJson {
  test: string;
  effectSize: number;
  statistic: number;
  p: number;
  pMethod: string;
  partitions: number;
  evaluated: number;
  std: string;
  sizes: Record<string, number>;
  missing: string[];
  missingBySet: Record<string, string[]>;
  categories: Record<string, string>;
  embedder?: string;
}

describe('embedkit bias weat', () => {
  it('--json: effect size, statistic and exact p of a test file equal WEAT computed by hand', async () => {
    const r = await runCli(['bias', 'weat', '--model', TINY, '--test', TEST_FILE, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as WeatJson;
    const hand = await handWeat();
    assert.ok(Math.abs(j.effectSize - hand.effect) < 1e-6, `${j.effectSize} vs ${hand.effect}`);
    assert.ok(Math.abs(j.statistic - hand.statistic) < 1e-6);
    assert.equal(j.pMethod, 'exact');
    assert.equal(j.partitions, 70);
    assert.equal(j.evaluated, 70);
    assert.ok(j.p > 0 && j.p <= 1);
    assert.equal(j.std, 'population');
    assert.deepEqual(j.sizes, { targ1: 4, targ2: 4, attr1: 4, attr2: 4 });
    assert.deepEqual(j.missing, []);
    assert.deepEqual(j.categories, { targ1: 'Him', targ2: 'Her', attr1: 'Work', attr2: 'Home' });
    assert.equal(j.test, 'tiny-weat');
    const sample = await runCli(['bias', 'weat', '--model', TINY, '--test', TEST_FILE, '--std', 'sample', '--json']);
    assert.ok(Math.abs((JSON.parse(sample.stdout) as WeatJson).effectSize - hand.sample) < 1e-6);
  });

  it('random partitions when there are too many to enumerate (--exact-limit, --permutations, --seed); --alternative', async () => {
    const base = ['bias', 'weat', '--model', TINY, '--test', TEST_FILE, '--exact-limit', '10', '--permutations', '2000', '--json'];
    const a = JSON.parse((await runCli([...base, '--seed', '3'])).stdout) as WeatJson;
    const b = JSON.parse((await runCli([...base, '--seed', '3'])).stdout) as WeatJson;
    assert.equal(a.pMethod, 'random');
    assert.equal(a.evaluated, 2001);
    assert.equal(a.p, b.p); // seeded
    assert.ok(a.p >= 1 / 2001);
    const less = JSON.parse((await runCli(['bias', 'weat', '--model', TINY, '--test', TEST_FILE, '--alternative', 'less', '--json'])).stdout) as WeatJson;
    const greater = JSON.parse((await runCli(['bias', 'weat', '--model', TINY, '--test', TEST_FILE, '--json'])).stdout) as WeatJson;
    // exact: P[≥ observed] + P[≤ observed] = 1 + P[= observed] (the observed partition counts on both sides)
    assert.ok(greater.p + less.p >= 1 && greater.p + less.p <= 1 + 2 / 70 + 1e-12, `${greater.p} + ${less.p}`);
  });

  it('a WEFE-shaped file with --sets; the human report', async () => {
    const r = await runCli(['bias', 'weat', '--model', TINY, '--test', WEFE_FILE, '--sets', 'him,her,work,home']);
    assert.equal(r.code, 0, r.stderr);
    const hand = await handWeat();
    assert.match(r.stdout, /^WEAT wefe on .*vectors\.txt: him \/ her vs work \/ home/);
    assert.match(r.stdout, new RegExp(`effect size +${hand.effect.toFixed(4)} \\(population std\\)`));
    assert.match(r.stdout, /p +\S+ \(exact, 70 partitions\)/);
    assert.match(r.stdout, /missing +—/);
  });

  it('reproduces the numpy golden WEAT 6 on glove-100d through a data-root test name', async () => {
    const r = await runCli(['bias', 'weat', '--test', 'weat6', '--data-dir', dataDir(), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as WeatJson;
    const g = golden.weat['weat6']!;
    assert.ok(Math.abs(j.effectSize - g.effect_size_population) < 1e-6);
    assert.ok(Math.abs(j.statistic - g.statistic) < 1e-6);
    assert.ok(Math.abs(j.p - g.p_exact!) < 1e-12);
    assert.equal(j.partitions, g.partitions);
  });

  it('bad input: one error line naming the flag', async () => {
    const cases: [string[], RegExp][] = [
      [['--model', TINY], /--test .*received none.*tests in the data root: .*weat6/],
      [['--model', TINY, '--test', 'weat99'], /WEAT test "weat99".*one of .*weat6/],
      [['--model', TINY, '--test', WEFE_FILE], /--sets .*four set names.*give them with --sets/],
      [['--model', TINY, '--test', WEFE_FILE, '--sets', 'him,her,work,nope'], /--sets .*received "nope"/],
      [['--model', TINY, '--test', TEST_FILE, '--lost-vocabulary-threshold', '2'], /--lost-vocabulary-threshold \(expected a number in 0–1, received "2"\)/],
      [['--model', TINY, '--test', TEST_FILE, '--std', 'mean'], /--std \(expected population\|sample/],
    ];
    await expectCliErrors(['bias', 'weat', '--data-dir', dataDir()], cases);
    const broken = join(tmp.path, 'broken.jsonl');
    writeFileSync(broken, '{"targ1": {"category": "A", "examples": ["he"]},\n "targ2": oops}');
    const r = await runCli(['bias', 'weat', '--model', TINY, '--test', broken]);
    oneErrorLine(r.stderr);
    assert.match(r.stderr, /malformed file: not valid JSON .*at .*broken\.jsonl/);
    const lost = join(tmp.path, 'lost.jsonl');
    writeFileSync(lost, JSON.stringify({ ...SETS, attr2: { category: 'Nonsense', examples: ['qqqx', 'zzzy', 'good', 'new'] } }));
    const l = await runCli(['bias', 'weat', '--model', TINY, '--test', lost]);
    oneErrorLine(l.stderr);
    assert.match(l.stderr, /lost 2 of 4 .*qqqx, zzzy.*raise --lost-vocabulary-threshold/);
    const ok = await runCli(['bias', 'weat', '--model', TINY, '--test', lost, '--lost-vocabulary-threshold', '0.5', '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual((JSON.parse(ok.stdout) as WeatJson).missingBySet['attr2'], ['qqqx', 'zzzy']);
    assert.match(ok.stderr, /warning: .*skips 2 of 4 missing: qqqx, zzzy/);
  });
});

describe('embedkit bias seat', () => {
  it('words embedded as one-word texts with mean pooling give the WEAT effect; JSON names the embedder', async () => {
    const r = await runCli(['bias', 'seat', '--model', TINY, '--test', TEST_FILE, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as WeatJson;
    assert.ok(Math.abs(j.effectSize - (await handWeat()).effect) < 1e-6);
    assert.match(j.embedder!, /^static:.*vectors\.txt:mean$/);
    const human = await runCli(['bias', 'seat', '--model', TINY, '--test', TEST_FILE]);
    assert.match(human.stdout, /^SEAT tiny-weat on static:/);
  });

  it('takes embedder options: a removed direction changes the effect, a bad pooling is an error naming the flag', async () => {
    const sentences = join(tmp.path, 'sent.jsonl');
    writeFileSync(sentences, JSON.stringify({ ...SETS, targ1: { category: 'Him', examples: ['he is here', 'him and me', 'the man', 'the men'] } }));
    const mean = JSON.parse((await runCli(['bias', 'seat', '--model', TINY, '--test', sentences, '--json'])).stdout) as WeatJson;
    const sif = await runCli(['bias', 'seat', '--model', TINY, '--test', sentences, '--pooling', 'sif', '--json']);
    assert.equal(sif.code, 0, sif.stderr);
    assert.notEqual((JSON.parse(sif.stdout) as WeatJson).effectSize, mean.effectSize);
    const bad = await runCli(['bias', 'seat', '--model', TINY, '--test', sentences, '--pooling', 'cls']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--pooling/);
  });
});

describe('embedkit bias direct', () => {
  const pairs = join(tmp.path, 'pairs.json');
  const words = join(tmp.path, 'words.json');
  writeFileSync(pairs, JSON.stringify([['she', 'he'], ['her', 'him'], ['woman', 'man']]));
  writeFileSync(words, JSON.stringify([['work', 0, 0.1], 'people', 'state', 'world', 'good', 'time', 'unknownword']));

  it('--json: DirectBias_c over the words, both sides sorted, missing words listed', async () => {
    const r = await runCli(['bias', 'direct', '--model', TINY, '--pairs', pairs, '--words', words, '-k', '2', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { directBias: number; c: number; words: number; pairs: number; explainedVarianceRatio: number[]; positive: { word: string; score: number }[]; negative: { word: string; score: number }[]; missing: string[]; missingPairWords: string[] };
    assert.equal(j.c, 1);
    assert.equal(j.words, 6);
    assert.equal(j.pairs, 2);
    assert.deepEqual(j.missingPairWords, ['woman']);
    assert.deepEqual(j.missing, ['unknownword']);
    assert.equal(j.positive.length, 2);
    assert.equal(j.negative.length, 2);
    assert.ok(j.positive[0]!.score >= j.positive[1]!.score && j.negative[0]!.score <= j.negative[1]!.score);
    assert.ok(j.directBias > 0 && j.directBias < 1);
    assert.ok(j.explainedVarianceRatio[0]! > 0 && j.explainedVarianceRatio[0]! <= 1);
    assert.match(r.stderr, /warning: 1 word\(s\) of the definitional pairs are not in the vocabulary .*woman/);
    // DirectBias_c with c = 2 is the mean of squares: below DirectBias_1 for |cos| < 1
    const c2 = JSON.parse((await runCli(['bias', 'direct', '--model', TINY, '--pairs', pairs, '--words', words, '--c', '2', '--json'])).stdout) as { directBias: number };
    assert.ok(c2.directBias < j.directBias);
  });

  it('reproduces the numpy golden DirectBias on glove-100d with the data root lists; human report', async () => {
    const r = await runCli(['bias', 'direct', '--data-dir', dataDir(), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { directBias: number; words: number; missing: string[]; positive: { word: string }[] };
    assert.ok(Math.abs(j.directBias - golden.direct_bias.c1) < 1e-6);
    assert.equal(j.words, golden.direct_bias.found);
    assert.deepEqual([...j.missing].sort(), [...golden.direct_bias.missing].sort());
    assert.equal(j.positive[0]!.word, 'ballerina');
    const human = await runCli(['bias', 'direct', '--data-dir', dataDir(), '-k', '3']);
    assert.match(human.stdout, /^DirectBias_1 on glove-100d: 0\.1502 over 291 neutral words \(29 missing\)/);
    assert.match(human.stdout, /woman side +ballerina 0\.348, homemaker 0\.320, housewife 0\.312/);
  });

  it('bad input: no list and no data root, a malformed list, c out of range', async () => {
    const none = await runCli(['bias', 'direct', '--model', TINY], { env: { EMBEDKIT_DATA_DIR: '' } });
    assert.equal(none.code, 1);
    oneErrorLine(none.stderr);
    assert.match(none.stderr, /--pairs \(expected a file, or --data-dir holding bias-debiaswe\/definitional_pairs\.json, received neither\)/);
    const bad = join(tmp.path, 'bad-pairs.json');
    writeFileSync(bad, JSON.stringify([['she', 'he', 'it']]));
    const r = await runCli(['bias', 'direct', '--model', TINY, '--pairs', bad, '--words', words]);
    oneErrorLine(r.stderr);
    assert.match(r.stderr, /malformed file: entry \[0\] \(expected a pair \["word1", "word2"\], received \["she","he","it"\]\) at .*bad-pairs\.json/);
    const c = await runCli(['bias', 'direct', '--model', TINY, '--pairs', pairs, '--words', words, '--c', '0']);
    oneErrorLine(c.stderr);
    assert.match(c.stderr, /--c \(expected a number in 0\.000001–100/);
  });
});
