/**
 * The options of direction removal, declared once (library, CLI and server): how many principal
 * components span a subspace built from word sets, unit-length outputs, and INLP's rounds. What to remove
 * (word pairs, defining sets, raw vectors, INLP classes) are inputs, not options.
 */
import { booleanOption, intOption, numberOption } from '../../options/option-spec.js';
import { onlyWith, validateOptions } from '../../options/validate.js';
import type { InlpOptions } from './inlp.js';

export const PROJECT_OUT_OPTIONS = {
  components: intOption(1, 65_536, 'word pairs / sets: principal components removed (default 1)'),
  normalize: booleanOption('scale every output vector to unit length after the projection'),
  inlp: booleanOption('iterative nullspace projection (Ravfogel et al. 2020): train a linear probe for the classes, remove its directions, repeat'),
  iterations: intOption(1, 1000, 'INLP: classifier rounds (default 10)'),
  stopMargin: numberOption(0, 1, 'INLP: stop when held-out accuracy is at most the majority rate + this margin (default: run every round)'),
  testFraction: numberOption(0.01, 0.99, 'INLP: held-out fraction for the accuracy of each round (default 0.3)', { valueName: 'fraction' }),
  seed: intOption(0, 2 ** 31 - 1, 'INLP: seed of the held-out split (default 0)'),
} as const;

export interface ProjectOutRun {
  readonly components?: number;
  readonly normalize: boolean;
  /** INLP options when `inlp` is set. */
  readonly inlp?: Omit<InlpOptions, 'onProgress'>;
}

export function projectOutRun(raw: Readonly<Record<string, unknown>>): ProjectOutRun {
  const { components, normalize, inlp, ...rest } = validateOptions(PROJECT_OUT_OPTIONS, raw);
  const norm = normalize ?? false;
  if (inlp !== true) for (const [name, value] of Object.entries(rest)) onlyWith(name, value, '`inlp`');
  return {
    ...(components !== undefined ? { components } : {}),
    normalize: norm,
    ...(inlp === true ? { inlp: { ...rest, normalize: norm } } : {}),
  };
}
