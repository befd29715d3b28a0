/**
 * A vector transform: a function fitted once (centring, all-but-the-top, whitening, direction removal,
 * a trained adapter, …) and then applied to any embedder's output. Transforms are data: they serialize to
 * a `TransformSpec` (JSON, float arrays as base64 little-endian float32), so they can be saved beside a
 * model or a collection and re-created by kind with `transformFromSpec`.
 *
 * `TransformedEmbedder` (transformed-embedder.ts) wraps an embedder with a chain of transforms; its
 * `info.transforms` names them (kind + content hash), so collections and result files tell a transformed
 * embedder from its base.
 */
import type { Matrix } from '../../math/matrix.js';

export interface VectorTransform {
  /** Stable kind name, persisted in specs, e.g. `center`, `abtt`, `whiten`, `project-out`, `adapter`. */
  readonly kind: string;
  readonly inputDim: number;
  readonly outputDim: number;
  /** A new `rows × outputDim` matrix; `m` is not modified. */
  apply(m: Matrix): Matrix;
  /** Everything needed to re-create the transform. */
  toSpec(): TransformSpec;
}

/** A serializable transform: kind, dimensions, scalar parameters and named float arrays. */
export interface TransformSpec {
  readonly kind: string;
  readonly version: 1;
  readonly inputDim: number;
  readonly outputDim: number;
  /** JSON scalars/arrays of scalars (e.g. `{ "components": 3 }`). */
  readonly params: Readonly<Record<string, unknown>>;
  /** Named float arrays (e.g. a mean vector, a projection matrix, row-major). */
  readonly arrays: Readonly<Record<string, Float32Array>>;
}

/** Re-creates a transform of one kind from its spec (validating it). */
export type TransformFactory = (spec: TransformSpec, where: string) => VectorTransform;
