/**
 * A Vega-Lite specification of a projection scatter plot: one point per row, coloured by a metadata field
 * (nominal for strings, quantitative for numbers), optional text labels, tooltips. Plain JSON: the CLI
 * renders it headless (render-plot.ts), the web explorer hands it to vega-embed.
 */
import type { TopLevelSpec } from 'vega-lite';
import { EmbedkitError } from '../../errors.js';
import type { PlotPoint } from './plot-points.js';
import type { ProjectionMethod } from './project.js';

export interface PlotSpecOptions {
  readonly title?: string;
  /** Metadata field that colours the points. */
  readonly color?: string;
  /** Draw the labels next to the points (default: when there are labels and at most 300 points). */
  readonly showLabels?: boolean;
  readonly width?: number;
  readonly height?: number;
  /** Point area in square pixels (default 40, 12 above 2,000 points). */
  readonly pointSize?: number;
  /** Names the axes (`PC1`, `UMAP 1`, `t-SNE 1`). */
  readonly method?: ProjectionMethod;
}

const AXIS_NAMES: Readonly<Record<ProjectionMethod, string>> = { pca: 'PC', umap: 'UMAP ', tsne: 't-SNE ' };

export function plotSpec(points: readonly PlotPoint[], opts: PlotSpecOptions = {}): TopLevelSpec {
  const color = opts.color;
  let colorType: 'nominal' | 'quantitative' = 'nominal';
  if (color !== undefined) {
    const values = points.map((p) => p[color]).filter((v) => v !== undefined && v !== null);
    if (values.length === 0) {
      throw new EmbedkitError('BAD_OPTION', 'color', { expected: 'a metadata field present on the points', received: JSON.stringify(color), where: 'color', hint: `fields: ${Object.keys(points[0] ?? {}).filter((k) => !['x', 'y', 'z'].includes(k)).join(', ') || 'none'}` });
    }
    if (values.every((v) => typeof v === 'number')) colorType = 'quantitative';
  }
  const hasLabels = points.some((p) => p.label !== undefined);
  const showLabels = opts.showLabels ?? (hasLabels && points.length <= 300);
  const axis = AXIS_NAMES[opts.method ?? 'pca'];
  const x = { field: 'x', type: 'quantitative' as const, scale: { zero: false }, axis: { title: `${axis}1` } };
  const y = { field: 'y', type: 'quantitative' as const, scale: { zero: false }, axis: { title: `${axis}2` } };
  const tooltip = [...(hasLabels ? [{ field: 'label', type: 'nominal' as const }] : []), ...(color !== undefined ? [{ field: color, type: colorType }] : [])];
  const pointLayer = {
    mark: { type: 'circle' as const, size: opts.pointSize ?? (points.length > 2000 ? 12 : 40), opacity: 0.8 },
    encoding: {
      x,
      y,
      ...(color !== undefined ? { color: { field: color, type: colorType } } : {}),
      ...(tooltip.length > 0 ? { tooltip } : {}),
    },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    width: opts.width ?? 600,
    height: opts.height ?? 450,
    background: 'white',
    data: { values: points.map((p) => ({ ...p })) },
    layer: [
      pointLayer,
      ...(showLabels ? [{ mark: { type: 'text' as const, align: 'left' as const, dx: 5, fontSize: 9 }, encoding: { x, y, text: { field: 'label', type: 'nominal' as const } } }] : []),
    ],
  };
}
