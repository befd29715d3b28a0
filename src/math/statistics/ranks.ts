/**
 * Ranks with ties averaged (scipy.stats.rankdata(method='average')): 1-based, a group of equal values
 * shares the mean of the ranks it spans. NaN inputs are rejected by the callers that need ranks.
 */

/** 1-based average ranks of `x`. */
export function averageRanks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => x[a]! - x[b]! || a - b);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    const v = x[order[i]!]!;
    while (j + 1 < n && x[order[j + 1]!]! === v) j++;
    const avg = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) ranks[order[t]!] = avg;
    i = j + 1;
  }
  return ranks;
}
