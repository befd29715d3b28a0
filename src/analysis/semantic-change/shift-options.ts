/**
 * The options of a semantic-shift run (semantic-shift.ts), declared once: the library, the CLI and the
 * server validate them the same way. Defaults are the library's, named in the descriptions.
 */
import { intOption, listOption } from '../../options/option-spec.js';
import { validateOptions } from '../../options/validate.js';
import { checkSteps } from '../../embedders/transforms/preprocess.js';
import type { ShiftOptions } from './semantic-shift.js';

export const SHIFT_OPTIONS = {
  top: intOption(1, 1_000_000, 'words listed per ranking (global and local), largest shift first (default 50)'),
  k: intOption(1, 10_000, 'nearest neighbours of the local measure and the overlap (default 25, as Hamilton et al. 2016)'),
  neighbours: intOption(1, 1000, 'nearest shared words shown per word and space (default 10)'),
  maxWords: intOption(2, 100_000_000, "only each space's n most frequent words take part (default all; rare words move most)"),
  preprocess: listOption('steps before the Procrustes fit, each center or unit (default unit, as histwords)', { valueName: 'steps' }),
} as const;

/** Validated options for `semanticShift` (progress is the caller's). */
export function shiftRun(raw: Readonly<Record<string, unknown>>): Omit<ShiftOptions, 'onProgress'> {
  const o = validateOptions(SHIFT_OPTIONS, raw);
  return {
    ...(o.top !== undefined ? { top: o.top } : {}),
    ...(o.k !== undefined ? { k: o.k } : {}),
    ...(o.neighbours !== undefined ? { shownNeighbours: o.neighbours } : {}),
    ...(o.maxWords !== undefined ? { maxWords: o.maxWords } : {}),
    ...(o.preprocess !== undefined ? { preprocess: checkSteps(o.preprocess, 'preprocess') } : {}),
  };
}
