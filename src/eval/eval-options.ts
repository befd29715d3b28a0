/**
 * The run options of an evaluation, declared once (library, CLI and server validate them the same way),
 * with upper bounds so that no value makes a run hang.
 */
import { booleanOption, choiceOption, intOption, type OptionValues } from '../options/option-spec.js';
import { validateOptions } from '../options/validate.js';
import { DEFAULT_RESTRICT_VOCAB } from './runners/analogy.js';
import type { EvalOptions } from './types.js';

export const EVAL_OPTIONS = {
  restrictVocab: intOption(1, 100_000_000, `analogy: answer from and require question words among the N most frequent words (default ${DEFAULT_RESTRICT_VOCAB})`),
  oov: choiceOption(['skip', 'dummy'] as const, 'word similarity: skip pairs with unknown words (default) or score them 0 (dummy)'),
  analogyMethod: choiceOption(['add', 'mul', 'both'] as const, 'analogy: 3CosAdd, 3CosMul or both (default both; main score is 3CosAdd)'),
  seed: intOption(0, 2 ** 31 - 1, 'seed for cross-validation folds and k-means (default 42)'),
  folds: intOption(2, 1000, 'classification without a train split: cross-validation folds (default 10)'),
  restarts: intOption(1, 1000, 'clustering: k-means restarts (default 10)'),
  skipBadRows: booleanOption('skip malformed rows (counted in a warning) instead of failing'),
  encoding: choiceOption(['auto', 'utf8', 'latin1'] as const, 'text encoding of data files (default auto: UTF-8, else Latin-1)'),
} as const;


/** Validated run options as the evaluator takes them. */
export function evalOptions(raw: Readonly<Record<string, unknown>>): EvalOptions {
  const o = validateOptions(EVAL_OPTIONS, raw);
  const { analogyMethod, ...rest } = o;
  return { ...rest, ...(analogyMethod !== undefined ? { analogyMethods: analogyMethod === 'both' ? ['add', 'mul'] : [analogyMethod] } : {}) };
}
