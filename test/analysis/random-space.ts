/** Seeded random spaces for the alignment tests (library and CLI): Gaussian draws and random rotations. */

/** Standard normal draws (Box–Muller) from a uniform generator. */
export function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(rand() || 1e-300)) * Math.cos(2 * Math.PI * rand());
}

/** A random orthogonal matrix (Gram–Schmidt on Gaussian rows), row-major. */
export function randomRotation(d: number, g: () => number): Float64Array {
  const q = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) q[i * d + j] = g();
    for (let p = 0; p < i; p++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += q[i * d + j]! * q[p * d + j]!;
      for (let j = 0; j < d; j++) q[i * d + j]! -= s * q[p * d + j]!;
    }
    let n = 0;
    for (let j = 0; j < d; j++) n += q[i * d + j]! ** 2;
    for (let j = 0; j < d; j++) q[i * d + j]! /= Math.sqrt(n);
  }
  return q;
}
