import { createReadStream, promises as fsp } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { EmbedkitError } from '../errors.js';

/** Throws FILE_NOT_FOUND (with the path) unless `path` is a readable regular file; returns its size. */
export async function requireFile(path: string, what = 'input file'): Promise<number> {
  try {
    const st = await fsp.stat(path);
    if (!st.isFile()) throw new EmbedkitError('FILE_NOT_FOUND', what, { expected: 'a regular file', received: 'a directory or special file', where: path });
    return st.size;
  } catch (e) {
    if (e instanceof EmbedkitError) throw e;
    throw new EmbedkitError('FILE_NOT_FOUND', what, { where: path, cause: e });
  }
}

/** True when the file starts with the gzip magic bytes 1f 8b. */
async function isGzip(path: string): Promise<boolean> {
  const fh = await fsp.open(path, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return bytesRead === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

export interface OpenedStream {
  readonly stream: Readable;
  /** Compressed bytes consumed so far (for progress against the file size). */
  readonly rawBytesRead: () => number;
  readonly fileSize: number;
  readonly gzip: boolean;
}

/** A byte stream of the file's content; gzip (detected by magic) is decompressed transparently. */
export async function openStream(path: string, what = 'input file'): Promise<OpenedStream> {
  const fileSize = await requireFile(path, what);
  const gzip = await isGzip(path);
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  if (!gzip) return { stream: raw, rawBytesRead: () => raw.bytesRead, fileSize, gzip };
  const gunzip = createGunzip();
  raw.on('error', (e) => gunzip.destroy(e));
  return { stream: raw.pipe(gunzip), rawBytesRead: () => raw.bytesRead, fileSize, gzip };
}
