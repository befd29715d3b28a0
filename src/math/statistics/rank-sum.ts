/**
 * The Wilcoxon rank-sum test with the large-sample normal approximation, exactly as
 * `scipy.stats.ranksums`: pooled average ranks (ties share the mean rank), the rank sum S of the first
 * sample, z = (S − n₁(n₁+n₂+1)/2) / √(n₁n₂(n₁+n₂+1)/12) — no tie correction of the variance and no
 * continuity correction, as scipy — and the p-value of z under N(0, 1) for the chosen alternative.
 */
import { normalCdf, normalSf } from './normal.js';
import { averageRanks } from './ranks.js';

/** H₁ of the test: `greater` — values of the first sample tend to be larger than those of the second. */
export type Alternative = 'two-sided' | 'greater' | 'less';

export interface RankSumResult {
  /** The standardized statistic z (what scipy returns as `statistic`). */
  readonly statistic: number;
  /** The rank sum S of the first sample in the pooled ranking. */
  readonly rankSum: number;
  readonly pValue: number;
  readonly alternative: Alternative;
}

/** The test's contract (callers validate user data first): non-empty samples of finite numbers. */
function checkSample(x: ArrayLike<number>, where: string): void {
  if (x.length === 0) throw new RangeError(`rankSumTest: sample ${where} is empty`);
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i]!)) throw new RangeError(`rankSumTest: ${where}[${i}] is ${x[i]}, not a finite number`);
}

/** p-value of a standard-normal statistic `z` for `alternative` (scipy's `_get_pvalue`). */
export function normalPValue(z: number, alternative: Alternative): number {
  if (alternative === 'greater') return normalSf(z);
  if (alternative === 'less') return normalCdf(z);
  return Math.min(1, 2 * Math.min(normalSf(z), normalCdf(z)));
}

export function rankSumTest(x: ArrayLike<number>, y: ArrayLike<number>, alternative: Alternative = 'two-sided'): RankSumResult {
  checkSample(x, 'x');
  checkSample(y, 'y');
  const n1 = x.length;
  const n2 = y.length;
  const pooled = new Float64Array(n1 + n2);
  for (let i = 0; i < n1; i++) pooled[i] = x[i]!;
  for (let i = 0; i < n2; i++) pooled[n1 + i] = y[i]!;
  const ranks = averageRanks(pooled);
  let s = 0;
  for (let i = 0; i < n1; i++) s += ranks[i]!;
  const expected = (n1 * (n1 + n2 + 1)) / 2;
  const z = (s - expected) / Math.sqrt((n1 * n2 * (n1 + n2 + 1)) / 12);
  return { statistic: z, rankSum: s, pValue: normalPValue(z, alternative), alternative };
}
