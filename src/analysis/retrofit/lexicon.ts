/**
 * A lexicon graph for retrofitting: word → neighbour → edge weight. Readers:
 * - edge lists `word1 word2 [weight]` (the shape of a UMLS or ontology export), one edge a line, `#`
 *   comments and blank lines skipped; undirected by default (each edge is added both ways);
 * - Faruqui et al.'s lexicon files `word neighbour1 neighbour2 …` (PPDB, WordNet, FrameNet lexicons of the
 *   retrofitting repository), one word's neighbours a line, directed as retrofit.py reads them.
 * Repeated edges keep the larger weight. Self-loops are dropped.
 */
import { readFile } from 'node:fs/promises';
import { EmbedkitError, FormatError } from '../../errors.js';

export class Lexicon {
  private readonly adj = new Map<string, Map<string, number>>();

  /** Adds a → b (and b → a unless `directed`) with `weight` (> 0); a repeated edge keeps the larger weight. */
  addEdge(a: string, b: string, weight = 1, directed = false): void {
    if (a === b) return;
    this.add(a, b, weight);
    if (!directed) this.add(b, a, weight);
  }

  private add(a: string, b: string, w: number): void {
    let m = this.adj.get(a);
    if (m === undefined) {
      m = new Map();
      this.adj.set(a, m);
    }
    const old = m.get(b);
    if (old === undefined || w > old) m.set(b, w);
  }

  neighbors(word: string): ReadonlyMap<string, number> | undefined {
    return this.adj.get(word);
  }

  /** Words with at least one outgoing edge, in insertion order. */
  words(): IterableIterator<string> {
    return this.adj.keys();
  }

  get size(): number {
    return this.adj.size;
  }

  /** Directed edge count. */
  get edgeCount(): number {
    let n = 0;
    for (const m of this.adj.values()) n += m.size;
    return n;
  }

  /** A new lexicon with the edges of both (larger weight wins). */
  merge(other: Lexicon): Lexicon {
    const out = new Lexicon();
    for (const lex of [this, other]) for (const [a, m] of lex.adj) for (const [b, w] of m) out.add(a, b, w);
    return out;
  }
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new EmbedkitError('FILE_NOT_FOUND', 'lexicon file', { where: path, received: e instanceof Error ? e.message : String(e) });
  }
}

export interface EdgeListOptions {
  /** Add each edge one way only (default false: both ways). */
  readonly directed?: boolean;
  /** Lower-case the words (default false; vector look-up falls back to lower case anyway). */
  readonly lowercase?: boolean;
}

/** Parses `word1 word2 [weight]` lines (whitespace-separated). */
export function parseEdgeList(text: string, path: string, opts: EdgeListOptions = {}): Lexicon {
  const lex = new Lexicon();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const t = line.split(/\s+/);
    if (t.length < 2 || t.length > 3) throw new FormatError(path, 'edge', { expected: '"word1 word2 [weight]"', received: `${t.length} fields`, line: i + 1 });
    let w = 1;
    if (t.length === 3) {
      w = Number(t[2]);
      if (!Number.isFinite(w) || w <= 0) throw new FormatError(path, 'edge weight', { expected: 'a positive finite number', received: JSON.stringify(t[2]), line: i + 1 });
    }
    const a = opts.lowercase === true ? t[0]!.toLowerCase() : t[0]!;
    const b = opts.lowercase === true ? t[1]!.toLowerCase() : t[1]!;
    lex.addEdge(a, b, w, opts.directed ?? false);
  });
  if (lex.size === 0) throw new FormatError(path, 'edge list', { expected: 'at least one "word1 word2 [weight]" line', received: 'none' });
  return lex;
}

export async function readEdgeList(path: string, opts: EdgeListOptions = {}): Promise<Lexicon> {
  return parseEdgeList(await readText(path), path, opts);
}

/** Parses Faruqui's `word n1 n2 …` lines (directed: the line's word gets the listed neighbours). */
export function parseAdjacencyLexicon(text: string, path: string, opts: { lowercase?: boolean } = {}): Lexicon {
  const lex = new Lexicon();
  const norm = (w: string): string => (opts.lowercase ?? true ? w.toLowerCase() : w);
  text.split(/\r?\n/).forEach((raw) => {
    const t = raw.trim().split(/\s+/).filter((x) => x !== '');
    if (t.length < 2) return;
    const w = norm(t[0]!);
    for (const n of t.slice(1)) lex.addEdge(w, norm(n), 1, true);
  });
  if (lex.size === 0) throw new FormatError(path, 'lexicon', { expected: 'lines "word neighbour1 neighbour2 …"', received: 'no line with a neighbour' });
  return lex;
}

export async function readAdjacencyLexicon(path: string, opts: { lowercase?: boolean } = {}): Promise<Lexicon> {
  return parseAdjacencyLexicon(await readText(path), path, opts);
}
