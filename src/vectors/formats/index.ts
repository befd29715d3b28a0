import { badOption } from '../../errors.js';
import type { KeyedVectors } from '../keyed-vectors.js';
import { detectFormat } from './detect.js';
import { checkFiniteForWrite } from './finite.js';
import { readEkv, writeEkv } from './ekv.js';
import { readTextVectors, writeTextVectors } from './text.js';
import { readWord2vecBinary, writeWord2vecBinary } from './word2vec-binary.js';
import { VECTOR_FORMATS, type ReadOptions, type VectorFormat } from './types.js';

export { detectFormat } from './detect.js';
export { VECTOR_FORMATS, type ReadOptions, type VectorFormat } from './types.js';

export interface ReadVectorsOptions extends ReadOptions {
  /** Skip detection. */
  readonly format?: VectorFormat;
}

/** A vector format name, validated; `option` names the option it came from (for the error). */
export function parseFormat(name: string, option = 'format'): VectorFormat {
  if ((VECTOR_FORMATS as readonly string[]).includes(name)) return name as VectorFormat;
  throw badOption(option, VECTOR_FORMATS.join('|'), name);
}

/** Reads a vector file in any supported format (gzip transparent). */
export async function readVectors(path: string, opts: ReadVectorsOptions = {}): Promise<KeyedVectors> {
  const format = opts.format ?? (await detectFormat(path));
  switch (format) {
    case 'ekv':
      return readEkv(path, { ...opts, verify: 'full' }); // a file from elsewhere: every check
    case 'word2vec-bin':
      return readWord2vecBinary(path, opts);
    case 'glove':
      return readTextVectors(path, { ...opts, header: false });
    case 'word2vec':
    case 'vec':
      return readTextVectors(path, { ...opts, header: true });
  }
}

/** Format implied by an output file name (`.bin` → word2vec-bin, `.vec` → vec, `.ekv`, else word2vec text). */
export function formatFromPath(path: string): VectorFormat {
  const p = path.toLowerCase().replace(/\.gz$/, '');
  if (p.endsWith('.bin')) return 'word2vec-bin';
  if (p.endsWith('.vec')) return 'vec';
  if (p.endsWith('.ekv')) return 'ekv';
  if (/glove/.test(p)) return 'glove';
  return 'word2vec';
}

/** Writes atomically (temp file + rename); `.gz` paths are gzip-compressed (not for ekv). */
export async function writeVectors(kv: KeyedVectors, path: string, format: VectorFormat = formatFromPath(path)): Promise<void> {
  checkFiniteForWrite(kv.vectors, kv.dim, (r) => kv.keyAt(r), path);
  switch (format) {
    case 'ekv':
      return writeEkv(kv, path);
    case 'word2vec-bin':
      return writeWord2vecBinary(kv, path);
    case 'glove':
      return writeTextVectors(kv, path, false);
    case 'word2vec':
    case 'vec':
      return writeTextVectors(kv, path, true);
  }
}
