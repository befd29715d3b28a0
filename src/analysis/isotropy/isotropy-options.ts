/**
 * The options of an isotropy measurement (measure-isotropy.ts, mean-cosine.ts), declared once: the
 * library, the CLI and the server validate them the same way. Defaults are the library's.
 */
import { EmbedkitError } from '../../errors.js';
import { choiceOption, intOption } from '../../options/option-spec.js';
import { validateOptions } from '../../options/validate.js';
import type { IsotropyOptions } from './measure-isotropy.js';

export const ISOTROPY_OPTIONS = {
  limit: intOption(1, 100_000_000, 'word vectors: measure the n most frequent words (default: the whole vocabulary)'),
  meanCosine: choiceOption(['exact', 'sampled'] as const, 'mean pairwise cosine over all pairs (exact, default; linear time) or over sampled pairs (with a standard error)', { valueName: 'method' }),
  samples: intOption(2, 1_000_000_000, '`meanCosine` sampled: pairs drawn (default 100,000, as IsoScore)'),
  seed: intOption(0, 2 ** 32 - 1, '`meanCosine` sampled: seed (default 1)'),
} as const;

export interface IsotropyRun {
  /** Rows of a vocabulary measured (the most frequent first). */
  readonly limit?: number;
  readonly options: Omit<IsotropyOptions, 'onProgress'>;
}

/** Validated isotropy options. */
export function isotropyRun(raw: Readonly<Record<string, unknown>>): IsotropyRun {
  const o = validateOptions(ISOTROPY_OPTIONS, raw);
  if (o.meanCosine !== 'sampled') {
    for (const name of ['samples', 'seed'] as const) {
      if (o[name] !== undefined) throw new EmbedkitError('BAD_OPTION', name, { expected: "only with `meanCosine` 'sampled'", received: String(o[name]), where: name });
    }
  }
  const meanCosine = {
    ...(o.meanCosine !== undefined ? { method: o.meanCosine } : {}),
    ...(o.samples !== undefined ? { samples: o.samples } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
  };
  return { ...(o.limit !== undefined ? { limit: o.limit } : {}), options: Object.keys(meanCosine).length > 0 ? { meanCosine } : {} };
}
