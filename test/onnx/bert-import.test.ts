/**
 * BERT safetensors → ONNX import on a tiny random BERT (scripts/make-bert-import-fixtures.py, mixed
 * F16/BF16/F32 weights): outputs equal the float64 numpy reference at every depth, with and without ONNX
 * Runtime contrib ops; the int8 variant equals onnxruntime's dynamic quantization re-done in numpy; the
 * written folder loads in `OnnxEmbedder` unchanged, carries the source's files and a verifiable manifest;
 * bad input fails with one clear error and leaves nothing behind.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EmbedkitError } from '../../src/errors.js';
import { SafetensorsFile, writeSafetensors, type TensorInput } from '../../src/io/safetensors.js';
import { parseBertConfig } from '../../src/embedders/onnx/build/bert-config.js';
import { decodeOnnxModel } from '../../src/embedders/onnx/build/onnx-writer.js';
import { importBertFolder, verifyImportedFolder, IMPORT_MANIFEST } from '../../src/embedders/onnx/import-folder.js';
import { OnnxEmbedder } from '../../src/embedders/onnx/onnx-embedder.js';
import { OnnxSession } from '../../src/embedders/onnx/onnx-session.js';
import { tempDir } from '../helpers.js';
import { ONNX_FIXTURES } from './reference.js';

const SRC = join(ONNX_FIXTURES, 'bert-import');
interface RefText {
  text: string;
  ids: number[];
  mean_normalized_l1: number[];
  mean_normalized_l2: number[];
  mean_normalized_l3: number[];
  int8_mean_normalized: number[];
}
const REF = JSON.parse(readFileSync(join(ONNX_FIXTURES, 'bert-import-reference.json'), 'utf8')) as {
  texts: RefText[];
  last_hidden_state_text0: number[];
  layer0_query_int8: { scales: number[]; values: number[] };
};
const H = 32;

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>, offset = 0): number {
  let d = 0;
  for (let i = 0; i < b.length; i++) d = Math.max(d, Math.abs(a[offset + i]! - b[i]!));
  return d;
}

async function embed(folder: string, opts: { variant?: string; batchSize?: number } = {}): Promise<Float32Array> {
  const e = await OnnxEmbedder.load(folder, opts);
  try {
    return (await e.embed(REF.texts.map((t) => t.text))).data;
  } finally {
    await e.dispose();
  }
}

describe('importBertFolder on a tiny random BERT', () => {
  const tmp = tempDir('embedkit-import-');
  const out = (name: string): string => join(tmp.path, name);
  after(() => tmp.cleanup());

  before(async () => {
    await importBertFolder(SRC, out('plain'), { quantize: 'int8', contrib: false });
    await importBertFolder(SRC, out('contrib'), { contrib: true });
    for (const layers of [1, 2]) await importBertFolder(SRC, out(`l${layers}`), { layers, contrib: false });
  });

  it('token ids equal the independent WordPiece, last_hidden_state equals the numpy reference', async () => {
    const e = await OnnxEmbedder.load(out('plain'));
    try {
      for (const t of REF.texts) assert.deepEqual(Array.from(e.tokenizer.frame(e.tokenizer.truncate(e.tokenizer.encode(t.text), e.maxLength - 2))), t.ids, t.text);
    } finally {
      await e.dispose();
    }
    const s = await OnnxSession.create(join(out('plain'), 'onnx', 'model.onnx'));
    try {
      const ids = Int32Array.from(REF.texts[0]!.ids);
      const states = await s.run({ ids, mask: new Uint8Array(ids.length).fill(1), batch: 1, seq: ids.length });
      assert.equal(states.hidden, H);
      assert.ok(maxDiff(states.data, REF.last_hidden_state_text0) < 1e-5, `last_hidden_state differs by ${maxDiff(states.data, REF.last_hidden_state_text0)}`);
    } finally {
      await s.dispose();
    }
  });

  it('embeddings equal the reference at every depth, plain graph and contrib ops alike', async () => {
    const cases: [string, keyof RefText][] = [
      ['plain', 'mean_normalized_l3'],
      ['contrib', 'mean_normalized_l3'],
      ['l1', 'mean_normalized_l1'],
      ['l2', 'mean_normalized_l2'],
    ];
    for (const [folder, key] of cases) {
      const m = await embed(out(folder));
      REF.texts.forEach((t, i) => {
        const d = maxDiff(m, t[key] as number[], i * H);
        assert.ok(d < 1e-5, `${folder} text ${i}: ${d}`);
      });
    }
    const cfg = JSON.parse(readFileSync(join(out('l1'), 'config.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(cfg['num_hidden_layers'], 1);
    const ops = new Set(decodeOnnxModel(readFileSync(join(out('contrib'), 'onnx', 'model.onnx'))).graph!.node!.map((n) => `${n.domain ?? ''}:${n.opType}`));
    for (const op of ['com.microsoft:Attention', 'com.microsoft:SkipLayerNormalization', 'com.microsoft:BiasGelu']) assert.ok(ops.has(op), op);
    const plainOps = new Set(decodeOnnxModel(readFileSync(join(out('plain'), 'onnx', 'model.onnx'))).graph!.node!.map((n) => n.domain ?? ''));
    assert.deepEqual([...plainOps], ['']);
  });

  it('int8: weights quantized like onnxruntime (symmetric, per output channel), outputs equal the numpy re-implementation', async () => {
    const model = decodeOnnxModel(readFileSync(join(out('plain'), 'onnx', 'model_int8.onnx')));
    const inits = new Map(model.graph!.initializer!.map((t) => [t.name!, t]));
    const q = inits.get('layer0.attention.query.weight_quantized')!;
    assert.deepEqual(Array.from(new Int8Array(q.rawData!.buffer, q.rawData!.byteOffset, q.rawData!.byteLength)), REF.layer0_query_int8.values);
    const s = inits.get('layer0.attention.query.weight_scale')!;
    assert.deepEqual(Array.from(new Float32Array(Uint8Array.from(s.rawData!).buffer)), REF.layer0_query_int8.scales.map(Math.fround));
    assert.deepEqual(s.dims!.map(Number), [H]);
    const ops = model.graph!.node!.map((n) => n.opType);
    assert.equal(ops.filter((o) => o === 'MatMulInteger').length, 3 * 6);
    assert.equal(ops.filter((o) => o === 'DynamicQuantizeLinear').length, 3 * 4, 'Q, K and V share one quantized input');
    assert.ok(!ops.includes('MatMul') || ops.filter((o) => o === 'MatMul').length === 3 * 2, 'only the activation × activation MatMuls stay float');
    // Dynamic quantization depends on the batch (one scale per input tensor): one text per run, as the reference.
    const m = await embed(out('plain'), { variant: 'int8', batchSize: 1 });
    const diffs = REF.texts.map((t, i) => maxDiff(m, t.int8_mean_normalized, i * H));
    // The reference runs in float64 between the quantization steps, ONNX Runtime in float32: an activation
    // within float noise of a rounding boundary may land one uint8 step apart, so a few texts differ by ~1e-3.
    assert.ok(diffs.filter((d) => d < 1e-4).length >= REF.texts.length - 2, `int8 differences ${diffs.join(', ')}`);
    assert.ok(Math.max(...diffs) < 5e-3, `int8 differences ${diffs.join(', ')}`);
  });

  it('the folder carries the source files and a manifest that detects tampering', async () => {
    const files = readdirSync(out('plain')).sort();
    assert.deepEqual(files, ['1_Pooling', 'config.json', IMPORT_MANIFEST, 'modules.json', 'onnx', 'sentence_bert_config.json', 'special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json'].sort());
    assert.deepEqual(readdirSync(join(out('plain'), 'onnx')).sort(), ['model.onnx', 'model_int8.onnx']);
    const m = await verifyImportedFolder(out('plain'));
    assert.equal(m.layers, 3);
    assert.deepEqual(m.variants, { default: 'onnx/model.onnx', int8: 'onnx/model_int8.onnx' });
    assert.match(m.source['model.safetensors']!, /^[0-9a-f]{64}$/);
    cpSync(out('l1'), out('tampered'), { recursive: true });
    const f = join(out('tampered'), 'onnx', 'model.onnx');
    const b = readFileSync(f);
    b.writeUInt8(b[b.length - 10]! ^ 0xff, b.length - 10);
    writeFileSync(f, b);
    await assert.rejects(verifyImportedFolder(out('tampered')), (e: unknown) => e instanceof EmbedkitError && e.code === 'CACHE_INVALID' && /onnx\/model\.onnx.*sha256/.test(e.message));
  });

  it('a `bert.` prefix (BertFor… checkpoints) is recognised', async () => {
    const src = out('prefixed-src');
    cpSync(SRC, src, { recursive: true });
    const st = SafetensorsFile.parse(readFileSync(join(SRC, 'model.safetensors')), 'model.safetensors');
    const tensors: Record<string, TensorInput> = {};
    for (const n of st.names) tensors[`bert.${n}`] = { dtype: st.entry(n).dtype, shape: st.entry(n).shape, data: st.view(n) };
    await writeSafetensors(join(src, 'model.safetensors'), tensors);
    const cfg = JSON.parse(readFileSync(join(SRC, 'config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(src, 'config.json'), JSON.stringify({ ...cfg, architectures: ['BertForMaskedLM'] }));
    await importBertFolder(src, out('prefixed'), { layers: 1 });
    const m = await embed(out('prefixed'));
    assert.ok(maxDiff(m, REF.texts[1]!.mean_normalized_l1, H) < 1e-5);
  });
});

describe('import errors: one clear error each, nothing left behind', () => {
  const tmp = tempDir('embedkit-import-bad-');
  after(() => tmp.cleanup());
  let n = 0;
  /** A copy of the fixture with one change; returns [src, out]. */
  function variant(change: (src: string) => void): [string, string] {
    const src = join(tmp.path, `src${++n}`);
    cpSync(SRC, src, { recursive: true });
    change(src);
    return [src, join(tmp.path, `out${n}`)];
  }
  async function fails(src: string, out: string, match: RegExp, code: string): Promise<void> {
    await assert.rejects(importBertFolder(src, out), (e: unknown) => e instanceof EmbedkitError && e.code === code && match.test(e.message) && !e.message.includes('\n'));
    assert.ok(!existsSync(out), 'no output folder');
    assert.deepEqual(readdirSync(tmp.path).filter((f) => f.startsWith('.')), [], 'no temporary folder left');
  }

  it('missing tokenizer', async () => {
    const [src, out] = variant((s) => writeFileSync(join(s, 'tokenizer.json'), ''));
    const [src2, out2] = variant((s) => {
      writeFileSync(join(s, 'vocab.txt'), '[PAD]\n');
      rmSync(join(s, 'tokenizer.json'));
    });
    await fails(src2, out2, /missing tokenizer\.json; found .*config\.json.*model\.safetensors.*vocab\.txt.*fast tokenizer/, 'MODEL_INCOMPLETE');
    // an empty tokenizer.json is not JSON
    await fails(src, out, /not valid JSON.*tokenizer\.json/, 'FORMAT_ERROR');
  });

  it('truncated and corrupted safetensors', async () => {
    const [src, out] = variant((s) => {
      const b = readFileSync(join(s, 'model.safetensors'));
      writeFileSync(join(s, 'model.safetensors'), b.subarray(0, b.length - 100));
    });
    await fails(src, out, /model\.safetensors@byte \d+.*|tensor ".*": data extends past the end of the file/, 'FORMAT_ERROR');
    const [src2, out2] = variant((s) => {
      const b = readFileSync(join(s, 'model.safetensors'));
      b.writeBigUInt64LE(10n ** 12n, 0);
      writeFileSync(join(s, 'model.safetensors'), b);
    });
    await fails(src2, out2, /header length exceeds the file .* at .*model\.safetensors@byte 0/, 'FORMAT_ERROR');
  });

  it('a config that disagrees with the weights names the tensor and both shapes', async () => {
    const [src, out] = variant((s) => {
      const cfg = JSON.parse(readFileSync(join(s, 'config.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(s, 'config.json'), JSON.stringify({ ...cfg, intermediate_size: 48 }));
    });
    await fails(src, out, /tensor "encoder\.layer\.0\.intermediate\.dense\.weight" \(expected shape \[48, 32\] \(from config\.json\), received shape \[64, 32\]\)/, 'MODEL_FILES_DISAGREE');
    const [src2, out2] = variant((s) => {
      const cfg = JSON.parse(readFileSync(join(s, 'config.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(s, 'config.json'), JSON.stringify({ ...cfg, num_hidden_layers: 4 }));
    });
    await fails(src2, out2, /tensor "encoder\.layer\.3\.attention\.self\.query\.weight".*no such tensor/, 'MODEL_FILES_DISAGREE');
  });

  it('another architecture is named', async () => {
    const [src, out] = variant((s) => {
      const cfg = JSON.parse(readFileSync(join(s, 'config.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(s, 'config.json'), JSON.stringify({ ...cfg, model_type: 'xlm-roberta', architectures: ['XLMRobertaModel'] }));
    });
    await fails(src, out, /architecture XLMRobertaModel \(model_type "xlm-roberta"\)/, 'UNSUPPORTED');
    assert.throws(() => parseBertConfig({ model_type: 'bert', architectures: ['BertModel'], hidden_size: 32, num_attention_heads: 5 }, 'c.json'), /num_attention_heads.*divisor of hidden_size 32/);
    assert.throws(() => parseBertConfig({ model_type: 'bert', position_embedding_type: 'relative_key', hidden_size: 32, num_attention_heads: 4 }, 'c.json'), /position_embedding_type "relative_key"/);
  });

  it('an existing output folder is refused; bad depth is a bad option', async () => {
    const out = join(tmp.path, 'exists');
    cpSync(SRC, out, { recursive: true });
    await assert.rejects(importBertFolder(SRC, out), /output folder already exists/);
    await assert.rejects(importBertFolder(SRC, join(tmp.path, 'deep'), { layers: 4 }), /layers \(expected an integer in 1\.\.3/);
    assert.ok(!existsSync(join(tmp.path, 'deep')));
  });
});

