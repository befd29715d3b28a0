/** Options of distilling a transformer into a static model (model2vec), declared once for every surface. */
import { choiceOption, intOption, numberOption } from '../../options/option-spec.js';

export const DISTILL_OPTIONS = {
  dim: intOption(1, 4096, 'PCA dimensions of the static model (default 256)'),
  sifCoefficient: numberOption(1e-12, 0.999999, 'SIF coefficient of the Zipf weighting (default 1e-4)'),
  dtype: choiceOption(['float16', 'float32'] as const, 'storage precision of the embeddings (default float16, as model2vec)'),
  batchSize: intOption(1, 65_536, 'token sequences per encoder run (default 256)'),
} as const;
