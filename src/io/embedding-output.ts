/**
 * Writes embeddings next to their texts: `.npy` (float32, numpy-readable), `.jsonl` (`{"text", "vector"}`
 * per line, plus `id` when known), `.tsv` (TensorFlow Embedding Projector: vectors in FILE.tsv, texts in
 * FILE.metadata.tsv). Every file is written to a temp name and renamed.
 */
import { EmbedkitError } from '../errors.js';
import type { Matrix } from '../math/matrix.js';
import { AtomicWriter, writeFileAtomic } from './atomic-write.js';
import { encodeNpy } from './npy.js';
import { formatFloat32 } from './float-text.js';

export type EmbeddingOutputFormat = 'npy' | 'jsonl' | 'tsv';

export function outputFormatFromPath(path: string): EmbeddingOutputFormat {
  const p = path.toLowerCase();
  if (p.endsWith('.npy')) return 'npy';
  if (p.endsWith('.jsonl') || p.endsWith('.ndjson')) return 'jsonl';
  if (p.endsWith('.tsv')) return 'tsv';
  throw new EmbedkitError('BAD_OPTION', 'output', { expected: 'a file ending in .npy, .jsonl or .tsv', received: JSON.stringify(path), where: 'output' });
}

function metadataPathFor(tsvPath: string): string {
  return tsvPath.replace(/\.tsv$/i, '.metadata.tsv');
}

/** Returns the paths written. */
export async function writeEmbeddings(path: string, m: Matrix, texts: readonly string[], ids?: readonly (string | undefined)[]): Promise<string[]> {
  const format = outputFormatFromPath(path);
  if (format === 'npy') {
    await writeFileAtomic(path, encodeNpy(m));
    return [path];
  }
  const rowText = (i: number): string[] => {
    const vals: string[] = new Array<string>(m.dim);
    for (let j = 0; j < m.dim; j++) vals[j] = formatFloat32(m.data[i * m.dim + j]!);
    return vals;
  };
  if (format === 'jsonl') {
    const w = await AtomicWriter.open(path);
    try {
      for (let i = 0; i < m.rows; i++) {
        const id = ids?.[i];
        await w.write(`{${id !== undefined ? `"id":${JSON.stringify(id)},` : ''}"text":${JSON.stringify(texts[i] ?? '')},"vector":[${rowText(i).join(',')}]}\n`);
      }
      await w.close();
    } catch (e) {
      await w.abort();
      throw e;
    }
    return [path];
  }
  const meta = metadataPathFor(path);
  const w = await AtomicWriter.open(path);
  try {
    for (let i = 0; i < m.rows; i++) await w.write(rowText(i).join('\t') + '\n');
    // the Projector reads a single-column metadata file without a header
    const lines = texts.map((t) => t.replace(/[\t\r\n]+/g, ' ') || ' ');
    await writeFileAtomic(meta, lines.join('\n') + '\n');
    await w.close();
  } catch (e) {
    await w.abort();
    throw e;
  }
  return [path, meta];
}
