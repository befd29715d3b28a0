/**
 * Plot-ready points: projected coordinates joined with labels and metadata, and the projection JSON file
 * (`{ method, params, dims, explainedVarianceRatio?, points: [{ x, y, z?, label?, …metadata }] }`) that the CLI
 * writes and the web explorer serves.
 */
import { EmbedkitError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import type { Projection } from './project.js';

export type MetadataValue = string | number | boolean | null;

export interface PlotPoint {
  readonly x: number;
  readonly y: number;
  readonly z?: number;
  readonly label?: string;
  readonly [field: string]: MetadataValue | undefined;
}

export interface PointsOptions {
  /** One label per point (drawn next to it when the plot shows labels). */
  readonly labels?: readonly string[];
  /** One record per point; any field can colour the plot. Fields named x, y, z or label are refused. */
  readonly metadata?: readonly Readonly<Record<string, MetadataValue>>[];
}

const RESERVED = new Set(['x', 'y', 'z', 'label']);

/** A record's fields as plot metadata: scalars kept, objects and arrays as JSON text, reserved names (x, y, z, label) and `omit` dropped. */
export function metadataOf(fields: Readonly<Record<string, unknown>>, omit: readonly string[] = []): Record<string, MetadataValue> {
  const out: Record<string, MetadataValue> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (RESERVED.has(k) || omit.includes(k) || v === undefined) continue;
    out[k] = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
  }
  return out;
}

export function projectionPoints(p: Projection, opts: PointsOptions = {}): PlotPoint[] {
  for (const [name, list] of [['labels', opts.labels], ['metadata', opts.metadata]] as const) {
    if (list !== undefined && list.length !== p.rows) {
      throw new EmbedkitError('DIM_MISMATCH', name, { expected: `${p.rows} entries (one per point)`, received: `${list.length}`, where: name });
    }
  }
  const out: PlotPoint[] = [];
  for (let i = 0; i < p.rows; i++) {
    const point: Record<string, MetadataValue> = {};
    const meta = opts.metadata?.[i];
    if (meta !== undefined) {
      for (const [k, v] of Object.entries(meta)) {
        if (RESERVED.has(k)) throw new EmbedkitError('BAD_ARGUMENT', 'metadata field', { expected: 'a name other than x, y, z, label', received: k, where: `metadata[${i}]` });
        point[k] = v;
      }
    }
    point['x'] = p.coords[i * p.dims]!;
    point['y'] = p.coords[i * p.dims + 1]!;
    if (p.dims > 2) point['z'] = p.coords[i * p.dims + 2]!;
    const label = opts.labels?.[i];
    if (label !== undefined) point['label'] = label;
    out.push(point as PlotPoint);
  }
  return out;
}

export interface ProjectionDocument {
  readonly method: Projection['method'];
  readonly dims: number;
  readonly params: Projection['params'];
  readonly explainedVarianceRatio?: number[];
  readonly points: PlotPoint[];
}

export function projectionDocument(p: Projection, opts: PointsOptions = {}): ProjectionDocument {
  const doc = { method: p.method, dims: p.dims, params: p.params, points: projectionPoints(p, opts) };
  return p.explainedVarianceRatio === undefined ? doc : { ...doc, explainedVarianceRatio: Array.from(p.explainedVarianceRatio) };
}

/** Writes the projection JSON atomically. */
export async function writeProjectionJson(path: string, p: Projection, opts: PointsOptions = {}): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(projectionDocument(p, opts)) + '\n');
}
