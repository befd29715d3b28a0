/**
 * The options of a text search, declared once (library, CLI and server validate them the same way).
 * Filters are parsed separately: each is one expression (`key=value`, `key in a,b`, `key>=n`).
 */
import { choiceOption, intOption } from '../options/option-spec.js';
import { validateOptions, withDefaults } from '../options/validate.js';
import { parseFilter } from './filter.js';
import type { TextSearchOptions } from './search.js';
import { INDEX_CHOICES, SEARCH_MODES } from './types.js';

export const SEARCH_OPTIONS = {
  k: intOption(1, 10_000, 'number of results', { default: 10 }),
  mode: choiceOption(SEARCH_MODES, 'dense vectors, BM25 keywords, or both fused (hybrid)', { default: 'dense' }),
  index: choiceOption(INDEX_CHOICES, 'how dense candidates are found (auto: hnsw from 50,000 records; matryoshka: with `dims`)', { default: 'auto' }),
  ef: intOption(1, 100_000, 'HNSW search candidate list (higher: better recall, slower)'),
  rescore: intOption(1, 1000, 'int8/binary/`dims`: rescore the best n×k candidates with full vectors'),
  dims: intOption(1, 1 << 16, 'Matryoshka: search on the first n dimensions, then rescore with all'),
} as const;

/** Validated search options with defaults, and the parsed filter expressions. */
export function textSearchOptions(raw: Readonly<Record<string, unknown>>, filters?: readonly string[]): TextSearchOptions {
  const o = withDefaults(SEARCH_OPTIONS, validateOptions(SEARCH_OPTIONS, raw));
  const filter = parseFilter(filters);
  return {
    k: o.k ?? 10,
    mode: o.mode ?? 'dense',
    index: o.index ?? 'auto',
    ...(o.ef !== undefined ? { ef: o.ef } : {}),
    ...(o.rescore !== undefined ? { rescore: o.rescore } : {}),
    ...(o.dims !== undefined ? { dims: o.dims } : {}),
    ...(filter !== undefined ? { filter } : {}),
  };
}
