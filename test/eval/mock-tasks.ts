/**
 * Small tasks with inline data — one per task type — and a word-vector model built in code, so the
 * evaluator's runners are tested without the shared data root. Vectors are chosen so the expected scores
 * can be worked out by hand (see runners.test.ts).
 */
import { defineTask } from '../../src/eval/define-task.js';
import type { TaskData, TaskDeclaration, TaskType } from '../../src/eval/types.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';

/** 3-D vectors: animals near x, vehicles near y; man/woman/king/queen make a clean analogy. */
const WORDS: readonly [string, readonly number[]][] = [
  ['cat', [1, 0, 0]],
  ['dog', [0.9, 0.1, 0]],
  ['horse', [0.8, 0.2, 0.1]],
  ['car', [0, 1, 0]],
  ['bus', [0.1, 0.9, 0]],
  ['train', [0.2, 0.8, 0.1]],
  ['man', [0, 0, 1]],
  ['woman', [0, 0.5, 1]],
  ['king', [0.5, 0, 1]],
  ['queen', [0.5, 0.5, 1]],
];

export function mockVectors(): KeyedVectors {
  return new KeyedVectors(
    WORDS.map(([w]) => w),
    Float32Array.from(WORDS.flatMap(([, v]) => v)),
    3,
  );
}

function task(name: string, type: TaskType, mainScore: string, inline: TaskData): TaskDeclaration {
  return defineTask({ name, type, description: `mock ${type}`, mainScore, format: 'inline', files: {}, split: 'test', suites: [], license: 'test data', citation: '', inline });
}

const s = (xs: readonly string[]): string[] => [...xs];

export const MOCK_TASKS: readonly TaskDeclaration[] = [
  // cos: cat~dog .994, cat~car 0, dog~bus .220 → ranks 3,1,2 = gold ranks: Spearman 1
  task('MockWordSim', 'word-similarity', 'spearman', { type: 'word-similarity', data: { w1: s(['cat', 'cat', 'dog']), w2: s(['dog', 'car', 'bus']), gold: Float64Array.from([9, 1, 2]) } }),
  // gold ranks 3,2,1 vs cosine ranks 3,1,2: Spearman 1 − 6·(0+1+1)/(3·8) = 0.5
  task('MockWordSimHalf', 'word-similarity', 'spearman', { type: 'word-similarity', data: { w1: s(['cat', 'cat', 'dog']), w2: s(['dog', 'car', 'bus']), gold: Float64Array.from([9, 5, 1]) } }),
  // king − man + woman = (0.5, 0.5, 1) = queen
  task('MockAnalogy', 'analogy', 'accuracy', { type: 'analogy', data: { sectionNames: ['family'], section: Int32Array.from([0]), a: ['man'], b: ['king'], c: ['woman'], d: [['queen']] } }),
  task('MockSTS', 'sts', 'cosine_spearman', { type: 'sts', data: { s1: s(['cat', 'cat', 'dog']), s2: s(['dog', 'car', 'bus']), score: Float64Array.from([5, 0, 1]) } }),
  task('MockPairs', 'pair-classification', 'cosine_ap', { type: 'pair-classification', data: { s1: s(['cat', 'car', 'cat', 'dog']), s2: s(['dog', 'bus', 'car', 'train']), score: Float64Array.from([1, 1, 0, 0]) } }),
  task('MockClassification', 'classification', 'accuracy', {
    type: 'classification',
    data: { train: { texts: s(['cat', 'dog', 'car', 'bus']), labels: s(['animal', 'animal', 'vehicle', 'vehicle']) }, test: { texts: s(['horse', 'train']), labels: s(['animal', 'vehicle']) } },
  }),
  task('MockClustering', 'clustering', 'v_measure', { type: 'clustering', data: { texts: s(['cat', 'dog', 'horse', 'car', 'bus', 'train']), labels: s(['a', 'a', 'a', 'v', 'v', 'v']) } }),
  task('MockRetrieval', 'retrieval', 'ndcg_at_10', {
    type: 'retrieval',
    data: {
      corpus: [
        { id: 'd1', text: 'cat' },
        { id: 'd2', text: 'car' },
        { id: 'd3', text: 'king' },
      ],
      queries: [
        { id: 'q1', text: 'dog' },
        { id: 'q2', text: 'bus' },
      ],
      qrels: new Map([
        ['q1', new Map([['d1', 1]])],
        ['q2', new Map([['d2', 1]])],
      ]),
    },
  }),
  // q "bus": car (.994) ranks above cat (.110): the positive is first → MAP 1
  task('MockReranking', 'reranking', 'map', { type: 'reranking', data: { samples: [{ query: 'bus', positive: ['car'], negative: ['cat', 'dog'] }] } }),
];
