/**
 * Orthogonal projection away from a subspace (DECOR-style removal; hard-debias's neutralize step; the
 * result of INLP): x ← x − Bᵀ(B x) for an orthonormal basis B (`count × dim`), optionally followed by
 * scaling each row to unit length. As a `VectorTransform` of kind `project-out` it applies to any
 * embedder's output at encode time (`TransformedEmbedder`) and persists with `saveTransforms`.
 */
import { EmbedkitError } from '../../errors.js';
import { projectRow, ProjectOutTransform, type ProjectOutOptions } from '../../embedders/transforms/project-out.js';
import { KeyedVectors } from '../../vectors/keyed-vectors.js';
import type { Subspace } from './subspace.js';

export interface ProjectOutVectorsOptions extends ProjectOutOptions {
  /** Keys left unchanged (exact keys), e.g. words that define the concept. */
  readonly keep?: Iterable<string>;
}

/** A new `KeyedVectors` with the subspace projected out of every row (same keys and order). */
export function projectOutVectors(kv: KeyedVectors, subspace: Pick<Subspace, 'basis' | 'dim'>, opts: ProjectOutVectorsOptions = {}): KeyedVectors {
  if (subspace.dim !== kv.dim) throw new EmbedkitError('DIM_MISMATCH', 'subspace', { expected: `${kv.dim} dims (the vectors)`, received: `${subspace.dim}` });
  const t = new ProjectOutTransform(subspace, opts);
  const keep = new Set(opts.keep ?? []);
  const dim = kv.dim;
  const out = new Float32Array(kv.vectors.length);
  const tmp = new Float64Array(dim);
  for (let i = 0; i < kv.size; i++) {
    if (keep.size > 0 && keep.has(kv.keyAt(i))) out.set(kv.vectors.subarray(i * dim, (i + 1) * dim), i * dim);
    else projectRow(kv.vectors, i * dim, t.basis, t.count, dim, out, i * dim, t.normalize, tmp);
  }
  return new KeyedVectors(kv.keys, out, dim);
}
