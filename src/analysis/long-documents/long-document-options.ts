/** The options of the long-document evaluation, declared once (library and CLI validate them the same way). */
import { badOption } from '../../errors.js';
import { intOption, listOption } from '../../options/option-spec.js';
import { validateOptions } from '../../options/validate.js';
import { LONG_METHODS, LONG_TASKS, type LongMethod, type LongTask } from './long-tasks.js';

export const DEFAULT_LENGTHS: readonly number[] = [256, 512, 1024, 2048, 4096, 8192];

export const LONG_DOCUMENT_OPTIONS = {
  tasks: listOption(`synthetic tasks (${LONG_TASKS.join(', ')})`, { valueName: 'list', default: [...LONG_TASKS] }),
  lengths: listOption('document lengths in model tokens', { valueName: 'list', default: DEFAULT_LENGTHS.map(String) }),
  methods: listOption(`how long documents are embedded (${LONG_METHODS.join(', ')})`, { valueName: 'list', default: [...LONG_METHODS] }),
  documents: intOption(1, 1000, 'documents (and queries) per task and length', { default: 50 }),
  seed: intOption(0, 2 ** 31 - 1, 'random seed of the generated tasks', { default: 1 }),
} as const;

export interface LongDocumentSettings {
  readonly tasks: readonly LongTask[];
  readonly lengths: readonly number[];
  readonly methods: readonly LongMethod[];
  readonly documents: number;
  readonly seed: number;
}

function choices<T extends string>(name: string, values: readonly string[], allowed: readonly T[]): T[] {
  for (const v of values) if (!(allowed as readonly string[]).includes(v)) throw badOption(name, allowed.join(', '), v);
  if (values.length === 0) throw badOption(name, `one or more of ${allowed.join(', ')}`, '');
  return [...new Set(values)] as T[];
}

/** Validated settings with defaults. */
export function longDocumentSettings(raw: Readonly<Record<string, unknown>>): LongDocumentSettings {
  const o = validateOptions(LONG_DOCUMENT_OPTIONS, raw);
  const lengths = (o.lengths ?? DEFAULT_LENGTHS.map(String)).map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 16 || n > 1_000_000) throw badOption('lengths', 'integers in 16..1000000 (tokens)', s);
    return n;
  });
  return {
    tasks: choices('tasks', o.tasks ?? LONG_TASKS, LONG_TASKS),
    lengths: [...new Set(lengths)].sort((a, b) => a - b),
    methods: choices('methods', o.methods ?? LONG_METHODS, LONG_METHODS),
    documents: o.documents ?? 50,
    seed: o.seed ?? 1,
  };
}
