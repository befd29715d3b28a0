/**
 * The alignment, semantic-change and isotropy commands through the real CLI: `align` (a known rotation of
 * a glove-100d slice recovered end to end, the map saved and re-applied), `shift` (planted moves),
 * `isotropy` (the ±e_i cloud, whose scores are known by hand), `transform fit|apply|info` (centring, ABTT, whitening: values and round trips),
 * `train corpus --sotu-years`; JSON shapes, human output, and one-line errors for bad input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, runCli, tempDir, TEST_CACHE_DIR } from '../helpers.js';
import { encodeNpy, readNpy } from '../../src/io/npy.js';
import type { Matrix } from '../../src/math/matrix.js';
import { gaussianRandom as gaussian, randomOrthogonal as randomRotation, seededRandom } from '../../src/learn/random.js';
import { readVectors, writeVectors } from '../../src/vectors/formats/index.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { loadVectors } from '../../src/vectors/load.js';

process.env['EMBEDKIT_CACHE_DIR'] = TEST_CACHE_DIR;

const tiny = join(FIXTURES, 'static', 'vectors.txt'); // 120 common English words × 8
const tinyBert = join(FIXTURES, 'onnx', 'tiny-bert'); // a random-weight BERT folder, 32 dims

function writeNpy(path: string, rows: readonly (readonly number[])[]): void {
  const dim = rows[0]!.length;
  writeFileSync(path, encodeNpy({ data: Float32Array.from(rows.flat()), rows: rows.length, dim }));
}

/** The CLI fails with exit 1 and one error line (no stack trace) matching `pattern`. */
async function fails(args: readonly string[], pattern: RegExp): Promise<void> {
  const r = await runCli(args);
  assert.equal(r.code, 1, `${args.join(' ')}: ${r.stdout}`);
  assert.match(r.stderr, /^embedkit: error: [^\n]*\n$/, `one error line expected:\n${r.stderr}`);
  assert.match(r.stderr, pattern);
}

function columnMean(m: Matrix, j: number): number {
  let s = 0;
  for (let r = 0; r < m.rows; r++) s += m.data[r * m.dim + j]!;
  return s / m.rows;
}

interface AlignJson {
  'p@1': number | null;
  'p@5': number | null;
  'p@10': number | null;
  'cslsP@1': number | null;
  'cslsP@5': number | null;
  'cslsP@10': number | null;
  queries: number | null;
  pairs: number | null;
  missing: number | null;
  seedPairs: number;
  selectedRound: number;
  rounds: { round: number; dictionarySize: number; meanCosine: number | null }[];
  output: string | null;
  transform: string | null;
}

test('align recovers a random rotation of a glove-100d slice end to end: P@1 = 1 on held-out words, the saved map reproduces the output', async () => {
  const tmp = tempDir();
  try {
    const n = 2000;
    const target = await loadVectors('glove-100d', { limit: n });
    const d = target.dim;
    const g = gaussian(seededRandom(7));
    const q = randomRotation(d, g);
    const data = new Float32Array(n * d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let c = 0; c < d; c++) s += target.vectors[i * d + c]! * q[c * d + j]!;
        data[i * d + j] = s + 0.05 * g();
      }
    }
    const keys = Array.from({ length: n }, (_, i) => `x:${target.keyAt(i)}`);
    const source = join(tmp.path, 'source.ekv');
    await writeVectors(new KeyedVectors(keys, data, d), source);
    const slice = join(tmp.path, 'glove-slice.ekv'); // the target: the same 2,000 words of glove-100d (loads fast)
    await writeVectors(target, slice);
    const pairs = (from: number, to: number): string => Array.from({ length: to - from }, (_, i) => `x:${target.keyAt(from + i)} ${target.keyAt(from + i)}`).join('\n') + '\n';
    const seed = join(tmp.path, 'seed.txt');
    const held = join(tmp.path, 'test.txt');
    writeFileSync(seed, pairs(0, 1000));
    writeFileSync(held, pairs(1000, 1500) + 'x:unknownword nothing\n');
    const out = join(tmp.path, 'aligned.bin');
    const map = join(tmp.path, 'map.json');
    const r = await runCli(['align', '--source', source, '--target', slice, '--dict', seed, '--test', held, '--max-vocab', String(n), '--refinements', '1', '--output', out, '--save-transform', map, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as AlignJson;
    for (const key of ['p@1', 'p@5', 'p@10', 'cslsP@1', 'cslsP@5', 'cslsP@10']) assert.ok(key in j, key);
    assert.equal(j['p@1'], 1);
    assert.equal(j['cslsP@1'], 1);
    assert.equal(j.queries, 500);
    assert.equal(j.pairs, 500);
    assert.equal(j.missing, 1);
    assert.equal(j.seedPairs, 1000);
    assert.equal(j.rounds.length, 2);
    assert.equal(j.rounds[0]!.dictionarySize, 1000);
    assert.ok(j.rounds.every((x) => x.meanCosine !== null && x.meanCosine > 0.95), JSON.stringify(j.rounds));
    assert.equal(j.output, out);
    // the written space: every source word in the target space, next to its original
    const aligned = await readVectors(out);
    assert.equal(aligned.size, n);
    assert.equal(target.nearestToVector(aligned.get('x:king')!, 1).keys[0], 'king');
    // the saved map applied to the source space gives the same vectors
    const again = join(tmp.path, 'again.ekv');
    const a = await runCli(['transform', 'apply', '--transforms', map, '--model', source, '--output', again, '--json']);
    assert.equal(a.code, 0, a.stderr);
    assert.equal((JSON.parse(a.stdout) as { transforms: { kind: string }[] }).transforms[0]!.kind, 'linear-map');
    const replay = await readVectors(again);
    let worst = 0;
    for (let i = 0; i < aligned.vectors.length; i++) worst = Math.max(worst, Math.abs(aligned.vectors[i]! - replay.vectors[i]!));
    assert.ok(worst < 1e-5, `max difference ${worst}`);
    // human output: rounds, the precision table, the files
    const h = await runCli(['align', '--source', source, '--target', slice, '--dict', seed, '--test', held, '--max-vocab', String(n), '--refinements', '0']);
    assert.equal(h.code, 0, h.stderr);
    assert.match(h.stdout, /seed: 1,000 pairs from /);
    assert.match(h.stdout, /round\s+pairs\s+mean cosine/);
    assert.match(h.stdout, /NN\s+100\.0\s+100\.0\s+100\.0/);
    assert.match(h.stdout, /CSLS\s+100\.0/);
    assert.match(h.stdout, /500 source words, 500 pairs \(1 left out/);
  } finally {
    tmp.cleanup();
  }
});

test('align: identical-strings seed and least squares across dimensions; bad input is one error line naming the flag or file:line', async () => {
  const tmp = tempDir();
  try {
    // 8-d words onto 100-d glove words: orthogonal needs one dimension, least squares maps across
    const glove = join(tmp.path, 'glove-5000.ekv');
    await writeVectors(await loadVectors('glove-100d', { limit: 5000 }), glove);
    await fails(['align', '--source', tiny, '--target', glove, '--refinements', '0'], /dimension mismatch: orthogonal alignment \(expected spaces of the same dimension, received 8 and 100\) at --method; set --method to 'least-squares'/);
    const ls = await runCli(['align', '--source', tiny, '--target', glove, '--method', 'least-squares', '--refinements', '0', '--json']);
    assert.equal(ls.code, 0, ls.stderr);
    const j = JSON.parse(ls.stdout) as AlignJson & { method: string; dim: { source: number; target: number } };
    assert.equal(j.method, 'least-squares');
    assert.deepEqual(j.dim, { source: 8, target: 100 });
    assert.equal(j.seedPairs, 119, "identical strings: every fixture word but 'a' is a glove-100d word");
    assert.equal(j['p@1'], null, 'no test dictionary: no scores');
    assert.equal(j.queries, null);

    const args = ['align', '--source', tiny, '--target', tiny, '--refinements', '0'];
    await fails([...args, '--dict', join(tmp.path, 'none.txt')], /file not found: dictionary .*at .*none\.txt/);
    const bad = join(tmp.path, 'bad.txt');
    writeFileSync(bad, 'the the\nof of of\n');
    await fails([...args, '--dict', bad], /malformed file: dictionary line \(expected 2 whitespace-separated words \(source target\), received 3 field\(s\).*at .*bad\.txt:2/);
    const foreign = join(tmp.path, 'foreign.txt');
    writeFileSync(foreign, 'zzz qqq\n');
    await fails([...args, '--test', foreign], /empty input: test dictionary \(expected pairs with both words among the searched words, received 0 of 1 pairs\)/);
    await fails([...args, '--refinements', '-1'], /invalid option value: --refinements \(expected an integer in 0–1000, received "-1"\)/);
    await fails([...args, '--preprocess', 'unit,renorm'], /invalid option value: --preprocess \(expected steps from center, unit, received "renorm"\)/);
    await fails([...args, '--ridge', '0.1'], /--ridge \(expected only with --method 'least-squares'/);
    await fails([...args, '--output', join(tmp.path, 'x.bin'), '--to', 'npy'], /--to \(expected word2vec\|/);
    assert.equal(existsSync(join(tmp.path, 'x.bin')), false, 'a failed run writes nothing');
  } finally {
    tmp.cleanup();
  }
});

test('shift ranks planted moves first, with neighbours from each space; --output lists every word; bad input fails on one line', async () => {
  const tmp = tempDir();
  try {
    const n = 300;
    const d = 12;
    const g = gaussian(seededRandom(11));
    const keys = Array.from({ length: n }, (_, i) => `w${i}`);
    const a = Float32Array.from({ length: n * d }, g);
    // b: an orthogonal image of a (axes permuted, signs flipped) with noise; w7 and w99 take the places of w200 and w250
    const b = new Float32Array(n * d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) b[i * d + j] = (j % 2 === 0 ? -1 : 1) * a[i * d + ((j + 5) % d)]! + 0.05 * g();
    for (const [moved, like] of [[7, 200], [99, 250]] as const) for (let j = 0; j < d; j++) b[moved * d + j] = b[like * d + j]! + 0.05 * g();
    const pa = join(tmp.path, 'a.txt');
    const pb = join(tmp.path, 'b.txt');
    await writeVectors(new KeyedVectors(keys, a, d), pa, 'word2vec');
    await writeVectors(new KeyedVectors(keys, b, d), pb, 'word2vec');
    const tsv = join(tmp.path, 'all.tsv');
    const r = await runCli(['shift', '--a', pa, '--b', pb, '--top', '2', '--k', '10', '--neighbours', '3', '--output', tsv, '--json']);
    assert.equal(r.code, 0, r.stderr);
    type Shift = { word: string; global: number; local: number; overlap: number; neighboursA: string[]; neighboursB: string[] };
    const j = JSON.parse(r.stdout) as { sharedWords: number; k: number; alignedMeanCosine: number; byGlobal: Shift[]; byLocal: Shift[] };
    assert.equal(j.sharedWords, n);
    assert.equal(j.k, 10);
    assert.ok(j.alignedMeanCosine > 0.95, String(j.alignedMeanCosine));
    assert.deepEqual(j.byGlobal.map((w) => w.word).sort(), ['w7', 'w99']);
    assert.deepEqual(j.byLocal.map((w) => w.word).sort(), ['w7', 'w99']);
    const w7 = j.byGlobal.find((w) => w.word === 'w7')!;
    assert.equal(w7.neighboursB[0], 'w200');
    assert.equal(w7.neighboursA.length, 3);
    assert.ok(w7.global > 0.5 && w7.overlap < 0.2, JSON.stringify(w7));
    const lines = readFileSync(tsv, 'utf8').trimEnd().split('\n');
    assert.equal(lines[0], 'word\tglobal\tlocal\toverlap');
    assert.equal(lines.length, n + 1);
    const row7 = lines.find((l) => l.startsWith('w7\t'))!.split('\t').map(Number);
    assert.ok(Math.abs(row7[1]! - w7.global) < 1e-6);

    const h = await runCli(['shift', '--a', pa, '--b', pb, '--top', '2', '--k', '10']);
    assert.equal(h.code, 0, h.stderr);
    assert.match(h.stdout, /^300 shared words; mean cosine after alignment 0\.9\d\d; k = 10/);
    assert.match(h.stdout, /Moved most by the global measure[^\n]*\n\s+word\s+global\s+local\s+overlap\s+neighbours in a\.txt\s+neighbours in b\.txt\n\s+w(7|99)\s/);

    await fails(['shift', '--a', pa, '--b', tiny], /dimension mismatch: semantic shift \(expected two spaces of the same dimension, received 12 and 8\) at --b/);
    await fails(['shift', '--a', pa, '--b', pb, '--k', String(n)], /invalid option value: --k \(expected fewer than the 300 shared words/);
    await fails(['shift', '--a', pa, '--b', pb, '--top', '0'], /--top \(expected an integer in 1–1000000, received "0"\)/);
  } finally {
    tmp.cleanup();
  }
});

test('isotropy of the ±e_i cloud is known by hand: IsoScore 1, I(W) 1, mean cosine −1/(2n − 1); sampled mean cosine; a model vocabulary', async () => {
  const tmp = tempDir();
  try {
    const dim = 4;
    const rows: number[][] = [];
    for (let i = 0; i < dim; i++) for (const s of [1, -1]) rows.push(Array.from({ length: dim }, (_, j) => (j === i ? s : 0)));
    const npy = join(tmp.path, 'axes.npy');
    writeNpy(npy, rows);
    const r = await runCli(['isotropy', '--vectors', npy, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as Record<string, number | string | null>;
    for (const key of ['isoScore', 'partitionRatio', 'meanCosine', 'points', 'dim', 'partitionLogRatio', 'isotropyDefect', 'meanCosineMethod', 'meanCosinePairs']) assert.ok(key in j, key);
    assert.ok(Math.abs((j['isoScore'] as number) - 1) < 1e-9);
    assert.ok(Math.abs((j['partitionRatio'] as number) - 1) < 1e-9);
    assert.ok(Math.abs((j['meanCosine'] as number) + 1 / (2 * dim - 1)) < 1e-9);
    assert.equal(j['points'], 8);
    assert.equal(j['dim'], 4);
    assert.equal(j['meanCosineMethod'], 'exact');
    assert.equal(j['meanCosinePairs'], 56);
    assert.equal(j['input'], 'vectors');

    const s = await runCli(['isotropy', '--vectors', npy, '--mean-cosine', 'sampled', '--samples', '4000', '--seed', '3', '--json']);
    assert.equal(s.code, 0, s.stderr);
    const sj = JSON.parse(s.stdout) as Record<string, number | string>;
    assert.equal(sj['meanCosineMethod'], 'sampled');
    assert.equal(sj['meanCosinePairs'], 4000);
    assert.equal(sj['meanCosineSeed'], 3);
    const se = sj['meanCosineStandardError'] as number;
    assert.ok(se > 0 && Math.abs((sj['meanCosine'] as number) + 1 / 7) < 4 * se, JSON.stringify(sj));

    const h = await runCli(['isotropy', '--vectors', npy]);
    assert.equal(h.code, 0, h.stderr);
    assert.match(h.stdout, /^Isotropy of .*axes\.npy \(8 × 4\):\n\s+IsoScore\s+1\.0000 .*\n\s+I\(W\)\s+1\.0000 .*\n\s+mean cosine\s+-0\.1429\s+\(exact, all 56 ordered pairs/);

    // a word-vector vocabulary, the most frequent rows; centring leaves IsoScore unchanged and moves I(W)
    const v = await runCli(['isotropy', '--model', tiny, '--limit', '50', '--json']);
    assert.equal(v.code, 0, v.stderr);
    const vj = JSON.parse(v.stdout) as { points: number; dim: number; isoScore: number; partitionRatio: number; input: string };
    assert.deepEqual([vj.points, vj.dim, vj.input], [50, 8, 'vocabulary']);
    const center = join(tmp.path, 'center.json');
    assert.equal((await runCli(['transform', 'fit', '--kind', 'center', '--model', tiny, '--limit', '50', '--output', center])).code, 0);
    const c = await runCli(['isotropy', '--model', tiny, '--limit', '50', '--transforms', center, '--json']);
    assert.equal(c.code, 0, c.stderr);
    const cj = JSON.parse(c.stdout) as { isoScore: number; partitionRatio: number; transforms: string };
    assert.equal(cj.transforms, center);
    assert.ok(Math.abs(cj.isoScore - vj.isoScore) < 1e-6, `${cj.isoScore} vs ${vj.isoScore}`);
    assert.ok(Math.abs(cj.partitionRatio - vj.partitionRatio) > 1e-3, 'centring changes I(W)');
  } finally {
    tmp.cleanup();
  }
});

test('isotropy of a transformer\'s outputs for texts; bad input is one error line naming the flag', async () => {
  const tmp = tempDir();
  try {
    const npy = join(tmp.path, 'few.npy');
    writeNpy(npy, [[1, 0, 0], [0, 1, 0]]);
    await fails(['isotropy', '--vectors', join(tmp.path, 'none.npy')], /file not found: \.npy file at .*none\.npy/);
    await fails(['isotropy', '--vectors', npy], /invalid argument: IsoScore \(expected at least as many points as dimensions \(3\)/);
    await fails(['isotropy', '--vectors', npy, '--model', tiny], /--vectors \(expected not together with --model/);
    await fails(['isotropy', '--model', tiny, '--pooling', 'sif'], /--pooling \(expected only with --input texts/);
    await fails(['isotropy', '--model', tiny, '--samples', '100'], /--samples \(expected only with --mean-cosine 'sampled'/);
    await fails(['isotropy', '--model', tiny, '--mean-cosine', 'sampled', '--samples', '1'], /--samples \(expected an integer in 2–/);
    await fails(['isotropy', '--model', tinyBert], /--model \(expected word vectors \(a vocabulary\), or --input texts for this model, received .*tiny-bert \(a model folder has no word vocabulary\)\)/);
    // a transformer's outputs for texts (the ONNX fixture)
    const t = await runCli(['isotropy', '--model', tinyBert, '--input', join(FIXTURES, 'static', 'sentences.txt'), '--json']);
    assert.equal(t.code, 0, t.stderr);
    const tj = JSON.parse(t.stdout) as { points: number; dim: number; input: string; isoScore: number };
    assert.deepEqual([tj.points, tj.dim, tj.input], [49, 32, 'texts']);
    assert.ok(tj.isoScore > 0 && tj.isoScore < 1);
  } finally {
    tmp.cleanup();
  }
});

test('transform fit|apply|info: centring and whitening by value, ABTT on a vocabulary, the file used by embed --transforms', async () => {
  const tmp = tempDir();
  try {
    const g = gaussian(seededRandom(5));
    const rows = Array.from({ length: 60 }, (_, i) => Array.from({ length: 6 }, (_, j) => g() * (j + 1) + (i % 3) + 2 * j));
    const npy = join(tmp.path, 'x.npy');
    writeNpy(npy, rows);
    const x = readNpy(npy);

    // center: the output is x − mean
    const center = join(tmp.path, 'center.json');
    const f = await runCli(['transform', 'fit', '--kind', 'center', '--vectors', npy, '--output', center, '--json']);
    assert.equal(f.code, 0, f.stderr);
    const fj = JSON.parse(f.stdout) as { transform: { kind: string; inputDim: number; outputDim: number }; chain: number; fittedOn: { input: string; rows: number } };
    assert.deepEqual([fj.transform.kind, fj.transform.inputDim, fj.transform.outputDim, fj.chain], ['center', 6, 6, 1]);
    assert.deepEqual([fj.fittedOn.input, fj.fittedOn.rows], ['vectors', 60]);
    const centred = join(tmp.path, 'centred.npy');
    assert.equal((await runCli(['transform', 'apply', '--transforms', center, '--vectors', npy, '--output', centred])).code, 0);
    const y = readNpy(centred);
    for (let j = 0; j < 6; j++) {
      const mean = columnMean(x, j);
      assert.ok(Math.abs(y.data[j]! - (x.data[j]! - mean)) < 1e-5);
      assert.ok(Math.abs(columnMean(y, j)) < 1e-5);
    }

    // whiten to 4 dims: identity covariance of the fitting set
    const whiten = join(tmp.path, 'whiten.json');
    assert.equal((await runCli(['transform', 'fit', '--kind', 'whiten', '--dims', '4', '--vectors', npy, '--output', whiten])).code, 0);
    const white = join(tmp.path, 'white.npy');
    assert.equal((await runCli(['transform', 'apply', '--transforms', whiten, '--vectors', npy, '--output', white])).code, 0);
    const w = readNpy(white);
    assert.equal(w.dim, 4);
    for (let a = 0; a < 4; a++) {
      for (let b = 0; b < 4; b++) {
        let s = 0;
        for (let r = 0; r < w.rows; r++) s += w.data[r * 4 + a]! * w.data[r * 4 + b]!;
        assert.ok(Math.abs(s / (w.rows - 1) - (a === b ? 1 : 0)) < 1e-3, `cov[${a}][${b}] = ${s / (w.rows - 1)}`);
      }
    }
    const info = await runCli(['transform', 'info', whiten, '--json']);
    assert.equal(info.code, 0, info.stderr);
    const ij = JSON.parse(info.stdout) as { inputDim: number; outputDim: number; transforms: { kind: string; id: string; params: Record<string, unknown> }[] };
    assert.deepEqual([ij.inputDim, ij.outputDim, ij.transforms.length, ij.transforms[0]!.kind], [6, 4, 1, 'whiten']);
    assert.match(ij.transforms[0]!.id, /^whiten@[0-9a-f]{8}$/);
    const ih = await runCli(['transform', 'info', whiten]);
    assert.match(ih.stdout, /1 transform, 6 → 4 dims\n\s+1\. whiten@[0-9a-f]{8}\s+6 → 4 dims/);

    // ABTT on a vocabulary (centred variant: output mean 0), then a whitening fitted after it: a chain of 2
    const abtt = join(tmp.path, 'abtt.json');
    const fb = await runCli(['transform', 'fit', '--kind', 'abtt', '--components', '2', '--abtt-variant', 'centered', '--model', tiny, '--output', abtt]);
    assert.equal(fb.code, 0, fb.stderr);
    assert.match(fb.stdout, /^Fitted abtt@[0-9a-f]{8}\s+8 → 8 dims\s+\(components 2, variant centered\) on the vocabulary of .*vectors\.txt \(120 × 8\) → /);
    const post = join(tmp.path, 'post.vec');
    const ap = await runCli(['transform', 'apply', '--transforms', abtt, '--model', tiny, '--output', post, '--json']);
    assert.equal(ap.code, 0, ap.stderr);
    const pj = JSON.parse(ap.stdout) as { format: string; rows: number; dim: number };
    assert.deepEqual([pj.format, pj.rows, pj.dim], ['vec', 120, 8]);
    const pkv = await readVectors(post);
    const pm: Matrix = { data: pkv.vectors, rows: pkv.size, dim: pkv.dim };
    for (let j = 0; j < 8; j++) assert.ok(Math.abs(columnMean(pm, j)) < 1e-4);
    const chain = join(tmp.path, 'chain.json');
    const fc = await runCli(['transform', 'fit', '--kind', 'whiten', '--dims', '3', '--unit-length', '--model', tiny, '--transforms', abtt, '--output', chain, '--json']);
    assert.equal(fc.code, 0, fc.stderr);
    assert.equal((JSON.parse(fc.stdout) as { chain: number }).chain, 2);

    // the file works wherever an embedder does: embed --transforms (abtt → whiten to 3 unit-length dims)
    const texts = join(tmp.path, 'texts.txt');
    writeFileSync(texts, 'the man said\nof the state\nit was there\n');
    const emb = join(tmp.path, 'emb.npy');
    const e = await runCli(['embed', '--model', tiny, '--input', texts, '--transforms', chain, '--output', emb]);
    assert.equal(e.code, 0, e.stderr);
    const em = readNpy(emb);
    assert.equal(em.dim, 3);
    for (let r = 0; r < em.rows; r++) assert.ok(Math.abs(Math.hypot(...em.data.subarray(r * 3, r * 3 + 3)) - 1) < 1e-5);
  } finally {
    tmp.cleanup();
  }
});

test('transform: unknown kinds, dimensions that disagree and out-of-range options are one error line', async () => {
  const tmp = tempDir();
  try {
    const npy = join(tmp.path, 'x.npy');
    writeNpy(npy, Array.from({ length: 12 }, (_, i) => [i, (i * 7) % 5, (i * 3) % 4]));
    const bogus = join(tmp.path, 'bogus.json');
    writeFileSync(bogus, JSON.stringify({ format: 'embedkit-transforms', version: 1, transforms: [{ kind: 'rotate', version: 1, inputDim: 3, outputDim: 3, params: {}, arrays: {} }] }));
    const unknownKind = /not supported: transform kind "rotate" \(expected abtt, center, linear-map, low-rank-adapter, mlp-adapter, project-out, whiten, received rotate\)/;
    await fails(['transform', 'info', bogus], unknownKind);
    await fails(['embed', '--model', tiny, '--input', join(FIXTURES, 'static', 'sentences.txt'), '--transforms', bogus], unknownKind);
    await fails(['transform', 'fit', '--kind', 'rotate', '--vectors', npy, '--output', join(tmp.path, 't.json')], /invalid option value: --kind \(expected center\|abtt\|whiten, received "rotate"\)/);
    await fails(['transform', 'fit', '--kind', 'center', '--dims', '2', '--vectors', npy, '--output', join(tmp.path, 't.json')], /--dims \(expected only with --kind whiten, received 2 with --kind center\)/);
    await fails(['transform', 'fit', '--kind', 'whiten', '--dims', '5', '--vectors', npy, '--output', join(tmp.path, 't.json')], /invalid option value: --dims \(expected an integer from 1 to 3, received 5\)/);
    await fails(['transform', 'fit', '--kind', 'abtt', '--components', '3', '--vectors', npy, '--output', join(tmp.path, 't.json')], /--components \(expected an integer from 0 to 2, received 3\)/);
    assert.equal(existsSync(join(tmp.path, 't.json')), false);
    // dimensions that disagree: an 8-d transform on 3-d rows, and on a model
    const center8 = join(tmp.path, 'center8.json');
    assert.equal((await runCli(['transform', 'fit', '--kind', 'center', '--model', tiny, '--output', center8])).code, 0);
    await fails(['transform', 'apply', '--transforms', center8, '--vectors', npy, '--output', join(tmp.path, 'o.npy')], /dimension mismatch: transform file .*center8\.json \(expected input of 3 dims \(the vectors\), received 8 dims\) at --transforms/);
  } finally {
    tmp.cleanup();
  }
});

test('train corpus --sotu-years builds a State of the Union period (cached); bad periods name the flag', async () => {
  const tmp = tempDir();
  try {
    const r = await runCli(['train', 'corpus', '--sotu-years', '1790-1791', '--output', tmp.path, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { path: string; addresses: number; years: number[]; tokens: number; cached: boolean };
    assert.deepEqual([j.addresses, j.years, j.cached], [2, [1790, 1791], false]);
    assert.equal(j.path, join(tmp.path, 'sotu-1790-1791.txt'));
    assert.equal(readFileSync(j.path, 'utf8').trim().split(/\s+/).length, j.tokens);
    const again = await runCli(['train', 'corpus', '--sotu-years', '1790-1791', '--output', tmp.path]);
    assert.match(again.stdout, /^Cached .*sotu-1790-1791\.txt: State of the Union 1790–1791, 2 addresses, /);
    for (const [args, pattern] of [
      [['--sotu-years', '1700-1710'], /--sotu-years \(expected years with addresses \(1790–\d{4}\), received "1700-1710"\)/],
      [['--sotu-years', '1900-1800'], /--sotu-years \(expected FROM ≤ TO/],
      [['--sotu-years', '1800', '--sources', 'sotu'], /--sources \(expected not together with --sotu-years/],
    ] as const) {
      await fails(['train', 'corpus', ...args, '--output', tmp.path], pattern);
    }
  } finally {
    tmp.cleanup();
  }
});
