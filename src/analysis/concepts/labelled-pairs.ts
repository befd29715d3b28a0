/**
 * Labelled text pairs for SESA from the files evaluation reads (format detected as for an ad-hoc STS task:
 * `s1<TAB>s2<TAB>score`, STS Benchmark, SICK, JSONL `{sentence1, sentence2, score}`): a pair matches when
 * its score is at least `threshold` (default 0.5, i.e. 0/1 labels); graded scores are kept as gold.
 */
import { resolve } from 'node:path';
import { EmbedkitError } from '../../errors.js';
import { loadTask } from '../../eval/data/load-task.js';
import { adHocTask } from '../../eval/select-tasks.js';
import { labelsByThreshold, type LabelledPairs } from './sesa.js';

export interface LabelledPairsOptions {
  readonly threshold?: number;
  readonly warn?: (message: string) => void;
}

export async function readLabelledPairs(path: string, opts: LabelledPairsOptions = {}): Promise<LabelledPairs> {
  const loaded = await loadTask(adHocTask({ type: 'sts', file: path }), { dataDir: resolve('.'), warn: opts.warn ?? (() => {}) });
  if (loaded.data.type !== 'sts') throw new EmbedkitError('BAD_ARGUMENT', 'labelled pairs', { expected: 'sentence pairs with scores', received: loaded.data.type, where: path });
  const { s1, s2, score } = loaded.data.data;
  if (s1.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'labelled pairs', { expected: 'at least one pair', received: 'none', where: path });
  const binary = score.every((v) => v === 0 || v === 1);
  return { a: s1, b: s2, labels: labelsByThreshold(score, opts.threshold ?? 0.5), ...(binary ? {} : { gold: score }) };
}
