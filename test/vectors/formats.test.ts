import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { detectFormat, readVectors, writeVectors, VECTOR_FORMATS, type VectorFormat } from '../../src/vectors/formats/index.js';
import { readWinkJson } from '../../src/vectors/formats/wink-json.js';
import { FormatError } from '../../src/errors.js';
import { tempDir } from '../helpers.js';

const keys = ['the', ',', 'king', 'queen', 'new_york', 'café', '日本'];
const dim = 5;
const data = Float32Array.from({ length: keys.length * dim }, (_, i) => Math.fround(Math.sin(i * 1.37) * 10 ** ((i % 7) - 3)));
const kv = new KeyedVectors(keys, data, dim);

function isFormatError(line?: number, byte?: boolean): (e: unknown) => boolean {
  return (e: unknown) => {
    assert.ok(e instanceof FormatError, `expected FormatError, got ${String(e)}`);
    if (line !== undefined) assert.equal(e.line, line, e.message);
    if (byte === true) assert.ok(e.byteOffset !== undefined, e.message);
    return true;
  };
}

for (const format of VECTOR_FORMATS) {
  for (const gz of format === 'ekv' ? [false] : [false, true]) {
    test(`${format}${gz ? ' (gzip)' : ''}: write → detect → read round-trips exactly`, async () => {
      const tmp = tempDir();
      try {
        const ext = { word2vec: '.txt', 'word2vec-bin': '.bin', glove: '.glove.txt', vec: '.vec', ekv: '.ekv' }[format];
        const path = join(tmp.path, `v${ext}${gz ? '.gz' : ''}`);
        await writeVectors(kv, path, format);
        if (gz) assert.deepEqual([...readFileSync(path).subarray(0, 2)], [0x1f, 0x8b]);
        const detected = await detectFormat(path);
        const expected: VectorFormat = format === 'vec' ? 'vec' : format;
        assert.equal(detected, expected);
        const back = await readVectors(path);
        assert.deepEqual(back.keys, keys);
        assert.equal(back.dim, dim);
        assert.deepEqual(Array.from(back.vectors), Array.from(data));
        const limited = await readVectors(path, { limit: 3 });
        assert.deepEqual(limited.keys, keys.slice(0, 3));
        assert.deepEqual(Array.from(limited.vectors), Array.from(data.subarray(0, 3 * dim)));
      } finally {
        tmp.cleanup();
      }
    });
  }
}

test('word2vec text matches the format byte for byte on a hand-written case', async () => {
  const tmp = tempDir();
  try {
    const small = new KeyedVectors(['a', 'b'], Float32Array.from([0.5, -1, 0.25, 3]), 2);
    const p = join(tmp.path, 'small.txt');
    await writeVectors(small, p, 'word2vec');
    assert.equal(readFileSync(p, 'utf8'), '2 2\na 0.5 -1\nb 0.25 3\n');
    await writeVectors(small, p, 'glove');
    assert.equal(readFileSync(p, 'utf8'), 'a 0.5 -1\nb 0.25 3\n');
  } finally {
    tmp.cleanup();
  }
});

test('damaged text files give FormatError with file and line', async () => {
  const tmp = tempDir();
  const w = (name: string, content: string): string => {
    const p = join(tmp.path, name);
    writeFileSync(p, content);
    return p;
  };
  try {
    await assert.rejects(readVectors(w('cols.txt', '2 3\na 1 2 3\nb 1 2\n')), isFormatError(3));
    await assert.rejects(readVectors(w('nan.txt', '2 2\na 1 2\nb 1 x\n')), (e: unknown) => isFormatError(3)(e) && /non-numeric/.test((e as Error).message) && /"x"/.test((e as Error).message));
    await assert.rejects(readVectors(w('count.txt', '3 2\na 1 2\nb 1 2\n')), (e: unknown) => isFormatError(1)(e) && /3 rows/.test((e as Error).message));
    await assert.rejects(readVectors(w('glove-cols.txt', 'a 1 2\nb 1 2 3\n')), isFormatError(2));
    await assert.rejects(readVectors(w('crlf.txt', '2 2\r\na 1 2\r\nb 1 inf\r\n')), isFormatError(3));
    await assert.rejects(readVectors(join(tmp.path, 'missing.txt')), /file not found/);
    // CRLF files are fine
    const ok = await readVectors(w('crlf-ok.txt', '2 2\r\na 1 2\r\nb 3 4\r\n'));
    assert.deepEqual(Array.from(ok.vectors), [1, 2, 3, 4]);
  } finally {
    tmp.cleanup();
  }
});

test('duplicate keys: warn once, keep the first occurrence', async () => {
  const tmp = tempDir();
  try {
    const p = join(tmp.path, 'dup.txt');
    writeFileSync(p, '3 2\na 1 2\nb 3 4\na 5 6\n');
    const warnings: string[] = [];
    const r = await readVectors(p, { onWarning: (m) => warnings.push(m) });
    assert.deepEqual(r.keys, ['a', 'b']);
    assert.deepEqual(Array.from(r.get('a')!), [1, 2]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /1 duplicate key.*"a".*dup\.txt:4/);
  } finally {
    tmp.cleanup();
  }
});

test('truncated word2vec binary gives FormatError with a byte offset', async () => {
  const tmp = tempDir();
  try {
    const p = join(tmp.path, 'v.bin');
    await writeVectors(kv, p, 'word2vec-bin');
    const full = readFileSync(p);
    const cut = join(tmp.path, 'cut.bin');
    writeFileSync(cut, full.subarray(0, full.length - 7));
    await assert.rejects(readVectors(cut, { format: 'word2vec-bin' }), (e: unknown) => isFormatError(undefined, true)(e) && /truncated/.test((e as Error).message));
    const extra = join(tmp.path, 'extra.bin');
    writeFileSync(extra, Buffer.concat([full, Buffer.from('zz ')]));
    await assert.rejects(readVectors(extra, { format: 'word2vec-bin' }), /header count disagrees/);
  } finally {
    tmp.cleanup();
  }
});

test('ekv validates magic, size and checksum on open', async () => {
  const tmp = tempDir();
  try {
    const p = join(tmp.path, 'v.ekv');
    await writeVectors(kv, p, 'ekv');
    const good = readFileSync(p);
    const bad = (name: string, b: Buffer): string => {
      const q = join(tmp.path, name);
      writeFileSync(q, b);
      return q;
    };
    const flipped = Buffer.from(good);
    flipped[100] = flipped[100]! ^ 0xff;
    await assert.rejects(readVectors(bad('flip.ekv', flipped), { format: 'ekv' }), /checksum mismatch/);
    await assert.rejects(readVectors(bad('short.ekv', good.subarray(0, good.length - 4)), { format: 'ekv' }), /file size disagrees/);
    const magic = Buffer.from(good);
    magic.write('XXXX', 0, 'latin1');
    await assert.rejects(readVectors(bad('magic.ekv', magic), { format: 'ekv' }), /not an ekv file/);
    const version = Buffer.from(good);
    version.writeUInt32LE(99, 8);
    await assert.rejects(readVectors(bad('version.ekv', version), { format: 'ekv' }), /unsupported version/);
  } finally {
    tmp.cleanup();
  }
});

test('a failed write leaves the previous file untouched', async () => {
  const tmp = tempDir();
  try {
    const p = join(tmp.path, 'keep.txt');
    writeFileSync(p, 'previous content\n');
    const badKeys = new KeyedVectors(['ok', 'has space'], new Float32Array(4), 2);
    await assert.rejects(writeVectors(badKeys, p, 'word2vec'), /key cannot be written/);
    assert.equal(readFileSync(p, 'utf8'), 'previous content\n');
  } finally {
    tmp.cleanup();
  }
});

test('wink-embeddings JSON: rows in "words" order, norm and index columns ignored', async () => {
  const tmp = tempDir();
  try {
    const p = join(tmp.path, 'wink.json');
    const json = {
      precision: 8,
      l2NormIndex: 2,
      wordIndex: 3,
      size: 3,
      dimensions: 2,
      words: ['the', 'a"b', 'x'],
      vectors: { x: [5, 6, 7.8, 2], the: [1.5, -2e-3, 9, 0], 'a"b': [3, 4, 5, 1] },
      unkVector: [0, 0, 0, -1],
    };
    writeFileSync(p, JSON.stringify(json));
    const r = await readWinkJson(p);
    assert.deepEqual(r.keys, ['the', 'a"b', 'x']);
    assert.deepEqual(Array.from(r.vectors), [1.5, -2e-3, 3, 4, 5, 6].map(Math.fround));
    writeFileSync(p, JSON.stringify({ ...json, vectors: { the: [1, 2, 0, 0], x: [1, 2, 0, 0] } }));
    await assert.rejects(readWinkJson(p), /word without a vector.*"a\\"b"/);
    writeFileSync(p, JSON.stringify(json).slice(0, 120));
    await assert.rejects(readWinkJson(p), (e: unknown) => isFormatError(undefined, true)(e));
  } finally {
    tmp.cleanup();
  }
});

test('gzip is detected by magic bytes, not by name', async () => {
  const tmp = tempDir();
  try {
    const p = join(tmp.path, 'plain-name.txt');
    writeFileSync(p, gzipSync('1 2\nw 1 2\n'));
    const r = await readVectors(p);
    assert.deepEqual(r.keys, ['w']);
  } finally {
    tmp.cleanup();
  }
});
