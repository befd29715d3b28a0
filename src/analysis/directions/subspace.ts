/**
 * A concept subspace to remove: an orthonormal basis (`count × dim`, float64) built from
 * - word pairs or defining sets (Bolukbasi et al. 2016; Manzini et al. 2019 for more than two words a set):
 *   each set's unit-length vectors are centred at the set's mean, and the first `components` principal
 *   components of all centred rows span the subspace (pairs with one component = debiaswe's doPCA);
 * - raw vectors (e.g. a saved direction), orthonormalized (Gram–Schmidt, twice).
 * The first basis vector of a set-derived subspace points towards the first word of the sets.
 */
import { EmbedkitError } from '../../errors.js';
import { orthonormalBasis, pca, type Rows } from '../../math/pca.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';
import { unitRow } from '../bias/direct-bias.js';

export interface Subspace {
  /** Row-major `count × dim`, orthonormal rows. */
  readonly basis: Float64Array;
  readonly count: number;
  readonly dim: number;
  /** PCA explained-variance ratios of the chosen components (set-derived subspaces). */
  readonly explainedVarianceRatio?: Float64Array;
  /** Words that were not found (their sets are skipped). */
  readonly missing: readonly string[];
}

/** Subspace of the first `components` principal components of the centred defining sets (pairs are sets of 2). */
export function subspaceFromSets(kv: KeyedVectors, sets: readonly (readonly string[])[], components = 1): Subspace {
  const dim = kv.dim;
  if (!Number.isInteger(components) || components < 1 || components > dim) {
    throw new EmbedkitError('BAD_OPTION', 'components', { expected: `an integer in 1–${dim}`, received: String(components), where: 'components' });
  }
  const rows: Float64Array[] = [];
  const missing: string[] = [];
  let orientRef: Float64Array | undefined;
  for (const set of sets) {
    if (set.length < 2) throw new EmbedkitError('BAD_ARGUMENT', 'defining set', { expected: 'at least 2 words a set', received: JSON.stringify(set), where: 'sets' });
    const idx = set.map((w) => kv.indexOf(w));
    const lost = set.filter((_, i) => idx[i]! < 0);
    if (lost.length > 0) {
      missing.push(...lost);
      continue;
    }
    const us = idx.map((i) => unitRow(kv, i));
    const mean = new Float64Array(dim);
    for (const u of us) for (let j = 0; j < dim; j++) mean[j]! += u[j]! / us.length;
    for (const u of us) {
      const r = new Float64Array(dim);
      for (let j = 0; j < dim; j++) r[j] = u[j]! - mean[j]!;
      rows.push(r);
    }
    orientRef ??= new Float64Array(dim);
    for (let j = 0; j < dim; j++) orientRef[j]! += us[0]![j]! - mean[j]!;
  }
  if (rows.length === 0) {
    throw new EmbedkitError('UNKNOWN_WORD', 'defining sets', { expected: 'at least one set with every word in the vocabulary', received: `none of ${sets.length}; missing: ${missing.slice(0, 10).join(', ')}`, where: 'sets' });
  }
  const data = new Float64Array(rows.length * dim);
  rows.forEach((r, i) => data.set(r, i * dim));
  const p = pca({ data, rows: rows.length, dim }, components);
  const basis = p.components;
  let o = 0;
  for (let j = 0; j < dim; j++) o += orientRef![j]! * basis[j]!;
  if (o < 0) for (let j = 0; j < dim; j++) basis[j] = -basis[j]!;
  return { basis, count: p.count, dim, explainedVarianceRatio: p.explainedVarianceRatio, missing };
}

/** Subspace spanned by raw vectors (`rows × dim`), orthonormalized; linearly dependent rows add nothing. */
export function subspaceFromVectors(vectors: Rows): Subspace {
  const basis = orthonormalBasis(vectors);
  if (basis.length === 0) throw new EmbedkitError('BAD_ARGUMENT', 'directions', { expected: 'at least one non-zero vector', received: `${vectors.rows} zero or dependent vectors`, where: 'vectors' });
  return { basis, count: basis.length / vectors.dim, dim: vectors.dim, missing: [] };
}

/** The union of subspaces (orthonormalized together). */
export function combineSubspaces(parts: readonly Subspace[]): Subspace {
  if (parts.length === 0) throw new EmbedkitError('BAD_ARGUMENT', 'subspaces', { expected: 'at least one', received: 'none' });
  const dim = parts[0]!.dim;
  for (const p of parts) if (p.dim !== dim) throw new EmbedkitError('DIM_MISMATCH', 'subspaces', { expected: `${dim} dims`, received: `${p.dim}` });
  const data = new Float64Array(parts.reduce((n, p) => n + p.basis.length, 0));
  let off = 0;
  for (const p of parts) {
    data.set(p.basis, off);
    off += p.basis.length;
  }
  const s = subspaceFromVectors({ data, rows: data.length / dim, dim });
  return { ...s, missing: parts.flatMap((p) => p.missing) };
}
