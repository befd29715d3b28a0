/**
 * The model2vec folder format (static token embeddings), as model2vec's `save_pretrained` writes it and
 * model2vec / sentence-transformers' `StaticEmbedding` read it:
 *
 *   model.safetensors   "embeddings": vocab × dim (float16/float32/…; `weights` (per token) and `mapping`
 *                       (token id → row) when the vocabulary was quantized)
 *   tokenizer.json      Hugging Face tokenizer (no post-processor: texts are encoded without special tokens)
 *   config.json         {"model_type": "model2vec", "architectures": ["StaticModel"], "normalize": true, …}
 *   modules.json        sentence-transformers: StaticEmbedding at "." (+ Normalize when `normalize`)
 *
 * Reading also accepts the two sentence-transformers layouts model2vec tries after its own:
 * config_sentence_transformers.json + model.safetensors ("embedding.weight") at the root or in
 * 0_StaticEmbedding/. Shapes are validated against each other; the writer is atomic (temporary folder).
 */
import { existsSync, promises as fsp, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbedkitError } from '../../errors.js';
import { writeFolderAtomic } from '../../io/atomic-folder.js';
import { readSafetensors, writeSafetensors, type SafetensorsDtype, type TensorInput } from '../../io/safetensors.js';
import { float32ToHalf, halfToFloat32 } from '../../math/half-float.js';
import { readJsonObject, type JsonObject } from '../onnx/model-folder.js';

export interface Model2VecModel {
  /** `rows × dim` token vectors (rows = vocabulary size, or clusters with a `mapping`). */
  readonly embeddings: Float32Array;
  readonly rows: number;
  readonly dim: number;
  /** Per-token-id weights (vocabulary quantization), if any. */
  readonly weights?: Float32Array;
  /** Token id → row of `embeddings` (vocabulary quantization), if any. */
  readonly mapping?: Int32Array;
  readonly tokenizer: JsonObject;
  readonly config: JsonObject;
  /** Unit-length outputs (`config.normalize`, or a Normalize module). */
  readonly normalize: boolean;
  /** dtype of `embeddings` on disk. */
  readonly dtype: SafetensorsDtype;
}

interface Layout {
  readonly dir: string;
  readonly config: string;
  readonly tensor: string;
  readonly sentenceTransformers: boolean;
}

function layoutOf(root: string): Layout | undefined {
  const candidates: Layout[] = [
    { dir: root, config: 'config.json', tensor: 'embeddings', sentenceTransformers: false },
    { dir: root, config: 'config_sentence_transformers.json', tensor: 'embedding.weight', sentenceTransformers: true },
    { dir: join(root, '0_StaticEmbedding'), config: '../config_sentence_transformers.json', tensor: 'embedding.weight', sentenceTransformers: true },
  ];
  return candidates.find((l) => ['model.safetensors', 'tokenizer.json', l.config].every((f) => existsSync(join(l.dir, f))));
}

/** True when `root` looks like a model2vec / StaticEmbedding folder. */
export function isModel2VecFolder(root: string): boolean {
  const l = layoutOf(root);
  if (l === undefined) return false;
  if (l.sentenceTransformers) return true;
  try {
    const cfg = readJsonObject(join(root, 'config.json'));
    return cfg?.['model_type'] === 'model2vec' || (Array.isArray(cfg?.['architectures']) && (cfg['architectures'] as unknown[]).includes('StaticModel'));
  } catch {
    return false;
  }
}

function hasNormalizeModule(root: string): boolean {
  try {
    const raw = existsSync(join(root, 'modules.json')) ? (JSON.parse(readFileSync(join(root, 'modules.json'), 'utf8')) as unknown) : [];
    return Array.isArray(raw) && raw.some((m) => typeof m === 'object' && m !== null && String((m as JsonObject)['type']).endsWith('Normalize'));
  } catch {
    return false;
  }
}

/** Reads a model2vec folder (any of the three layouts). */
export async function readModel2VecFolder(root: string): Promise<Model2VecModel> {
  if (!existsSync(root)) throw new EmbedkitError('FILE_NOT_FOUND', 'model folder', { where: root });
  const layout = layoutOf(root);
  if (layout === undefined) {
    const found = readdirSync(root).sort();
    throw new EmbedkitError('MODEL_INCOMPLETE', 'static model files', {
      expected: 'model.safetensors, tokenizer.json and config.json (model2vec) or config_sentence_transformers.json (sentence-transformers StaticEmbedding)',
      received: `found ${found.length > 0 ? found.slice(0, 20).join(', ') : 'nothing (empty folder)'}`,
      where: root,
    });
  }
  const config = readJsonObject(join(layout.dir, layout.config)) ?? {};
  const tokenizer = readJsonObject(join(layout.dir, 'tokenizer.json'))!;
  const st = await readSafetensors(join(layout.dir, 'model.safetensors'));
  const name = st.has(layout.tensor) ? layout.tensor : st.has('embeddings') ? 'embeddings' : st.has('embedding.weight') ? 'embedding.weight' : layout.tensor;
  const e = st.entry(name);
  if (e.shape.length !== 2 || e.shape[0]! < 1 || e.shape[1]! < 1) {
    throw new EmbedkitError('FORMAT_ERROR', `tensor "${name}"`, { expected: 'a rows × dim matrix', received: `shape [${e.shape.join(', ')}]`, where: `${st.path}@byte ${e.byteOffset}` });
  }
  const [rows, dim] = e.shape as [number, number];
  let embeddings: Float32Array;
  if (e.dtype === 'I8' || e.dtype === 'U8' || e.dtype === 'I16' || e.dtype === 'I32') embeddings = Float32Array.from(st.int32(name));
  else embeddings = Float32Array.from(st.float32(name)); // a copy: the file's buffer is released
  let weights: Float32Array | undefined;
  let mapping: Int32Array | undefined;
  if (st.has('weights')) weights = Float32Array.from(st.float32('weights'));
  if (st.has('mapping')) {
    mapping = st.int32('mapping');
    const bad = mapping.findIndex((r) => r < 0 || r >= rows);
    if (bad >= 0) throw new EmbedkitError('FORMAT_ERROR', 'tensor "mapping"', { expected: `rows in 0..${rows - 1}`, received: `${mapping[bad]} at element ${bad}`, where: st.path });
  }
  const normalize = typeof config['normalize'] === 'boolean' ? config['normalize'] : hasNormalizeModule(root);
  return {
    embeddings,
    rows,
    dim,
    ...(weights !== undefined ? { weights } : {}),
    ...(mapping !== undefined ? { mapping } : {}),
    tokenizer,
    config,
    normalize,
    dtype: e.dtype,
  };
}

export interface WriteModel2VecOptions {
  /** dtype of `embeddings` on disk: float16 (model2vec's default) or float32. */
  readonly dtype?: 'float16' | 'float32';
  readonly replace?: boolean;
  /** Text of README.md (a model card); default: none. */
  readonly readme?: string;
}

/** Writes a model2vec folder atomically. */
export async function writeModel2VecFolder(out: string, model: Model2VecModel, opts: WriteModel2VecOptions = {}): Promise<void> {
  if (model.embeddings.length !== model.rows * model.dim) {
    throw new EmbedkitError('DIM_MISMATCH', 'embeddings', { expected: `${model.rows} × ${model.dim} values`, received: `${model.embeddings.length}` });
  }
  const dtype = opts.dtype ?? 'float16';
  const tensors: Record<string, TensorInput> = {
    embeddings: dtype === 'float16' ? { dtype: 'F16', shape: [model.rows, model.dim], data: float32ToHalf(model.embeddings) } : { dtype: 'F32', shape: [model.rows, model.dim], data: model.embeddings },
  };
  if (model.weights !== undefined) tensors['weights'] = { dtype: 'F32', shape: [model.weights.length], data: model.weights };
  if (model.mapping !== undefined) tensors['mapping'] = { dtype: 'I32', shape: [model.mapping.length], data: model.mapping };
  const config = { ...model.config, normalize: model.normalize, embedding_dtype: dtype };
  const modules = [{ idx: 0, name: '0', path: '.', type: 'sentence_transformers.models.StaticEmbedding' }];
  if (model.normalize) modules.push({ idx: 1, name: '1', path: '1_Normalize', type: 'sentence_transformers.models.Normalize' });
  await writeFolderAtomic(
    out,
    async (tmp) => {
      await writeSafetensors(join(tmp, 'model.safetensors'), tensors);
      await fsp.writeFile(join(tmp, 'tokenizer.json'), JSON.stringify(model.tokenizer));
      await fsp.writeFile(join(tmp, 'config.json'), JSON.stringify(config, null, 4) + '\n');
      await fsp.writeFile(join(tmp, 'modules.json'), JSON.stringify(modules, null, 4) + '\n');
      if (opts.readme !== undefined) await fsp.writeFile(join(tmp, 'README.md'), opts.readme);
    },
    opts.replace === true ? { replace: true } : {},
  );
}

/** The values a float16 file stores for `x` (what a saved-and-reloaded model sees). */
export function roundToFloat16(x: Float32Array): Float32Array {
  return halfToFloat32(float32ToHalf(x));
}
