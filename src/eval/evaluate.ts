/**
 * Runs tasks on one model: loads each task's data, runs the runner of its type with a shared embedding
 * cache (one embedding pass per distinct text per run), times it, and turns NaN metrics into null with a
 * warning. Word tasks use the model's word vectors when it has them.
 */
import type { Embedder } from '../embedders/embedder.js';
import { EmbedkitError } from '../errors.js';
import type { KeyedVectors } from '../vectors/keyed-vectors.js';
import { loadTask } from './data/load-task.js';
import { EmbeddingCache } from './embedding-cache.js';
import { sanitizeMetrics } from './results.js';
import { runTask } from './runners/index.js';
import type { EvalOptions, RunContext, TaskDeclaration, TaskResult } from './types.js';

export interface EvaluateOptions extends EvalOptions {
  readonly dataDir: string;
  readonly warn: (message: string) => void;
  /** Task types a model cannot run (e.g. analogy without a vocabulary) are skipped with a warning instead of failing. */
  readonly skipUnsupported?: boolean;
  readonly onTaskStart?: (task: TaskDeclaration, index: number, total: number) => void;
  readonly onTaskProgress?: (done: number, total: number) => void;
  readonly onTaskDone?: (result: TaskResult) => void;
}

export interface EvaluateModel {
  readonly embedder: Embedder;
  /** The word vectors behind a static embedder, for word tasks. */
  readonly vectors?: KeyedVectors;
}

export async function evaluateTasks(tasks: readonly TaskDeclaration[], model: EvaluateModel, opts: EvaluateOptions): Promise<TaskResult[]> {
  const cache = new EmbeddingCache(model.embedder);
  const results: TaskResult[] = [];
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i]!;
    opts.onTaskStart?.(task, i, tasks.length);
    const warn = (m: string): void => opts.warn(`${task.name}: ${m}`);
    const started = performance.now();
    const loaded = await loadTask(task, {
      dataDir: opts.dataDir,
      warn,
      ...(opts.skipBadRows !== undefined ? { skipBadRows: opts.skipBadRows } : {}),
      ...(opts.encoding !== undefined ? { encoding: opts.encoding } : {}),
    });
    const ctx: RunContext = {
      vectors: model.vectors,
      embed: (texts) => cache.embed(texts),
      // the task's protocol settings, unless the caller set them
      options: { ...task.evalOptions, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) } as EvaluateOptions,
      warn,
      ...(opts.onTaskProgress !== undefined ? { progress: opts.onTaskProgress } : {}),
    };
    let scores;
    try {
      scores = await runTask(loaded.data, ctx);
    } catch (e) {
      if (opts.skipUnsupported === true && e instanceof EmbedkitError && e.code === 'UNSUPPORTED') {
        warn(`skipped (${e.message})`);
        continue;
      }
      throw e;
    }
    const metrics = sanitizeMetrics(scores.metrics, (k) => warn(`metric ${k} is undefined (NaN); written as null`));
    const main = Number.isFinite(scores.mainScore) ? scores.mainScore : null;
    if (main === null) warn('main score is undefined (NaN); written as null');
    const result: TaskResult = {
      task: task.name,
      type: task.type,
      split: task.split,
      mainScore: main,
      metrics,
      evaluationTime: (performance.now() - started) / 1000,
      checksums: loaded.checksums,
    };
    results.push(result);
    opts.onTaskDone?.(result);
  }
  return results;
}
