/**
 * Clustering agreement between gold labels and cluster assignments: V-measure (Rosenberg & Hirschberg
 * 2007; the harmonic mean of homogeneity and completeness, β = 1, natural-log entropies) and the adjusted
 * Rand index (Hubert & Arabie 1985), as sklearn defines them.
 */

interface Contingency {
  readonly cells: Map<string, number>;
  readonly rowSums: Map<number, number>;
  readonly colSums: Map<number, number>;
  readonly n: number;
}

function contingency(gold: ArrayLike<number>, pred: ArrayLike<number>): Contingency {
  if (gold.length !== pred.length) throw new RangeError(`clustering metric: lengths differ (${gold.length} vs ${pred.length})`);
  const cells = new Map<string, number>();
  const rowSums = new Map<number, number>();
  const colSums = new Map<number, number>();
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i]!;
    const p = pred[i]!;
    const key = `${g}\u0000${p}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rowSums.set(g, (rowSums.get(g) ?? 0) + 1);
    colSums.set(p, (colSums.get(p) ?? 0) + 1);
  }
  return { cells, rowSums, colSums, n: gold.length };
}

function entropy(counts: Iterable<number>, n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

export interface VMeasure {
  readonly homogeneity: number;
  readonly completeness: number;
  readonly vMeasure: number;
}

export function vMeasure(gold: ArrayLike<number>, pred: ArrayLike<number>): VMeasure {
  const t = contingency(gold, pred);
  if (t.n === 0) return { homogeneity: 1, completeness: 1, vMeasure: 1 };
  const hC = entropy(t.rowSums.values(), t.n);
  const hK = entropy(t.colSums.values(), t.n);
  // mutual information
  let mi = 0;
  for (const [key, nij] of t.cells) {
    const sep = key.indexOf('\u0000');
    const g = Number(key.slice(0, sep));
    const p = Number(key.slice(sep + 1));
    mi += (nij / t.n) * Math.log((t.n * nij) / (t.rowSums.get(g)! * t.colSums.get(p)!));
  }
  const homogeneity = hC === 0 ? 1 : mi / hC;
  const completeness = hK === 0 ? 1 : mi / hK;
  const v = homogeneity + completeness === 0 ? 0 : (2 * homogeneity * completeness) / (homogeneity + completeness);
  return { homogeneity, completeness, vMeasure: v };
}

const comb2 = (x: number): number => (x * (x - 1)) / 2;

/** Adjusted Rand index; 1 for identical partitions (also in sklearn's degenerate cases). */
export function adjustedRandIndex(gold: ArrayLike<number>, pred: ArrayLike<number>): number {
  const t = contingency(gold, pred);
  const n = t.n;
  if (n < 2) return 1;
  let sumCells = 0;
  for (const c of t.cells.values()) sumCells += comb2(c);
  let sumRows = 0;
  for (const c of t.rowSums.values()) sumRows += comb2(c);
  let sumCols = 0;
  for (const c of t.colSums.values()) sumCols += comb2(c);
  const expected = (sumRows * sumCols) / comb2(n);
  const max = (sumRows + sumCols) / 2;
  if (max === expected) return 1; // both partitions trivial (all one cluster or all singletons)
  return (sumCells - expected) / (max - expected);
}
