/**
 * `embedkit plot`: PCA, UMAP or t-SNE of a vocabulary sample, texts, a .npy matrix or a collection to 2-D,
 * written as a plot (PNG, SVG, or the Vega-Lite spec) and/or the projection JSON the web explorer reads,
 * with labels and colour by a metadata field (src/analysis/projection).
 */
import { Option, type Command } from 'commander';
import { PLOT_OPTIONS, plotRun } from '../../analysis/projection/plot-options.js';
import { projectionDocument, projectionPoints, writeProjectionJson, type MetadataValue } from '../../analysis/projection/plot-points.js';
import { plotSpec } from '../../analysis/projection/plot-spec.js';
import { vocabularySample } from '../../analysis/projection/vocabulary-sample.js';
import type { Embedder } from '../../embedders/embedder.js';
import { EmbedkitError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import { DEFAULT_MODEL } from '../../vectors/load.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { columns, shorten } from '../format-report.js';
import { loadModelVectors } from '../load-model.js';
import { addSpecOptions, givenSpecValues } from '../option-flags.js';
import { readSourceRows, sourceEmbedder, sourcesGiven, withVectorSourceOptions, type VectorSourceOptions } from '../vector-source.js';

interface Opts extends CommonOptions, VectorSourceOptions {
  readonly output?: string;
  readonly points?: string;
  readonly words?: string;
  readonly sample?: string;
  readonly from?: string;
}

const METHOD_NAMES = { pca: 'PCA', umap: 'UMAP', tsne: 't-SNE' } as const;

export function register(program: Command): void {
  const cmd = program
    .command('plot')
    .description('project embeddings to 2-D (PCA, UMAP, t-SNE) and plot them: a vocabulary sample, texts, a .npy matrix or a collection')
    .option('-o, --output <file>', 'the plot: .png, .svg, or .json (the Vega-Lite spec)')
    .option('--points <file.json>', 'the projection as JSON ({method, params, points: [{x, y, label, …metadata}]}, as the web explorer reads it)');
  withVectorSourceOptions(cmd);
  addSpecOptions(cmd, PLOT_OPTIONS);
  cmd.addOption(new Option('-m, --model <name|path>', `word vectors to sample, or the model that embeds --input (default ${DEFAULT_MODEL})`));
  withExamples(withCommonOptions(cmd, { model: false }), [
    'embedkit plot --words king,queen,man,woman,paris,france,rome,italy --output words.png',
    'embedkit plot --sample 1000 --from 20000 --method umap --output vocab.svg',
    'embedkit plot --input data/sample/docs.jsonl --color topic --method tsne --output docs.png --points docs.json',
    'embedkit plot --collection notes --color topic --output notes.png',
    'embedkit plot --vectors X.npy --labels labels.txt --metadata meta.jsonl --color group --json > projection.json',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext(opts);
    const run = plotRun(givenSpecValues(PLOT_OPTIONS, opts));
    // loaded here, not at start-up: UMAP, t-SNE, vega and resvg cost every other command ~0.4 s otherwise
    const { projectVectors } = await import('../../analysis/projection/project.js');
    const { plotFormatOf, writePlot } = await import('../../analysis/projection/render-plot.js');
    if (opts.output === undefined && opts.points === undefined && !ctx.json) {
      throw new EmbedkitError('BAD_OPTION', 'output', { expected: '`output` (a plot), `points` (the projection JSON) or `json`', received: 'none of them' });
    }
    if (opts.output !== undefined) plotFormatOf(opts.output); // a bad name fails before the work
    const vocabulary = sourcesGiven(opts) === 0;
    if (!vocabulary) {
      for (const name of ['words', 'sample', 'from'] as const) {
        if (opts[name] !== undefined) throw new EmbedkitError('BAD_OPTION', name, { expected: 'only when plotting word vectors (without `input`, `vectors`, `collection`)', received: String(opts[name]), where: name });
      }
    }
    const model = opts.model ?? DEFAULT_MODEL;
    let embedder: Embedder | undefined;
    const getEmbedder = sourceEmbedder(ctx, { ...opts, model });
    try {
      let matrix: Matrix;
      let labels: string[] | undefined;
      let metadata: Record<string, MetadataValue>[] | undefined;
      let source: string;
      if (vocabulary) {
        const kv = await loadModelVectors(ctx, model);
        const s = vocabularySample(kv, { ...run.sample, onWarning: ctx.warn });
        matrix = s.matrix;
        labels = s.labels;
        source = `${s.labels.length} words of ${model}`;
      } else {
        const rows = await readSourceRows(ctx, opts, async () => (embedder ??= await getEmbedder()));
        matrix = rows.matrix;
        labels = rows.labels?.map((t) => shorten(t, 30));
        metadata = rows.metadata;
        source = rows.source;
      }
      const bar = ctx.progress(`${METHOD_NAMES[run.projection.method ?? 'pca']}`, 1, 'steps');
      const p = projectVectors(matrix, { ...run.projection, onProgress: (d, t) => bar.update(d, t) });
      bar.stop();
      const pointOpts = { ...(labels !== undefined ? { labels } : {}), ...(metadata !== undefined ? { metadata } : {}) };
      const spec = plotSpec(projectionPoints(p, pointOpts), { title: `${source}, ${METHOD_NAMES[p.method]}`, ...run.spec });
      const format = opts.output !== undefined ? await writePlot(opts.output, spec, run.png) : undefined;
      if (opts.points !== undefined) await writeProjectionJson(opts.points, p, pointOpts);
      ctx.out({ ...projectionDocument(p, pointOpts), ...(opts.output !== undefined ? { output: opts.output, format } : {}), ...(opts.points !== undefined ? { pointsFile: opts.points } : {}) }, () =>
        [
          `${METHOD_NAMES[p.method]} of ${p.rows} vectors (${source}) to ${p.dims} dims${p.explainedVarianceRatio !== undefined ? `, explained variance ${Array.from(p.explainedVarianceRatio, (v) => `${(v * 100).toFixed(1)}%`).join(', ')}` : ''}`,
          columns([
            ['parameters', Object.entries(p.params).map(([k, v]) => `${k} ${v}`).join(', ')],
            ...(opts.output !== undefined ? [['plot', `${opts.output} (${format})`]] : []),
            ...(opts.points !== undefined ? [['points', opts.points]] : []),
          ]),
        ].join('\n'),
      );
    } finally {
      await embedder?.dispose();
    }
  });
}
