/**
 * The options of a projection plot, declared once (library, CLI and server / web explorer): what to sample
 * from a vocabulary, how to project (projection.ts), how to draw (plot-spec.ts, render-plot.ts). Defaults
 * are the library's, named in the descriptions.
 */
import { booleanOption, choiceOption, intOption, listOption, numberOption, stringOption } from '../../options/option-spec.js';
import { validateOptions } from '../../options/validate.js';
import type { PlotSpecOptions } from './plot-spec.js';
import type { ProjectionOptions } from './project.js';
import { PROJECTION_METHODS } from './projection-method.js';
import type { PngOptions } from './render-plot.js';
import type { VocabularySampleOptions } from './vocabulary-sample.js';

export const PLOT_OPTIONS = {
  words: listOption('word vectors: plot these words', { valueName: 'a,b,c' }),
  sample: intOption(1, 1_000_000, 'word vectors: plot n words (default 500) …'),
  from: intOption(1, 100_000_000, '… drawn at random from the first n rows (default: the first `sample` rows)'),
  method: choiceOption(PROJECTION_METHODS, 'pca (default), umap (umap-js) or tsne (druidjs)'),
  dims: intOption(2, 3, 'output dimensions: 2 (default) or 3 (projection JSON only; plots draw the first two)'),
  seed: intOption(0, 2 ** 31 - 1, 'seed of the sample and of UMAP / t-SNE (default 42)'),
  raw: booleanOption('project the vectors as they are (default: unit length first, i.e. cosine geometry)'),
  pcaDims: intOption(2, 65_536, 'umap/tsne: reduce to n dimensions by PCA first'),
  nNeighbors: intOption(2, 10_000, 'umap: neighbours (default 15)'),
  minDist: numberOption(0, 100, 'umap: minimum distance (default 0.1)'),
  epochs: intOption(1, 100_000, 'umap: epochs (default 500 below 10,000 points, else 200)'),
  perplexity: numberOption(1e-3, 10_000, 'tsne: perplexity (default 30, lowered for small inputs)'),
  learningRate: numberOption(1e-6, 1e6, 'tsne: learning rate (default 10)'),
  iterations: intOption(1, 100_000, 'tsne: iterations (default 1000)'),
  color: stringOption('metadata field that colours the points', { valueName: 'field' }),
  title: stringOption('plot title', { valueName: 'text' }),
  labelPoints: choiceOption(['auto', 'show', 'hide'] as const, 'draw labels next to the points: auto (default: when at most 300 points), show, hide'),
  width: intOption(50, 20_000, 'plot width in pixels (default 600)'),
  height: intOption(50, 20_000, 'plot height in pixels (default 450)'),
  scale: numberOption(0.1, 16, 'PNG pixel density (default 2)'),
} as const;

export interface PlotRun {
  readonly sample: Omit<VocabularySampleOptions, 'onWarning'>;
  readonly projection: Omit<ProjectionOptions, 'onProgress'>;
  readonly spec: PlotSpecOptions;
  readonly png: PngOptions;
}

export function plotRun(raw: Readonly<Record<string, unknown>>): PlotRun {
  const o = validateOptions(PLOT_OPTIONS, raw);
  const pick = <K extends keyof typeof o>(...keys: K[]): Partial<Pick<typeof o, K>> => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as Partial<Pick<typeof o, K>>;
  const sample = { ...pick('words', 'from', 'seed'), ...(o.sample !== undefined ? { count: o.sample } : {}) };
  const projection = { ...pick('method', 'dims', 'seed', 'pcaDims', 'nNeighbors', 'minDist', 'epochs', 'perplexity', 'learningRate', 'iterations'), ...(o.raw === true ? { normalize: false } : {}) };
  const spec = { ...pick('color', 'title', 'width', 'height'), ...(o.method !== undefined ? { method: o.method } : {}), ...(o.labelPoints === 'show' ? { showLabels: true } : o.labelPoints === 'hide' ? { showLabels: false } : {}) };
  return { sample, projection, spec, png: pick('scale') };
}
