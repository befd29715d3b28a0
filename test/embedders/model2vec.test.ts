/**
 * model2vec: distillation of the tiny random BERT equals model2vec's steps re-done in numpy
 * (scripts/model2vec-reference.py: [unusedN] removal, [CLS] tok [SEP] mean, centred PCA, Zipf/SIF, float16),
 * up to the sign of each principal component; the written folder has model2vec's layout and loads back;
 * `Model2VecEmbedder` reproduces `StaticModel.encode`; sentence-transformers layouts, quantized
 * vocabularies (weights + mapping) and int8 tables load; mismatched files fail clearly.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EmbedkitError } from '../../src/errors.js';
import { readSafetensors, writeSafetensors } from '../../src/io/safetensors.js';
import { readNpy } from '../../src/io/npy.js';
import { distill, pruneTokenizer, sifWeights, vocabularyOf } from '../../src/embedders/model2vec/distill.js';
import { Model2VecEmbedder } from '../../src/embedders/model2vec/model2vec-embedder.js';
import { isModel2VecFolder, readModel2VecFolder, writeModel2VecFolder, type Model2VecModel } from '../../src/embedders/model2vec/model2vec-folder.js';
import { importBertFolder } from '../../src/embedders/onnx/import-folder.js';
import { OnnxEmbedder } from '../../src/embedders/onnx/onnx-embedder.js';
import { FIXTURES, tempDir } from '../helpers.js';

const REF = JSON.parse(readFileSync(join(FIXTURES, 'embedders', 'model2vec-reference.json'), 'utf8')) as {
  dim: number;
  kept_ids: number[];
  sif_weights_head: number[];
  texts: { text: string; ids: number[]; embedding: number[] }[];
};
const TABLE = readNpy(join(FIXTURES, 'embedders', 'model2vec-reference.npy'));

describe('distill (tiny random BERT)', () => {
  const tmp = tempDir('embedkit-m2v-');
  let model: Model2VecModel;
  /** +1/−1 per component so that ours agrees in sign with the reference. */
  let signs: number[];
  before(async () => {
    await importBertFolder(join(FIXTURES, 'onnx', 'bert-import'), join(tmp.path, 'encoder'), { contrib: false });
    const enc = await OnnxEmbedder.load(join(tmp.path, 'encoder'), { model: 'tiny-bert' });
    try {
      model = await distill(enc, { dim: REF.dim, batchSize: 64 });
    } finally {
      await enc.dispose();
    }
    const d = REF.dim;
    signs = Array.from({ length: d }, (_, j) => {
      let s = 0;
      for (let r = 0; r < model.rows; r++) s += model.embeddings[r * d + j]! * TABLE.data[r * d + j]!;
      return s < 0 ? -1 : 1;
    });
  });
  after(() => tmp.cleanup());

  it('keeps the vocabulary minus [unusedN], in id order, with a pruned tokenizer', () => {
    assert.equal(model.rows, REF.kept_ids.length);
    assert.equal(model.dim, REF.dim);
    const vocab = vocabularyOf(model.tokenizer);
    assert.equal(vocab.length, REF.kept_ids.length);
    assert.ok(!vocab.some((t) => /^\[unused\d+\]$/.test(t)));
    assert.equal(vocab[1], '[UNK]');
    assert.equal(model.tokenizer['post_processor'], null);
    assert.deepEqual(model.config, {
      model_type: 'model2vec',
      architectures: ['StaticModel'],
      tokenizer_name: 'tiny-bert',
      apply_pca: 16,
      sif_coefficient: 1e-4,
      hidden_dim: 16,
      seq_length: 1000000,
      normalize: true,
      pooling: 'mean',
      embedding_dtype: 'float16',
    });
  });

  it('the table equals the numpy reference (per-component sign aside)', () => {
    const d = REF.dim;
    let worst = 0;
    for (let r = 0; r < model.rows; r++) {
      for (let j = 0; j < d; j++) {
        const a = signs[j]! * model.embeddings[r * d + j]!;
        const b = TABLE.data[r * d + j]!;
        worst = Math.max(worst, Math.abs(a - b) / Math.max(1, Math.abs(b)));
      }
    }
    assert.ok(worst < 2e-3, `relative difference ${worst} (float16 steps are ~1e-3)`);
    assert.deepEqual(Array.from(sifWeights(REF.kept_ids.length, 1e-4).subarray(0, 8)).map((x) => Number(x.toPrecision(12))), REF.sif_weights_head.map((x) => Number(x.toPrecision(12))));
  });

  it('is written in model2vec’s layout and embeds like StaticModel.encode', async () => {
    const out = join(tmp.path, 'static');
    await writeModel2VecFolder(out, model);
    assert.ok(isModel2VecFolder(out));
    const st = await readSafetensors(join(out, 'model.safetensors'));
    assert.deepEqual(st.names, ['embeddings']);
    assert.equal(st.entry('embeddings').dtype, 'F16');
    assert.deepEqual(st.entry('embeddings').shape, [REF.kept_ids.length, REF.dim]);
    assert.deepEqual(JSON.parse(readFileSync(join(out, 'modules.json'), 'utf8')), [
      { idx: 0, name: '0', path: '.', type: 'sentence_transformers.models.StaticEmbedding' },
      { idx: 1, name: '1', path: '1_Normalize', type: 'sentence_transformers.models.Normalize' },
    ]);
    const e = await Model2VecEmbedder.load(out);
    assert.equal(e.dim, REF.dim);
    assert.equal(e.info.kind, 'model2vec');
    const m = await e.embed(REF.texts.map((t) => t.text));
    REF.texts.forEach((t, i) => {
      assert.deepEqual(e.tokenIds(t.text), t.ids, t.text);
      for (let j = 0; j < REF.dim; j++) {
        assert.ok(Math.abs(signs[j]! * m.data[i * REF.dim + j]! - t.embedding[j]!) < 2e-3, `${JSON.stringify(t.text)} dim ${j}`);
      }
    });
    // the reloaded table is exactly what was distilled (float16 round trip)
    const back = await readModel2VecFolder(out);
    assert.deepEqual(back.embeddings, model.embeddings);
  });
});

describe('model2vec folders from elsewhere', () => {
  const tmp = tempDir('embedkit-m2v-ext-');
  after(() => tmp.cleanup());
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [{ id: 0, content: '[UNK]', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }],
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: null,
    decoder: null,
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: { '[UNK]': 0, red: 1, blue: 2, car: 3 } },
  };

  it('sentence-transformers layouts, quantized vocabularies and int8 tables load', async () => {
    // StaticEmbedding saved by sentence-transformers: "embedding.weight", config_sentence_transformers.json
    const st = join(tmp.path, 'st', '0_StaticEmbedding');
    mkdirSync(st, { recursive: true });
    writeFileSync(join(st, 'tokenizer.json'), JSON.stringify(tokenizer));
    await writeSafetensors(join(st, 'model.safetensors'), { 'embedding.weight': { dtype: 'F32', shape: [4, 2], data: Float32Array.of(9, 9, 1, 0, 0, 1, 1, 1) } });
    writeFileSync(join(tmp.path, 'st', 'config_sentence_transformers.json'), '{}');
    writeFileSync(join(tmp.path, 'st', 'modules.json'), JSON.stringify([{ idx: 0, name: '0', path: '0_StaticEmbedding', type: 'sentence_transformers.models.StaticEmbedding' }]));
    const e = await Model2VecEmbedder.load(join(tmp.path, 'st'));
    assert.equal(e.normalize, false);
    const m = await e.embed(['Red car', 'blue', 'unknownword', '']);
    assert.deepEqual(Array.from(m.data), [1, 0.5, 0, 1, 0, 0, 0, 0], 'mean of rows; [UNK] dropped; empty → zeros');
    // vocabulary-quantized model2vec: rows via mapping, scaled by per-token weights; int8 table
    const q = join(tmp.path, 'quantized');
    mkdirSync(q);
    writeFileSync(join(q, 'tokenizer.json'), JSON.stringify(tokenizer));
    writeFileSync(join(q, 'config.json'), JSON.stringify({ model_type: 'model2vec', normalize: true }));
    await writeSafetensors(join(q, 'model.safetensors'), {
      embeddings: { dtype: 'I8', shape: [2, 2], data: Int8Array.of(3, 4, -4, 3) },
      weights: { dtype: 'F32', shape: [4], data: Float32Array.of(1, 2, 1, 1) },
      mapping: { dtype: 'I64', shape: [4], data: BigInt64Array.of(0n, 0n, 1n, 0n) },
    });
    const qe = await Model2VecEmbedder.load(q);
    const qm = await qe.embed(['red', 'blue car']);
    assert.deepEqual(Array.from(qm.data, (x) => Number(x.toFixed(6))), [0.6, 0.8, -0.141421, 0.989949]);
  });

  it('a tokenizer bigger than the table, and missing files, are clear errors', async () => {
    const bad = join(tmp.path, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'tokenizer.json'), JSON.stringify(tokenizer));
    writeFileSync(join(bad, 'config.json'), JSON.stringify({ model_type: 'model2vec' }));
    await writeSafetensors(join(bad, 'model.safetensors'), { embeddings: { dtype: 'F32', shape: [2, 2], data: new Float32Array(4) } });
    await assert.rejects(Model2VecEmbedder.load(bad), (e: unknown) => e instanceof EmbedkitError && e.code === 'MODEL_FILES_DISAGREE' && /ids up to 3/.test(e.message));
    const empty = join(tmp.path, 'empty');
    mkdirSync(empty);
    await assert.rejects(Model2VecEmbedder.load(empty), /static model files .*nothing \(empty folder\)/);
    assert.equal(isModel2VecFolder(empty), false);
  });

  it('pruneTokenizer renumbers the vocabulary and added tokens', () => {
    const pruned = pruneTokenizer(tokenizer, [0, 2, 3]);
    assert.deepEqual((pruned['model'] as { vocab: unknown }).vocab, { '[UNK]': 0, blue: 1, car: 2 });
    assert.deepEqual(vocabularyOf(pruned), ['[UNK]', 'blue', 'car']);
  });
});
