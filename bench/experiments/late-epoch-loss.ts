/**
 * Why the word2vec loss rises in late epochs (issue 16): skip-gram on the bundled training corpus, 10
 * epochs, with the reported (online) loss of each epoch next to the quality of the vectors after that
 * epoch (Spearman on the word-similarity sets, 3CosAdd on Google analogy restricted to 30,000 words).
 * The online loss is measured on each pair just before its update, with the learning rate of that moment;
 * the quality numbers are measured on frozen checkpoints. Results in docs/training.md.
 * Usage: node dist/bench/experiments/late-epoch-loss.js CORPUS [EPOCHS] [THREADS] [DATA_DIR]
 */
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { evaluateTasks } from '../../src/eval/evaluate.js';
import { findTask } from '../../src/eval/tasks.js';
import { StaticEmbedder } from '../../src/embedders/static-embedder.js';
import { TextCorpus } from '../../src/train/corpus.js';
import { trainWord2Vec } from '../../src/train/word2vec.js';
import { dataDir } from '../util.js';

const corpus = process.argv[2];
if (corpus === undefined) throw new Error('usage: late-epoch-loss.js CORPUS [EPOCHS] [THREADS] [DATA_DIR]');
const epochs = Number(process.argv[3] ?? 10);
const threads = Number(process.argv[4] ?? 2);
const root = process.argv[5] ?? dataDir();
const tasks = ['WS353', 'MEN', 'RG65', 'MTurk771', 'GoogleAnalogy'].map(findTask);

const rows: string[] = [];
const r = await trainWord2Vec(new TextCorpus(corpus, { tokenizer: 'whitespace' }), {
  epochs,
  threads,
  seed: 1,
  checkpointEvery: 1,
  onCheckpoint: async (kv: KeyedVectors, epoch: number) => {
    const copy = new KeyedVectors([...kv.keys], Float32Array.from(kv.vectors), kv.dim);
    const results = await evaluateTasks(tasks, { embedder: new StaticEmbedder(copy, { model: `epoch-${epoch}` }), vectors: copy }, { dataDir: root, warn: () => {}, restrictVocab: 30_000 });
    rows.push(`| ${epoch} | ${results.map((x) => (x.mainScore ?? Number.NaN).toFixed(4)).join(' | ')} |`);
    process.stderr.write(`${rows[rows.length - 1]}\n`);
  },
});
const loss = r.stats.epochLoss;
console.log(`| epoch | online loss | ${tasks.map((t) => t.name).join(' | ')} |`);
console.log(`|---:|---:|${tasks.map(() => '---:').join('|')}|`);
rows.forEach((row, i) => console.log(row.replace(/^\| (\d+) \|/, `| $1 | ${loss[i]!.toFixed(4)} |`)));
