/**
 * The options of an alignment run (align.ts, bli.ts), declared once: the library, the CLI and the server
 * validate them the same way. Defaults are the library's (MUSE's), named in the descriptions.
 */
import { EmbedkitError } from '../../errors.js';
import { booleanOption, choiceOption, intOption, listOption, numberOption } from '../../options/option-spec.js';
import { validateOptions } from '../../options/validate.js';
import { checkSteps } from '../../embedders/transforms/preprocess.js';
import type { AlignOptions } from './align.js';
import type { BliOptions } from './bli.js';
import { INDUCTION_BUILDS } from './induce-dictionary.js';

export const ALIGN_OPTIONS = {
  method: choiceOption(['orthogonal', 'least-squares'] as const, 'orthogonal Procrustes (default; spaces of the same dimension) or a least-squares linear map (any two dimensions)'),
  preprocess: listOption('steps applied to both spaces first, each center or unit, e.g. unit,center,unit (default none, as MUSE)', { valueName: 'steps' }),
  refinements: intOption(0, 1000, 'refinement rounds after the seed fit, each inducing a new dictionary (default 5, as MUSE; 0 = the seed fit only)'),
  maxVocab: intOption(2, 100_000_000, 'rows of each space searched by refinement and evaluation, in file (frequency) order (default 200,000, as MUSE)'),
  cslsK: intOption(1, 10_000, 'neighbours in the CSLS hubness terms (default 10)'),
  induction: choiceOption(['csls', 'nn'] as const, 'how refinement rounds pair words: CSLS (default) or plain nearest neighbours'),
  build: choiceOption(INDUCTION_BUILDS, 'which induced pairs are kept: S2T&T2S (default: mutual nearest neighbours), S2T, T2S or S2T|T2S', { valueName: 'mode' }),
  maxRank: intOption(0, 100_000_000, 'only the n most frequent words of each space take part in induced dictionaries (default 10,000; 0 = all)'),
  select: choiceOption(['criterion', 'last'] as const, 'the round kept: the best unsupervised mean-cosine criterion (default; never the test dictionary) or the last'),
  ridge: numberOption(0, Number.POSITIVE_INFINITY, 'least squares: ridge penalty λ (default 0)', { valueName: 'λ' }),
  intercept: booleanOption('least squares: fit a bias term (both sides centred)'),
  nnOnly: booleanOption('evaluation: nearest-neighbour retrieval only (skips the CSLS scans of both spaces)'),
} as const;

export interface AlignRun {
  /** For `alignVectors` (the seed dictionary and progress are the caller's). */
  readonly align: Omit<AlignOptions, 'dictionary' | 'onProgress'>;
  /** For `evaluateAlignment`. */
  readonly evaluation: Omit<BliOptions, 'terms' | 'onProgress'>;
}

function onlyWithLeastSquares(name: string, given: unknown): void {
  if (given !== undefined) throw new EmbedkitError('BAD_OPTION', name, { expected: "only with `method` 'least-squares'", received: JSON.stringify(given), where: name });
}

/** Validated alignment options. */
export function alignRun(raw: Readonly<Record<string, unknown>>): AlignRun {
  const o = validateOptions(ALIGN_OPTIONS, raw);
  if (o.method !== 'least-squares') {
    onlyWithLeastSquares('ridge', o.ridge);
    onlyWithLeastSquares('intercept', o.intercept);
  }
  const induction = {
    ...(o.induction !== undefined ? { method: o.induction } : {}),
    ...(o.cslsK !== undefined ? { cslsK: o.cslsK } : {}),
    ...(o.build !== undefined ? { build: o.build } : {}),
    ...(o.maxRank !== undefined ? { maxRank: o.maxRank } : {}),
  };
  const align: AlignRun['align'] = {
    ...(o.method !== undefined ? { method: o.method } : {}),
    ...(o.preprocess !== undefined ? { preprocess: checkSteps(o.preprocess, 'preprocess') } : {}),
    ...(o.refinements !== undefined ? { refinements: o.refinements } : {}),
    ...(o.maxVocab !== undefined ? { maxVocab: o.maxVocab } : {}),
    ...(o.select !== undefined ? { select: o.select } : {}),
    ...(o.ridge !== undefined ? { ridge: o.ridge } : {}),
    ...(o.intercept !== undefined ? { intercept: o.intercept } : {}),
    ...(Object.keys(induction).length > 0 ? { induction } : {}),
  };
  return { align, evaluation: { ...(o.cslsK !== undefined ? { cslsK: o.cslsK } : {}), ...(o.nnOnly !== undefined ? { nnOnly: o.nnOnly } : {}) } };
}
