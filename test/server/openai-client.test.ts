/**
 * The official `openai` npm client against embedkit's server: default settings (the client asks for base64 and
 * decodes it), `encoding_format: 'float'`, and `dimensions`; vectors equal the library's exactly.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { createEmbedder } from '../../src/embedders/create-embedder.js';
import type { Embedder } from '../../src/embedders/embedder.js';
import { truncateDim } from '../../src/embedders/stages/truncate-dim.js';
import type { Matrix } from '../../src/math/matrix.js';
import { startServer, STATIC_VECTORS, TINY_BERT, type TestServer } from './server-fixture.js';

const TEXTS = ['the cat sat on the mat', 'A quick brown fox jumps over the lazy dog.', 'naïve café'];

function rows(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.dim, (i + 1) * m.dim)));
}

function asF32(v: readonly number[]): number[] {
  return v.map((x) => Math.fround(x));
}

describe('openai client against embedkit serve', () => {
  let s: TestServer;
  let client: OpenAI;
  let words: Embedder;
  let tiny: Embedder;
  before(async () => {
    s = await startServer();
    client = new OpenAI({ baseURL: s.base, apiKey: 'not-checked-on-loopback', maxRetries: 0 });
    words = await createEmbedder(STATIC_VECTORS);
    tiny = await createEmbedder(TINY_BERT);
  });
  after(async () => {
    await words.dispose();
    await tiny.dispose();
    await s.close();
  });

  it('default settings (base64 on the wire): vectors equal the library', async () => {
    for (const [model, e] of [['words', words], ['tiny', tiny]] as const) {
      const res = await client.embeddings.create({ model, input: TEXTS });
      assert.equal(res.object, 'list');
      assert.equal(res.model, model);
      assert.deepEqual(res.data.map((d) => d.index), [0, 1, 2]);
      const want = rows(await e.embed(TEXTS));
      res.data.forEach((d, i) => {
        assert.equal(d.object, 'embedding');
        assert.deepEqual(asF32(d.embedding), want[i], `${model} row ${i}`);
      });
      assert.ok(res.usage.prompt_tokens > 0);
      assert.equal(res.usage.total_tokens, res.usage.prompt_tokens);
      assert.equal(res.usage.prompt_tokens, TEXTS.reduce((n, t) => n + e.countTokens!(t), 0));
    }
  });

  it("encoding_format 'float': the same vectors as JSON numbers", async () => {
    const res = await client.embeddings.create({ model: 'tiny', input: TEXTS, encoding_format: 'float' });
    const want = rows(await tiny.embed(TEXTS));
    res.data.forEach((d, i) => assert.deepEqual(asF32(d.embedding), want[i]));
  });

  it('a single string input', async () => {
    const res = await client.embeddings.create({ model: 'words', input: 'the cat' });
    assert.equal(res.data.length, 1);
    assert.deepEqual(asF32(res.data[0]!.embedding), rows(await words.embed(['the cat']))[0]);
  });

  it('dimensions: Matryoshka truncation with re-normalization (base64 and float)', async () => {
    const want = rows(truncateDim(await tiny.embed(TEXTS), 8, true));
    for (const encoding_format of [undefined, 'float'] as const) {
      const res = await client.embeddings.create({ model: 'tiny', input: TEXTS, dimensions: 8, ...(encoding_format !== undefined ? { encoding_format } : {}) });
      res.data.forEach((d, i) => {
        assert.equal(d.embedding.length, 8);
        assert.deepEqual(asF32(d.embedding), want[i]);
        assert.ok(Math.abs(Math.hypot(...d.embedding) - 1) < 1e-6);
      });
    }
  });

  it('errors come back in OpenAI shape with the right status', async () => {
    await assert.rejects(client.embeddings.create({ model: 'tiny', input: 'x', dimensions: 10_000 }), (e: unknown) => e instanceof OpenAI.BadRequestError && e.status === 400 && e.param === 'dimensions' && /dimensions/.test(e.message));
    await assert.rejects(client.embeddings.create({ model: 'nope', input: 'x' }), (e: unknown) => e instanceof OpenAI.NotFoundError && e.code === 'model_not_found');
    await assert.rejects(client.embeddings.create({ model: 'tiny', input: [[1, 2, 3]] }), (e: unknown) => e instanceof OpenAI.BadRequestError && e.code === 'token_input_unsupported' && /token/.test(e.message));
  });

  it('GET /v1/models lists the served models', async () => {
    const list = await client.models.list();
    assert.deepEqual(list.data.map((m) => m.id), ['words', 'tiny']);
    const one = await client.models.retrieve('tiny');
    assert.equal(one.id, 'tiny');
    assert.equal(one.owned_by, 'embedkit');
  });
});
