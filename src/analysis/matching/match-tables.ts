/** Data–text matching: the k best texts for every table row, by the chosen method. */
import { EmbedkitError } from '../../errors.js';
import type { Embedder } from '../../embedders/embedder.js';
import type { TrainProgress } from '../../train/trainer.js';
import { embedMatch } from './embed-match.js';
import { graphMatch } from './graph-match.js';
import type { RowMatches } from './match-result.js';
import type { MatchSettings } from './match-options.js';
import type { MatchText, TableRow } from './table.js';

export interface MatchRunOptions {
  /** The model of the `embed` method. */
  readonly embedder?: Embedder;
  readonly onTrainProgress?: (p: TrainProgress) => void;
  /** `embed`: texts embedded so far of the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

export async function matchTables(rows: readonly TableRow[], texts: readonly MatchText[], s: MatchSettings, run: MatchRunOptions = {}): Promise<RowMatches[]> {
  if (s.method === 'graph') {
    return graphMatch(rows, texts, {
      k: s.k,
      walks: s.walks,
      walkLength: s.walkLength,
      dim: s.graphDim,
      epochs: s.graphEpochs,
      maxTextShare: s.maxTextShare,
      seed: s.seed,
      ...(run.onTrainProgress !== undefined ? { onProgress: run.onTrainProgress } : {}),
    });
  }
  if (run.embedder === undefined) throw new EmbedkitError('BAD_ARGUMENT', 'embedder', { expected: 'a model for method embed', received: 'none', where: 'model' });
  return embedMatch(run.embedder, rows, texts, { k: s.k, rowText: s.rowText, ...(run.onProgress !== undefined ? { onProgress: run.onProgress } : {}) });
}
