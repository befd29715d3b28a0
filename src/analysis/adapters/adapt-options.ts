/** The options of adapter training (`adapt`), declared once for the library and the CLI. */
import { choiceOption, intOption, listOption, numberOption, stringOption } from '../../options/option-spec.js';
import { ADAPTER_KINDS } from '../../train/adapters/adapter-net.js';
import { LOSS_NAMES } from '../../train/adapters/losses.js';

export const ADAPT_OPTIONS = {
  loss: choiceOption(LOSS_NAMES, 'mnrl (in-batch + hard negatives), cosent (graded pairs) or distill (MSE to `teacher` cosines); default: cosent for graded pairs, else mnrl'),
  adapter: choiceOption(ADAPTER_KINDS, 'the map trained on the frozen embeddings: linear (x + xD + b), low-rank residual, or a small residual mlp', { default: 'linear' }),
  rank: intOption(1, 4096, 'low-rank: the rank; mlp: the hidden width', { default: 32 }),
  hardNegatives: intOption(0, 64, 'mnrl: mined hard negatives per example (exact top-k over the corpus, positives excluded; easier to harder over training)', { default: 0 }),
  matryoshka: listOption('also train these leading dims (loss summed at each and at the full width), e.g. 32,64,128', { valueName: 'dims' }),
  teacher: stringOption('distill: the teacher model whose cosines the student learns', { valueName: 'model' }),
  epochs: intOption(1, 1000, 'passes over the training examples (early stopping on the dev split may end sooner)', { default: 10 }),
  trainBatchSize: intOption(2, 4096, 'examples per training step (also the in-batch negatives of mnrl)', { default: 64 }),
  learningRate: numberOption(1e-6, 1, 'Adam step size', { default: 1e-3 }),
  scale: numberOption(0.01, 1000, 'mnrl/cosent: cosine scale (inverse temperature)', { default: 20 }),
  devFraction: numberOption(0.01, 0.5, 'share of the examples held out for early stopping (without `dev`)', { default: 0.1 }),
  patience: intOption(1, 100, 'epochs without a better dev loss before stopping', { default: 2 }),
  seed: intOption(0, 2 ** 31 - 1, 'seed of initialization, shuffling and the dev split', { default: 42 }),
  dev: stringOption('a dev file or folder (same formats as `train`) for early stopping', { valueName: 'path', local: true }),
  split: stringOption('BEIR folders: the qrels split (default train when present, else test)'),
  queries: stringOption('BEIR folders: only queries with ids in this range, e.g. 1-112 (split a collection by query id)', { valueName: 'from-to' }),
  devQueries: stringOption('BEIR `dev` folder: only queries with ids in this range, e.g. 101-112', { valueName: 'from-to' }),
} as const;
