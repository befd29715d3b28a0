/**
 * What every route gets: the settings, the model pool, the collections store, metrics, and the checks
 * shared by routes (request texts within the limits).
 */
import type { VectorStore } from '../collections/types.js';
import type { ModelPool } from './model-pool.js';
import type { ServerMetrics } from './metrics.js';
import type { ServerSettings } from './server-options.js';

export interface ServerContext {
  readonly settings: ServerSettings;
  readonly pool: ModelPool;
  /** The collections store (opened at start). */
  readonly store: VectorStore;
  readonly metrics: ServerMetrics;
  readonly startedAt: number;
  readonly onWarning: (message: string) => void;
}
