import { createWriteStream, promises as fsp, statSync, type Stats } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { EmbedkitError, isEmbedkitError } from '../errors.js';
import { ensureDir, fsFailure } from './fs-failure.js';
import { sweepStaleTemps, trackTemp } from './temp-files.js';

let counter = 0;

/** `.NAME.PID.STAMP.tmp` beside `path`: the pid lets a later run recognise it as stale (temp-files.ts). */
function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}${(counter++).toString(36)}.tmp`);
}

/** The pid in a temp name of `base` written by `tempName`, else undefined. */
function tempPidOf(base: string): (name: string) => number | undefined {
  const prefix = `.${base}.`;
  return (name) => {
    if (!name.startsWith(prefix)) return undefined;
    const m = /^(\d+)\.[0-9a-z]+\.tmp$/.exec(name.slice(prefix.length));
    return m === null ? undefined : Number(m[1]);
  };
}

/** A failure while writing `path` as one clear user error (disk full, permission, …). */
function writeFailure(e: unknown, path: string): EmbedkitError {
  const f = fsFailure(e, path, 'cannot write file');
  if (isEmbedkitError(f)) return f;
  return new EmbedkitError('IO_ERROR', 'cannot write file', { where: path, received: e instanceof Error ? e.message : String(e), cause: e });
}

/** Creates the folder of `path`, removes stale temp files of earlier killed runs, and names a tracked temp file. */
function prepareTemp(path: string): { tmp: string; untrack: () => void } {
  let st: Stats | undefined;
  try {
    st = statSync(path);
  } catch {
    st = undefined; // missing (the usual case), or unreachable: ensureDir says why
  }
  // Renaming over a device (/dev/null) or a folder would replace it: refuse.
  if (st !== undefined && !st.isFile()) throw new EmbedkitError('IO_ERROR', 'cannot write file', { expected: 'a regular file', received: st.isDirectory() ? 'a folder' : 'a device or special file', where: path });
  ensureDir(dirname(path));
  sweepStaleTemps(dirname(path), tempPidOf(basename(path)));
  const tmp = tempName(path);
  return { tmp, untrack: trackTemp(tmp) };
}

/**
 * Writes `path` atomically: content goes to a temporary file in the same folder, is flushed to disk, and
 * only then renamed over `path`. A failure or crash midway leaves the previous file untouched.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string | readonly Uint8Array[]): Promise<void> {
  await withAtomicFile(path, async (tmp) => {
    const fh = await fsp.open(tmp, 'w');
    try {
      if (Array.isArray(data)) for (const chunk of data as readonly Uint8Array[]) await fh.write(chunk);
      else await fh.writeFile(data as Uint8Array | string);
      await fh.sync();
    } finally {
      await fh.close();
    }
  });
}

/**
 * Runs `write(tmpPath)` then renames the temp file to `path`; removes the temp file on failure (and on
 * SIGINT/SIGTERM through the surface's handler). Failures are user errors naming `path`.
 */
export async function withAtomicFile<T>(path: string, write: (tmpPath: string) => Promise<T>): Promise<T> {
  const { tmp, untrack } = prepareTemp(path);
  try {
    const result = await write(tmp);
    await fsp.rename(tmp, path);
    return result;
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw writeFailure(e, path);
  } finally {
    untrack();
  }
}

/**
 * A buffered sink that writes strings/bytes to a temp file (gzip when `path` ends in `.gz`), then renames
 * it into place on `close()`. Call `abort()` on failure. A write error (disk full …) is raised by the next
 * `write` or by `close` as a user error; the temp file is removed by `abort`.
 */
export class AtomicWriter {
  private readonly out: Writable;
  private readonly file: Writable;
  private pending: (string | Uint8Array)[] = [];
  private pendingBytes = 0;
  private failure: unknown;

  private constructor(
    readonly path: string,
    private readonly tmp: string,
    private readonly untrack: () => void,
  ) {
    this.file = createWriteStream(this.tmp);
    const fail = (e: unknown): void => {
      this.failure ??= e;
    };
    this.file.on('error', fail);
    if (path.endsWith('.gz')) {
      const gz = createGzip();
      gz.on('error', fail);
      gz.pipe(this.file);
      this.out = gz;
    } else {
      this.out = this.file;
    }
  }

  static async open(path: string): Promise<AtomicWriter> {
    const { tmp, untrack } = prepareTemp(path);
    return new AtomicWriter(path, tmp, untrack);
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.failure !== undefined) throw writeFailure(this.failure, this.path);
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const parts = this.pending.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p));
    this.pending = [];
    this.pendingBytes = 0;
    try {
      if (!this.out.write(Buffer.concat(parts))) await this.drained();
    } catch (e) {
      throw writeFailure(e, this.path);
    }
    if (this.failure !== undefined) throw writeFailure(this.failure, this.path);
  }

  /** Resolves on 'drain'; rejects when either stream fails first. */
  private drained(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const streams = this.out === this.file ? [this.file] : [this.out, this.file];
      const done = (e?: unknown): void => {
        this.out.off('drain', onDrain);
        for (const s of streams) s.off('error', onError).off('close', onClose);
        if (e === undefined) resolve();
        else reject(e);
      };
      const onDrain = (): void => done();
      const onError = (e: unknown): void => done(e);
      const onClose = (): void => done(this.failure ?? new Error('stream closed'));
      if (this.failure !== undefined) return done(this.failure);
      this.out.once('drain', onDrain);
      for (const s of streams) s.once('error', onError).once('close', onClose);
    });
  }

  async close(): Promise<void> {
    try {
      await this.flush();
      this.out.end();
      await finished(this.file);
      if (this.failure !== undefined) throw this.failure;
      const fh = await fsp.open(this.tmp, 'r+');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fsp.rename(this.tmp, this.path);
      this.untrack();
    } catch (e) {
      await this.abort();
      throw writeFailure(e, this.path);
    }
  }

  async abort(): Promise<void> {
    this.out.destroy();
    this.file.destroy();
    await fsp.rm(this.tmp, { force: true });
    this.untrack();
  }
}
