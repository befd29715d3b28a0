/**
 * NumPy `.npy` (format version 1.0) for 2-D float32 C-order arrays: magic `\x93NUMPY`, version, a
 * little-endian u16 header length, a Python-dict header padded with spaces to a multiple of 64 bytes, then
 * the raw data. Reading also takes float64 (numpy's default dtype) and 1-D arrays (one row).
 */
import { readFileSync } from 'node:fs';
import { EmbedkitError, FormatError } from '../errors.js';
import type { Matrix } from '../math/matrix.js';

export function encodeNpy(m: Matrix): Buffer {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${m.rows}, ${m.dim}), }`;
  const pre = 10;
  const total = Math.ceil((pre + header.length + 1) / 64) * 64;
  header = header.padEnd(total - pre - 1, ' ') + '\n';
  const head = Buffer.alloc(pre);
  head[0] = 0x93;
  head.write('NUMPY', 1, 'latin1');
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  const body = Buffer.from(m.data.buffer, m.data.byteOffset, m.rows * m.dim * 4);
  return Buffer.concat([head, Buffer.from(header, 'latin1'), body]);
}

/**
 * Reads a little-endian float32 (what `encodeNpy` writes) or float64 (numpy's default; converted to float32)
 * C-order `.npy` file, 2-D, or 1-D as one row.
 */
export function readNpy(path: string): Matrix {
  let b: Buffer;
  try {
    b = readFileSync(path);
  } catch (e) {
    throw new EmbedkitError('FILE_NOT_FOUND', '.npy file', { where: path, received: e instanceof Error ? e.message : String(e) });
  }
  if (b.length < 10 || b[0] !== 0x93 || b.toString('latin1', 1, 6) !== 'NUMPY') {
    throw new FormatError(path, 'not a .npy file', { byteOffset: 0, expected: 'magic \\x93NUMPY', received: JSON.stringify(b.toString('latin1', 0, 6)) });
  }
  const major = b[6]!;
  const hlen = major === 1 ? b.readUInt16LE(8) : b.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = b.toString('latin1', start, start + hlen);
  const f64 = header.includes("'<f8'");
  if (!header.includes("'<f4'") && !f64) throw new FormatError(path, 'unsupported dtype', { byteOffset: start, expected: "'<f4' or '<f8'", received: header.trim(), hint: 'save float32 or float64 arrays (`a.astype(np.float32)`)' });
  if (/'fortran_order': True/.test(header)) throw new FormatError(path, 'unsupported order', { byteOffset: start, expected: 'C order', received: 'Fortran order' });
  const shape = /'shape': \((\d+), (\d+)\)/.exec(header) ?? /'shape': \((\d+),\)/.exec(header);
  if (shape === null) throw new FormatError(path, 'unsupported shape', { byteOffset: start, expected: '2-D shape (or 1-D: one row)', received: header.trim() });
  const rows = shape[2] === undefined ? 1 : Number(shape[1]);
  const dim = Number(shape[2] ?? shape[1]);
  const off = start + hlen;
  const width = f64 ? 8 : 4;
  if (b.length - off !== rows * dim * width) throw new FormatError(path, 'truncated data', { byteOffset: b.length, expected: `${rows * dim * width} data bytes`, received: `${b.length - off}` });
  const data = new Float32Array(rows * dim);
  for (let i = 0; i < rows * dim; i++) data[i] = f64 ? b.readDoubleLE(off + i * 8) : b.readFloatLE(off + i * 4);
  return { data, rows, dim };
}
