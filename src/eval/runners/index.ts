/** One runner per task type. */
import type { RunContext, TaskData, TaskScores } from '../types.js';
import { runAnalogy } from './analogy.js';
import { runClassification } from './classification.js';
import { runClustering } from './clustering.js';
import { runPairClassification } from './pair-classification.js';
import { runReranking } from './reranking.js';
import { runRetrieval } from './retrieval.js';
import { runSts } from './sts.js';
import { runWordSimilarity } from './word-similarity.js';

export function runTask(task: TaskData, ctx: RunContext): Promise<TaskScores> {
  switch (task.type) {
    case 'word-similarity':
      return runWordSimilarity(task.data, ctx);
    case 'analogy':
      return runAnalogy(task.data, ctx);
    case 'sts':
      return runSts(task.data, ctx);
    case 'pair-classification':
      return runPairClassification(task.data, ctx);
    case 'classification':
      return runClassification(task.data, ctx);
    case 'clustering':
      return runClustering(task.data, ctx);
    case 'retrieval':
      return runRetrieval(task.data, ctx);
    case 'reranking':
      return runReranking(task.data, ctx);
  }
}
