/**
 * `.npy` reading: what `encodeNpy` writes (float32, 2-D), and what numpy writes by default (float64, also
 * 1-D); damaged files and missing ones are user errors naming the file.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { EmbedkitError } from '../../src/errors.js';
import { encodeNpy, readNpy } from '../../src/io/npy.js';
import { float64Bytes, numpyBytes, tempDir } from '../helpers.js';

const tmp = tempDir('embedkit-npy-');
after(() => tmp.cleanup());

const npy = numpyBytes;
const f64 = float64Bytes;

test('float32 2-D round trip', () => {
  const p = join(tmp.path, 'a.npy');
  writeFileSync(p, encodeNpy({ data: Float32Array.from([1, 2, 3, 4, 5, 6]), rows: 2, dim: 3 }));
  const m = readNpy(p);
  assert.deepEqual([m.rows, m.dim, Array.from(m.data)], [2, 3, [1, 2, 3, 4, 5, 6]]);
});

test("float64 (numpy's default) 2-D and 1-D (one row)", () => {
  const two = join(tmp.path, 'b.npy');
  writeFileSync(two, npy('<f8', '(2, 2)', f64([0.5, -1, 1e-3, 7])));
  const m = readNpy(two);
  assert.deepEqual([m.rows, m.dim, Array.from(m.data)], [2, 2, [0.5, -1, Math.fround(1e-3), 7]]);
  const one = join(tmp.path, 'c.npy');
  writeFileSync(one, npy('<f8', '(3,)', f64([3, 0, 4])));
  const v = readNpy(one);
  assert.deepEqual([v.rows, v.dim, Array.from(v.data)], [1, 3, [3, 0, 4]]);
});

test('missing, damaged and unsupported files are user errors naming the file', () => {
  assert.throws(() => readNpy(join(tmp.path, 'none.npy')), (e: unknown) => e instanceof EmbedkitError && e.code === 'FILE_NOT_FOUND' && e.message.includes('none.npy'));
  const ints = join(tmp.path, 'ints.npy');
  writeFileSync(ints, npy('<i8', '(1,)', f64([1])));
  assert.throws(() => readNpy(ints), (e: unknown) => e instanceof EmbedkitError && e.code === 'FORMAT_ERROR' && /unsupported dtype.*astype/.test(e.message));
  const short = join(tmp.path, 'short.npy');
  writeFileSync(short, npy('<f8', '(2, 2)', f64([1, 2, 3])));
  assert.throws(() => readNpy(short), (e: unknown) => e instanceof EmbedkitError && e.code === 'FORMAT_ERROR' && /truncated data/.test(e.message));
  const three = join(tmp.path, 'three.npy');
  writeFileSync(three, npy('<f4', '(1, 1, 1)', Buffer.alloc(4)));
  assert.throws(() => readNpy(three), /unsupported shape/);
});
