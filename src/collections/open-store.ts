/**
 * A database location (a folder, or a `postgres://` URL) → a store. A folder path gives the embedded SQLite store; a postgres URL the
 * pgvector store (loaded only then, so `pg` is never imported for local use).
 */
import { defaultDbLocation } from '../config.js';
import { isPostgresUrl } from './names.js';
import { SqliteStore, type SqliteStoreOptions } from './stores/sqlite-store.js';
import type { VectorStore } from './types.js';

export async function openStore(db?: string, opts: SqliteStoreOptions = {}): Promise<VectorStore> {
  const location = defaultDbLocation(db);
  if (isPostgresUrl(location)) {
    const { PgvectorStore } = await import('./stores/pgvector-store.js');
    return PgvectorStore.connect(location, opts);
  }
  return new SqliteStore(location, opts);
}
