/**
 * The options of DirectBias (Bolukbasi et al. 2016), declared once for the library, the CLI and the server.
 * The word lists themselves (definitional pairs, neutral words) are inputs, not options.
 */
import { intOption, numberOption } from '../../options/option-spec.js';

export const DIRECT_BIAS_OPTIONS = {
  c: numberOption(1e-6, 100, 'the exponent c of DirectBias_c: mean |cos(w, g)|^c (default 1)'),
  topK: intOption(1, 10_000, 'words listed on each side of the direction (default 10)'),
} as const;
