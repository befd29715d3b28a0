/**
 * Files we write are read by the reference tools: gensim's KeyedVectors.load_word2vec_format (text and
 * binary) and fastText (a `.vec` as -pretrainedVectors). CI installs both (.ci/run); elsewhere the test
 * skips with the reason when a tool is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { writeVectors } from '../../src/vectors/formats/index.js';
import { tempDir } from '../helpers.js';

const PY = '/usr/bin/python3';
const inCi = process.env['CI'] === 'true';
const hasGensim = spawnSync(PY, ['-c', 'import gensim'], { encoding: 'utf8' }).status === 0;
const hasFasttext = spawnSync('fasttext', [], { encoding: 'utf8' }).error === undefined;

const keys = ['the', 'king', 'queen', 'café', 'new_york', '日本'];
const dim = 6;
const data = Float32Array.from({ length: keys.length * dim }, (_, i) => Math.fround(Math.cos(i * 0.77) * (i % 5 === 0 ? 1e-4 : 3.5)));
const kv = new KeyedVectors(keys, data, dim);

test('gensim reads our word2vec text and binary files value for value', { skip: !hasGensim && !inCi ? 'python3-gensim is not installed (CI installs it)' : false }, async () => {
  const tmp = tempDir();
  try {
    const txt = join(tmp.path, 'v.txt');
    const bin = join(tmp.path, 'v.bin');
    const gz = join(tmp.path, 'v.txt.gz');
    await writeVectors(kv, txt, 'word2vec');
    await writeVectors(kv, bin, 'word2vec-bin');
    await writeVectors(kv, gz, 'word2vec');
    const script = `
import json, sys
from gensim.models import KeyedVectors
out = {}
for path, binary in [(sys.argv[1], False), (sys.argv[2], True), (sys.argv[3], False)]:
    kv = KeyedVectors.load_word2vec_format(path, binary=binary)
    out[path] = {'keys': list(kv.index_to_key), 'values': [float(x) for x in kv.vectors.reshape(-1)]}
print(json.dumps(out))
`;
    const r = spawnSync(PY, ['-c', script, txt, bin, gz], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const got = JSON.parse(r.stdout) as Record<string, { keys: string[]; values: number[] }>;
    for (const path of [txt, bin, gz]) {
      assert.deepEqual(got[path]!.keys, keys);
      assert.deepEqual(got[path]!.values, Array.from(data));
    }
  } finally {
    tmp.cleanup();
  }
});

test('fastText accepts our .vec file as pretrained vectors', { skip: !hasFasttext && !inCi ? 'fasttext is not installed (CI installs it)' : false }, async () => {
  const tmp = tempDir();
  try {
    const vec = join(tmp.path, 'v.vec');
    await writeVectors(kv, vec, 'vec');
    const train = join(tmp.path, 'train.txt');
    writeFileSync(train, Array.from({ length: 40 }, (_, i) => `__label__${i % 2 ? 'a' : 'b'} the king queen ${i % 2 ? 'café' : 'new_york'}`).join('\n') + '\n');
    const r = spawnSync('fasttext', ['supervised', '-input', train, '-output', join(tmp.path, 'm'), '-pretrainedVectors', vec, '-dim', String(dim), '-epoch', '1', '-lr', '0', '-thread', '1', '-minCount', '1'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    // fastText re-exports the input vectors: our values must come back (to its 5-digit text precision)
    const p = spawnSync('fasttext', ['print-word-vectors', join(tmp.path, 'm.bin')], { input: 'king\n', encoding: 'utf8' });
    const values = p.stdout.trim().split(/\s+/).slice(1).map(Number);
    assert.equal(values.length, dim);
    values.forEach((v, j) => assert.ok(Math.abs(v - data[1 * dim + j]!) < 1e-4, `${v} vs ${data[dim + j]}`));
  } finally {
    tmp.cleanup();
  }
});
