/**
 * Fitting a post-processing transform — centring, all-but-the-top, whitening — from options declared once
 * (the library, the CLI and the server validate them the same way): which kind, its parameters, and how
 * many vocabulary rows fit it. Options of another kind are errors naming the option.
 */
import { EmbedkitError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import { booleanOption, choiceOption, intOption } from '../../options/option-spec.js';
import { validateOptions } from '../../options/validate.js';
import type { VectorTransform } from '../../embedders/transforms/vector-transform.js';
import { fitAbtt, type AbttOptions } from './abtt-transform.js';
import { fitCenter } from './center-transform.js';
import { fitWhitening, type WhitenOptions } from './whiten-transform.js';

export const FITTED_TRANSFORM_KINDS = ['center', 'abtt', 'whiten'] as const;
export type FittedTransformKind = (typeof FITTED_TRANSFORM_KINDS)[number];

export const TRANSFORM_FIT_OPTIONS = {
  kind: choiceOption(FITTED_TRANSFORM_KINDS, 'center (subtract the mean), abtt (all-but-the-top: the mean and the top principal components) or whiten (to `dims` dimensions)'),
  components: intOption(0, 65_535, 'abtt: principal components removed (default dim/100 rounded, at least 1)'),
  abttVariant: choiceOption(['paper', 'centered'] as const, "abtt: project the uncentred vector as the paper's Algorithm 1 (paper, default) or the centred one (centered: output mean 0)"),
  dims: intOption(1, 65_536, 'whiten: output dimensions k (default: all)'),
  unitLength: booleanOption("whiten: scale outputs to unit length (BERT-whitening's transform_and_normalize; cosines do not change)"),
  limit: intOption(1, 100_000_000, 'word vectors: fit on the n most frequent words (default: the whole vocabulary)'),
} as const;

const ONLY: Readonly<Record<string, FittedTransformKind>> = { components: 'abtt', abttVariant: 'abtt', dims: 'whiten', unitLength: 'whiten' };

export interface TransformFitRun {
  readonly kind: FittedTransformKind;
  readonly abtt: AbttOptions;
  readonly whiten: WhitenOptions;
  /** Rows of a vocabulary fitted on (the most frequent first). */
  readonly limit?: number;
}

/** Validated fitting options; `kind` is required. */
export function transformFitRun(raw: Readonly<Record<string, unknown>>): TransformFitRun {
  const o = validateOptions(TRANSFORM_FIT_OPTIONS, raw);
  if (o.kind === undefined) throw new EmbedkitError('BAD_OPTION', 'kind', { expected: FITTED_TRANSFORM_KINDS.join('|'), received: 'none', where: 'kind' });
  for (const [name, kind] of Object.entries(ONLY)) {
    const v = (o as Record<string, unknown>)[name];
    if (v !== undefined && o.kind !== kind) throw new EmbedkitError('BAD_OPTION', name, { expected: `only with \`kind\` ${kind}`, received: `${JSON.stringify(v)} with \`kind\` ${o.kind}`, where: name });
  }
  return {
    kind: o.kind,
    abtt: { ...(o.components !== undefined ? { components: o.components } : {}), ...(o.abttVariant !== undefined ? { variant: o.abttVariant } : {}) },
    whiten: { ...(o.dims !== undefined ? { dims: o.dims } : {}), ...(o.unitLength !== undefined ? { normalize: o.unitLength } : {}) },
    ...(o.limit !== undefined ? { limit: o.limit } : {}),
  };
}

/** Fits the run's transform on the rows of `m`. */
export function fitTransform(m: Matrix, run: TransformFitRun): VectorTransform {
  switch (run.kind) {
    case 'center':
      return fitCenter(m);
    case 'abtt':
      return fitAbtt(m, run.abtt);
    case 'whiten':
      return fitWhitening(m, run.whiten);
  }
}
