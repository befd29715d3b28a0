/**
 * File-system failures as user errors: an errno code (`ENOSPC`, `EACCES`, `ENOTDIR` …) becomes one clear
 * line naming the path and what went wrong; a full disk or a file-size limit is `DISK_FULL`. Also a
 * folder-creation that never spins: `mkdir -p` walks up to the first existing folder itself, so a path
 * under `/proc` or below a file fails at once instead of retrying forever.
 */
import { mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EmbedkitError, isEmbedkitError } from '../errors.js';

const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file size limit exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'is a folder',
  ENOENT: 'no such file or folder',
  EEXIST: 'already exists',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EIO: 'input/output error',
  ENXIO: 'no such device',
  ENODEV: 'no such device',
  EINVAL: 'invalid argument for this file system',
  EBUSY: 'device or resource busy',
  EXDEV: 'not on the same file system',
};

/** The errno code of a Node system error (`ENOSPC` …), if `e` is one. */
export function errnoCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/** True for errors that mean the disk (or a file-size limit) is full. */
export function isDiskFull(e: unknown): boolean {
  const code = errnoCode(e);
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG';
}

/**
 * `e` as a user error about `where` (`action`: what was being done, e.g. "cannot write file"); an
 * `EmbedkitError` is returned unchanged, anything without an errno code too (it is a bug, not the disk).
 */
export function fsFailure(e: unknown, where: string, action: string, hint?: string): unknown {
  if (isEmbedkitError(e)) return e;
  const code = errnoCode(e);
  if (code === undefined) return e;
  const reason = REASONS[code] ?? (e instanceof Error ? e.message : code);
  return new EmbedkitError(isDiskFull(e) ? 'DISK_FULL' : 'IO_ERROR', `${action} (${reason}, ${code})`, {
    where,
    ...(hint !== undefined ? { hint } : isDiskFull(e) ? { hint: 'free some space or write elsewhere' } : {}),
    cause: e,
  });
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return undefined;
    throw fsFailure(e, path, 'cannot use folder');
  }
}

/**
 * Creates `dir` and its missing parents (like `mkdir -p`) or fails at once with a clear error: the first
 * existing ancestor must be a folder, and each missing level is created on its own.
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  let d = resolve(dir);
  for (;;) {
    const st = statOrUndefined(d);
    if (st !== undefined) {
      if (!st.isDirectory()) throw new EmbedkitError('IO_ERROR', 'cannot create folder', { expected: 'a folder', received: 'a file', where: d });
      break;
    }
    missing.push(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const m of missing.reverse()) {
    try {
      mkdirSync(m);
    } catch (e) {
      if (errnoCode(e) === 'EEXIST' && statOrUndefined(m)?.isDirectory() === true) continue;
      throw fsFailure(e, m, 'cannot create folder');
    }
  }
}
