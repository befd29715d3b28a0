import type { Command } from 'commander';
import { searchText } from '../../collections/search.js';
import { SEARCH_OPTIONS, textSearchOptions } from '../../collections/search-options.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext } from '../context.js';
import { withDbOption, withStore, type DbOptions } from '../db-option.js';
import { round } from '../format-neighbors.js';
import { loadCollectionEmbedder } from '../load-model.js';
import { addSpecOptions, givenSpecValues } from '../option-flags.js';

interface Opts extends DbOptions {
  readonly filter?: string[];
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
    .option('--filter <expr>', "metadata condition, repeatable: 'key=value', 'key in a,b', 'key>=n', 'key<n'", collect, []);
  addSpecOptions(cmd, SEARCH_OPTIONS, { short: { k: '-k' } });
  cmd
    .option('-m, --model <name|path>', "must match the collection's model when given");
  withExamples(withCommonOptions(withDbOption(cmd), { model: false }), [
    'embedkit search notes "how do plants make food"',
    'embedkit search notes "solar power" --mode hybrid -k 5 --json',
    "embedkit search notes \"rivers\" --filter 'topic=nature' --filter 'year>=2020'",
  ]);
  cmd.action(async (name: string, query: string, opts: Opts) => {
    const ctx = new CommandContext(opts);
    const search = textSearchOptions(givenSpecValues(SEARCH_OPTIONS, opts), opts.filter);
    await withStore(ctx, opts, async (store) => {
      const collection = await store.open(name);
      const embedder = search.mode === 'bm25' ? undefined : await loadCollectionEmbedder(ctx, collection.manifest, opts.model);
      try {
        const hits = await searchText(collection, embedder, query, search);
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
