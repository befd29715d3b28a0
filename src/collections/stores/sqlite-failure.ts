/**
 * SQLite failures as user errors. A write lock held by another process past the busy timeout is
 * `COLLECTION_BUSY`; a full disk `DISK_FULL`; a file that is not a database, a damaged one, an unreadable
 * or read-only one `DATABASE_ERROR` / `IO_ERROR` naming the file. Anything else is left as it is (a bug).
 */
import { busyTimeoutMs } from '../../config.js';
import { EmbedkitError, isEmbedkitError } from '../../errors.js';
import { errnoCode, fsFailure } from '../../io/fs-failure.js';

function sqliteCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** `e` as a user error about the database `file` (`action`: what was being done). */
export function sqliteFailure(e: unknown, file: string, action: string): unknown {
  if (isEmbedkitError(e)) return e;
  if (errnoCode(e) !== undefined) return fsFailure(e, file, action);
  const code = sqliteCode(e);
  if (code === undefined) return e;
  const message = e instanceof Error ? e.message : code;
  const details = { where: file, received: `${message} (${code})`, cause: e };
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED') {
    return new EmbedkitError('COLLECTION_BUSY', `${action}: another process held its write lock for more than ${busyTimeoutMs() / 1000} s`, {
      where: file,
      cause: e,
      hint: 'retry when the other writer is done (EMBEDKIT_BUSY_TIMEOUT_MS sets how long to wait)',
    });
  }
  if (code === 'SQLITE_FULL') {
    return new EmbedkitError('DISK_FULL', action, { ...details, hint: 'free some space; the batch in flight was rolled back' });
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_')) {
    return new EmbedkitError('DATABASE_ERROR', `${action}: not a collection database, or a damaged one`, details);
  }
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_CANTOPEN_')) {
    return new EmbedkitError('IO_ERROR', `${action}: cannot open the database file`, details);
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    return new EmbedkitError('IO_ERROR', `${action}: the database is read-only here`, details);
  }
  if (code === 'SQLITE_IOERR_WRITE') return new EmbedkitError('IO_ERROR', action, { ...details, hint: 'the disk may be full or a file-size limit reached; the batch in flight was rolled back' });
  if (code.startsWith('SQLITE_IOERR')) return new EmbedkitError('IO_ERROR', action, details);
  return e;
}

/** Runs `fn`, turning SQLite failures into user errors about `file`. */
export function guarded<T>(file: string, action: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw sqliteFailure(e, file, action);
  }
}
