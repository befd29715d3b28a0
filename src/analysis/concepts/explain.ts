/**
 * Why two texts match, in concept terms. With unit profiles p̂ₐ and p̂_b the concept-space similarity is
 * Σ_c p̂ₐ[c]·p̂_b[c]; each term is one concept's share of the match, so sorting the terms names the
 * concepts the texts share most (and, when negative, those that pull them apart). With fitted weights
 * (SESA, sesa.ts) the score is b + Σ_c w_c·p̂ₐ[c]·p̂_b[c] and a concept's share is w_c·p̂ₐ[c]·p̂_b[c].
 */
import { cosine } from '../../math/kernels.js';
import type { Matrix } from '../../math/matrix.js';
import type { ConceptSpace } from './concept-space.js';
import type { ConceptWeights } from './sesa.js';

export interface ConceptContribution {
  readonly concept: string;
  /** This concept's term of the score. */
  readonly contribution: number;
  /** Similarity of each text to the concept (centred when the space is). */
  readonly a: number;
  readonly b: number;
}

export interface MatchExplanation {
  /** Concept-space score: cosine of the profiles, or the SESA logit with weights. */
  readonly score: number;
  /** With weights: the SESA probability that the pair matches. */
  readonly probability?: number;
  /** Cosine of the two text embeddings themselves. */
  readonly embeddingCosine: number;
  /** Every concept's term, largest first. */
  readonly contributions: readonly ConceptContribution[];
}

export interface ExplainOptions {
  /** Fitted concept weights (SESA); the unsupervised space when omitted. */
  readonly weights?: ConceptWeights;
}

function unit(p: Float32Array, off: number, k: number): Float64Array {
  const out = new Float64Array(k);
  let s = 0;
  for (let c = 0; c < k; c++) s += p[off + c]! ** 2;
  if (s === 0) return out;
  const inv = 1 / Math.sqrt(s);
  for (let c = 0; c < k; c++) out[c] = p[off + c]! * inv;
  return out;
}

/** Explains row i of `pa` against row i of `pb` (profiles of the same space). */
export function explainProfiles(names: readonly string[], pa: Matrix, pb: Matrix, i: number, embeddingCosine: number, opts: ExplainOptions = {}): MatchExplanation {
  const k = names.length;
  const ua = unit(pa.data, i * k, k);
  const ub = unit(pb.data, i * k, k);
  const w = opts.weights?.weights;
  let score = opts.weights?.bias ?? 0;
  const contributions: ConceptContribution[] = [];
  for (let c = 0; c < k; c++) {
    const term = (w === undefined ? 1 : w[c]!) * ua[c]! * ub[c]!;
    score += term;
    contributions.push({ concept: names[c]!, contribution: term, a: pa.data[i * k + c]!, b: pb.data[i * k + c]! });
  }
  contributions.sort((x, y) => y.contribution - x.contribution);
  const out = { score, embeddingCosine, contributions };
  return w === undefined ? out : { ...out, probability: 1 / (1 + Math.exp(-score)) };
}

/** Explains the match between two texts by the concepts they share most. */
export async function explainMatch(space: ConceptSpace, a: string, b: string, opts: ExplainOptions = {}): Promise<MatchExplanation> {
  const m = await space.embedder.embed([a, b]);
  const p = space.profileVectors(m);
  const pa: Matrix = { data: p.data.subarray(0, space.size), rows: 1, dim: space.size };
  const pb: Matrix = { data: p.data.subarray(space.size), rows: 1, dim: space.size };
  const cos = cosine(m.data.subarray(0, m.dim), m.data.subarray(m.dim, 2 * m.dim));
  return explainProfiles(space.names, pa, pb, 0, cos, opts);
}
