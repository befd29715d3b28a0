import { createReadStream, promises as fsp } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { PassThrough, type Readable } from 'node:stream';
import { EmbedkitError, FormatError } from '../errors.js';

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

/**
 * A byte stream of the file's content; gzip (detected by magic) is decompressed transparently. Damaged
 * gzip data (truncated, corrupt, a wrong checksum) surfaces as a FormatError naming the file and the
 * compressed byte offset, never as a raw zlib message; a read error as IO_ERROR naming the file.
 */
export async function openStream(path: string, what = 'input file'): Promise<OpenedStream> {
  const fileSize = await requireFile(path, what);
  const gzip = await isGzip(path);
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const readError = (e: Error): EmbedkitError => new EmbedkitError('IO_ERROR', `cannot read ${what}`, { where: path, received: e.message, cause: e });
  if (!gzip) {
    const out = new PassThrough({ highWaterMark: 1 << 20 });
    raw.on('error', (e) => out.destroy(readError(e)));
    out.on('close', () => raw.destroy());
    return { stream: raw.pipe(out), rawBytesRead: () => raw.bytesRead, fileSize, gzip };
  }
  const gunzip = createGunzip({ chunkSize: 1 << 16 });
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  raw.on('error', (e) => out.destroy(readError(e)));
  gunzip.on('error', (e) =>
    out.destroy(new FormatError(path, 'truncated or damaged gzip data', { byteOffset: Math.min(raw.bytesRead, fileSize), expected: 'a complete gzip stream', received: e.message, cause: e })),
  );
  out.on('close', () => {
    raw.destroy();
    gunzip.destroy();
  });
  return { stream: raw.pipe(gunzip).pipe(out), rawBytesRead: () => raw.bytesRead, fileSize, gzip };
}
