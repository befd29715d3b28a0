/**
 * `embedkit match`: the k best texts for every row of a table (src/analysis/matching), with a pretrained
 * model (`embed`) or word2vec trained on random walks over a row–value–token–text graph (`graph`).
 */
import type { Command } from 'commander';
import { MATCH_OPTIONS, matchSettings } from '../../analysis/matching/match-options.js';
import { matchTables } from '../../analysis/matching/match-tables.js';
import { readMatchTexts, readTableRows } from '../../analysis/matching/table.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { embedderOptionsFrom, withEmbedderOptions } from '../embedder-options.js';
import { round } from '../format-neighbors.js';
import { shorten } from '../format-report.js';
import { loadModelEmbedder } from '../load-model.js';
import { addSpecOptions, givenSpecValues } from '../option-flags.js';

interface Opts extends CommonOptions {
  readonly left: string;
  readonly right: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('match')
    .description('match table rows to texts: the k best texts per row, by a pretrained model (embed) or by word2vec on random walks over a row–value–token–text graph (graph)')
    .requiredOption('--left <rows.csv>', 'the table: CSV with a header row, or JSONL objects')
    .requiredOption('--right <texts.jsonl>', 'the texts: JSONL, CSV or one text a line');
  addSpecOptions(cmd, MATCH_OPTIONS, { short: { k: '-k' } });
  withEmbedderOptions(cmd);
  withExamples(withCommonOptions(cmd, { model: 'sentence' }), [
    'embedkit match --left products.csv --right descriptions.jsonl -k 3',
    'embedkit match --left rows.csv --right texts.jsonl --left-id sku --right-id doc --json',
    'embedkit match --left rows.csv --right texts.jsonl --method graph --walks 20',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext(opts);
    const s = matchSettings(givenSpecValues(MATCH_OPTIONS, opts));
    const rows = await readTableRows(opts.left, s.leftId);
    const texts = await readMatchTexts(opts.right, { ...(s.rightId !== undefined ? { idField: s.rightId } : {}), ...(s.rightText !== undefined ? { textField: s.rightText } : {}) });
    const embedder = s.method === 'embed' ? await loadModelEmbedder(ctx, opts.model, embedderOptionsFrom(opts)) : undefined;
    try {
      const matches =
        s.method === 'graph'
          ? await ctx.withProgress('training on walks', 1, 'words', (bar) => matchTables(rows, texts, s, { onTrainProgress: (p) => bar.update(p.done, p.total, { loss: p.loss }) }))
          : await ctx.withProgress('embedding', rows.length + texts.length, 'texts', (bar) =>
              matchTables(rows, texts, s, { ...(embedder !== undefined ? { embedder } : {}), onProgress: (done, total) => bar.update(done, total) }),
            );
      const out = matches.map((m) => ({ left: m.left, results: m.results.map((r) => ({ id: r.id, score: round(r.score) })) }));
      const textOf = new Map(texts.map((t) => [t.id, t.text]));
      ctx.out({ matches: out }, () =>
        out.map((m) => [`${m.left}`, ...m.results.map((r) => `  ${r.score.toFixed(4).padStart(8)}  ${r.id}  ${shorten(textOf.get(r.id) ?? '', 90)}`)].join('\n')).join('\n'),
      );
    } finally {
      await embedder?.dispose();
    }
  });
}
