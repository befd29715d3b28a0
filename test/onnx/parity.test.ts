/**
 * Parity with the torch reference written by scripts/make-tiny-models.py: identical token ids, and
 * embeddings within 1e-4 for every pooling mode, normalized or not, Matryoshka-truncated, with prompts,
 * chunked long inputs and quantized precisions. Both a BERT-style encoder (right padding) and a decoder
 * (left padding, last-token pooling) are covered.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OnnxEmbedder, type OnnxEmbedderOptions } from '../../src/embedders/onnx/onnx-embedder.js';
import type { Matrix } from '../../src/math/matrix.js';
import { BERT_REF, DECODER_REF, maxAbsDiff, refText, TINY_BERT, TINY_DECODER } from './reference.js';

function assertRows(m: Matrix, expected: readonly (readonly number[])[], label: string, tol = 1e-4): void {
  assert.equal(m.rows, expected.length);
  for (let i = 0; i < m.rows; i++) {
    const d = maxAbsDiff(m, i, expected[i]!);
    assert.ok(d <= tol, `${label}: text ${i} differs by ${d}`);
  }
}

async function embedWith(path: string, texts: readonly string[], opts: OnnxEmbedderOptions): Promise<Matrix> {
  const e = await OnnxEmbedder.load(path, opts);
  try {
    return await e.embed(texts);
  } finally {
    await e.dispose();
  }
}

describe('tiny-bert parity with torch', () => {
  const texts = BERT_REF.texts.map(refText);
  let embedder: OnnxEmbedder;
  const warnings: string[] = [];
  before(async () => {
    embedder = await OnnxEmbedder.load(TINY_BERT, { onWarning: (w) => warnings.push(w) });
  });
  after(() => embedder.dispose());

  it('reads the sentence-transformers config', () => {
    assert.equal(embedder.pooling, 'mean');
    assert.equal(embedder.normalize, true);
    assert.equal(embedder.maxLength, BERT_REF.max_seq_length);
    assert.equal(embedder.dim, BERT_REF.hidden);
    assert.equal(embedder.info.kind, 'onnx');
    assert.equal(embedder.info.similarity, 'cosine');
    assert.deepEqual(embedder.st.prompts, { query: 'query: ', passage: 'passage: ' });
  });

  it('token ids are identical to the reference WordPiece', () => {
    const tok = embedder.tokenizer;
    BERT_REF.texts.forEach((t, i) => {
      const ids = Array.from(tok.frame(tok.truncate(tok.encode(texts[i]!), embedder.maxLength - tok.specialCount)));
      assert.deepEqual(ids, t.ids, `text ${i}`);
    });
    // without truncation, our framing equals the tokenizer's own post-processor
    assert.deepEqual(Array.from(tok.frame(tok.encode(texts[0]!))), tok.encodeWithSpecials(texts[0]!));
  });

  it('default (mean + Normalize) matches, and long texts are counted in a warning', async () => {
    warnings.length = 0;
    const m = await embedder.embed(texts);
    assertRows(m, BERT_REF.texts.map((t) => t.normalized['mean']!), 'mean normalized');
    const truncated = BERT_REF.texts.filter((t) => t.truncated).length;
    assert.ok(truncated >= 2);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, new RegExp(`^${truncated} of ${texts.length} texts were longer than ${BERT_REF.max_seq_length} tokens`));
  });

  // All texts but the 100k-character one (its truncation is covered above; a 24-token cut is still in here).
  const someTexts = texts.slice(0, -1);
  const someRefs = BERT_REF.texts.slice(0, -1);
  for (const pooling of ['cls', 'mean', 'max', 'last', 'weightedmean'] as const) {
    it(`${pooling} pooling, raw and normalized`, async () => {
      assertRows(await embedWith(TINY_BERT, someTexts, { pooling, normalize: false }), someRefs.map((t) => t.pooled[pooling]!), `${pooling} raw`);
      assertRows(await embedWith(TINY_BERT, someTexts, { pooling, normalize: true }), someRefs.map((t) => t.normalized[pooling]!), `${pooling} normalized`);
    });
  }

  it('truncateDim: truncate then re-normalize; without normalization only truncate', async () => {
    const m = await embedWith(TINY_BERT, someTexts, { truncateDim: 16 });
    assert.equal(m.dim, 16);
    assertRows(m, someRefs.map((t) => t.mean_truncate_16!), 'truncate 16');
    assertRows(await embedWith(TINY_BERT, someTexts, { truncateDim: 8, normalize: false }), someRefs.map((t) => t.mean_truncate_8_raw!), 'truncate 8 raw');
  });

  it('prompts: promptName from the model, a literal prompt, and per-call prompts give the same', async () => {
    const expected = BERT_REF.texts.map((t) => t.query_mean_normalized!);
    assertRows(await embedWith(TINY_BERT, texts, { promptName: 'query' }), expected, 'promptName');
    assertRows(await embedWith(TINY_BERT, someTexts, { prompt: 'query: ' }), expected.slice(0, -1), 'prompt');
    assertRows(await embedder.embed(texts, { promptName: 'query' }), expected, 'per-call promptName');
    const tok = embedder.tokenizer;
    BERT_REF.texts.forEach((t, i) => {
      assert.deepEqual(Array.from(tok.frame(tok.truncate(tok.encode('query: ' + texts[i]!), embedder.maxLength - 2))), t.query_ids);
    });
  });

  it("long: 'chunk' mean-pools overlapping windows", async () => {
    const m = await embedWith(TINY_BERT, texts, { long: 'chunk', chunkOverlap: BERT_REF.chunk_overlap! });
    assertRows(m, BERT_REF.texts.map((t) => t.chunk_mean_normalized!), 'chunk');
    // chunked long texts really differ from the truncated ones
    const last = BERT_REF.texts.length - 1;
    assert.ok(BERT_REF.texts[last]!.chunk_windows! > 100);
    assert.ok(maxAbsDiff(m, last, BERT_REF.texts[last]!.normalized['mean']!) > 1e-3);
  });

  for (const precision of ['int8', 'uint8', 'binary', 'ubinary'] as const) {
    it(`precision ${precision} matches sentence-transformers' quantize_embeddings`, async () => {
      const m = await embedWith(TINY_BERT, texts, { precision });
      const expected = BERT_REF.quantized_mean_normalized![precision]!;
      assert.equal(m.dim, expected[0]!.length);
      // Codes are integers; a value within float noise of a bucket edge may land one code away.
      let off = 0;
      for (let i = 0; i < m.rows; i++) {
        for (let j = 0; j < m.dim; j++) {
          const d = Math.abs(m.data[i * m.dim + j]! - expected[i]![j]!);
          assert.ok(d <= 1, `${precision} [${i}][${j}]`);
          if (d > 0) off++;
        }
      }
      assert.ok(off <= Math.ceil(m.data.length * 0.01), `${off} codes off by one`);
    });
  }

  it('the quantized variant runs and stays close to float', async () => {
    const e = await OnnxEmbedder.load(TINY_BERT, { variant: 'quantized' });
    try {
      assert.equal(e.info.variant, 'quantized');
      assert.match(e.id, /:quantized/);
      const m = await e.embed(texts.slice(0, 4));
      for (let i = 0; i < 4; i++) {
        let cos = 0;
        const ref = BERT_REF.texts[i]!.normalized['mean']!;
        for (let j = 0; j < m.dim; j++) cos += m.data[i * m.dim + j]! * ref[j]!;
        assert.ok(cos > 0.95 && cos < 1 - 1e-7, `cosine ${cos}`);
      }
    } finally {
      await e.dispose();
    }
  });
});

describe('tiny-decoder parity with torch (left padding)', () => {
  const texts = DECODER_REF.texts.map(refText);

  it('token ids (content + </s>) are identical', async () => {
    const e = await OnnxEmbedder.load(TINY_DECODER);
    try {
      assert.equal(e.tokenizer.paddingSide, 'left');
      assert.deepEqual(e.tokenizer.prefix, []);
      assert.equal(e.tokenizer.suffix.length, 1);
      assert.equal(e.pooling, 'last');
      assert.equal(e.maxLength, DECODER_REF.max_seq_length);
      const tok = e.tokenizer;
      DECODER_REF.texts.forEach((t, i) => {
        assert.deepEqual(Array.from(tok.frame(tok.truncate(tok.encode(texts[i]!), e.maxLength - 1))), t.ids, `text ${i}`);
      });
      // default: last-token pooling + Normalize
      assertRows(await e.embed(texts), DECODER_REF.texts.map((t) => t.normalized['last']!), 'last normalized');
    } finally {
      await e.dispose();
    }
  });

  for (const pooling of ['mean', 'weightedmean', 'cls'] as const) {
    it(`${pooling} pooling with left padding`, async () => {
      assertRows(await embedWith(TINY_DECODER, texts, { pooling, normalize: false }), DECODER_REF.texts.map((t) => t.pooled[pooling]!), pooling);
    });
  }
});
