import { createWriteStream, promises as fsp } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { EmbedkitError } from '../errors.js';

function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
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

/** Runs `write(tmpPath)` then renames the temp file to `path`; removes the temp file on failure. */
export async function withAtomicFile<T>(path: string, write: (tmpPath: string) => Promise<T>): Promise<T> {
  try {
    await fsp.mkdir(dirname(path), { recursive: true });
  } catch (e) {
    throw new EmbedkitError('IO_ERROR', 'cannot create output folder', { where: dirname(path), cause: e });
  }
  const tmp = tempName(path);
  try {
    const result = await write(tmp);
    await fsp.rename(tmp, path);
    return result;
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    if (e instanceof EmbedkitError) throw e;
    throw new EmbedkitError('IO_ERROR', 'cannot write file', { where: path, received: e instanceof Error ? e.message : String(e), cause: e });
  }
}

/**
 * A buffered sink that writes strings/bytes to a temp file (gzip when `path` ends in `.gz`), then renames
 * it into place on `close()`. Call `abort()` on failure.
 */
export class AtomicWriter {
  private readonly tmp: string;
  private readonly out: Writable;
  private readonly file: Writable;
  private pending: (string | Uint8Array)[] = [];
  private pendingBytes = 0;

  private constructor(readonly path: string) {
    this.tmp = tempName(path);
    this.file = createWriteStream(this.tmp);
    if (path.endsWith('.gz')) {
      const gz = createGzip();
      gz.pipe(this.file);
      this.out = gz;
    } else {
      this.out = this.file;
    }
  }

  static async open(path: string): Promise<AtomicWriter> {
    await fsp.mkdir(dirname(path), { recursive: true });
    return new AtomicWriter(path);
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const parts = this.pending.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p));
    this.pending = [];
    this.pendingBytes = 0;
    const buf = Buffer.concat(parts);
    if (!this.out.write(buf)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }

  async close(): Promise<void> {
    try {
      await this.flush();
      this.out.end();
      await finished(this.file);
      const fh = await fsp.open(this.tmp, 'r+');
      await fh.sync();
      await fh.close();
      await fsp.rename(this.tmp, this.path);
    } catch (e) {
      await this.abort();
      throw new EmbedkitError('IO_ERROR', 'cannot write file', { where: this.path, received: e instanceof Error ? e.message : String(e), cause: e });
    }
  }

  async abort(): Promise<void> {
    this.out.destroy();
    this.file.destroy();
    await fsp.rm(this.tmp, { force: true });
  }
}
