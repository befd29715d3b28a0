/**
 * SESA on STS: labelled pairs from the STS Benchmark (score ≥ THRESHOLD → match) and SICK (relatedness
 * ≥ THRESHOLD_SICK), concepts = WordNet supersenses; fit on the train split, report the held-out test split.
 * Usage: node dist/bench/experiments/concepts-sts.js [DATA_DIR]   (prints JSON; numbers in docs/concepts.md)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConceptSpace } from '../../src/analysis/concepts/concept-space.js';
import { evaluateSesa, labelsByThreshold, type LabelledPairs } from '../../src/analysis/concepts/sesa.js';
import { createEmbedder } from '../../src/embedders/create-embedder.js';
import { dataDir } from '../util.js';
import { wordnetConcepts } from './wordnet-concepts.js';

const root = process.argv[2] ?? dataDir();

function stsb(file: string, threshold: number): LabelledPairs {
  const a: string[] = [];
  const b: string[] = [];
  const gold: number[] = [];
  for (const line of readFileSync(join(root, 'sts-benchmark', file), 'utf8').split('\n')) {
    const c = line.split('\t');
    if (c.length < 7 || !Number.isFinite(Number(c[4]))) continue;
    a.push(c[5]!);
    b.push(c[6]!);
    gold.push(Number(c[4]));
  }
  return { a, b, labels: labelsByThreshold(gold, threshold), gold };
}

function sick(file: string, threshold: number): LabelledPairs {
  const lines = readFileSync(join(root, 'sts-sick', file), 'utf8').split('\n');
  const h = lines[0]!.split('\t');
  const [ia, ib, is] = ['sentence_A', 'sentence_B', 'relatedness_score'].map((n) => h.indexOf(n)) as [number, number, number];
  const a: string[] = [];
  const b: string[] = [];
  const gold: number[] = [];
  for (const line of lines.slice(1)) {
    const c = line.split('\t');
    if (c.length <= Math.max(ia, ib, is)) continue;
    a.push(c[ia]!);
    b.push(c[ib]!);
    gold.push(Number(c[is]));
  }
  return { a, b, labels: labelsByThreshold(gold, threshold), gold };
}

const embedder = await createEmbedder('glove-100d');
const kv = embedder.vectors!;
const perConcept = Number(process.env['CONCEPT_WORDS'] ?? 50);
const concepts = wordnetConcepts((w) => kv.indexOf(w), perConcept);
const space = await ConceptSpace.build(embedder, concepts);
const round = (x: number): number => Math.round(x * 10000) / 10000;
const out: Record<string, unknown> = { concepts: concepts.length, wordsPerConcept: perConcept };
for (const [name, train, test] of [
  ['STS-B (score ≥ 3)', stsb('sts-train.csv', 3), stsb('sts-test.csv', 3)],
  ['SICK (relatedness ≥ 3.5)', sick('SICK_train.txt', 3.5), sick('SICK_test_annotated.txt', 3.5)],
] as const) {
  const centred = await space.withCenter([...train.a, ...train.b]);
  for (const [variant, s] of [['raw', space], ['centred', centred]] as const) {
    const r = await evaluateSesa(s, train, test);
    const top = Array.from(r.weights.weights, (w, i) => [r.weights.names[i]!, w] as const).sort((x, y) => y[1] - x[1]);
    out[`${name} ${variant}`] = {
      train: r.trainPairs, test: r.testPairs, positiveRate: round(r.testPositiveRate),
      embedding: { ap: round(r.embedding.ap), accuracy: round(r.embedding.accuracy), spearman: round(r.embedding.spearman ?? NaN) },
      unsupervised: { ap: round(r.unsupervised.ap), accuracy: round(r.unsupervised.accuracy), spearman: round(r.unsupervised.spearman ?? NaN) },
      supervised: { ap: round(r.supervised.ap), accuracy: round(r.supervised.accuracy), spearman: round(r.supervised.spearman ?? NaN) },
      gain: { ap: round(r.gain.ap), accuracy: round(r.gain.accuracy) },
      topWeights: top.slice(0, 5).map(([n, w]) => `${n} ${w.toFixed(1)}`),
      bottomWeights: top.slice(-3).map(([n, w]) => `${n} ${w.toFixed(1)}`),
    };
  }
}
console.log(JSON.stringify(out, null, 1));
await embedder.dispose();
