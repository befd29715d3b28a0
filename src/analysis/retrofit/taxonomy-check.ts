/**
 * Does a space reflect a taxonomy? Seeded (word, sibling, cousin) triples from WordNet's noun hierarchy:
 * the word's synset is the first (most frequent) noun sense of a single-word lemma, the sibling shares its
 * parent, the cousin shares its grandparent but not its parent; all three words are in the first
 * `restrictVocab` rows of the vocabulary and are each other's first senses' lemmas. The check reports
 * mean cos(word, sibling), mean cos(word, cousin) and how often the sibling is the closer one.
 */
import { seededRandom } from '../../learn/random.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';
import type { WordNet } from './wordnet.js';

export interface TaxonomyTriple {
  readonly word: string;
  readonly sibling: string;
  readonly cousin: string;
}

export interface TaxonomyCheck {
  readonly triples: number;
  readonly siblingCosine: number;
  readonly cousinCosine: number;
  /** Fraction of triples with cos(word, sibling) > cos(word, cousin). */
  readonly siblingCloser: number;
}

function parents(wn: WordNet, id: string): string[] {
  return (wn.synsets.get(id)?.pointers ?? []).filter((p) => p.symbol === '@' || p.symbol === '@i').map((p) => p.target);
}
function children(wn: WordNet, id: string): string[] {
  return (wn.synsets.get(id)?.pointers ?? []).filter((p) => p.symbol === '~' || p.symbol === '~i').map((p) => p.target);
}

export function taxonomyTriples(wn: WordNet, kv: KeyedVectors, opts: { count?: number; seed?: number; restrictVocab?: number } = {}): TaxonomyTriple[] {
  const limit = Math.min(kv.size, opts.restrictVocab ?? 50_000);
  const index = wn.index.n;
  if (index === undefined) return [];
  // the word that names a synset: a single-word lemma in range whose first noun sense is this synset
  const nameOf = new Map<string, string>();
  for (const [lemma, ids] of index) {
    if (lemma.includes('_')) continue;
    const row = kv.indexOf(lemma);
    if (row < 0 || row >= limit || kv.keyAt(row) !== lemma) continue;
    const first = ids[0]!;
    if (!nameOf.has(first)) nameOf.set(first, lemma);
  }
  const rand = seededRandom(opts.seed ?? 0);
  const pickOne = <T>(xs: readonly T[]): T | undefined => (xs.length === 0 ? undefined : xs[Math.floor(rand() * xs.length)]);
  const ids = [...nameOf.keys()].sort();
  const out: TaxonomyTriple[] = [];
  const count = opts.count ?? 2000;
  for (let tries = 0; tries < count * 20 && out.length < count; tries++) {
    const id = pickOne(ids)!;
    const parent = pickOne(parents(wn, id));
    if (parent === undefined) continue;
    const sibling = pickOne(children(wn, parent).filter((c) => c !== id && nameOf.has(c)));
    const grand = pickOne(parents(wn, parent));
    if (sibling === undefined || grand === undefined) continue;
    const myParents = new Set(parents(wn, id));
    const uncles = children(wn, grand).filter((u) => u !== parent && !myParents.has(u));
    const cousins = uncles.flatMap((u) => children(wn, u)).filter((c) => nameOf.has(c) && !parents(wn, c).some((p) => myParents.has(p)));
    const cousin = pickOne(cousins);
    if (cousin === undefined) continue;
    const w = nameOf.get(id)!;
    const s = nameOf.get(sibling)!;
    const c = nameOf.get(cousin)!;
    if (w === s || w === c || s === c) continue;
    out.push({ word: w, sibling: s, cousin: c });
  }
  return out;
}

export function taxonomyCheck(kv: KeyedVectors, triples: readonly TaxonomyTriple[]): TaxonomyCheck {
  let sib = 0;
  let cou = 0;
  let closer = 0;
  for (const t of triples) {
    const a = kv.similarity(t.word, t.sibling);
    const b = kv.similarity(t.word, t.cousin);
    sib += a;
    cou += b;
    if (a > b) closer++;
  }
  const n = Math.max(1, triples.length);
  return { triples: triples.length, siblingCosine: sib / n, cousinCosine: cou / n, siblingCloser: closer / n };
}
