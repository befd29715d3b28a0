import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { ingest } from '../../collections/ingest/ingest.js';
import { readSource } from '../../collections/ingest/read-source.js';
import { searchText } from '../../collections/search.js';
import { createCollection } from '../../collections/collection-embedder.js';
import { SqliteStore } from '../../collections/stores/sqlite-store.js';
import { DEFAULT_SENTENCE_MODEL, DEFAULT_WORD_MODEL } from '../../embedders/named-models.js';
import { cosine } from '../../math/kernels.js';
import { row } from '../../math/matrix.js';
import { StaticEmbedder } from '../../embedders/static-embedder.js';
import { sampleCorpusPath } from '../../paths.js';
import { readAllRecords } from '../../io/records.js';
import { topKDot } from '../../math/top-k.js';
import { normalizeRows } from '../../math/kernels.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { loadModelEmbedder, loadModelVectors } from '../load-model.js';
import { round } from '../format-neighbors.js';

const PAIRS: readonly [string, string][] = [
  ['A man is playing a guitar.', 'Someone is playing an instrument.'],
  ['The stock market fell sharply today.', 'Shares dropped steeply on Wall Street.'],
  ['The stock market fell sharply today.', 'A cat is sleeping on the sofa.'],
];

export function register(program: Command): void {
  const cmd = program
    .command('demo')
    .description('a tour on the default models: neighbours and an analogy (glove-100d), sentence similarity and search (minilm-l6)')
    .option('--sentence-model <name|path>', 'model for the sentence part', DEFAULT_SENTENCE_MODEL);
  withExamples(withCommonOptions(cmd), ['embedkit demo', 'embedkit demo --json', 'embedkit demo --sentence-model glove-100d   # the sentence part on averaged word vectors']);
  cmd.action(async (opts: CommonOptions & { sentenceModel: string }) => {
    const ctx = new CommandContext(opts);
    const t0 = performance.now();
    const kv = await loadModelVectors(ctx, opts.model);
    const loadMs = performance.now() - t0;
    const neighbors = kv.mostSimilar({ positive: ['king'], topK: 5 });
    const analogy = kv.analogy('man', 'king', 'woman', { topK: 1 });
    const sentenceModel = opts.sentenceModel;
    // Word vectors already in memory are reused when the sentence part runs on them too.
    const embedder = sentenceModel === (opts.model ?? DEFAULT_WORD_MODEL) ? new StaticEmbedder(kv, { model: sentenceModel, pooling: 'mean', onWarning: ctx.warn }) : await loadModelEmbedder(ctx, sentenceModel);
    const pairScores: { text1: string; text2: string; score: number }[] = [];
    for (const [a, b] of PAIRS) {
      const m = await embedder.embed([a, b]);
      pairScores.push({ text1: a, text2: b, score: round(cosine(row(m, 0), row(m, 1))) });
    }
    const samplePath = sampleCorpusPath();
    const records = await readAllRecords(samplePath);
    const texts = records.map((r) => r.text);
    const emb = await embedder.embed(texts);
    const unit = normalizeRows(emb.data, emb.dim);
    const query = 'How do I train a neural network?';
    const q = normalizeRows((await embedder.embed([query])).data, emb.dim);
    const hits = topKDot(unit, emb.dim, q, 3);
    const search = Array.from(hits.indices, (i, j) => ({ text: texts[i]!, score: round(hits.scores[j]!) }));
    // A collection round trip in a throw-away folder: ingest the bundled docs, hybrid search.
    const docsPath = join(dirname(samplePath), 'docs.jsonl');
    const collQuery = 'electricity from sunlight';
    const tmp = mkdtempSync(join(tmpdir(), 'embedkit-demo-'));
    let collection: { file: string; records: number; query: string; mode: 'hybrid'; results: { id: string; score: number; text: string }[] };
    try {
      const store = new SqliteStore(tmp, { onWarning: ctx.warn });
      const coll = await createCollection(store, 'sample', embedder);
      const added = await ingest(coll, embedder, await readSource(docsPath));
      const found = await searchText(coll, embedder, collQuery, { k: 3, mode: 'hybrid' });
      await store.close();
      collection = { file: docsPath, records: added.added, query: collQuery, mode: 'hybrid', results: found.map((h) => ({ id: h.id, score: round(h.score), text: h.text })) };
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    await embedder.dispose();
    const result = {
      model: opts.model ?? DEFAULT_WORD_MODEL,
      sentenceModel: embedder.info.model,
      vocabulary: kv.size,
      dim: kv.dim,
      loadMs: Math.round(loadMs),
      neighbors: { query: 'king', results: neighbors.keys.map((key, i) => ({ key, score: round(neighbors.scores[i]!) })) },
      analogy: { query: 'man : king :: woman : ?', answer: analogy.keys[0], score: round(analogy.scores[0] ?? NaN) },
      similarity: pairScores,
      sample: { file: samplePath, texts: texts.length, query, results: search },
      collection,
    };
    ctx.out(result, () =>
      [
        `Model ${result.model}: ${kv.size.toLocaleString('en-US')} words × ${kv.dim} dims (loaded in ${result.loadMs} ms)`,
        '',
        'Nearest words to "king":',
        ...result.neighbors.results.map((r) => `  ${r.key.padEnd(12)} ${r.score.toFixed(3)}`),
        '',
        `Analogy man : king :: woman : ${result.analogy.answer}  (3CosAdd, ${result.analogy.score.toFixed(3)})`,
        '',
        `Sentence similarity (${embedder.info.kind === 'static' ? 'mean of word vectors' : embedder.info.model}, cosine):`,
        ...pairScores.map((p) => `  ${p.score.toFixed(3)}  "${p.text1}" ~ "${p.text2}"`),
        '',
        `Embedded ${texts.length} sentences from ${samplePath} with ${embedder.info.model}; closest to "${query}":`,
        ...search.map((s) => `  ${s.score.toFixed(3)}  ${s.text}`),
        '',
        `Collection round trip: added ${collection.records} records of ${docsPath}; hybrid (vectors + BM25) search for "${collQuery}":`,
        ...collection.results.map((r) => `  ${r.id.padEnd(10)} ${r.text}`),
        '',
        `Your own: embedkit collection create notes && embedkit add notes --input ${docsPath} && embedkit search notes "${collQuery}" --mode hybrid`,
        'Next: embedkit neighbors WORD · embedkit analogy A B C · embedkit similarity T1 T2 · embedkit embed --input FILE --output out.npy',
      ].join('\n'),
    );
  });
}
