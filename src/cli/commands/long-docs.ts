/**
 * `embedkit long-docs`: LongEmbed's synthetic passkey and needle retrieval at growing document lengths,
 * comparing truncation, chunk-and-mean-pool and chunk-level max-sim (src/analysis/long-documents).
 */
import type { Command } from 'commander';
import { evaluateLongDocuments, generateLongTasks } from '../../analysis/long-documents/evaluate-long-documents.js';
import { mobyDickSentences } from '../../analysis/long-documents/haystacks.js';
import { LONG_DOCUMENT_OPTIONS, longDocumentSettings } from '../../analysis/long-documents/long-document-options.js';
import { longDocumentPlotSpec } from '../../analysis/long-documents/long-document-plot.js';
import { writeLongTaskBeir } from '../../analysis/long-documents/write-beir.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { embedderOptionsFrom, withEmbedderOptions } from '../embedder-options.js';
import { columns } from '../format-report.js';
import { round } from '../format-neighbors.js';
import { loadModelEmbedder } from '../load-model.js';
import { addSpecOptions, givenSpecValues } from '../option-flags.js';

interface Opts extends CommonOptions {
  readonly plot?: string;
  readonly writeBeir?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('long-docs')
    .description('long-document retrieval (LongEmbed passkey and needle tasks, generated): truncation vs chunk-and-mean-pool vs chunk-level max-sim per length')
    .option('--plot <file>', 'accuracy per length as a plot: .png, .svg, or .json (the Vega-Lite spec)')
    .option('--write-beir <dir>', 'write the generated tasks as BEIR folders DIR/<task>-<length> (for `embedkit eval --type retrieval --file …`) instead of evaluating');
  addSpecOptions(cmd, LONG_DOCUMENT_OPTIONS);
  withEmbedderOptions(cmd);
  withExamples(withCommonOptions(cmd, { model: 'sentence' }), [
    'embedkit long-docs --plot long-docs.svg',
    'embedkit long-docs --tasks passkey --lengths 256,1024,4096 --documents 20 --json',
    'embedkit long-docs --write-beir long-tasks && embedkit eval --type retrieval --file long-tasks/needle-2048 --long chunk',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext(opts);
    const settings = longDocumentSettings(givenSpecValues(LONG_DOCUMENT_OPTIONS, opts));
    const render = opts.plot !== undefined ? await import('../../analysis/projection/render-plot.js') : undefined;
    if (opts.plot !== undefined) render!.plotFormatOf(opts.plot); // a bad name fails before the work
    const embedder = await loadModelEmbedder(ctx, opts.model, embedderOptionsFrom(opts));
    try {
      const haystack = settings.tasks.includes('needle') ? await mobyDickSentences() : undefined;
      if (opts.writeBeir !== undefined) {
        const folders: string[] = [];
        for (const data of generateLongTasks(embedder, { ...settings, ...(haystack !== undefined ? { haystack } : {}) })) folders.push(await writeLongTaskBeir(opts.writeBeir, data));
        ctx.out({ folders }, folders.join('\n'));
        return;
      }
      const report = await ctx.withProgress('long documents', settings.tasks.length * settings.lengths.length * settings.documents, 'documents', (bar) =>
        evaluateLongDocuments(embedder, { ...settings, ...(haystack !== undefined ? { haystack } : {}), onProgress: (done) => bar.update(done) }),
      );
      if (opts.plot !== undefined) await render!.writePlot(opts.plot, longDocumentPlotSpec(report));
      const rows = report.rows.map((r) => ({ ...r, tokens: round(r.tokens), ndcgAt1: round(r.ndcgAt1), ndcgAt10: round(r.ndcgAt10), windows: round(r.windows) }));
      ctx.out({ ...report, rows, ...(opts.plot !== undefined ? { plot: opts.plot } : {}) }, () =>
        [
          `${report.model} (reads ${report.maxLength ?? '?'} tokens), ${settings.documents} documents per task and length`,
          columns([
            ['task', 'length', 'method', 'nDCG@1', 'nDCG@10', 'windows'],
            ...rows.map((r) => [r.task, String(r.length), r.method, r.ndcgAt1.toFixed(4), r.ndcgAt10.toFixed(4), r.windows.toFixed(1)]),
          ]),
          ...(opts.plot !== undefined ? [`plot: ${opts.plot}`] : []),
        ].join('\n'),
      );
    } finally {
      await embedder.dispose();
    }
  });
}
