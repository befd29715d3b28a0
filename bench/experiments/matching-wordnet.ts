/**
 * The labelled data–text matching evaluation of docs/matching.md: WordNet noun synsets as table rows
 * (lemmas, category, hypernyms) matched to their definitions (`wordnetMatchingTask`), MRR (within the top
 * 100) and P@1 for every method. Also writes the task as `rows.csv` + `texts.jsonl` + `gold.json` so
 * `embedkit match` can be run on it.
 *   node dist/bench/experiments/matching-wordnet.js [size=1000] [seed=1] [outDir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchScores } from '../../src/analysis/matching/match-result.js';
import { matchSettings } from '../../src/analysis/matching/match-options.js';
import { matchTables } from '../../src/analysis/matching/match-tables.js';
import { wordnetMatchingTask } from '../../src/analysis/matching/wordnet-matching.js';
import { createEmbedder } from '../../src/embedders/create-embedder.js';

const size = Number(process.argv[2] ?? 1000);
const seed = Number(process.argv[3] ?? 1);
const outDir = process.argv[4];
const task = await wordnetMatchingTask({ size, seed });

if (outDir !== undefined) {
  mkdirSync(outDir, { recursive: true });
  const csv = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const cols = task.rows[0]!.cells.map(([c]) => c);
  writeFileSync(join(outDir, 'rows.csv'), [['id', ...cols].join(','), ...task.rows.map((r) => [r.id, ...r.cells.map(([, v]) => v)].map(csv).join(','))].join('\n') + '\n');
  writeFileSync(join(outDir, 'texts.jsonl'), task.texts.map((t) => JSON.stringify(t)).join('\n') + '\n');
  writeFileSync(join(outDir, 'gold.json'), JSON.stringify(Object.fromEntries(task.gold)) + '\n');
}

const runs: { name: string; method: 'embed' | 'graph'; model?: string; rowText?: 'serialize' | 'columns'; walks?: number; graphEpochs?: number }[] = [
  { name: 'embed minilm-l6, serialized rows', method: 'embed', model: 'minilm-l6', rowText: 'serialize' },
  { name: 'embed minilm-l6, cells averaged', method: 'embed', model: 'minilm-l6', rowText: 'columns' },
  { name: 'embed glove-100d (mean), serialized rows', method: 'embed', model: 'glove-100d', rowText: 'serialize' },
  { name: 'graph (random walks + word2vec)', method: 'graph' },
  { name: 'graph, 20 walks per node, 10 epochs', method: 'graph', walks: 20, graphEpochs: 10 },
];
console.log(`WordNet matching: ${task.rows.length} noun synsets (seed ${seed}), ${task.texts.length} definitions`);
for (const r of runs) {
  const t0 = performance.now();
  const embedder = r.model !== undefined ? await createEmbedder(r.model) : undefined;
  const { name: _name, model: _model, ...settings } = r;
  const s = matchSettings({ k: 100, ...settings, seed });
  const matches = await matchTables(task.rows, task.texts, s, embedder !== undefined ? { embedder } : {});
  await embedder?.dispose();
  const m = matchScores(matches, task.gold);
  console.log(`${r.name.padEnd(44)} MRR ${m.mrr.toFixed(4)}  P@1 ${m.precisionAt1.toFixed(4)}  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
