/** A seeded PRNG (mulberry32) so CV folds and k-means initialisations are reproducible. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle in place. */
export function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/** Standard normal draws (Box–Muller, one per pair of uniforms) from a uniform generator. */
export function gaussianRandom(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(rand() || 1e-300)) * Math.cos(2 * Math.PI * rand());
}

/**
 * A random `d × d` orthogonal matrix, row-major: Gram–Schmidt on rows of normal draws from `normal`
 * (synthetic alignment tasks: a space and its rotation).
 */
export function randomOrthogonal(d: number, normal: () => number): Float64Array {
  const q = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) q[i * d + j] = normal();
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
