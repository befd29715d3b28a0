/**
 * The options of TTE depth, declared once (library, CLI and server validate them the same way).
 * Defaults are the library's (tte-depth.ts, text-depth.ts), named in the descriptions.
 */
import { booleanOption, choiceOption, intOption } from '../../options/option-spec.js';
import { validateOptions } from '../../options/validate.js';
import type { TextDepthOptions } from './text-depth.js';
import { DEPTH_DISTANCES } from './tte-depth.js';

export const DEPTH_OPTIONS = {
  distance: choiceOption(DEPTH_DISTANCES, 'cosine distance (default; exact, linear time) or chord distance √(2 − 2cos) (all pairs)'),
  sample: intOption(2, 100_000_000, 'chord distance: estimate each mean distance from n texts of the reference corpus (the standard error is reported)'),
  seed: intOption(0, 2 ** 31 - 1, 'seed of the sample (default 42)'),
  scalar: booleanOption('chord distance: float64 scalar products instead of the float32 SIMD kernel'),
  zeroVectors: choiceOption(['error', 'skip'] as const, 'texts embedded as zero vectors (no known token): error (default), or skip (left out and listed)'),
  top: intOption(1, 100_000_000, 'texts listed, most central first (default: 10 in the report, all in JSON)'),
} as const;

export interface DepthRun {
  readonly options: Omit<TextDepthOptions, 'onWarning' | 'onEmbedProgress' | 'onProgress'>;
  readonly top?: number;
}

export function depthRun(raw: Readonly<Record<string, unknown>>): DepthRun {
  const { top, ...options } = validateOptions(DEPTH_OPTIONS, raw);
  return { options, ...(top !== undefined ? { top } : {}) };
}
