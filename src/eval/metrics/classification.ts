/**
 * Metrics over labels and binary scores: accuracy, macro-F1 (sklearn's `f1_score(average='macro')`),
 * average precision (sklearn's `average_precision_score`: ties form one threshold), and the best-threshold
 * accuracy and F1 used by MTEB's pair classification.
 */

/** Fraction of positions where `predicted[i] === gold[i]`. */
export function accuracy(gold: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (gold.length !== predicted.length) throw new RangeError(`accuracy: lengths differ (${gold.length} vs ${predicted.length})`);
  if (gold.length === 0) return NaN;
  let ok = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) ok++;
  return ok / gold.length;
}

/**
 * Unweighted mean of per-class F1 over the classes present in `gold` or `predicted` (sklearn: a class
 * with no true and no predicted members has F1 0 and is not in the union, so it is not averaged).
 */
export function macroF1(gold: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (gold.length !== predicted.length) throw new RangeError(`macroF1: lengths differ (${gold.length} vs ${predicted.length})`);
  const tp = new Map<number, number>();
  const goldCount = new Map<number, number>();
  const predCount = new Map<number, number>();
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i]!;
    const p = predicted[i]!;
    goldCount.set(g, (goldCount.get(g) ?? 0) + 1);
    predCount.set(p, (predCount.get(p) ?? 0) + 1);
    if (g === p) tp.set(g, (tp.get(g) ?? 0) + 1);
  }
  const classes = new Set([...goldCount.keys(), ...predCount.keys()]);
  if (classes.size === 0) return NaN;
  let sum = 0;
  for (const c of classes) {
    const t = tp.get(c) ?? 0;
    const denom = (goldCount.get(c) ?? 0) + (predCount.get(c) ?? 0);
    sum += denom === 0 ? 0 : (2 * t) / denom;
  }
  return sum / classes.size;
}

/** Indices sorted by descending score (stable: equal scores keep input order). */
function byScoreDesc(scores: ArrayLike<number>): number[] {
  const order = Array.from({ length: scores.length }, (_, i) => i);
  order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return order;
}

/**
 * Average precision of ranking by `scores` (higher = more likely positive) against binary `labels`:
 * Σ_n (R_n − R_{n−1}) · P_n over distinct score thresholds, as sklearn. NaN with no positive label.
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  if (n !== scores.length) throw new RangeError(`averagePrecision: lengths differ (${n} vs ${scores.length})`);
  let positives = 0;
  for (let i = 0; i < n; i++) if (labels[i]! > 0) positives++;
  if (positives === 0) return NaN;
  const order = byScoreDesc(scores);
  let tp = 0;
  let fp = 0;
  let prevRecall = 0;
  let ap = 0;
  for (let i = 0; i < n; i++) {
    const idx = order[i]!;
    if (labels[idx]! > 0) tp++;
    else fp++;
    const last = i === n - 1 || scores[order[i + 1]!]! !== scores[idx]!;
    if (!last) continue; // ties: one threshold
    const recall = tp / positives;
    ap += (recall - prevRecall) * (tp / (tp + fp));
    prevRecall = recall;
  }
  return ap;
}

export interface ThresholdScore {
  readonly value: number;
  /** Predict positive when score ≥ threshold. */
  readonly threshold: number;
}

/**
 * Best accuracy over all thresholds "positive iff score ≥ t" (MTEB's `find_best_acc_and_threshold`,
 * with t the midpoint between consecutive distinct scores).
 */
export function bestThresholdAccuracy(labels: ArrayLike<number>, scores: ArrayLike<number>): ThresholdScore {
  const n = labels.length;
  if (n === 0) return { value: NaN, threshold: NaN };
  const order = byScoreDesc(scores);
  let positives = 0;
  for (let i = 0; i < n; i++) if (labels[i]! > 0) positives++;
  // threshold above everything: all negative
  let best = (n - positives) / n;
  let bestT = scores[order[0]!]! + 1;
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < n; i++) {
    const idx = order[i]!;
    if (labels[idx]! > 0) tp++;
    else fp++;
    if (i < n - 1 && scores[order[i + 1]!]! === scores[idx]!) continue;
    const correct = tp + (n - positives - fp);
    const acc = correct / n;
    if (acc > best) {
      best = acc;
      bestT = i < n - 1 ? (scores[idx]! + scores[order[i + 1]!]!) / 2 : scores[idx]! - 1;
    }
  }
  return { value: best, threshold: bestT };
}

/** Best F1 of the positive class over all thresholds (MTEB's `find_best_f1_and_threshold`). */
export function bestThresholdF1(labels: ArrayLike<number>, scores: ArrayLike<number>): ThresholdScore & { precision: number; recall: number } {
  const n = labels.length;
  let positives = 0;
  for (let i = 0; i < n; i++) if (labels[i]! > 0) positives++;
  if (n === 0 || positives === 0) return { value: NaN, threshold: NaN, precision: NaN, recall: NaN };
  const order = byScoreDesc(scores);
  let best = 0;
  let bestT = NaN;
  let bestP = 0;
  let bestR = 0;
  let tp = 0;
  for (let i = 0; i < n; i++) {
    const idx = order[i]!;
    if (labels[idx]! > 0) tp++;
    if (i < n - 1 && scores[order[i + 1]!]! === scores[idx]!) continue;
    const p = tp / (i + 1);
    const r = tp / positives;
    const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
    if (f1 > best) {
      best = f1;
      bestP = p;
      bestR = r;
      bestT = i < n - 1 ? (scores[idx]! + scores[order[i + 1]!]!) / 2 : scores[idx]! - 1;
    }
  }
  return { value: best, threshold: bestT, precision: bestP, recall: bestR };
}
