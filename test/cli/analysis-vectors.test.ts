/**
 * The commands that write a new space through the real CLI: `debias hard`, `retrofit`, `project-out`
 * (and the transform files `--remove-directions` reads). The written vectors are checked against what the
 * methods guarantee, computed here by hand: neutral words orthogonal to the direction, the Faruqui update
 * of one sweep, rows orthogonal to the removed span.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadTransforms } from '../../src/embedders/transforms/transform-file.js';
import type { ProjectOutTransform } from '../../src/embedders/transforms/project-out.js';
import { readVectors } from '../../src/vectors/formats/index.js';
import { expectCliErrors, FIXTURES, float64Bytes, numpyBytes, oneErrorLine, runCli, tempDir } from '../helpers.js';

const TINY = join(FIXTURES, 'static', 'vectors.txt');
const WORDNET = join(FIXTURES, 'analysis', 'wordnet');
const tmp = tempDir('embedkit-cli-vectors-');
after(() => tmp.cleanup());
const file = (name: string, content: unknown): string => {
  const p = join(tmp.path, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
const unit = (a: ArrayLike<number>, eps = 0): number[] => {
  const n = Math.sqrt(dot(a, a) + eps);
  return Array.from(a, (x) => x / n);
};
const near = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string): void => {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) <= tol, `${what}[${i}]: ${a[i]} vs ${b[i]}`);
};

describe('embedkit debias hard', () => {
  const definitional = file('def.json', [['she', 'he'], ['her', 'him']]);
  const specific = file('specific.json', ['he', 'she', 'her', 'him', 'man', 'men']);
  const equalize = file('eq.json', [['he', 'she']]);
  const words = file('neutral.json', ['work', 'people', 'state', 'world', 'good']);
  const lists = ['--definitional', definitional, '--specific', specific, '--equalize', equalize];

  it('neutralizes every other word, keeps the specific ones, equalizes the pair; a model file; the report', async () => {
    const out = join(tmp.path, 'debiased.txt');
    const r = await runCli(['debias', 'hard', '--model', TINY, ...lists, '--words', words, '--output', out, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { output: string; format: string; rows: number; neutralized: number; kept: number; equalized: number; equalizedPairs: string[][]; before: { directBias: number; weat: unknown[] }; after: { directBias: number } };
    assert.equal(j.output, out);
    assert.equal(j.format, 'word2vec');
    assert.deepEqual([j.neutralized, j.kept, j.rows], [114, 6, 120]);
    assert.equal(j.equalized, 1); // of the candidates he/she, He/She, HE/SHE only the lower-case pair exists
    assert.deepEqual(j.equalizedPairs, [['he', 'she']]);
    assert.ok(j.before.directBias > 0.01 && j.after.directBias < 1e-5, `${j.before.directBias} → ${j.after.directBias}`);
    assert.deepEqual(j.before.weat, []);
    const orig = await readVectors(TINY);
    const kv = await readVectors(out);
    assert.equal(kv.size, orig.size);
    // after equalizing, he − she = 2z·g: the direction, read off the output
    const g = unit(Array.from(kv.get('he')!, (x, i) => x - kv.get('she')![i]!));
    for (let i = 0; i < kv.size; i++) {
      const w = kv.keyAt(i);
      const v = kv.vectors.subarray(i * kv.dim, (i + 1) * kv.dim);
      assert.ok(Math.abs(dot(v, v) - 1) < 1e-5, `${w} unit length`);
      if (['man', 'men', 'her', 'him'].includes(w)) near(v, unit(orig.get(w)!), 1e-6, `${w} kept`);
      else if (w !== 'he' && w !== 'she') assert.ok(Math.abs(dot(v, g)) < 1e-5, `${w} neutral: ${dot(v, g)}`);
    }
    const human = await runCli(['debias', 'hard', '--model', TINY, ...lists, '--words', words, '--output', join(tmp.path, 'd2.bin')]);
    assert.match(human.stdout, /^Hard-debiased .*: 114 words neutralized, 6 kept as gender-specific, 1 pairs equalized → .*d2\.bin \(word2vec-bin\)/);
    assert.match(human.stdout, /DirectBias \(neutral words\) +0\.\d{4} +0\.0000/);
    const back = await runCli(['neighbors', 'work', '--model', join(tmp.path, 'd2.bin'), '-k', '3', '--json']);
    assert.equal(back.code, 0, back.stderr);
  });

  it('bad input: missing --output, lists without a data root, an unknown format, a malformed list', async () => {
    const noOut = await runCli(['debias', 'hard', '--model', TINY, ...lists]);
    assert.equal(noOut.code, 1);
    assert.match(noOut.stderr, /required option '-o, --output <file>'/);
    const noLists = await runCli(['debias', 'hard', '--model', TINY, '--output', join(tmp.path, 'x.bin')], { env: { EMBEDKIT_DATA_DIR: '' } });
    oneErrorLine(noLists.stderr);
    assert.match(noLists.stderr, /--definitional \(expected a file, or --data-dir holding bias-debiaswe\/definitional_pairs\.json/);
    const fmt = await runCli(['debias', 'hard', '--model', TINY, ...lists, '--output', join(tmp.path, 'x.bin'), '--to', 'parquet']);
    oneErrorLine(fmt.stderr);
    assert.match(fmt.stderr, /--to \(expected word2vec\|word2vec-bin\|glove\|vec\|ekv, received "parquet"\)/);
    const bad = await runCli(['debias', 'hard', '--model', TINY, ...lists.slice(0, 4), '--equalize', file('bad-eq.json', { he: 'she' }), '--output', join(tmp.path, 'x.bin')]);
    oneErrorLine(bad.stderr);
    assert.match(bad.stderr, /malformed file: word pairs \(expected a JSON array, received object\) at .*bad-eq\.json/);
  });
});

describe('embedkit retrofit', () => {
  // a tiny space over the WordNet fixture's lemmas (entity, animal/beast, dog, cat, plant, tree)
  const words = ['entity', 'animal', 'beast', 'dog', 'cat', 'plant', 'tree', 'stone'];
  const rows = words.map((w, i) => `${w} ${Array.from({ length: 4 }, (_, j) => (Math.sin(7 * i + 3 * j + 1) * 2).toFixed(4)).join(' ')}`);
  const model = file('wn-vectors.txt', `${words.length} 4\n${rows.join('\n')}\n`);

  it('WordNet synonyms, one sweep: the Faruqui update of the two linked words, in vocabulary order', async () => {
    const out = join(tmp.path, 'wn.txt');
    const r = await runCli(['retrofit', '--model', model, '--lexicon', 'wordnet', '--wordnet', WORDNET, '--iterations', '1', '--output', out, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { lexicon: string; retrofitted: number; edges: number; missingWords: number; rows: number };
    assert.equal(j.lexicon, 'wordnet synonym');
    assert.deepEqual([j.retrofitted, j.edges], [2, 2]); // animal ↔ beast (dog's synonyms are not in the vocabulary)
    const orig = await readVectors(model);
    const kv = await readVectors(out);
    const q = (w: string): number[] => unit(orig.get(w)!, 1e-6); // retrofit.py's normalization
    const animal = q('animal').map((x, i) => (x + q('beast')[i]!) / 2); // α = 1, β = 1/degree = 1
    const beast = q('beast').map((x, i) => (x + animal[i]!) / 2); // visited after animal (Gauss–Seidel)
    near(kv.get('animal')!, animal, 1e-5, 'animal');
    near(kv.get('beast')!, beast, 1e-5, 'beast');
    near(kv.get('stone')!, q('stone'), 1e-5, 'stone (not in the lexicon)');
  });

  it('the noun hierarchy links more words; an edge list with weights; the human report', async () => {
    const h = await runCli(['retrofit', '--model', model, '--lexicon', 'wordnet', '--wordnet', WORDNET, '--hierarchy', '--max-distance', '2', '--decay', '0.5', '--output', join(tmp.path, 'tree.txt'), '--json']);
    assert.equal(h.code, 0, h.stderr);
    const hj = JSON.parse(h.stdout) as { lexicon: string; retrofitted: number };
    assert.equal(hj.lexicon, 'wordnet noun hierarchy');
    assert.equal(hj.retrofitted, 7); // every lemma but stone has a parent, child or sibling in the space
    const edges = file('edges.txt', '# a comment\nthe of 2\nof and\n\nman men 0.5\n');
    const out = join(tmp.path, 'edges-out.txt');
    const r = await runCli(['retrofit', '--model', TINY, '--lexicon', edges, '--iterations', '1', '--alpha', '2', '--output', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Retrofitted .*vectors\.txt to .*edges\.txt \(5 words, 6 edges\):\n  5 words moved along 6 edges in the vocabulary; 0 lexicon words not in it\n  → .*edges-out\.txt \(word2vec, 120 × 8\)/);
    const orig = await readVectors(TINY);
    const kv = await readVectors(out);
    const q = (w: string): number[] => unit(orig.get(w)!, 1e-6);
    // "the" (row 0, first visited) has one neighbour, "of", with β = w / Σw = 1: (α q̂ + q_of) / (α + 1)
    near(kv.get('the')!, q('the').map((x, i) => (2 * x + q('of')[i]!) / 3), 1e-5, 'the');
  });

  it('bad input: missing --lexicon, options of another lexicon, beta, a malformed edge list', async () => {
    const out = ['--model', TINY, '--output', join(tmp.path, 'x.txt')];
    const edges = file('e2.txt', 'the of\n');
    const cases: [string[], RegExp][] = [
      [out, /--lexicon \(expected 'wordnet' or a lexicon file, received none\)/],
      [[...out, '--lexicon', edges, '--relations', 'synonym'], /--relations \(expected only with --lexicon wordnet/],
      [[...out, '--lexicon', 'wordnet', '--relations', 'antonym'], /--relations \(expected synonym,hypernym,hyponym, received "antonym"\)/],
      [[...out, '--lexicon', 'wordnet', '--decay', '0.5'], /--decay \(expected only with --hierarchy/],
      [[...out, '--lexicon', edges, '--beta', 'big'], /--beta \(expected 'inverse-degree' or a positive number, received "big"\)/],
      [[...out, '--lexicon', file('e3.txt', 'the of 1\nthe of and 2\n')], /malformed file: edge \(expected "word1 word2 \[weight\]", received 4 fields\) at .*e3\.txt:2/],
    ];
    await expectCliErrors(['retrofit'], cases);
  });
});

describe('embedkit project-out', () => {
  const pair = file('pair.json', [['she', 'he']]);

  it('--pairs: the direction of one pair, removed from the vectors file and saved for --remove-directions', async () => {
    const out = join(tmp.path, 'po.txt');
    const t = join(tmp.path, 'po.json');
    const keep = file('keep.json', ['she', 'he']);
    const r = await runCli(['project-out', '--model', TINY, '--pairs', pair, '--keep', keep, '--output', out, '--save-transform', t, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { components: number; dim: number; missing: string[]; explainedVarianceRatio: number[]; output: string; transform: string };
    assert.deepEqual([j.components, j.dim, j.output, j.transform], [1, 8, out, t]);
    assert.ok(Math.abs(j.explainedVarianceRatio[0]! - 1) < 1e-9); // one pair: one direction explains all
    const orig = await readVectors(TINY);
    // the first principal component of {â − c, b̂ − c} is ±(â − b̂)/‖â − b̂‖
    const d = unit(Array.from(unit(orig.get('she')!), (x, i) => x - unit(orig.get('he')!)[i]!));
    const [transform] = loadTransforms(t) as ProjectOutTransform[];
    assert.equal(transform!.count, 1);
    assert.ok(Math.abs(Math.abs(dot(transform!.basis, d)) - 1) < 1e-6);
    const kv = await readVectors(out);
    for (let i = 0; i < kv.size; i++) {
      const w = kv.keyAt(i);
      const v = kv.vectors.subarray(i * 8, (i + 1) * 8);
      if (w === 'she' || w === 'he') near(v, orig.get(w)!, 1e-6, `${w} kept`);
      else {
        assert.ok(Math.abs(dot(v, d)) < 1e-5, `${w} orthogonal`);
        const o = orig.get(w)!;
        near(v, Array.from(o, (x, k) => x - dot(o, d) * d[k]!), 1e-5, `${w} projected`);
      }
    }
    // the transform file is what --remove-directions reads
    const texts = file('texts.txt', 'the man said\nshe was there\n');
    const e = await runCli(['embed', '--model', TINY, '--input', texts, '--remove-directions', t]);
    assert.equal(e.code, 0, e.stderr);
    for (const line of e.stdout.trim().split('\n')) assert.ok(Math.abs(dot((JSON.parse(line) as { vector: number[] }).vector, d)) < 1e-5);
  });

  it('--sets with --components, --vectors (.npy, float64 1-D) without loading a model, --normalize', async () => {
    const sets = file('sets.json', [['she', 'he', 'it'], ['her', 'him', 'them']]);
    const r = await runCli(['project-out', '--model', TINY, '--sets', sets, '--components', '2', '--normalize', '--output', join(tmp.path, 'sets.vec'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { components: number; normalize: boolean; format: string };
    assert.deepEqual([j.components, j.normalize, j.format], [2, true, 'vec']);
    const kv = await readVectors(join(tmp.path, 'sets.vec'));
    const v = kv.get('state')!;
    assert.ok(Math.abs(dot(v, v) - 1) < 1e-5);
    const npy = join(tmp.path, 'dir.npy');
    const raw = [3, 0, 0, 4, 0, 0, 0, 0];
    writeFileSync(npy, numpyBytes('<f8', `(${raw.length},)`, float64Bytes(raw)));
    const t = join(tmp.path, 'raw.json');
    const v2 = await runCli(['project-out', '--model', join(tmp.path, 'no-such-model.bin'), '--vectors', npy, '--save-transform', t, '--json']);
    assert.equal(v2.code, 0, v2.stderr); // the model is never loaded
    const [transform] = loadTransforms(t) as ProjectOutTransform[];
    near(transform!.basis, [0.6, 0, 0, 0.8, 0, 0, 0, 0], 1e-6, 'basis');
  });

  it('a transformer model: the pair words are embedded as texts, the saved removal applies to its outputs', async () => {
    const bert = join(FIXTURES, 'onnx', 'tiny-bert');
    const t = join(tmp.path, 'bert.json');
    const r = await runCli(['project-out', '--model', bert, '--pairs', file('bert-pairs.json', [['she', 'he'], ['woman', 'man']]), '--save-transform', t, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { components: number; dim: number }).dim, 32);
    const [transform] = loadTransforms(t) as ProjectOutTransform[];
    const e = await runCli(['embed', '--model', bert, '--input', file('bert-texts.txt', 'she is a doctor\nhe is a nurse\n'), '--remove-directions', t]);
    assert.equal(e.code, 0, e.stderr);
    for (const line of e.stdout.trim().split('\n')) assert.ok(Math.abs(dot((JSON.parse(line) as { vector: number[] }).vector, transform!.basis)) < 1e-5);
    const out = await runCli(['project-out', '--model', bert, '--pairs', file('bert-pairs2.json', [['she', 'he']]), '--output', join(tmp.path, 'x.txt')]);
    oneErrorLine(out.stderr);
    assert.match(out.stderr, /--output \(expected a word-vector --model \(its vocabulary is rewritten\); for other models use --save-transform/);
  });

  it('--inlp: rounds of held-out accuracy, a transform file that loads', async () => {
    const classes = file('classes.json', { female: ['she', 'her', 'you', 'we', 'me', 'our', 'my', 'your'], male: ['he', 'him', 'man', 'men', 'they', 'them', 'his', 'their'] });
    const t = join(tmp.path, 'inlp.json');
    const r = await runCli(['project-out', '--model', TINY, '--inlp', '--classes', classes, '--iterations', '2', '--test-fraction', '0.25', '--save-transform', t, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { components: number; classes: string[]; rounds: { iteration: number; testAccuracy: number; removed: number }[]; majorityAccuracy: number; missing: string[] };
    assert.deepEqual(j.classes, ['female', 'male']);
    assert.deepEqual(j.missing, ['his']);
    assert.ok(j.rounds.length >= 1 && j.rounds.length <= 2);
    assert.equal(j.components, j.rounds[j.rounds.length - 1]!.removed);
    assert.equal(loadTransforms(t)[0]!.kind, 'project-out');
    assert.match(r.stderr, /warning: 1 class word\(s\) not in the vocabulary were left out: his/);
  });

  it('bad input: no or several inputs, no output, options of another input, a bad .npy', async () => {
    const t = ['--save-transform', join(tmp.path, 'x.json')];
    const cases: [string[], RegExp][] = [
      [t, /--pairs \(expected exactly one of --pairs, --sets, --vectors \(or --inlp with --classes\), received none\)/],
      [[...t, '--pairs', pair, '--sets', pair], /received --pairs, --sets/],
      [['--pairs', pair], /--output \(expected --output \(projected vectors\) and\/or --save-transform \(a transform file\), received neither\)/],
      [[...t, '--pairs', pair, '--iterations', '3'], /--iterations \(expected only with --inlp, received 3\)/],
      [[...t, '--inlp', '--pairs', pair], /--classes \(expected with --inlp: --classes/],
      [[...t, '--vectors', file('dir.npy.txt', 'not numpy'), '--components', '2'], /--components \(expected only with --pairs or --sets/],
      [[...t, '--vectors', file('bad.npy', 'not numpy')], /malformed file: not a \.npy file .*bad\.npy@byte 0/],
    ];
    await expectCliErrors(['project-out', '--model', TINY], cases);
  });
});
