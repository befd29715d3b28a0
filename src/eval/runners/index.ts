/**
 * One runner per task type, in a map: a new task type is one entry (and one file), checked by the
 * compiler to cover every type.
 */
import type { DataOf, RunContext, TaskData, TaskScores, TaskType } from '../types.js';
import { runAnalogy } from './analogy.js';
import { runClassification } from './classification.js';
import { runClustering } from './clustering.js';
import { runPairClassification } from './pair-classification.js';
import { runReranking } from './reranking.js';
import { runRetrieval } from './retrieval.js';
import { runSts } from './sts.js';
import { runWordSimilarity } from './word-similarity.js';

export type Runner<T extends TaskType> = (data: DataOf<T>, ctx: RunContext) => Promise<TaskScores>;

export const RUNNERS: { readonly [T in TaskType]: Runner<T> } = {
  'word-similarity': runWordSimilarity,
  analogy: runAnalogy,
  sts: runSts,
  'pair-classification': runPairClassification,
  classification: runClassification,
  clustering: runClustering,
  retrieval: runRetrieval,
  reranking: runReranking,
};

export function runTask(task: TaskData, ctx: RunContext): Promise<TaskScores> {
  // The map's type pairs each type with its runner; TypeScript cannot follow the pairing through a union.
  const run = RUNNERS[task.type] as Runner<TaskType>;
  return run(task.data as never, ctx);
}
