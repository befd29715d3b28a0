/**
 * Picks a vector file's format from its content (after transparent gunzip), with the extension as a hint:
 * `EMBKVEC` magic → ekv; a `count dim` header followed by text → word2vec text; followed by binary
 * → word2vec-bin; no header → glove.
 */
import { openStream } from '../../io/open-stream.js';
import { EKV_MAGIC } from './ekv.js';
import type { VectorFormat } from './types.js';

async function head(path: string, bytes: number): Promise<Buffer> {
  const opened = await openStream(path, 'vectors file');
  const parts: Buffer[] = [];
  let n = 0;
  try {
    for await (const chunk of opened.stream as AsyncIterable<Buffer>) {
      parts.push(chunk);
      n += chunk.length;
      if (n >= bytes) break;
    }
  } finally {
    opened.stream.destroy();
  }
  return Buffer.concat(parts).subarray(0, bytes);
}

export async function detectFormat(path: string): Promise<VectorFormat> {
  const b = await head(path, 8192);
  if (b.toString('latin1', 0, 8) === EKV_MAGIC) return 'ekv';
  const nl = b.indexOf(10);
  const first = b.toString('latin1', 0, nl < 0 ? b.length : nl);
  if (!/^\s*\d+\s+\d+\s*$/.test(first)) return 'glove';
  // After a header: text rows are printable; binary rows contain raw float bytes.
  const body = b.subarray(nl + 1);
  let control = 0;
  for (const c of body) if (c < 32 && c !== 9 && c !== 10 && c !== 13) control++;
  if (control > 0) return 'word2vec-bin';
  // No control bytes in a small sample can still be binary: check that the first row parses as text
  const line = body.toString('utf8', 0, Math.max(0, body.indexOf(10)));
  const parts = line.trim().split(/[ \t]+/);
  const dim = Number(first.trim().split(/\s+/)[1]);
  if (line.length > 0 && parts.length === dim + 1 && parts.slice(1).every((p) => Number.isFinite(Number(p)))) {
    return /\.vec(\.gz)?$/i.test(path) ? 'vec' : 'word2vec';
  }
  return body.indexOf(10) < 0 && body.length === 0 ? 'word2vec' : 'word2vec-bin';
}
