/**
 * The geometry commands through the real CLI: `depth`, `concepts` (and `concepts fit`), `explain`,
 * `decode-vector`, `anchors`, `plot` — JSON shapes against the scipy / numpy / sklearn golden values of the
 * library (test/fixtures/analysis), human reports, and one-line errors.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { encodeNpy } from '../../src/io/npy.js';
import { readVectors } from '../../src/vectors/formats/index.js';
import { expectCliErrors, FIXTURES, REPO_ROOT, runCli, tempDir } from '../helpers.js';

const TINY = join(FIXTURES, 'static', 'vectors.txt');
const A = join(FIXTURES, 'analysis');
const SKILLS = join(A, 'concepts-skills.json');
const DOCS = join(REPO_ROOT, 'data', 'sample', 'docs.jsonl');
const tmp = tempDir('embedkit-cli-geometry-');
after(() => tmp.cleanup());
const file = (name: string, content: string | Buffer): string => {
  const p = join(tmp.path, name);
  writeFileSync(p, content);
  return p;
};
const json = <T>(stdout: string): T => JSON.parse(stdout) as T;
const lastLine = (s: string): string => s.trim().split('\n').pop()!;

describe('embedkit depth', () => {
  const golden = JSON.parse(readFileSync(join(A, 'depth-golden.json'), 'utf8')) as Record<'cosine' | 'chord', { depthF: number[]; median: number; q: number; qPooled: number; w: number; p: number; rankSum: number; meanDepthF: number; meanDepthG: number }>;
  const F = join(A, 'depth-F.npy');
  const G = join(A, 'depth-G.npy');
  interface Comparison {
    depthF: number;
    depthG: number;
    Q: number;
    W: number;
    p: number;
    qPooled: number;
    rankSum: number;
    sizes: { F: number; G: number };
  }

  it('--vectors F --compare-vectors G: mean depths, Q, W and p equal scipy (cosine and chord)', async () => {
    for (const [distance, extra] of [['cosine', []], ['chord', ['--scalar']]] as const) {
      const r = await runCli(['depth', '--vectors', F, '--compare-vectors', G, '--distance', distance, ...extra, '--json']);
      assert.equal(r.code, 0, r.stderr);
      const j = json<Comparison>(r.stdout);
      const g = golden[distance];
      for (const [a, e, what] of [[j.depthF, g.meanDepthF, 'depthF'], [j.depthG, g.meanDepthG, 'depthG'], [j.Q, g.q, 'Q'], [j.W, g.w, 'W'], [j.qPooled, g.qPooled, 'qPooled'], [j.rankSum, g.rankSum, 'rankSum']] as const) {
        assert.ok(Math.abs(a - e) < 1e-9, `${distance} ${what}: ${a} vs ${e}`);
      }
      assert.ok(Math.abs(j.p - g.p) < 1e-7 * g.p);
      assert.deepEqual(j.sizes, { F: 40, G: 30 });
    }
    const human = await runCli(['depth', '--vectors', F, '--compare-vectors', G]);
    assert.match(human.stdout, /mean depth F +1\.7294\n +mean depth G +1\.4973\n +Q\(F, G\) +0\.0342 .*\n +rank-sum W +6\.6341, p = 1\.6e-11/);
  });

  it('--vectors F: the ranking, most central first, with the corpus median; --top', async () => {
    const j = json<{ median: { index: number; depth: number }; ranked: { index: number; depth: number }[] }>((await runCli(['depth', '--vectors', F, '--json'])).stdout);
    assert.equal(j.median.index, golden.cosine.median);
    assert.deepEqual(j.ranked[0], j.median);
    const expected = [...golden.cosine.depthF].sort((a, b) => b - a);
    j.ranked.forEach((r, i) => assert.ok(Math.abs(r.depth - expected[i]!) < 1e-9 && Math.abs(r.depth - golden.cosine.depthF[r.index]!) < 1e-9));
    const top = await runCli(['depth', '--vectors', F, '--top', '3']);
    assert.match(top.stdout, new RegExp(`^Most central of 40 texts \\(the first is the corpus median\\):\\n +1 +\\d\\.\\d{4} +row ${golden.cosine.median}\\n.*\\n.*\\n +… most outlying: `));
  });

  it('--corpus: depth = 1 + mean cosine to the other texts; blank lines left out, zero vectors skipped and listed by line', async () => {
    const words = ['the', 'of', 'man', 'state', 'world', 'good'];
    const corpus = file('corpus.txt', `${words.slice(0, 3).join('\n')}\n\n${words.slice(3).join('\n')}\nqqqzzz\n`);
    const r = await runCli(['depth', '--corpus', corpus, '--model', TINY, '--zero-vectors', 'skip', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = json<{ median: { line: number }; ranked: { index: number; line: number; text: string; depth: number }[]; skipped: number[] }>(r.stdout);
    assert.deepEqual(j.skipped, [8]);
    assert.equal(j.ranked.length, 6);
    const kv = await readVectors(TINY);
    const cos = (a: string, b: string): number => {
      const [x, y] = [kv.get(a)!, kv.get(b)!];
      let d = 0;
      let nx = 0;
      let ny = 0;
      for (let i = 0; i < x.length; i++) {
        d += x[i]! * y[i]!;
        nx += x[i]! ** 2;
        ny += y[i]! ** 2;
      }
      return d / Math.sqrt(nx * ny);
    };
    for (const x of j.ranked) {
      const others = words.filter((w) => w !== x.text);
      assert.ok(Math.abs(x.depth - (1 + others.reduce((s, w) => s + cos(x.text, w), 0) / others.length)) < 1e-6, x.text);
      assert.equal(x.line, x.text === 'the' ? 1 : x.text === 'of' ? 2 : x.text === 'man' ? 3 : words.indexOf(x.text) + 2);
    }
    for (let i = 1; i < j.ranked.length; i++) assert.ok(j.ranked[i - 1]!.depth >= j.ranked[i]!.depth);
    assert.match(r.stderr, /warning: 1 text\(s\) of F have no known token and were left out/);
    const g = file('g.txt', 'state of the world\nthe man\n');
    const c = await runCli(['depth', '--corpus', corpus, '--compare', g, '--model', TINY, '--zero-vectors', 'skip', '--json']);
    assert.equal(c.code, 0, c.stderr);
    const cj = json<Comparison & { skippedF: number[]; skippedG: number[] }>(c.stdout);
    assert.deepEqual([cj.sizes, cj.skippedF, cj.skippedG], [{ F: 6, G: 2 }, [8], []]);
    assert.ok(cj.Q >= 0 && cj.Q <= 1);
  });

  it('bad input: a zero vector without --zero-vectors skip, mixed inputs, sampling with cosine, an empty corpus', async () => {
    const corpus = file('zero.txt', 'the\nof\nqqqzzz\n');
    const z = await runCli(['depth', '--corpus', corpus, '--model', TINY]);
    assert.equal(z.code, 1);
    assert.match(lastLine(z.stderr), /^embedkit: error: invalid argument: text without a vector .*set --zero-vectors to 'skip'$/);
    const cases: [string[], RegExp][] = [
      [['--corpus', corpus, '--vectors', join(A, 'depth-F.npy')], /--compare-vectors \(expected --corpus \(texts, optionally with --compare\) or --vectors/],
      [['--vectors', join(A, 'depth-F.npy'), '--compare', corpus], /--corpus \(expected --corpus .*received --compare, --vectors\)/],
      [['--vectors', join(A, 'depth-F.npy'), '--sample', '10'], /--sample \(expected no sampling with the cosine distance, received 10\) at --sample; cosine depths are exact in linear time; sampling applies to --distance 'chord'/],
      [['--corpus', file('empty.txt', '\n \n')], /empty input: no texts in --corpus \(expected at least one non-blank text, received 0\) at .*empty\.txt/],
    ];
    await expectCliErrors(['depth', '--model', TINY], cases);
  });
});

describe('embedkit concepts and explain (glove-100d)', () => {
  const golden = JSON.parse(readFileSync(join(A, 'concepts-golden.json'), 'utf8')) as {
    names: string[];
    texts: string[];
    profiles: number[][];
    profilesMax: number[][];
    centred: number[][];
    pairs: [number, number][];
    labels: number[];
    weights: number[];
    bias: number;
    logits: number[];
    explain: { pair: [number, number]; terms: number[] };
  };
  const texts = file('concept-texts.txt', golden.texts.join('\n') + '\n');
  type Profiles = { concepts: string[]; centred: boolean; texts: { text: string; concepts: { concept: string; score: number }[] }[] };
  const check = (j: Profiles, expected: number[][], what: string): void => {
    assert.deepEqual(j.concepts, golden.names);
    j.texts.forEach((t, i) => {
      assert.equal(t.text, golden.texts[i]);
      assert.equal(t.concepts.length, golden.names.length);
      for (const c of t.concepts) assert.ok(Math.abs(c.score - expected[i]![golden.names.indexOf(c.concept)]!) < 1e-5, `${what} ${i} ${c.concept}`);
      for (let k = 1; k < t.concepts.length; k++) assert.ok(t.concepts[k - 1]!.score >= t.concepts[k]!.score);
    });
  };

  it('--input: profiles (centroid, max, centred) equal numpy', async () => {
    const base = ['concepts', '--concepts', SKILLS, '--input', texts, '--json'];
    const plain = json<Profiles>((await runCli(base)).stdout);
    check(plain, golden.profiles, 'centroid');
    assert.equal(plain.centred, false);
    check(json<Profiles>((await runCli([...base, '--aggregate', 'max'])).stdout), golden.profilesMax, 'max');
    const centred = json<Profiles>((await runCli([...base, '--center-on', texts])).stdout);
    check(centred, golden.centred, 'centred');
    assert.equal(centred.centred, true);
  });

  it('--text (repeatable) and --top; the human report', async () => {
    const r = await runCli(['concepts', '--concepts', SKILLS, '--text', golden.texts[0]!, '--text', 'the band played a concert', '--top', '2']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^the chef baked bread in the oven\n +0\.\d{4} +cooking\n +0\.\d{4} +\w+\nthe band played a concert\n +0\.\d{4} +music\n +0\.\d{4} +\w+\n$/);
  });

  it('explain: each concept\'s share of the centred concept-space similarity equals numpy; with SESA weights the logit', async () => {
    const [i, k] = golden.explain.pair;
    const args = ['explain', golden.texts[i]!, golden.texts[k]!, '--concepts', SKILLS, '--center-on', texts, '--json'];
    const j = json<{ score: number; embeddingCosine: number; probability?: number; contributions: { concept: string; contribution: number; a: number; b: number }[] }>((await runCli(args)).stdout);
    const expected = golden.explain.terms.map((t, c) => [golden.names[c]!, t] as const).sort((x, y) => y[1] - x[1]);
    assert.deepEqual(j.contributions.map((c) => c.concept), expected.map(([n]) => n));
    j.contributions.forEach((c, n) => assert.ok(Math.abs(c.contribution - expected[n]![1]) < 1e-5));
    assert.ok(Math.abs(j.score - golden.explain.terms.reduce((s, t) => s + t, 0)) < 1e-5);
    assert.equal(j.probability, undefined);
    const weights = file('golden-weights.json', JSON.stringify({ names: golden.names, weights: golden.weights, bias: golden.bias }));
    const pair = golden.pairs.findIndex(([x, y]) => x === i && y === k);
    const w = json<{ score: number; probability: number }>((await runCli([...args, '--weights', weights])).stdout);
    assert.ok(Math.abs(w.score - golden.logits[pair]!) < 1e-4, `${w.score} vs ${golden.logits[pair]}`);
    assert.ok(Math.abs(w.probability - 1 / (1 + Math.exp(-golden.logits[pair]!))) < 1e-4);
    const human = await runCli(args.slice(0, -1).concat('--top', '2'));
    assert.match(human.stdout, /^Concept-space similarity 0\.\d{4}; embedding cosine 0\.\d{4}\nConcepts shared most .*\n +0\.6883 +cooking .*\n +0\.\d{4} +\w+ /);
  });

  it('concepts fit: SESA weights from labelled pairs, close to sklearn; saved and read by explain', async () => {
    const rows = golden.pairs.map(([x, y], n) => `${golden.texts[x]}\t${golden.texts[y]}\t${golden.labels[n]}`).join('\n');
    const pairs = file('pairs.tsv', rows + '\n');
    const saved = join(tmp.path, 'fitted.json');
    const r = await runCli(['concepts', 'fit', '--concepts', SKILLS, '--center-on', texts, '--train', pairs, '--test', pairs, '--save', saved, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = json<{ trainPairs: number; testPairs: number; weights: { concept: string; weight: number }[]; bias: number; supervised: { ap: number }; unsupervised: { ap: number }; gain: { ap: number }; saved: string }>(r.stdout);
    assert.deepEqual([j.trainPairs, j.testPairs, j.saved], [45, 45, saved]);
    j.weights.forEach((w, c) => {
      assert.equal(w.concept, golden.names[c]);
      assert.ok(Math.abs(w.weight - golden.weights[c]!) < 1e-2 * Math.max(1, Math.abs(golden.weights[c]!)), `${w.concept} ${w.weight} vs ${golden.weights[c]}`);
    });
    assert.ok(Math.abs(j.gain.ap - (j.supervised.ap - j.unsupervised.ap)) < 1e-12);
    const file2 = JSON.parse(readFileSync(saved, 'utf8')) as { names: string[]; weights: number[]; bias: number };
    assert.deepEqual(file2.names, golden.names);
    const e = await runCli(['explain', golden.texts[0]!, golden.texts[1]!, '--concepts', SKILLS, '--center-on', texts, '--weights', saved, '--json']);
    assert.equal(e.code, 0, e.stderr);
    assert.ok(json<{ probability: number }>(e.stdout).probability > 0.5); // two cooking texts match
    const human = await runCli(['concepts', 'fit', '--concepts', SKILLS, '--train', pairs, '--test', pairs]);
    assert.match(human.stdout, /^SESA on 5 concepts: fitted on 45 pairs, scored on 45 held-out pairs \(\d+\.\d% matches\)\n +AP +accuracy +Spearman\n +embedding cosine/);
  });

  it('bad input: no concepts, texts twice, a malformed concepts file, weights of other concepts, bad pair rows', async () => {
    const other = file('other-weights.json', JSON.stringify({ names: ['a', 'b'], weights: [1, 2], bias: 0 }));
    const cases: [string[], RegExp][] = [
      [['concepts', '--text', 'x'], /--concepts \(expected a concepts JSON file, received none\)/],
      [['concepts', '--concepts', SKILLS, '--text', 'x', '--input', texts], /--text \(expected texts with --text \(repeatable\) or a file with --input, received both\)/],
      [['concepts', '--concepts', file('bad-concepts.json', '{"x": ['), '--text', 'x'], /malformed file: not valid JSON .*bad-concepts\.json/],
      [['explain', 'a', 'b', '--concepts', SKILLS, '--weights', other], /concept weights \(expected weights for the concepts cooking, programming, music, sports, finance, received weights for a, b\)/],
      [['concepts', 'fit', '--concepts', SKILLS, '--train', file('p.tsv', 'only one column\n'), '--test', texts], /malformed file: STS row .*p\.tsv:1/],
    ];
    await expectCliErrors([], cases);
  });
});

describe('embedkit decode-vector', () => {
  const golden = JSON.parse(readFileSync(join(A, 'decode-golden.json'), 'utf8')) as { glove: Record<string, { query: unknown; words: string[]; scores: number[] }> };
  type Decoded = { vocabulary: { kind: string; source: string; size: number }; results: { input: string | number; words: { key: string; score: number }[] }[] };

  it('--text: the nearest words of a sentence embedding equal numpy; --exclude-input drops its words', async () => {
    const g = golden.glove['sentence']!;
    const j = json<Decoded>((await runCli(['decode-vector', '--text', g.query as string, '--json'])).stdout);
    assert.deepEqual(j.vocabulary, { kind: 'words', source: 'glove-100d', size: 341_479 });
    assert.deepEqual(j.results[0]!.words.map((w) => w.key), g.words);
    j.results[0]!.words.forEach((w, i) => assert.ok(Math.abs(w.score - g.scores[i]!) < 1e-5));
    const ex = json<Decoded>((await runCli(['decode-vector', '--text', g.query as string, '--text', 'stock markets', '-k', '3', '--exclude-input', '--json'])).stdout);
    assert.equal(ex.results.length, 2);
    assert.deepEqual(ex.results[0]!.words.map((w) => w.key), g.words.filter((w) => !['the', 'cat', 'sat', 'on', 'mat'].includes(w)).slice(0, 3));
    assert.ok(!ex.results[1]!.words.some((w) => w.key === 'stock' || w.key === 'markets'));
  });

  it('--vectors and --vector on word vectors: a word decodes to itself first; the human report', async () => {
    const kv = await readVectors(TINY);
    const npy = file('rows.npy', encodeNpy({ data: kv.vectors.slice(8 * 10, 8 * 12), rows: 2, dim: 8 }));
    const j = json<Decoded>((await runCli(['decode-vector', '--model', TINY, '--vectors', npy, '-k', '2', '--json'])).stdout);
    assert.deepEqual(j.results.map((r) => [r.input, r.words[0]!.key]), [[0, kv.keyAt(10)], [1, kv.keyAt(11)]]);
    assert.ok(Math.abs(j.results[0]!.words[0]!.score - 1) < 1e-6);
    const one = await runCli(['decode-vector', '--model', TINY, '--vector', JSON.stringify(Array.from(kv.get('man')!)), '-k', '1']);
    assert.match(one.stdout, /^vector → man 1\.000$/m);
  });

  it('an ONNX encoder decodes against its input token embeddings; --tokens names another folder', async () => {
    const bert = join(FIXTURES, 'onnx', 'tiny-bert');
    const j = json<Decoded>((await runCli(['decode-vector', '--model', bert, '--text', 'a cat on a mat', '-k', '3', '--json'])).stdout);
    assert.deepEqual([j.vocabulary.kind, j.vocabulary.size, j.results[0]!.words.length], ['tokens', 1000, 3]);
    const t = json<Decoded>((await runCli(['decode-vector', '--tokens', bert, '--vector', Array(32).fill('0.1').join(','), '--model', join(tmp.path, 'never-loaded.bin'), '--json'])).stdout);
    assert.equal(t.vocabulary.source, bert);
  });

  it('bad input: no vector, several, a wrong dimension, --exclude-input without texts', async () => {
    const cases: [string[], RegExp][] = [
      [[], /--vector \(expected one of --vector, --vectors, --text, received none\)/],
      [['--vector', '[1, 2, 3]'], /dimension mismatch: --vector \(expected 8 numbers, received 3\)/],
      [['--vector', Array(8).fill(0).join(' '), '--exclude-input'], /--exclude-input \(expected only with --text, received true\)/],
      [['--vector', Array(8).fill(0).join(' ')], /vector to decode \(expected a non-zero, finite vector, received all zeros\)/],
    ];
    await expectCliErrors(['decode-vector', '--model', TINY], cases);
  });
});

describe('embedkit anchors and plot', () => {
  const db = join(tmp.path, 'db');
  before(async () => {
    assert.equal((await runCli(['collection', 'create', 'docs', '--model', TINY, '--db', db])).code, 0);
    const add = await runCli(['add', 'docs', '--input', DOCS, '--metadata-fields', 'topic,year', '--db', db]);
    assert.equal(add.code, 0, add.stderr);
  });
  type AnchorsJson = { source: string; rows: number; vocabulary: { kind: string }; anchors: { size: number; cohesion: number; words: { key: string; score: number }[]; members: { index: number; id?: string; text?: string; score: number }[] }[] };

  it('anchors of a .npy matrix with labels: k clusters covering every row, described by words, members best first', async () => {
    const kv = await readVectors(TINY);
    const words = ['he', 'she', 'him', 'her', 'man', 'men', 'years', 'time', 'first', 'two', 'one', 'many'];
    const npy = file('anchors.npy', encodeNpy({ data: Float32Array.from(words.flatMap((w) => Array.from(kv.get(w)!))), rows: words.length, dim: 8 }));
    const labels = file('anchors.txt', words.join('\n') + '\n');
    const r = await runCli(['anchors', '--model', TINY, '--vectors', npy, '--labels', labels, '-k', '2', '--top-words', '3', '--top-members', '4', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = json<AnchorsJson>(r.stdout);
    assert.equal(j.rows, words.length);
    assert.equal(j.anchors.length, 2);
    assert.equal(j.anchors.reduce((s, a) => s + a.size, 0), words.length);
    for (const a of j.anchors) {
      assert.equal(a.words.length, 3);
      assert.ok(a.members.length <= 4 && a.members.length >= 1);
      for (const m of a.members) assert.equal(m.text, words[m.index]);
      for (let i = 1; i < a.members.length; i++) assert.ok(a.members[i - 1]!.score >= a.members[i]!.score);
    }
    assert.ok(j.anchors[0]!.size >= j.anchors[1]!.size);
  });

  it('anchors of a collection: its own model describes them, members carry ids', async () => {
    const r = await runCli(['anchors', '--collection', 'docs', '--db', db, '-k', '3', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = json<AnchorsJson>(r.stdout);
    assert.equal(j.source, 'collection docs');
    assert.equal(j.anchors.reduce((s, a) => s + a.size, 0), 41);
    assert.match(j.anchors[0]!.members[0]!.id!, /^[a-z]+-\d$/);
    const human = await runCli(['anchors', '--model', TINY, '--input', DOCS, '-k', '2', '--top-members', '1']);
    assert.match(human.stdout, /^2 anchors of 41 vectors \(.*docs\.jsonl\), described by words of .*vectors\.txt:\n +1\. \w+/);
  });

  it('plot --words: PCA coordinates equal scikit-learn; SVG plot and points file written', async () => {
    const golden = JSON.parse(readFileSync(join(A, 'projection-golden.json'), 'utf8')) as { words: string[]; pca: { coords: number[][]; explainedVarianceRatio: number[] } };
    const svg = join(tmp.path, 'words.svg');
    const points = join(tmp.path, 'words.json');
    const r = await runCli(['plot', '--words', golden.words.join(','), '--output', svg, '--points', points, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = json<{ method: string; points: { x: number; y: number; label: string }[]; explainedVarianceRatio: number[]; output: string; format: string }>(r.stdout);
    assert.deepEqual([j.method, j.output, j.format], ['pca', svg, 'svg']);
    for (const c of [0, 1] as const) {
      const key = c === 0 ? 'x' : 'y';
      const sign = Math.sign(j.points[0]![key]) === Math.sign(golden.pca.coords[0]![c]!) ? 1 : -1;
      j.points.forEach((p, i) => assert.ok(Math.abs(sign * p[key] - golden.pca.coords[i]![c]!) < 1e-5, `${p.label} PC${c + 1}`));
      assert.ok(Math.abs(j.explainedVarianceRatio[c]! - golden.pca.explainedVarianceRatio[c]!) < 1e-6);
    }
    assert.deepEqual(j.points.map((p) => p.label), golden.words);
    assert.match(readFileSync(svg, 'utf8'), /^<svg/);
    assert.deepEqual((JSON.parse(readFileSync(points, 'utf8')) as { points: unknown[] }).points, j.points);
  });

  it('plot of a .npy with labels and metadata coloured by a field (PNG); of a collection with --limit', async () => {
    const kv = await readVectors(TINY);
    const npy = file('plot.npy', encodeNpy({ data: kv.vectors.slice(0, 8 * 12), rows: 12, dim: 8 }));
    const meta = file('plot.jsonl', Array.from({ length: 12 }, (_, i) => JSON.stringify({ group: i % 2 === 0 ? 'even' : 'odd', n: i })).join('\n') + '\n');
    const labels = file('plot-labels.txt', Array.from({ length: 12 }, (_, i) => kv.keyAt(i)).join('\n'));
    const png = join(tmp.path, 'plot.png');
    const r = await runCli(['plot', '--vectors', npy, '--labels', labels, '--metadata', meta, '--color', 'group', '--method', 'umap', '--epochs', '50', '--output', png, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = json<{ method: string; params: { nNeighbors: number; epochs: number }; points: { label: string; group: string; n: number }[] }>(r.stdout);
    assert.deepEqual([j.method, j.params.epochs, j.params.nNeighbors], ['umap', 50, 11]);
    assert.deepEqual(j.points.map((p) => [p.label, p.group, p.n]), Array.from({ length: 12 }, (_, i) => [kv.keyAt(i), i % 2 === 0 ? 'even' : 'odd', i]));
    assert.deepEqual([...readFileSync(png).subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const c = await runCli(['plot', '--collection', 'docs', '--db', db, '--limit', '10', '--color', 'topic', '--json']);
    assert.equal(c.code, 0, c.stderr);
    const cj = json<{ points: { id: string; topic: string; label: string }[] }>(c.stdout);
    assert.equal(cj.points.length, 10);
    assert.deepEqual(cj.points.map((p) => p.id), [...cj.points.map((p) => p.id)].sort());
    assert.ok(cj.points.every((p) => typeof p.topic === 'string' && p.label.length <= 30));
    assert.match(c.stderr, /warning: collection docs: using the first 10 of 41 records \(in id order\); raise --limit for more/);
    const human = await runCli(['plot', '--collection', 'docs', '--db', db, '--output', join(tmp.path, 'docs.json')]);
    assert.match(human.stdout, /^PCA of 41 vectors \(collection docs\) to 2 dims, explained variance \d+\.\d%, \d+\.\d%\n +parameters +normalize true\n +plot +.*docs\.json \(vega-lite\)\n$/);
  });

  it('bad input: nothing to write, a bad file name, an unknown colour field, mixed sources, too many anchors', async () => {
    const kv = await readVectors(TINY);
    const npy = file('bad-plot.npy', encodeNpy({ data: kv.vectors.slice(0, 8 * 5), rows: 5, dim: 8 }));
    const cases: [string[], RegExp][] = [
      [['plot', '--model', TINY, '--words', 'the,of'], /--output \(expected --output \(a plot\), --points \(the projection JSON\) or --json, received none of them\)/],
      [['plot', '--model', TINY, '--words', 'the,of', '--output', 'p.gif'], /invalid option value: plot file \(expected a name ending in \.svg, \.png or \.json .*received p\.gif\) at --output/],
      [['plot', '--model', TINY, '--words', 'the,of,and', '--color', 'topic', '--json'], /--color \(expected a metadata field present on the points, received "topic"\)/],
      [['plot', '--model', TINY, '--words', 'the,of', '--vectors', npy, '--json'], /--words \(expected only when plotting word vectors/],
      [['plot', '--model', TINY, '--vectors', npy, '--collection', 'docs', '--json'], /--input \(expected one of --input, --vectors, --collection, received several\)/],
      [['plot', '--model', TINY, '--vectors', npy, '--labels', file('few.txt', 'a\nb\n'), '--json'], /malformed file: label lines \(expected 5 lines \(one per row of the vectors\), received 2\) at .*few\.txt/],
      [['anchors', '--model', TINY, '--vectors', npy, '-k', '9'], /anchor input \(expected at least k = 9 vectors, received 5\) at --k/],
    ];
    await expectCliErrors([], cases);
  });
});
