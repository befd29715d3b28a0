/** Row-wise similarity of two equally shaped matrices (pair tasks): cosine, dot, −Euclidean, −Manhattan. */
import { dotAt } from '../../math/kernels.js';
import type { Matrix } from '../../math/matrix.js';

export type PairScore = 'cosine' | 'dot' | 'euclidean' | 'manhattan';

export function pairScores(a: Matrix, b: Matrix, kind: PairScore): Float64Array {
  const n = a.rows;
  const d = a.dim;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    if (kind === 'dot' || kind === 'cosine') {
      const ab = dotAt(a.data, o, b.data, o, d);
      if (kind === 'dot') out[i] = ab;
      else {
        const na = Math.sqrt(dotAt(a.data, o, a.data, o, d));
        const nb = Math.sqrt(dotAt(b.data, o, b.data, o, d));
        out[i] = na === 0 || nb === 0 ? 0 : ab / (na * nb);
      }
    } else {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const x = a.data[o + j]! - b.data[o + j]!;
        s += kind === 'euclidean' ? x * x : Math.abs(x);
      }
      out[i] = kind === 'euclidean' ? -Math.sqrt(s) : -s;
    }
  }
  return out;
}
