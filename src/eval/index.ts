/**
 * embedkit/eval — MTEB-style evaluation: task declarations, one runner per task type, metrics, result files.
 */
export { TASKS, findTask, suiteTasks, mainScoreOf } from './tasks.js';
export { evaluateTasks } from './evaluate.js';
export type { EvaluateOptions, EvaluateModel } from './evaluate.js';
export { loadTask } from './data/load-task.js';
export type { LoadOptions, LoadedTask } from './data/load-task.js';
export { EmbeddingCache } from './embedding-cache.js';
export { runTask } from './runners/index.js';
export { solveAnalogies } from './analogy-solver.js';
export { toResultFile, writeResultFiles, readResultFolder, summaryTable, compareTable } from './results.js';
export { pearson, spearman, rankData } from './metrics/correlation.js';
export { accuracy, macroF1, averagePrecision, bestThresholdAccuracy, bestThresholdF1 } from './metrics/classification.js';
export { vMeasure, adjustedRandIndex } from './metrics/clustering.js';
export { queryMetricsAt, retrievalScores, rerankQuery } from './metrics/retrieval.js';
export { fitLogisticRegression, predictLogistic } from '../learn/logistic-regression.js';
export { kMeans } from '../learn/kmeans.js';
export { TASK_TYPES, SUITES } from './types.js';
export type { TopKBatchOptions } from '../math/top-k.js';
export type { TaskType, Suite, TaskDeclaration, DataFormat, TaskResult, TaskScores, EvalOptions, RunContext, Metrics } from './types.js';
export { defineTask } from './define-task.js';
export { RUNNERS } from './runners/index.js';
export type { Runner } from './runners/index.js';
export { selectTasks, adHocTask, detectDataFormat, TASK_SELECTION_OPTIONS } from './select-tasks.js';
export type { TaskSelection } from './select-tasks.js';
export { EVAL_OPTIONS, evalOptions } from './eval-options.js';
export { RESULT_SCHEMA_VERSION } from './results.js';
export type { ResultFile } from './results.js';
export { DATA_FORMATS } from './types.js';
export type { DataOf, TaskData } from './types.js';
export { NumpyRandomState } from '../learn/numpy-random.js';
