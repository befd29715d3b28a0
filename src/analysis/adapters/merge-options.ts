/** The options of merging (`merge`), declared once for the library and the CLI. */
import { intOption, listOption, numberOption, stringOption } from '../../options/option-spec.js';

export const MERGE_OPTIONS = {
  adapters: listOption('adapter folders of one base model to merge', { valueName: 'dirs', local: true }),
  models: listOption('word-vector models with the same vocabulary to merge (instead of `adapters`)', { valueName: 'models', local: true }),
  weights: listOption('interpolation coefficients, one per adapter or model (default: the average)', { valueName: 'numbers' }),
  dev: listOption('Self Positioning: dev data of each task (STS file, JSONL pairs or BEIR folder), one per adapter; the coefficients are learned on them', { valueName: 'paths', local: true }),
  queries: stringOption('BEIR dev folders: only queries with ids in this range, e.g. 100-112', { valueName: 'from-to' }),
  steps: intOption(1, 10_000, 'Self Positioning: gradient steps', { default: 30 }),
  learningRate: numberOption(1e-6, 10, 'Self Positioning: Adam step size on the coefficients', { default: 0.05 }),
} as const;
