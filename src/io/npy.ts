/**
 * NumPy `.npy` (format version 1.0) for 2-D float32 C-order arrays: magic `\x93NUMPY`, version, a
 * little-endian u16 header length, a Python-dict header padded with spaces to a multiple of 64 bytes, then
 * the raw data.
 */
import { readFileSync } from 'node:fs';
import { FormatError } from '../errors.js';
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

/** Reads a 2-D little-endian float32 C-order `.npy` file (what `encodeNpy` writes). */
export function readNpy(path: string): Matrix {
  const b = readFileSync(path);
  if (b.length < 10 || b[0] !== 0x93 || b.toString('latin1', 1, 6) !== 'NUMPY') {
    throw new FormatError(path, 'not a .npy file', { byteOffset: 0, expected: 'magic \\x93NUMPY', received: JSON.stringify(b.toString('latin1', 0, 6)) });
  }
  const major = b[6]!;
  const hlen = major === 1 ? b.readUInt16LE(8) : b.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = b.toString('latin1', start, start + hlen);
  if (!header.includes("'<f4'")) throw new FormatError(path, 'unsupported dtype', { byteOffset: start, expected: "'<f4'", received: header.trim() });
  if (/'fortran_order': True/.test(header)) throw new FormatError(path, 'unsupported order', { byteOffset: start, expected: 'C order', received: 'Fortran order' });
  const shape = /'shape': \((\d+), (\d+)\)/.exec(header);
  if (shape === null) throw new FormatError(path, 'unsupported shape', { byteOffset: start, expected: '2-D shape', received: header.trim() });
  const rows = Number(shape[1]);
  const dim = Number(shape[2]);
  const off = start + hlen;
  if (b.length - off !== rows * dim * 4) throw new FormatError(path, 'truncated data', { byteOffset: b.length, expected: `${rows * dim * 4} data bytes`, received: `${b.length - off}` });
  const data = new Float32Array(rows * dim);
  for (let i = 0; i < rows * dim; i++) data[i] = b.readFloatLE(off + i * 4);
  return { data, rows, dim };
}
