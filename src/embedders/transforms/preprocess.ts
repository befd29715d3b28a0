/**
 * Preprocessing of a space before alignment, as MUSE's `normalize_embeddings`: a sequence of steps, each
 * `center` (subtract the column means) or `unit` (scale rows to unit length), e.g. `['unit', 'center',
 * 'unit']`. Fitting records the mean used by each `center` step so the same steps can be replayed on
 * new vectors.
 */
import { badOption } from '../../errors.js';
import { columnMeans } from '../../math/covariance.js';
import { normalizeRowsInPlace } from '../../math/kernels.js';
import type { Matrix } from '../../math/matrix.js';
import { matrixFloat32 } from '../../math/shared-memory.js';

export type PreprocessStep = 'center' | 'unit';
export const PREPROCESS_STEPS: readonly PreprocessStep[] = ['center', 'unit'];

export function checkSteps(steps: readonly unknown[], where: string): PreprocessStep[] {
  for (const s of steps) if (s !== 'center' && s !== 'unit') throw badOption(where, `steps from ${PREPROCESS_STEPS.join(', ')}`, s);
  return steps as PreprocessStep[];
}

export interface Preprocessed {
  readonly matrix: Matrix;
  /** One mean (length dim) per `center` step, in order. */
  readonly means: readonly Float32Array[];
}

/**
 * Applies `steps` to a copy of `m`. With `means` (one per `center` step) those are subtracted; without,
 * each `center` step uses the column means of the rows at that point (fitting).
 */
export function preprocess(m: Matrix, steps: readonly PreprocessStep[], means?: readonly Float32Array[]): Preprocessed {
  const data = matrixFloat32(m.data.length);
  data.set(m.data);
  const out: Matrix = { data, rows: m.rows, dim: m.dim };
  const used: Float32Array[] = [];
  for (const step of steps) {
    if (step === 'unit') {
      normalizeRowsInPlace(data, m.dim);
      continue;
    }
    const mean = means?.[used.length] ?? Float32Array.from(columnMeans(out));
    used.push(mean);
    for (let r = 0; r < m.rows; r++) {
      const off = r * m.dim;
      for (let j = 0; j < m.dim; j++) data[off + j]! -= mean[j]!;
    }
  }
  return { matrix: out, means: used };
}
