import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { EmbedkitError } from '../errors.js';

/** sha256 of a file (hex), streamed. */
export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 })) h.update(chunk as Buffer);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new EmbedkitError('FILE_NOT_FOUND', 'file', { where: path, cause: e });
    throw new EmbedkitError('IO_ERROR', 'cannot read file', { where: path, received: e instanceof Error ? e.message : String(e), cause: e });
  }
  return h.digest('hex');
}

/** sha256 of bytes (hex). */
export function sha256Bytes(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
