/** Corpus reader, vocabulary tables, encoded stream, doc2vec inference, phrases on a planted collocation. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import type { EmbedkitError } from '../../src/errors.js';
import { TextCorpus } from '../../src/train/corpus.js';
import { trainDoc2Vec } from '../../src/train/doc2vec.js';
import { END_OF_STREAM, IdReader } from '../../src/train/id-stream.js';
import { learnPhrases } from '../../src/train/phrases.js';
import { prepareCorpus } from '../../src/train/prepared-corpus.js';
import { SIGMOID_TABLE, SIGMOID_TABLE_SIZE, MAX_SIGMOID } from '../../src/train/sgns-kernel.js';
import { selectVocabulary, unigramTable, Vocabulary } from '../../src/train/vocabulary.js';
import { cosine } from '../../src/math/kernels.js';
import { tempDir } from '../helpers.js';
import { plantedCorpus, rng } from './synthetic.js';

async function collect(c: AsyncIterable<readonly string[]>): Promise<string[][]> {
  const out: string[][] = [];
  for await (const d of c) out.push([...d]);
  return out;
}

describe('TextCorpus', () => {
  it('reads files and folders (sorted, hidden skipped, gzip), per line or per file, with either tokenizer', async () => {
    const tmp = tempDir();
    try {
      mkdirSync(join(tmp.path, 'dir'));
      writeFileSync(join(tmp.path, 'dir', 'b.txt'), 'Don\'t stop.\nNew  York\n');
      writeFileSync(join(tmp.path, 'dir', 'a.txt.gz'), gzipSync('First line, here\r\n'));
      writeFileSync(join(tmp.path, 'dir', '.hidden'), 'never read');
      const lines = await collect(new TextCorpus(join(tmp.path, 'dir')));
      assert.deepEqual(lines, [['first', 'line', ',', 'here'], ['do', "n't", 'stop', '.'], ['new', 'york']]);
      const ws = await collect(new TextCorpus([join(tmp.path, 'dir', 'b.txt')], { tokenizer: 'whitespace', lowercase: false }));
      assert.deepEqual(ws, [["Don't", 'stop.'], ['New', 'York']]);
      const files = await collect(new TextCorpus(join(tmp.path, 'dir'), { unit: 'file' }));
      assert.deepEqual(files, [['first', 'line', ',', 'here'], ['do', "n't", 'stop', '.', 'new', 'york']]);
      // re-iterable: a second pass gives the same documents
      const c = new TextCorpus(join(tmp.path, 'dir'));
      assert.deepEqual(await collect(c), await collect(c));
    } finally {
      tmp.cleanup();
    }
  });

  it('names a missing input', async () => {
    await assert.rejects(collect(new TextCorpus('/nonexistent/corpus.txt')), (e: unknown) => (e as EmbedkitError).code === 'FILE_NOT_FOUND' && (e as Error).message.includes('/nonexistent/corpus.txt'));
  });
});

describe('Vocabulary', () => {
  it('selects by minCount and maxVocab, most frequent first, ties in first-seen order', () => {
    const { vocab, remap } = selectVocabulary(['x', 'y', 'z', 'w', 'v'], [3, 7, 3, 1, 5], { minCount: 2, maxVocab: 3 });
    assert.deepEqual(vocab.words, ['y', 'v', 'x']);
    assert.deepEqual([...remap], [2, 0, -1, -1, 1]);
    assert.equal(vocab.totalWords, 15);
  });

  it('keep probability is min(1, sqrt(t/f) + t/f)', () => {
    const v = new Vocabulary(['a', 'b'], Float64Array.from([9000, 1000]));
    const keep = v.keepProbabilities(1e-2); // t·N = 100
    assert.ok(Math.abs(keep[0]! - (Math.sqrt(100 / 9000) + 100 / 9000)) < 1e-7);
    assert.ok(Math.abs(keep[1]! - (Math.sqrt(0.1) + 0.1)) < 1e-7);
    assert.deepEqual([...v.keepProbabilities(0)], [1, 1]);
  });

  it('negative table follows count^0.75', () => {
    const counts = Float64Array.from([1000, 100, 10, 1]);
    const table = unigramTable(counts, 0.75, 1 << 16);
    const freq = [0, 0, 0, 0];
    for (const i of table) freq[i]!++;
    const z = [...counts].reduce((s, c) => s + c ** 0.75, 0);
    counts.forEach((c, i) => assert.ok(Math.abs(freq[i]! / table.length - c ** 0.75 / z) < 2e-3, `word ${i}: ${freq[i]! / table.length}`));
  });

  it('sigmoid table is exact at its points', () => {
    for (const i of [0, 100, SIGMOID_TABLE_SIZE / 2, 1000]) {
      const x = (i / SIGMOID_TABLE_SIZE) * 2 * MAX_SIGMOID - MAX_SIGMOID;
      assert.ok(Math.abs(SIGMOID_TABLE[i]! - 1 / (1 + Math.exp(-x))) < 1e-7);
    }
  });
});

describe('prepareCorpus', () => {
  it('encodes documents as markers + in-vocabulary ids and removes its temp files', async () => {
    const p = await prepareCorpus([['a', 'b', 'a'], [], ['c', 'a', 'b']], { minCount: 2 });
    assert.deepEqual(p.vocab.words, ['a', 'b']);
    const r = new IdReader(p.idsPath);
    const got: number[] = [];
    for (let v = r.next(); v !== END_OF_STREAM; v = r.next()) got.push(v);
    r.close();
    assert.deepEqual(got, [-1, 0, 1, 0, -2, -3, 0, 1]);
    assert.equal(p.documents, 3);
    assert.equal(p.rawTokens, 6);
    await p.dispose();
    assert.throws(() => new IdReader(p.idsPath));
  });
});

describe('doc2vec', () => {
  it('document vectors cluster by topic and inferVector places a new document near its topic', async () => {
    const c = plantedCorpus({ sentences: 1200, topics: 6 });
    const r = await trainDoc2Vec(c.sentences, { dim: 24, epochs: 15, minCount: 1, sample: 0, threads: 1, seed: 3, window: 4, dbowWords: false });
    assert.equal(r.docVectors.size, 1200);
    assert.equal(r.docVectors.keys[5], '5');
    // a new document of each topic: its nearest training documents are mostly of that topic
    const rand = rng(99);
    let correct = 0;
    for (let k = 0; k < 6; k++) {
      const ctx = Array.from({ length: 6 }, (_, j) => `c${(3 * k + j) % 18}`);
      const doc = [`a${k}`, ...Array.from({ length: 6 }, () => ctx[Math.floor(rand() * 6)]!)];
      const v = r.model.inferVector(doc);
      assert.deepEqual(r.model.inferVector(doc), v, 'deterministic for a seed');
      const near = r.docVectors.nearestToVector(v, 10);
      correct += near.keys.filter((key) => c.topics[Number(key)] === k).length;
    }
    assert.ok(correct >= 50, `${correct}/60 nearest documents of the right topic`);
    // re-inferring a training document lands near its trained vector
    const v0 = r.model.inferVector(c.sentences[0]!);
    const sameTopic = cosine(v0, r.docVectors.get('0')!);
    const otherTopic = cosine(v0, r.docVectors.get('3')!);
    assert.ok(sameTopic > otherTopic, `${sameTopic} vs ${otherTopic}`);
    assert.deepEqual([...r.model.inferVector(['zzz-unknown'])].length, 24);
  });
});

describe('phrases', () => {
  it('joins a planted collocation and leaves chance bigrams alone', async () => {
    const rand = rng(5);
    const words = Array.from({ length: 50 }, (_, i) => `w${i}`);
    const docs: string[][] = [];
    for (let i = 0; i < 400; i++) {
      const d = Array.from({ length: 10 }, () => words[Math.floor(rand() * 50)]!);
      if (i % 3 === 0) d.splice(4, 0, 'new', 'york');
      docs.push(d);
    }
    const model = await learnPhrases(docs, { minCount: 5, threshold: 10 });
    assert.deepEqual(model.list().map(([k]) => k), ['new_york']);
    const joined = await collect(model.transform(docs) as AsyncIterable<readonly string[]>);
    assert.ok(joined[0]!.includes('new_york') && !joined[0]!.includes('new'));
    assert.equal(joined[1]!.length, 10);
  });
});
