/**
 * The options of a WEAT / SEAT run, declared once (library, CLI and server validate them the same way).
 * Defaults are the library's (weat.ts, permutation.ts); they are named in the descriptions.
 */
import { EmbedkitError } from '../../errors.js';
import { choiceOption, intOption, listOption, numberOption, stringOption } from '../../options/option-spec.js';
import { validateOptions } from '../../options/validate.js';
import { ALTERNATIVES } from './permutation.js';
import type { WeatOptions } from './weat.js';
import { listWeatTests, type LoadWeatOptions } from './word-sets.js';

export const WEAT_OPTIONS = {
  test: stringOption('a test of the data root (weat1 … weat10, sent-weat6, wefe:weat6) or a test file (sent-bias or WEFE shape)', { valueName: 'name|file' }),
  sets: listOption('WEFE-shaped files: the four set names (targ1,targ2,attr1,attr2) or a WEAT test name', { valueName: 'x,y,a,b' }),
  std: choiceOption(['population', 'sample'] as const, 'standard deviation of the effect size: population (ddof 0, WEFE; default) or sample (ddof 1, sent-bias)'),
  permutations: intOption(1, 100_000_000, 'random partitions drawn when there are too many to enumerate (default 100000)'),
  exactLimit: intOption(0, 100_000_000, 'enumerate every partition when there are at most this many (default 1000000)'),
  seed: intOption(0, 2 ** 31 - 1, 'seed of the random partitions (default 0)'),
  alternative: choiceOption(ALTERNATIVES, 'greater: X is more associated with A than Y is (Caliskan; default), less, or two-sided'),
  lostVocabularyThreshold: numberOption(0, 1, 'fail when a set loses more than this fraction of its words (default 0.2)', { valueName: 'fraction' }),
} as const;

export interface WeatRun {
  /** Test name or file. */
  readonly test: string;
  /** How to load it (`dataDir` is added by the caller). */
  readonly load: Pick<LoadWeatOptions, 'sets'>;
  readonly options: WeatOptions;
}

/** Validated WEAT/SEAT options: which test, how to load it, how to score it. `dataDir` only names the tests in the error when `test` is missing. */
export function weatRun(raw: Readonly<Record<string, unknown>>, dataDir?: string): WeatRun {
  const { test, sets, ...options } = validateOptions(WEAT_OPTIONS, raw);
  if (test === undefined) {
    const known = dataDir === undefined ? [] : listWeatTests(dataDir);
    throw new EmbedkitError('BAD_OPTION', 'test', {
      expected: 'a test name or a test file',
      received: 'none',
      where: 'test',
      hint: known.length > 0 ? `tests in the data root: ${known.join(', ')}` : 'give a test file, or a test name with `dataDir`',
    });
  }
  let load: WeatRun['load'] = {};
  if (sets !== undefined) {
    if (sets.length === 1) load = { sets: sets[0]! };
    else if (sets.length === 4) load = { sets: [sets[0]!, sets[1]!, sets[2]!, sets[3]!] };
    else throw new EmbedkitError('BAD_OPTION', 'sets', { expected: 'four set names (targ1,targ2,attr1,attr2) or one WEAT test name', received: `${sets.length} names`, where: 'sets' });
  }
  return { test, load, options };
}
