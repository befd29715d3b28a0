/**
 * The graph method of unsupervised data–text matching (Ahmadi, Sand & Papotti, "Unsupervised Matching of
 * Data and Text", ICDE 2022): one graph links every row to its cell values, every cell value to its tokens,
 * and every text to its tokens; uniform random walks from every node become the sentences of a word2vec
 * (skip-gram) model trained with the existing trainer; rows and texts are then matched by the cosine of
 * their node vectors. Only tokens that occur on both sides (in some cell value and in some text) and in at
 * most `maxTextShare` of the texts are kept: the others are dead ends or hubs that carry no match signal.
 */
import { seededRandom } from '../../learn/random.js';
import { normalizeRowsInPlace } from '../../math/kernels.js';
import { toShared } from '../../math/shared-memory.js';
import { topKDotBatch } from '../../math/top-k.js';
import { tokenize } from '../../text/tokenize.js';
import { createTrainer } from '../../train/trainers.js';
import type { TrainProgress } from '../../train/trainer.js';
import { rowMatches, type RowMatches } from './match-result.js';
import type { MatchText, TableRow } from './table.js';

export interface GraphMatchOptions {
  readonly k: number;
  /** Walks started from every node (default 10). */
  readonly walks?: number;
  /** Nodes per walk (default 20). */
  readonly walkLength?: number;
  /** Vector size (default 100). */
  readonly dim?: number;
  /** word2vec passes over the walks (default 5). */
  readonly epochs?: number;
  /** word2vec context window (default 5). */
  readonly window?: number;
  /** Tokens in more than this share of the texts are left out (default 0.1). */
  readonly maxTextShare?: number;
  readonly seed?: number;
  readonly threads?: number;
  readonly onProgress?: (p: TrainProgress) => void;
}

export interface MatchGraph {
  /** Node names: `r<i>` rows, `p<i>` texts, `v<j>` cell values, `t<j>` tokens. */
  readonly names: readonly string[];
  readonly neighbors: readonly Int32Array[];
  readonly rows: number;
  readonly texts: number;
}

const WORD = /[\p{L}\p{N}]/u;

function tokensOf(text: string): Set<string> {
  return new Set(tokenize(text, { lowercase: true }).filter((t) => WORD.test(t)));
}

/** Builds the row–value–token–text graph. */
export function buildMatchGraph(rows: readonly TableRow[], texts: readonly MatchText[], maxTextShare = 0.1): MatchGraph {
  const values = new Map<string, number>();
  const rowValues = rows.map((r) => r.cells.map(([, v]) => {
    const key = v.toLowerCase();
    let j = values.get(key);
    if (j === undefined) values.set(key, (j = values.size));
    return j;
  }));
  const valueTokens = [...values.keys()].map(tokensOf);
  const textTokens = texts.map((t) => tokensOf(t.text));
  const textDf = new Map<string, number>();
  for (const s of textTokens) for (const t of s) textDf.set(t, (textDf.get(t) ?? 0) + 1);
  const inValues = new Set<string>();
  for (const s of valueTokens) for (const t of s) inValues.add(t);
  const limit = Math.max(1, Math.floor(maxTextShare * texts.length));
  const tokens = new Map<string, number>();
  for (const [t, df] of textDf) if (df <= limit && inValues.has(t)) tokens.set(t, tokens.size);

  const R = rows.length;
  const P = texts.length;
  const V = values.size;
  const names = [
    ...Array.from({ length: R }, (_, i) => `r${i}`),
    ...Array.from({ length: P }, (_, i) => `p${i}`),
    ...Array.from({ length: V }, (_, i) => `v${i}`),
    ...Array.from({ length: tokens.size }, (_, i) => `t${i}`),
  ];
  const adj: number[][] = names.map(() => []);
  const link = (a: number, b: number): void => {
    adj[a]!.push(b);
    adj[b]!.push(a);
  };
  const vNode = (j: number): number => R + P + j;
  const tNode = (j: number): number => R + P + V + j;
  rowValues.forEach((vs, i) => new Set(vs).forEach((j) => link(i, vNode(j))));
  valueTokens.forEach((s, j) => s.forEach((t) => {
    const k = tokens.get(t);
    if (k !== undefined) link(vNode(j), tNode(k));
  }));
  textTokens.forEach((s, i) => s.forEach((t) => {
    const k = tokens.get(t);
    if (k !== undefined) link(R + i, tNode(k));
  }));
  return { names, neighbors: adj.map((a) => Int32Array.from(a)), rows: R, texts: P };
}

/** `walks` uniform random walks of `walkLength` nodes from every node with a neighbour, as node-name sentences. */
export function randomWalks(graph: MatchGraph, walks: number, walkLength: number, seed: number): string[][] {
  const rand = seededRandom(seed);
  const out: string[][] = [];
  for (let w = 0; w < walks; w++) {
    for (let start = 0; start < graph.names.length; start++) {
      if (graph.neighbors[start]!.length === 0) continue;
      const walk = [graph.names[start]!];
      let at = start;
      for (let s = 1; s < walkLength; s++) {
        const nb = graph.neighbors[at]!;
        at = nb[Math.floor(rand() * nb.length)]!;
        walk.push(graph.names[at]!);
      }
      out.push(walk);
    }
  }
  return out;
}

export async function graphMatch(rows: readonly TableRow[], texts: readonly MatchText[], o: GraphMatchOptions): Promise<RowMatches[]> {
  const seed = o.seed ?? 1;
  const graph = buildMatchGraph(rows, texts, o.maxTextShare ?? 0.1);
  const walks = randomWalks(graph, o.walks ?? 10, o.walkLength ?? 20, seed);
  const { vectors } = await createTrainer('word2vec').train(walks, {
    architecture: 'skipgram',
    dim: o.dim ?? 100,
    window: o.window ?? 5,
    epochs: o.epochs ?? 5,
    minCount: 1,
    seed,
    ...(o.threads !== undefined ? { threads: o.threads } : {}),
    ...(o.onProgress !== undefined ? { onProgress: o.onProgress } : {}),
  });
  const dim = vectors.dim;
  const take = (prefix: string, n: number): Float32Array => {
    const data = new Float32Array(n * dim);
    for (let i = 0; i < n; i++) {
      const v = vectors.get(`${prefix}${i}`);
      if (v !== undefined) data.set(v, i * dim); // a node no walk reached stays zero (scores 0)
    }
    normalizeRowsInPlace(data, dim);
    return data;
  };
  const left = take('r', rows.length);
  const right = take('p', texts.length);
  return rowMatches(rows, texts, topKDotBatch(toShared(right), dim, left, Math.min(o.k, texts.length)));
}
