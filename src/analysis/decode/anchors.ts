/**
 * Semantic anchors of a set of vectors: k-means on the unit-length rows (k-means++ seeding, restarts,
 * seeded; src/learn/kmeans.ts), each centroid described by its nearest vocabulary words and by the
 * members closest to it. A compact, readable summary of what a collection or corpus is about. By default the
 * rows are centred first (their mean subtracted), so the centroids are decoded by what distinguishes them.
 */
import { EmbedkitError } from '../../errors.js';
import { kMeans } from '../../learn/kmeans.js';
import { normalizeRows } from '../../math/kernels.js';
import type { Matrix } from '../../math/matrix.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';
import { decodeVectors, meanVector } from './nearest-words.js';

export interface AnchorOptions {
  /** Number of anchors (default 8). */
  readonly k?: number;
  /** Words describing each anchor (default 10). */
  readonly topWords?: number;
  /** Member rows listed per anchor, closest to the centroid first (default 5). */
  readonly topMembers?: number;
  readonly restrictVocab?: number;
  readonly exclude?: readonly string[];
  readonly seed?: number;
  readonly restarts?: number;
  /**
   * Cluster and describe the rows relative to their mean (default true): the mean is subtracted before
   * clustering and decoding, so anchors are described by what sets them apart rather than by the common
   * direction all pooled vectors share.
   */
  readonly centre?: boolean;
}

export interface Anchor {
  /** Rows assigned to this anchor. */
  readonly size: number;
  readonly words: string[];
  /** Cosine of each word to the centroid. */
  readonly wordScores: Float32Array;
  /** Member rows closest to the centroid, best first. */
  readonly members: Int32Array;
  readonly memberScores: Float32Array;
  /** Mean cosine of the members to their centroid. */
  readonly cohesion: number;
  /** The centroid: the mean of the members' unit vectors (centred rows unless `centre` is false). */
  readonly centroid: Float32Array;
}

export interface Anchors {
  /** Largest first. */
  readonly anchors: Anchor[];
  /** Anchor of every row (an index into `anchors`). */
  readonly assignments: Int32Array;
  /** k-means inertia on the unit rows. */
  readonly inertia: number;
}

export function semanticAnchors(x: Matrix, vocab: KeyedVectors, opts: AnchorOptions = {}): Anchors {
  const k = opts.k ?? 8;
  if (!Number.isInteger(k) || k < 1) throw new EmbedkitError('BAD_OPTION', 'k', { expected: 'a positive integer', received: String(k), where: 'k' });
  if (x.rows < k) throw new EmbedkitError('EMPTY_INPUT', 'anchor input', { expected: `at least k = ${k} vectors`, received: `${x.rows}`, where: 'k' });
  if (x.dim !== vocab.dim) throw new EmbedkitError('DIM_MISMATCH', 'anchor input', { expected: `dimension ${vocab.dim} (the vocabulary's)`, received: `dimension ${x.dim}`, where: 'vectors' });
  const centre = opts.centre ?? true;
  const mean = centre ? meanVector(x) : undefined;
  let base = x.data;
  if (mean !== undefined) {
    base = Float32Array.from(x.data);
    for (let r = 0; r < x.rows; r++) for (let j = 0; j < x.dim; j++) base[r * x.dim + j]! -= mean[j]!;
  }
  const unit: Matrix = { data: normalizeRows(base, x.dim), rows: x.rows, dim: x.dim };
  const km = kMeans(unit, k, { seed: opts.seed ?? 42, restarts: opts.restarts ?? 10 });
  const kk = km.centroids.length / x.dim;
  const sizes = new Int32Array(kk);
  for (const a of km.assignments) sizes[a]!++;
  const order = Array.from({ length: kk }, (_, i) => i)
    .filter((c) => sizes[c]! > 0)
    .sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const centroids = new Float32Array(order.length * x.dim);
  order.forEach((c, i) => {
    for (let j = 0; j < x.dim; j++) centroids[i * x.dim + j] = km.centroids[c * x.dim + j]!;
  });
  const decoded = decodeVectors(vocab, { data: centroids, rows: order.length, dim: x.dim }, {
    topK: opts.topWords ?? 10,
    ...(opts.restrictVocab !== undefined ? { restrictVocab: opts.restrictVocab } : {}),
    ...(opts.exclude !== undefined ? { exclude: opts.exclude } : {}),
  });
  const newIndex = new Int32Array(kk).fill(-1);
  order.forEach((c, i) => (newIndex[c] = i));
  const assignments = Int32Array.from(km.assignments, (a) => newIndex[a]!);
  const topMembers = opts.topMembers ?? 5;
  const anchors = order.map((_, i): Anchor => {
    const centroid = centroids.subarray(i * x.dim, (i + 1) * x.dim);
    let cn = 0;
    for (const v of centroid) cn += v * v;
    cn = Math.sqrt(cn) || 1;
    const members: { row: number; score: number }[] = [];
    for (let r = 0; r < x.rows; r++) {
      if (assignments[r] !== i) continue;
      let d = 0;
      for (let j = 0; j < x.dim; j++) d += unit.data[r * x.dim + j]! * centroid[j]!;
      members.push({ row: r, score: d / cn });
    }
    const cohesion = members.reduce((s, m) => s + m.score, 0) / members.length;
    members.sort((a, b) => b.score - a.score || a.row - b.row);
    const top = members.slice(0, topMembers);
    return {
      size: members.length,
      words: decoded[i]!.words,
      wordScores: decoded[i]!.scores,
      members: Int32Array.from(top, (m) => m.row),
      memberScores: Float32Array.from(top, (m) => m.score),
      cohesion,
      centroid: Float32Array.from(centroid),
    };
  });
  return { anchors, assignments, inertia: km.inertia };
}
