/**
 * Long documents: the generated LongEmbed tasks (lengths, needles, determinism), the windows an encoder
 * reads (first window = truncation, pooled windows = `long: 'chunk'`), chunk-level max-sim on a hand-made
 * case, and the `long-docs` command end to end.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { maxSimScores, methodScores, ndcgOfScores } from '../../src/analysis/long-documents/evaluate-long-documents.js';
import { mobyDickSentences } from '../../src/analysis/long-documents/haystacks.js';
import { longDocumentSettings } from '../../src/analysis/long-documents/long-document-options.js';
import { generateLongTask } from '../../src/analysis/long-documents/long-tasks.js';
import { OnnxEmbedder } from '../../src/embedders/onnx/onnx-embedder.js';
import { firstWindows, poolWindows, type TextWindows } from '../../src/embedders/stages/pool-windows.js';
import { normalizeRowsInPlace } from '../../src/math/kernels.js';
import { lastJson, oneErrorLine, runCli, tempDir } from '../helpers.js';
import { TINY_BERT } from '../onnx/reference.js';
import { matchScores } from '../../src/analysis/matching/match-result.js';
import { FIXTURES } from '../helpers.js';

interface Golden {
  windows: number[][];
  owner: number[];
  weight: number[];
  queries: number[][];
  gold: number[];
  scores: Record<string, number[][]>;
  ndcg_at_1: Record<string, number>;
  ndcg_at_10: Record<string, number>;
  match: { k: number; gold: number[]; top: number[][]; mrr: number; p1: number };
}
const GOLDEN = JSON.parse(readFileSync(join(FIXTURES, 'analysis', 'long-matching-golden.json'), 'utf8')) as Golden;

/** One token per whitespace-separated word or punctuation mark: a stand-in tokenizer with exact counts. */
const countTokens = (t: string): number => t.match(/\w+|[^\w\s]/g)?.length ?? 0;

describe('generated long-document tasks', () => {
  it('passkey documents reach the length, hold their own pass key once, and the query names its person', () => {
    const d = generateLongTask({ task: 'passkey', length: 300, documents: 6, seed: 3, countTokens });
    assert.equal(d.corpus.length, 6);
    assert.equal(d.queries.length, 6);
    d.corpus.forEach((doc, i) => {
      const tokens = d.documentTokens[i]!;
      assert.ok(tokens <= 300 && tokens >= 300 - 8, `document ${i}: ${tokens} tokens`);
      const name = /^What is the pass key for (.+)\?$/.exec(d.queries[i]!.text)![1]!;
      const m = new RegExp(`${name}'s pass key is (\\d{5})\\. Remember it\\. (\\d{5}) is the pass key for ${name}\\.`).exec(doc.text);
      assert.ok(m !== null && m[1] === m[2], `document ${i} holds ${name}'s pass key`);
      // no other document names this person
      d.corpus.forEach((other, j) => j !== i && assert.ok(!other.text.includes(name)));
      assert.deepEqual([...d.qrels.get(d.queries[i]!.id)!], [[doc.id, 1]]);
      assert.ok(doc.text.includes('The grass is green.'));
    });
    // needles are spread over the documents, not always at one end
    assert.ok(Math.max(...d.depth) - Math.min(...d.depth) > 0.3, `depths ${d.depth.join(', ')}`);
  });

  it('needle documents are book spans with one city fact; the same seed gives the same task', async () => {
    const haystack = await mobyDickSentences();
    assert.ok(haystack.length > 5000);
    assert.ok(haystack.includes('Call me Ishmael.'));
    const a = generateLongTask({ task: 'needle', length: 500, documents: 5, seed: 1, countTokens, haystack });
    const b = generateLongTask({ task: 'needle', length: 500, documents: 5, seed: 1, countTokens, haystack });
    const c = generateLongTask({ task: 'needle', length: 500, documents: 5, seed: 2, countTokens, haystack });
    assert.deepEqual(a.corpus, b.corpus);
    assert.notDeepEqual(a.corpus, c.corpus);
    a.corpus.forEach((doc, i) => {
      const city = /^What is the best thing to do in (.+)\?$/.exec(a.queries[i]!.text)![1]!;
      assert.equal(doc.text.split(`The best thing to do in ${city} is `).length, 2);
      assert.ok(a.documentTokens[i]! <= 500 && a.documentTokens[i]! > 400);
    });
  });

  it('rejects impossible settings naming the option', async () => {
    assert.throws(() => generateLongTask({ task: 'needle', length: 500, documents: 61, seed: 1, countTokens, haystack: ['A.'] }), /documents/);
    assert.throws(() => generateLongTask({ task: 'needle', length: 500, documents: 2, seed: 1, countTokens }), /haystack/);
    assert.throws(() => longDocumentSettings({ tasks: ['passkey', 'maze'] }), (e: Error) => /tasks/.test(e.message) && /maze/.test(e.message));
    assert.throws(() => longDocumentSettings({ lengths: ['512', 'long'] }), /lengths/);
    assert.deepEqual(longDocumentSettings({ lengths: ['1024', '256', '1024'], methods: ['max-sim'] }).lengths, [256, 1024]);
  });
});

describe('windows of long texts (tiny-bert, 16-token windows)', () => {
  const texts = ['short text', 'a much longer text that goes on and on about rivers, mountains, clouds and the sea, far beyond sixteen tokens of content'];
  let chunk: OnnxEmbedder;
  let truncate: OnnxEmbedder;
  before(async () => {
    chunk = await OnnxEmbedder.load(TINY_BERT, { maxLength: 16, long: 'chunk', chunkOverlap: 3 });
    truncate = await OnnxEmbedder.load(TINY_BERT, { maxLength: 16, onWarning: () => {} });
  });
  after(async () => {
    await chunk.dispose();
    await truncate.dispose();
  });

  it("pooled windows are what long: 'chunk' embeds, the first window what truncation embeds", async () => {
    const w = await chunk.embedWindows(texts);
    assert.equal(w.texts, 2);
    assert.deepEqual([...w.owner].filter((o) => o === 0), [0]);
    assert.ok(w.owner.filter((o) => o === 1).length >= 3);
    const pooled = poolWindows(w);
    normalizeRowsInPlace(pooled.data, pooled.dim);
    const first = firstWindows(w);
    normalizeRowsInPlace(first.data, first.dim);
    const viaChunk = await chunk.embed(texts);
    const viaTruncate = await truncate.embed(texts);
    for (let k = 0; k < pooled.data.length; k++) {
      assert.ok(Math.abs(pooled.data[k]! - viaChunk.data[k]!) < 1e-5);
      assert.ok(Math.abs(first.data[k]! - viaTruncate.data[k]!) < 1e-5);
    }
    // the truncating embedder splits into the same windows when asked
    const again = await truncate.embedWindows(texts);
    assert.deepEqual([...again.owner], [...w.owner]);
  });
});

describe('chunk-level max-sim', () => {
  // two documents: doc 0 has windows e1 and e2 (weights 3, 1), doc 1 one window (e1 + e2)/√2
  const windows: TextWindows = {
    vectors: { data: Float32Array.from([2, 0, 0, 0, 5, 0, 1, 1, 0]), rows: 3, dim: 3 },
    owner: Int32Array.from([0, 0, 1]),
    weight: Float64Array.from([3, 1, 2]),
    texts: 2,
  };
  const q = { data: Float32Array.from([0, 1, 0, 0.6, 0.8, 0]), rows: 2, dim: 3 };

  it('scores a document by its best window; mean and truncation score the pooled and the first window', () => {
    const s = 1 / Math.SQRT2;
    const close = (a: Float32Array, b: readonly number[]): void => b.forEach((v, i) => assert.ok(Math.abs(a[i]! - v) < 1e-6, `${[...a]} vs ${b}`));
    close(maxSimScores(q, windows), [1, s, 0.8, 1.4 * s]);
    close(methodScores('truncate', q, windows), [0, s, 0.6, 1.4 * s]);
    // chunk-mean of doc 0: 0.75·(2,0,0) + 0.25·(0,5,0) = (1.5, 1.25, 0) → unit (0.768…, 0.640…, 0)
    const n = Math.hypot(1.5, 1.25);
    close(methodScores('chunk-mean', q, windows), [1.25 / n, s, (0.6 * 1.5 + 0.8 * 1.25) / n, 1.4 * s]);
  });
});

describe('golden values (scripts/long_matching_golden.py, numpy)', () => {
  const windows: TextWindows = {
    vectors: { data: Float32Array.from(GOLDEN.windows.flat()), rows: GOLDEN.windows.length, dim: GOLDEN.windows[0]!.length },
    owner: Int32Array.from(GOLDEN.owner),
    weight: Float64Array.from(GOLDEN.weight),
    texts: Math.max(...GOLDEN.owner) + 1,
  };
  const q = { data: Float32Array.from(GOLDEN.queries.flat()), rows: GOLDEN.queries.length, dim: GOLDEN.queries[0]!.length };
  for (const method of ['truncate', 'chunk-mean', 'max-sim'] as const) {
    it(`${method}: scores, nDCG@1 and nDCG@10`, () => {
      const s = methodScores(method, { ...q, data: Float32Array.from(q.data) }, windows);
      GOLDEN.scores[method]!.flat().forEach((v, i) => assert.ok(Math.abs(s[i]! - v) < 1e-5, `${i}: ${s[i]} vs ${v}`));
      const docs = Array.from({ length: windows.texts }, (_, t) => ({ id: `d${t}`, text: '' }));
      const data = { corpus: docs, queries: GOLDEN.gold.map((_, i) => ({ id: `q${i}`, text: '' })), qrels: new Map(GOLDEN.gold.map((g, i) => [`q${i}`, new Map([[`d${g}`, 1]])])) };
      const m = ndcgOfScores(data, s);
      assert.ok(Math.abs(m.ndcgAt1 - GOLDEN.ndcg_at_1[method]!) < 1e-9);
      assert.ok(Math.abs(m.ndcgAt10 - GOLDEN.ndcg_at_10[method]!) < 1e-9);
    });
  }
  it('matching MRR and P@1', () => {
    const matches = GOLDEN.match.top.map((top, r) => ({ left: `r${r}`, results: top.map((t) => ({ id: `t${t}`, score: 0 })) }));
    const m = matchScores(matches, new Map(GOLDEN.match.gold.map((g, r) => [`r${r}`, `t${g}`])));
    assert.ok(Math.abs(m.mrr - GOLDEN.match.mrr) < 1e-12);
    assert.ok(Math.abs(m.precisionAt1 - GOLDEN.match.p1) < 1e-12);
  });
});

describe('embedkit long-docs', () => {
  it('reports every task, length and method, and writes the plot', async () => {
    const dir = tempDir();
    try {
      const plot = join(dir.path, 'long.json');
      const r = await runCli(['long-docs', '--lengths', '64,600', '--documents', '4', '--plot', plot, '--json']);
      assert.equal(r.code, 0, r.stderr);
      const j = lastJson<{ model: string; maxLength: number; rows: { task: string; length: number; method: string; ndcgAt1: number; windows: number }[] }>(r.stdout);
      assert.equal(j.model, 'minilm-l6');
      assert.equal(j.maxLength, 256);
      assert.equal(j.rows.length, 2 * 2 * 3);
      for (const row of j.rows) {
        assert.ok(row.ndcgAt1 >= 0 && row.ndcgAt1 <= 1);
        assert.equal(row.windows >= 2, row.length === 600);
      }
      // documents within one window: the three methods see the same text
      const short = j.rows.filter((x) => x.length === 64);
      for (const task of ['passkey', 'needle']) assert.equal(new Set(short.filter((x) => x.task === task).map((x) => x.ndcgAt1)).size, 1);
      assert.ok(existsSync(plot));
      assert.equal((JSON.parse(readFileSync(plot, 'utf8')) as { data: { values: unknown[] } }).data.values.length, 12);
    } finally {
      dir.cleanup();
    }
  });

  it('writes the tasks as BEIR folders that embedkit eval scores like the truncate and chunk-mean methods', async () => {
    const dir = tempDir();
    try {
      const common = ['--tasks', 'needle', '--lengths', '700', '--documents', '6', '--seed', '4'];
      const w = await runCli(['long-docs', ...common, '--write-beir', dir.path, '--json']);
      assert.equal(w.code, 0, w.stderr);
      const folder = join(dir.path, 'needle-700');
      assert.deepEqual(lastJson<{ folders: string[] }>(w.stdout).folders, [folder]);
      const ours = lastJson<{ rows: { method: string; ndcgAt10: number }[] }>((await runCli(['long-docs', ...common, '--json'])).stdout).rows;
      for (const [long, method] of [['truncate', 'truncate'], ['chunk', 'chunk-mean']] as const) {
        const e = await runCli(['eval', '--type', 'retrieval', '--file', folder, '--long', long, '--no-output', '--json']);
        assert.equal(e.code, 0, e.stderr);
        const viaEval = lastJson<{ results: { metrics: { ndcg_at_10: number } }[] }>(e.stdout).results[0]!.metrics.ndcg_at_10;
        assert.ok(Math.abs(viaEval - ours.find((r) => r.method === method)!.ndcgAt10) < 1e-4, `${method}: eval ${viaEval}`);
      }
    } finally {
      dir.cleanup();
    }
  });

  it('rejects a model without windows and unknown tasks in one line', async () => {
    const a = await runCli(['long-docs', '--model', 'glove-100d', '--lengths', '64', '--documents', '2']);
    assert.equal(a.code, 1);
    oneErrorLine(a.stderr);
    assert.match(a.stderr, /--model/);
    const b = await runCli(['long-docs', '--tasks', 'maze']);
    assert.equal(b.code, 1);
    oneErrorLine(b.stderr);
    assert.match(b.stderr, /--tasks/);
  });
});
