/**
 * Writes a whole folder atomically: everything goes into a temporary sibling folder, which is renamed into
 * place only when complete. A failure (or a crash) leaves no partial folder under the final name; the
 * temporary folder is removed on failure. With `replace`, an existing folder is swapped out (renamed aside,
 * then removed) so readers see either the old or the new folder, never a mix.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EmbedkitError } from '../errors.js';

export interface AtomicFolderOptions {
  /** Replace an existing folder at `path` (default: an existing folder is an error). */
  readonly replace?: boolean;
}

function sibling(path: string, tag: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.${tag}`);
}

/** Calls `fill(tmpDir)`, then renames the temporary folder to `path`. Returns what `fill` returned. */
export async function writeFolderAtomic<T>(path: string, fill: (tmpDir: string) => Promise<T>, opts: AtomicFolderOptions = {}): Promise<T> {
  if (existsSync(path) && opts.replace !== true) {
    throw new EmbedkitError('BAD_ARGUMENT', 'output folder already exists', { expected: 'a path that does not exist yet', received: 'an existing file or folder', where: path });
  }
  try {
    await fsp.mkdir(dirname(path), { recursive: true });
  } catch (e) {
    throw new EmbedkitError('IO_ERROR', 'cannot create output folder', { where: dirname(path), cause: e });
  }
  const tmp = sibling(path, 'tmp');
  await fsp.mkdir(tmp);
  try {
    const result = await fill(tmp);
    if (existsSync(path)) {
      const old = sibling(path, 'old');
      await fsp.rename(path, old);
      try {
        await fsp.rename(tmp, path);
      } catch (e) {
        await fsp.rename(old, path).catch(() => undefined);
        throw e;
      }
      await fsp.rm(old, { recursive: true, force: true });
    } else {
      await fsp.rename(tmp, path);
    }
    return result;
  } catch (e) {
    await fsp.rm(tmp, { recursive: true, force: true });
    if (e instanceof EmbedkitError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if ((code === 'ENOTEMPTY' || code === 'EEXIST') && opts.replace !== true) {
      throw new EmbedkitError('BAD_ARGUMENT', 'output folder already exists', { expected: 'a path that does not exist yet', received: 'a folder created meanwhile', where: path, cause: e });
    }
    throw new EmbedkitError('IO_ERROR', 'cannot write folder', { where: path, received: e instanceof Error ? e.message : String(e), cause: e });
  }
}
