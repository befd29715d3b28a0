/**
 * The one place that reads the environment. Every `EMBEDKIT_*` variable (and the XDG folders embedkit
 * honours) is read here, validated, and turned into a typed setting; nothing else under `src/` reads
 * `process.env`. Values are read at call time, so tests and long-lived processes see changes.
 *
 * | variable | meaning |
 * |---|---|
 * | `EMBEDKIT_CACHE_DIR` | converted-model cache (default `$XDG_CACHE_HOME/embedkit`, `~/.cache/embedkit`) |
 * | `EMBEDKIT_DB` | collections folder or `postgres://` URL (default `$XDG_DATA_HOME/embedkit`, `~/.local/share/embedkit`) |
 * | `EMBEDKIT_DATA_DIR` | evaluation data root |
 * | `EMBEDKIT_THREADS` | threads for large exact scans (1 = the calling thread only) |
 * | `EMBEDKIT_NO_PROGRESS` | `1`: no progress bars even on a terminal |
 * | `EMBEDKIT_BUSY_TIMEOUT_MS` | how long a collection writer waits for another process's write lock (default 30000) |
 * | `EMBEDKIT_MEMORY_MB` | the largest matrix a vector file may declare (default: half the machine's memory) |
 * | `EMBEDKIT_TEST_SCAN_THREAD_FAILS` | test hook: scan threads fail on their first chunk |
 * | `EMBEDKIT_API_KEY` | the HTTP server's API key (Bearer auth; required to bind an address other than loopback) |
 * | `OPENAI_API_KEY` | remote embedders (`openai:MODEL`): the API key sent as a Bearer token |
 * | `OPENAI_BASE_URL` | remote embedders: the API's base URL (default https://api.openai.com/v1) |
 */
import { homedir, totalmem } from 'node:os';
import { join } from 'node:path';
import { EmbedkitError } from './errors.js';

/** Names of every environment variable embedkit reads. */
export const ENVIRONMENT_VARIABLES = [
  'EMBEDKIT_CACHE_DIR',
  'EMBEDKIT_DB',
  'EMBEDKIT_DATA_DIR',
  'EMBEDKIT_THREADS',
  'EMBEDKIT_NO_PROGRESS',
  'EMBEDKIT_BUSY_TIMEOUT_MS',
  'EMBEDKIT_MEMORY_MB',
  'EMBEDKIT_TEST_SCAN_THREAD_FAILS',
  'EMBEDKIT_API_KEY',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'XDG_CACHE_HOME',
  'XDG_DATA_HOME',
] as const;
export type EnvironmentVariable = (typeof ENVIRONMENT_VARIABLES)[number];

function env(name: EnvironmentVariable): string | undefined {
  const v = process.env[name]?.trim();
  return v === undefined || v.length === 0 ? undefined : v;
}

/** Where converted models are cached: `$EMBEDKIT_CACHE_DIR`, else `$XDG_CACHE_HOME/embedkit`, else `~/.cache/embedkit`. */
export function cacheDir(): string {
  return env('EMBEDKIT_CACHE_DIR') ?? join(env('XDG_CACHE_HOME') ?? join(homedir(), '.cache'), 'embedkit');
}

/** The collections location when none is given: `$EMBEDKIT_DB`, else `$XDG_DATA_HOME/embedkit`, else `~/.local/share/embedkit`. */
export function defaultDbLocation(given?: string): string {
  if (given !== undefined && given.length > 0) return given;
  return env('EMBEDKIT_DB') ?? join(env('XDG_DATA_HOME') ?? join(homedir(), '.local', 'share'), 'embedkit');
}

/** The evaluation data root from `$EMBEDKIT_DATA_DIR`, if set. */
export function dataDirSetting(): string | undefined {
  return env('EMBEDKIT_DATA_DIR');
}

/** Threads for large exact scans from `$EMBEDKIT_THREADS` (undefined: not set). A bad value is a user error. */
export function scanThreadsSetting(): number | undefined {
  const raw = env('EMBEDKIT_THREADS');
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new EmbedkitError('BAD_OPTION', 'EMBEDKIT_THREADS', { expected: 'an integer ≥ 1 (1 = no scan threads)', received: JSON.stringify(raw), where: 'environment variable EMBEDKIT_THREADS' });
  }
  return n;
}

/** Default wait for another process's write lock on a collection. */
export const DEFAULT_BUSY_TIMEOUT_MS = 30_000;

/** How long (ms) a collection writer waits for another writer: `$EMBEDKIT_BUSY_TIMEOUT_MS`, default 30 s. */
export function busyTimeoutMs(): number {
  const raw = env('EMBEDKIT_BUSY_TIMEOUT_MS');
  if (raw === undefined) return DEFAULT_BUSY_TIMEOUT_MS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) {
    throw new EmbedkitError('BAD_OPTION', 'EMBEDKIT_BUSY_TIMEOUT_MS', { expected: 'an integer number of milliseconds ≥ 0', received: JSON.stringify(raw), where: 'environment variable EMBEDKIT_BUSY_TIMEOUT_MS' });
  }
  return n;
}

/**
 * Bytes a file may make us allocate for one matrix (`$EMBEDKIT_MEMORY_MB`, default half the machine's
 * memory): a vector file's header is checked against it before anything is allocated.
 */
export function memoryBudgetBytes(): number {
  const raw = env('EMBEDKIT_MEMORY_MB');
  if (raw === undefined) return Math.floor(totalmem() / 2);
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1) {
    throw new EmbedkitError('BAD_OPTION', 'EMBEDKIT_MEMORY_MB', { expected: 'a whole number of megabytes ≥ 1', received: JSON.stringify(raw), where: 'environment variable EMBEDKIT_MEMORY_MB' });
  }
  return n * 1024 * 1024;
}

/** `$EMBEDKIT_NO_PROGRESS=1` turns progress bars off. */
export function progressDisabled(): boolean {
  return env('EMBEDKIT_NO_PROGRESS') === '1';
}

/** Test hook: scan threads fail on their first chunk (`$EMBEDKIT_TEST_SCAN_THREAD_FAILS=1`). */
export function scanThreadFailureHook(): boolean {
  return env('EMBEDKIT_TEST_SCAN_THREAD_FAILS') === '1';
}

/** The HTTP server's API key from `$EMBEDKIT_API_KEY`, if set. */
export function serverApiKeySetting(): string | undefined {
  return env('EMBEDKIT_API_KEY');
}

/** Remote embedders: the API key from `$OPENAI_API_KEY`, if set. */
export function openaiApiKeySetting(): string | undefined {
  return env('OPENAI_API_KEY');
}

/** Remote embedders: the base URL from `$OPENAI_BASE_URL`, if set. */
export function openaiBaseUrlSetting(): string | undefined {
  return env('OPENAI_BASE_URL');
}
