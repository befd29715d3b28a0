import type { Command } from 'commander';
import { parseFilter } from '../../collections/filter.js';
import { searchText } from '../../collections/search.js';
import { INDEX_KINDS, SEARCH_MODES, type IndexKind, type SearchMode } from '../../collections/types.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { choiceOption, CommandContext, intOption } from '../context.js';
import { round } from '../format-neighbors.js';
import { withDbOption, withStore, type DbOptions } from '../db-option.js';
import { loadCollectionEmbedder } from '../load-model.js';

interface Opts extends DbOptions {
  readonly k?: string;
  readonly mode?: string;
  readonly filter?: string[];
  readonly index?: string;
  readonly ef?: string;
  readonly rescore?: string;
  readonly dims?: string;
  readonly model?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function register(program: Command): void {
  const cmd = program
    .command('search')
    .description('search a collection by meaning (dense), keywords (bm25) or both (hybrid, reciprocal rank fusion)')
    .argument('<name>', 'collection name')
    .argument('<query>', 'query text')
    .option('-k, --k <n>', 'number of results', '10')
    .option('--mode <dense|bm25|hybrid>', 'dense vectors, BM25 keywords, or both fused', 'dense')
    .option('--filter <expr>', "metadata condition, repeatable: 'key=value', 'key in a,b', 'key>=n', 'key<n'", collect, [])
    .option('--index <auto|flat|int8|binary|hnsw>', 'how dense candidates are found (auto: hnsw from 50,000 records)', 'auto')
    .option('--ef <n>', 'HNSW search candidate list (higher: better recall, slower)')
    .option('--rescore <n>', 'int8/binary/--dims: rescore the best n×k candidates with full vectors')
    .option('--dims <n>', 'Matryoshka: search on the first n dimensions, then rescore with all')
    .option('-m, --model <name|path>', "must match the collection's model when given");
  withExamples(withCommonOptions(withDbOption(cmd), { model: false }), [
    'embedkit search notes "how do plants make food"',
    'embedkit search notes "solar power" --mode hybrid -k 5 --json',
    "embedkit search notes \"rivers\" --filter 'topic=nature' --filter 'year>=2020'",
  ]);
  cmd.action(async (name: string, query: string, opts: Opts) => {
    const ctx = new CommandContext(opts);
    const k = intOption('k', opts.k, 10);
    const mode = choiceOption<SearchMode>('--mode', opts.mode, SEARCH_MODES, 'dense');
    const index = choiceOption<IndexKind>('--index', opts.index, INDEX_KINDS, 'auto');
    const filter = parseFilter(opts.filter);
    const ef = opts.ef === undefined ? undefined : intOption('ef', opts.ef, 64);
    const rescore = opts.rescore === undefined ? undefined : intOption('rescore', opts.rescore, 4);
    const dims = opts.dims === undefined ? undefined : intOption('dims', opts.dims, 1);
    await withStore(ctx, opts, async (store) => {
      const collection = await store.open(name);
      const embedder = mode === 'bm25' ? undefined : await loadCollectionEmbedder(ctx, collection.manifest, opts.model);
      try {
        const hits = await searchText(collection, embedder, query, {
          k,
          mode,
          index,
          ...(filter !== undefined ? { filter } : {}),
          ...(ef !== undefined ? { ef } : {}),
          ...(rescore !== undefined ? { rescore } : {}),
          ...(dims !== undefined ? { dims } : {}),
        });
        const results = hits.map((h) => ({ id: h.id, score: round(h.score), text: h.text, metadata: h.metadata }));
        ctx.out({ results }, () =>
          results.length === 0
            ? `No results in ${name} for "${query}"`
            : results.map((r) => `${r.score.toFixed(4).padStart(8)}  ${r.id}  ${r.text.length > 100 ? `${r.text.slice(0, 97)}...` : r.text}`).join('\n'),
        );
      } finally {
        await embedder?.dispose();
      }
    });
  });
}
