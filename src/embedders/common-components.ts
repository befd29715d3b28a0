/**
 * Common-component removal for SIF (Arora et al. 2017: subtract the projection on the first principal
 * component) and uSIF (Ethayarajh 2018: subtract λ_i-weighted projections on the first m components,
 * λ_i = σ_i² / Σ_j σ_j²). A fitted set can be saved as JSON and reused on other batches.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EmbedkitError, FormatError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { dotAt } from '../math/kernels.js';
import type { Matrix } from '../math/matrix.js';
import { pca } from '../math/pca.js';

export interface CommonComponents {
  readonly pooling: 'sif' | 'usif';
  readonly dim: number;
  /** `weights.length × dim` unit directions. */
  readonly components: Float32Array;
  /** Fraction of each projection removed: 1 for SIF, λ_i for uSIF. */
  readonly weights: Float32Array;
  /** Embedder id the components were fitted for. */
  readonly embedder: string;
  /** The weighting parameter `a` used while fitting. */
  readonly a: number;
  readonly fittedOn: number;
}

export function fitCommonComponents(x: Matrix, pooling: 'sif' | 'usif', count: number, meta: { embedder: string; a: number }): CommonComponents {
  if (x.rows < 2) {
    throw new EmbedkitError('EMPTY_INPUT', 'too few texts to estimate common components', { expected: 'at least 2 texts', received: `${x.rows}` });
  }
  const p = pca(x, pooling === 'sif' ? 1 : count, { center: false });
  const pcs = { components: Float32Array.from(p.components), count: p.count, singularValuesSquared: Array.from(p.singularValues, (v) => v * v) };
  const weights = new Float32Array(pcs.count);
  if (pooling === 'sif') weights[0] = 1;
  else {
    let total = 0;
    for (const s of pcs.singularValuesSquared) total += s;
    for (let i = 0; i < pcs.count; i++) weights[i] = total > 0 ? pcs.singularValuesSquared[i]! / total : 0;
  }
  return { pooling, dim: x.dim, components: pcs.components, weights, embedder: meta.embedder, a: meta.a, fittedOn: x.rows };
}

/** A short content hash of the components (and weights): equal components, equal id. */
export function referenceId(cc: CommonComponents): string {
  const h = createHash('sha256');
  h.update(`${cc.pooling}:${cc.dim}:`);
  h.update(Buffer.from(cc.weights.buffer, cc.weights.byteOffset, cc.weights.byteLength));
  h.update(Buffer.from(cc.components.buffer, cc.components.byteOffset, cc.components.byteLength));
  return `${cc.pooling}@${h.digest('hex').slice(0, 12)}`;
}

/** v ← v − Σ_i w_i (v·u_i) u_i, for every row, in place. */
export function removeCommonComponents(x: Matrix, cc: CommonComponents): void {
  if (x.dim !== cc.dim) throw new EmbedkitError('DIM_MISMATCH', 'common components', { expected: `${x.dim} dims`, received: `${cc.dim}` });
  const { data, rows, dim } = x;
  for (let r = 0; r < rows; r++) {
    const off = r * dim;
    for (let c = 0; c < cc.weights.length; c++) {
      const p = cc.weights[c]! * dotAt(data, off, cc.components, c * dim, dim);
      if (p === 0) continue;
      for (let j = 0; j < dim; j++) data[off + j]! -= p * cc.components[c * dim + j]!;
    }
  }
}

const FORMAT_TAG = 'embedkit-common-components';
/** The largest `dim` a common-components file may declare. */
const MAX_COMPONENT_DIM = 1 << 20;

/** The JSON form of common components (what a reference file and a collection manifest hold). */
export function commonComponentsToJson(cc: CommonComponents): Record<string, unknown> {
  const rows: number[][] = [];
  for (let c = 0; c < cc.weights.length; c++) rows.push(Array.from(cc.components.subarray(c * cc.dim, (c + 1) * cc.dim)));
  return { format: FORMAT_TAG, version: 1, pooling: cc.pooling, embedder: cc.embedder, dim: cc.dim, a: cc.a, fittedOn: cc.fittedOn, weights: Array.from(cc.weights), components: rows };
}

export async function saveCommonComponents(cc: CommonComponents, path: string): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(commonComponentsToJson(cc), null, 1) + '\n');
}

export function loadCommonComponents(path: string): CommonComponents {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new EmbedkitError('FILE_NOT_FOUND', 'SIF reference', { where: path });
    throw new FormatError(path, 'not valid JSON', { expected: 'a JSON object written by embedkit', received: e instanceof Error ? e.message : String(e) });
  }
  return commonComponentsFromJson(raw, path);
}

/** Common components from their JSON form, every field checked; errors name `path` (a file, or a manifest). */
export function commonComponentsFromJson(raw: unknown, path: string): CommonComponents {
  const o = raw as Record<string, unknown>;
  if (typeof o !== 'object' || o === null || o['format'] !== FORMAT_TAG) {
    throw new FormatError(path, 'not a common-components file', { expected: `"format": "${FORMAT_TAG}"`, received: JSON.stringify(o?.['format']) });
  }
  const dim = o['dim'];
  const weights = o['weights'];
  const comps = o['components'];
  const pooling = o['pooling'];
  if (typeof dim !== 'number' || !Array.isArray(weights) || !Array.isArray(comps) || (pooling !== 'sif' && pooling !== 'usif')) {
    throw new FormatError(path, 'missing fields', { expected: 'dim, pooling (sif|usif), weights, components', received: Object.keys(o).join(', ') });
  }
  if (!Number.isInteger(dim) || dim < 1 || dim > MAX_COMPONENT_DIM) throw new FormatError(path, 'field "dim"', { expected: `a whole number in 1–${MAX_COMPONENT_DIM}`, received: JSON.stringify(dim) });
  const finite32 = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(Math.fround(v));
  if (weights.length > dim) throw new FormatError(path, 'field "weights"', { expected: `at most ${dim} weights (one per component)`, received: `${weights.length}` });
  const badWeight = weights.findIndex((w) => !finite32(w));
  if (badWeight >= 0) throw new FormatError(path, `field "weights[${badWeight}]"`, { expected: 'a finite number', received: JSON.stringify(weights[badWeight]) ?? String(weights[badWeight]) });
  if (comps.length !== weights.length) throw new FormatError(path, 'field "components"', { expected: `${weights.length} rows (one per weight)`, received: `${comps.length}` });
  const components = new Float32Array(weights.length * dim);
  comps.forEach((rowVal: unknown, c: number) => {
    if (!Array.isArray(rowVal) || rowVal.length !== dim || !rowVal.every(finite32)) {
      const received = !Array.isArray(rowVal) ? typeof rowVal : rowVal.length !== dim ? `${rowVal.length} items` : `${JSON.stringify(rowVal.find((v) => !finite32(v)))} among the values`;
      throw new FormatError(path, `field "components[${c}]"`, { expected: `${dim} finite numbers`, received });
    }
    components.set(rowVal as number[], c * dim);
  });
  return {
    pooling,
    dim,
    components,
    weights: Float32Array.from(weights as number[]),
    embedder: typeof o['embedder'] === 'string' ? o['embedder'] : 'unknown',
    a: typeof o['a'] === 'number' ? o['a'] : NaN,
    fittedOn: typeof o['fittedOn'] === 'number' ? o['fittedOn'] : 0,
  };
}
