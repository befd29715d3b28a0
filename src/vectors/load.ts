import { existsSync } from 'node:fs';
import { EmbedkitError } from '../errors.js';
import { readVectors, type ReadVectorsOptions } from './formats/index.js';
import type { KeyedVectors } from './keyed-vectors.js';
import { isRegistryName, loadRegistryModel, modelNames, type LoadProgress } from './registry.js';

export interface LoadVectorsOptions extends Omit<ReadVectorsOptions, 'onProgress'> {
  readonly onProgress?: (p: LoadProgress) => void;
}

/** The model used when none is named. */
export const DEFAULT_MODEL = 'glove-100d';

/** Loads word vectors by registry name (`glove-100d`) or from a file in any supported format. */
export async function loadVectors(model: string = DEFAULT_MODEL, opts: LoadVectorsOptions = {}): Promise<KeyedVectors> {
  if (isRegistryName(model)) {
    return loadRegistryModel(model, {
      ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
      ...(opts.onWarning !== undefined ? { onWarning: opts.onWarning } : {}),
      ...(opts.onProgress !== undefined ? { onProgress: opts.onProgress } : {}),
    });
  }
  if (!existsSync(model)) {
    throw new EmbedkitError('UNKNOWN_MODEL', JSON.stringify(model), {
      expected: `a registry name (${modelNames().join(', ')}) or a path to a vectors file`,
      received: 'neither (no such file)',
    });
  }
  const { onProgress, ...rest } = opts;
  return readVectors(model, {
    ...rest,
    ...(onProgress !== undefined ? { onProgress: (done: number, total: number) => onProgress({ phase: 'load', done, total }) } : {}),
  });
}
