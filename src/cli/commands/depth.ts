/**
 * `embedkit depth`: TTE depth (Seegmiller & Preum 2023) — rank the texts of a corpus from most central to
 * most outlying, or compare two corpora (Q, the one-sided Wilcoxon rank-sum test); texts are embedded
 * with any model, or precomputed `.npy` matrices are read (src/analysis/depth).
 */
import type { Command } from 'commander';
import { compareDepths, type DepthComparison } from '../../analysis/depth/depth-comparison.js';
import { DEPTH_OPTIONS, depthRun } from '../../analysis/depth/depth-options.js';
import { compareTextCorpora, rankTextsByDepth } from '../../analysis/depth/text-depth.js';
import { corpusDepths, type DepthSampling } from '../../analysis/depth/tte-depth.js';
import { EmbedkitError } from '../../errors.js';
import { readNpy } from '../../io/npy.js';
import type { InputRecord } from '../../io/records.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { embedderOptionsFrom, withEmbedderOptions } from '../embedder-options.js';
import { columns, formatP, shorten } from '../format-report.js';
import { readInputTexts, withTextInputOptions } from '../input-texts.js';
import { loadModelEmbedder } from '../load-model.js';
import { addSpecOptions, givenSpecValues } from '../option-flags.js';

interface Opts extends CommonOptions {
  readonly corpus?: string;
  readonly compare?: string;
  readonly vectors?: string;
  readonly compareVectors?: string;
}

interface Ranked {
  readonly index: number;
  readonly line?: number;
  readonly text?: string;
  readonly depth: number;
}

function comparisonJson(c: DepthComparison, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    depthF: c.meanDepthF,
    depthG: c.meanDepthG,
    Q: c.q,
    W: c.w,
    p: c.p,
    qPooled: c.qPooled,
    rankSum: c.rankSum,
    sizes: { F: c.depthF.length, G: c.depthG.length },
    ...extra,
    ...(c.sampling !== undefined ? { sampling: c.sampling } : {}),
  };
}

function comparisonReport(c: DepthComparison, f: string, g: string): string {
  return [
    `Depth of ${g} (G, ${c.depthG.length}) with respect to ${f} (F, ${c.depthF.length}):`,
    columns([
      ['mean depth F', c.meanDepthF.toFixed(4)],
      ['mean depth G', c.meanDepthG.toFixed(4)],
      ['Q(F, G)', `${c.q.toFixed(4)} (½ when G is like F, lower when G is more outlying)`],
      ['rank-sum W', `${c.w.toFixed(4)}, p = ${formatP(c.p)} (H₁: G is more outlying than F)`],
      ...(c.sampling !== undefined ? [['sampling', `${c.sampling.size} texts of F per mean; standard error ≤ ${c.sampling.maxStdError.toExponential(1)}`]] : []),
    ]),
  ].join('\n');
}

function rankingReport(ranked: readonly Ranked[], total: number, top: number, sampling: DepthSampling | undefined): string {
  const shown = ranked.slice(0, top);
  const rows = shown.map((r, i) => [String(i + 1).padStart(3), r.depth.toFixed(4), r.line !== undefined ? `line ${r.line}` : `row ${r.index}`, ...(r.text !== undefined ? [shorten(r.text, 90)] : [])]);
  const last = ranked[ranked.length - 1];
  return [
    `Most central of ${total} texts (the first is the corpus median):`,
    columns(rows),
    ...(last !== undefined && ranked.length > top ? [`  … most outlying: ${last.depth.toFixed(4)} ${last.line !== undefined ? `line ${last.line}` : `row ${last.index}`}${last.text !== undefined ? ` ${shorten(last.text, 80)}` : ''}`] : []),
    ...(sampling !== undefined ? [`  (sampled: ${sampling.size} texts per mean, standard error ≤ ${sampling.maxStdError.toExponential(1)})`] : []),
  ].join('\n');
}

function withLines(ranked: readonly { index: number; text: string; depth: number }[], records: readonly InputRecord[]): Ranked[] {
  return ranked.map((r) => ({ index: r.index, line: records[r.index]!.line, text: r.text, depth: r.depth }));
}

export function register(program: Command): void {
  const cmd = program
    .command('depth')
    .description('statistical depth of text embeddings (TTE depth): rank a corpus by centrality, or test whether a second corpus is more outlying')
    .option('--corpus <file>', 'the texts (F): lines, .jsonl or .csv')
    .option('--compare <file>', 'a second corpus (G) compared with F')
    .option('--vectors <file.npy>', 'precomputed embeddings of F instead of texts')
    .option('--compare-vectors <file.npy>', 'precomputed embeddings of G');
  addSpecOptions(cmd, DEPTH_OPTIONS);
  withTextInputOptions(cmd);
  withEmbedderOptions(cmd);
  withExamples(withCommonOptions(cmd), [
    'embedkit depth --corpus reviews.txt --top 5',
    'embedkit depth --corpus sts.txt --compare sick.txt --json',
    'embedkit depth --model ./all-MiniLM-L6-v2 --corpus a.jsonl --text-field body --compare b.jsonl',
    'embedkit depth --vectors F.npy --compare-vectors G.npy --distance chord --sample 1000',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext(opts);
    const run = depthRun(givenSpecValues(DEPTH_OPTIONS, opts));
    const texts = opts.corpus !== undefined;
    if (texts === (opts.vectors !== undefined) || (texts ? opts.compareVectors !== undefined : opts.compare !== undefined)) {
      throw new EmbedkitError('BAD_OPTION', texts ? 'compareVectors' : 'corpus', {
        expected: '`corpus` (texts, optionally with `compare`) or `vectors` (a .npy matrix, optionally with `compareVectors`)',
        received: [opts.corpus && '`corpus`', opts.compare && '`compare`', opts.vectors && '`vectors`', opts.compareVectors && '`compareVectors`'].filter(Boolean).join(', ') || 'none',
      });
    }
    const bar = ctx.progress('Depth', 1, 'texts');
    const progress = { onProgress: (d: number, t: number) => bar.update(d, t) };
    try {
      if (!texts) {
        const f = readNpy(opts.vectors!);
        if (opts.compareVectors !== undefined) {
          const c = compareDepths(f, readNpy(opts.compareVectors), { ...run.options, ...progress });
          bar.stop();
          return ctx.out(comparisonJson(c, {}), () => comparisonReport(c, opts.vectors!, opts.compareVectors!));
        }
        const d = corpusDepths(f, { ...run.options, ...progress });
        bar.stop();
        const ranked: Ranked[] = Array.from(d.order, (r) => ({ index: r, depth: d.depths[r]! }));
        const top = run.top ?? (ctx.json ? ranked.length : 10);
        return ctx.out({ median: ranked[0], ranked: ranked.slice(0, top), skipped: [], ...(d.sampling !== undefined ? { sampling: d.sampling } : {}) }, () => rankingReport(ranked, f.rows, top, d.sampling));
      }
      const fr = await readInputTexts(opts.corpus!, opts, 'corpus');
      const gr = opts.compare !== undefined ? await readInputTexts(opts.compare, opts, 'compare') : undefined;
      const embedder = await loadModelEmbedder(ctx, opts.model, embedderOptionsFrom(opts));
      try {
        const common = { ...run.options, ...progress, onEmbedProgress: (d: number, t: number) => bar.update(d, t), onWarning: ctx.warn };
        if (gr !== undefined) {
          const c = await compareTextCorpora(embedder, fr.map((r) => r.text), gr.map((r) => r.text), common);
          bar.stop();
          const lines = (rs: readonly InputRecord[], skipped: readonly number[]) => skipped.map((i) => rs[i]!.line);
          return ctx.out(comparisonJson(c, { skippedF: lines(fr, c.skippedF), skippedG: lines(gr, c.skippedG) }), () => comparisonReport(c, opts.corpus!, opts.compare!));
        }
        const r = await rankTextsByDepth(embedder, fr.map((x) => x.text), common);
        bar.stop();
        const ranked = withLines(r.ranked, fr);
        const top = run.top ?? (ctx.json ? ranked.length : 10);
        ctx.out(
          { median: ranked[0], ranked: ranked.slice(0, top), skipped: r.skipped.map((i) => fr[i]!.line), ...(r.sampling !== undefined ? { sampling: r.sampling } : {}) },
          () => rankingReport(ranked, ranked.length, top, r.sampling),
        );
      } finally {
        await embedder.dispose();
      }
    } finally {
      bar.stop();
    }
  });
}
