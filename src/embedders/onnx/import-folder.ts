/**
 * `importBertFolder(src, out)`: a BERT-family model folder with safetensors weights (config.json,
 * model.safetensors, tokenizer.json — MiniLM, bge-small, e5-small, gte-small …) → a Hugging Face-style
 * folder that `OnnxEmbedder` loads unchanged: `onnx/model.onnx` (built here, see build/bert-graph.ts),
 * `onnx/model_int8.onnx` with `quantize: 'int8'`, config.json, tokenizer.json and every other small file of
 * the source (sentence-transformers manifests, tokenizer configs, README/LICENSE), plus
 * `embedkit-import.json`: what was built from what (source checksums, depth, contrib ops) and the size and
 * sha256 of every file, so a cached copy can be verified before use.
 *
 * The folder is written atomically (temporary sibling folder, renamed when complete; removed on any error)
 * and validated before the rename: every written ONNX file is loaded by ONNX Runtime and run on one short
 * sequence. Bad input fails with one error: a missing file lists what is missing and what was found; a
 * damaged safetensors file names the tensor and byte offset; a config that disagrees with the weights names
 * the tensor and both shapes; another architecture is named.
 */
import { existsSync, promises as fsp, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EmbedkitError } from '../../errors.js';
import { writeFolderAtomic } from '../../io/atomic-folder.js';
import { sha256Bytes, sha256File } from '../../io/file-hash.js';
import { readSafetensors, type SafetensorsFile } from '../../io/safetensors.js';
import { readBertConfig, type BertConfig } from './build/bert-config.js';
import { buildBertGraph, resolveContrib, type ContribOps } from './build/bert-graph.js';
import { readBertWeights } from './build/bert-weights.js';
import { encodeOnnxModel } from './build/onnx-writer.js';
import { quantizeDynamicInt8 } from './build/quantize-int8.js';
import { readJsonObject, type JsonObject } from './model-folder.js';
import { TextTokenizer } from './text-tokenizer.js';

export const IMPORT_MANIFEST = 'embedkit-import.json';
const MANIFEST_FORMAT = 'embedkit-bert-import';
const MANIFEST_VERSION = 1;
/** Bumped when the graph builder changes what it emits (invalidates cached conversions). */
export const BUILDER_VERSION = '2';

/**
 * Contrib ops used by default. Measured on all-MiniLM-L6-v2 (docs/minilm.md): ONNX Runtime's own fusions
 * on the plain graph reach the same kernels, so the plain, portable graph is the default.
 */
export const DEFAULT_CONTRIB: ContribOps = { attention: false, skipLayerNorm: false, gelu: false };

export type ImportQuantization = 'int8';
export type ImportVariant = 'default' | 'int8';

export interface ImportBertOptions {
  /** Keep only the first N transformer layers (elastic depth). Default: all. */
  readonly layers?: number;
  /** Also write the dynamically quantized variant `onnx/model_int8.onnx`. */
  readonly quantize?: ImportQuantization;
  /** Which ONNX files to write (default `['default']`, plus `'int8'` with `quantize: 'int8'`). */
  readonly variants?: readonly ImportVariant[];
  /** ONNX Runtime contrib ops in the graph (default `DEFAULT_CONTRIB`). */
  readonly contrib?: boolean | ContribOps;
  /** Weights file inside `src` (default `model.safetensors`). */
  readonly weights?: string;
  /** Replace an existing `out` folder (default: refuse). */
  readonly replace?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ImportManifestFile {
  readonly size: number;
  readonly sha256: string;
}

export interface ImportManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly version: number;
  readonly builder: string;
  readonly layers: number;
  readonly sourceLayers: number;
  readonly contrib: Required<ContribOps>;
  /** Variant name → ONNX file (relative). */
  readonly variants: Readonly<Record<string, string>>;
  /** What the folder was built from (e.g. weights sha256). */
  readonly source: Readonly<Record<string, string>>;
  readonly files: Readonly<Record<string, ImportManifestFile>>;
}

export interface ImportedFolder {
  readonly path: string;
  readonly manifest: ImportManifest;
}

/** Everything needed to write a converted folder, already read and validated. */
export interface BertFolderSpec {
  readonly config: BertConfig;
  readonly weights: SafetensorsFile;
  /** tokenizer.json content (written as given). */
  readonly tokenizer: JsonObject;
  /** Other files to write, relative path → content. */
  readonly files: Readonly<Record<string, string | Uint8Array>>;
  readonly source: Readonly<Record<string, string>>;
}

const WEIGHT_FILE = /\.(safetensors|bin|h5|msgpack|ckpt|pt|pth|onnx|ot|gguf|tflite|mlmodel)$/i;
const SKIP_DIRS = new Set(['onnx', 'openvino', '.git', '.cache', 'coreml', 'tf_model', 'flax_model']);
const MAX_COPY_BYTES = 16 << 20;

/** Small files of the source folder to carry over (relative paths), recursively, minus weights and ONNX. */
function filesToCopy(src: string, dir = src, depth = 0, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const s = statSync(full);
    if (s.isDirectory()) {
      if (depth < 3 && !SKIP_DIRS.has(name) && !name.startsWith('.')) filesToCopy(src, full, depth + 1, out);
      continue;
    }
    const rel = relative(src, full);
    if (!s.isFile() || WEIGHT_FILE.test(name) || name.startsWith('.') || s.size > MAX_COPY_BYTES) continue;
    if (rel === 'config.json' || rel === 'tokenizer.json' || rel === IMPORT_MANIFEST) continue;
    out.push(rel);
  }
  return out;
}

function listFolder(root: string): string {
  const names = readdirSync(root).sort();
  return names.length === 0 ? 'nothing (empty folder)' : names.slice(0, 20).join(', ') + (names.length > 20 ? ` and ${names.length - 20} more` : '');
}

/** Converts a BERT safetensors folder into an ONNX model folder at `out`. */
export async function importBertFolder(src: string, out: string, opts: ImportBertOptions = {}): Promise<ImportedFolder> {
  if (!existsSync(src)) throw new EmbedkitError('FILE_NOT_FOUND', 'model folder', { where: src });
  if (!statSync(src).isDirectory()) throw new EmbedkitError('BAD_ARGUMENT', 'model folder', { expected: 'a folder', received: 'a file', where: src });
  const weightsName = opts.weights ?? 'model.safetensors';
  const missing = ['config.json', weightsName, 'tokenizer.json'].filter((f) => !existsSync(join(src, f)));
  if (missing.length > 0) {
    const hint =
      missing.includes(weightsName) && existsSync(join(src, 'pytorch_model.bin'))
        ? 'the folder has PyTorch pickle weights only: save them as safetensors (model.save_pretrained(folder, safe_serialization=True))'
        : missing.includes('tokenizer.json') && existsSync(join(src, 'vocab.txt'))
          ? 'the folder has vocab.txt but no tokenizer.json: save the tokenizer once with a fast tokenizer (AutoTokenizer.from_pretrained(...).save_pretrained(folder))'
          : undefined;
    throw new EmbedkitError('MODEL_INCOMPLETE', 'required files', {
      expected: `config.json, ${weightsName} and tokenizer.json`,
      received: `missing ${missing.join(', ')}; found ${listFolder(src)}`,
      where: src,
      ...(hint !== undefined ? { hint } : {}),
    });
  }
  const config = readBertConfig(join(src, 'config.json'));
  const tokenizer = readJsonObject(join(src, 'tokenizer.json'))!;
  const weights = await readSafetensors(join(src, weightsName));
  const files: Record<string, Uint8Array> = {};
  for (const rel of filesToCopy(src)) files[rel] = await fsp.readFile(join(src, rel));
  const source = {
    'config.json': await sha256File(join(src, 'config.json')),
    [weightsName]: sha256Bytes(weights.bytes),
    'tokenizer.json': await sha256File(join(src, 'tokenizer.json')),
  };
  return writeBertFolder(out, { config, weights, tokenizer, files, source }, opts);
}

function tokenizerConfigOf(files: Readonly<Record<string, string | Uint8Array>>): JsonObject {
  const parse = (rel: string): JsonObject => {
    const v = files[rel];
    if (v === undefined) return {};
    try {
      const o = JSON.parse(typeof v === 'string' ? v : Buffer.from(v).toString('utf8')) as unknown;
      return typeof o === 'object' && o !== null && !Array.isArray(o) ? (o as JsonObject) : {};
    } catch {
      return {};
    }
  };
  return { ...parse('special_tokens_map.json'), ...parse('tokenizer_config.json') };
}

async function writeSynced(path: string, data: string | Uint8Array): Promise<void> {
  const fh = await fsp.open(path, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Writes a converted folder from in-memory parts (used by `importBertFolder` and the built-in MiniLM). */
export async function writeBertFolder(out: string, spec: BertFolderSpec, opts: ImportBertOptions = {}): Promise<ImportedFolder> {
  const { config } = spec;
  const layers = opts.layers ?? config.numLayers;
  if (!Number.isInteger(layers) || layers < 1 || layers > config.numLayers) {
    throw new EmbedkitError('BAD_OPTION', 'layers', { expected: `an integer in 1..${config.numLayers} (the model's layers)`, received: String(layers), where: 'layers' });
  }
  const variants: ImportVariant[] = [...(opts.variants ?? ['default', ...(opts.quantize === 'int8' ? (['int8'] as const) : [])])];
  if (variants.length === 0 || variants.some((v) => v !== 'default' && v !== 'int8')) {
    throw new EmbedkitError('BAD_OPTION', 'variants', { expected: "'default' and/or 'int8'", received: JSON.stringify(variants), where: 'variants' });
  }
  if (opts.quantize !== undefined && opts.quantize !== 'int8') {
    throw new EmbedkitError('BAD_OPTION', 'quantize', { expected: "'int8'", received: JSON.stringify(opts.quantize), where: 'quantize' });
  }
  // The tokenizer must load and fit the embedding table before anything is written.
  const tok = new TextTokenizer(spec.tokenizer, tokenizerConfigOf(spec.files), 'tokenizer.json');
  if (tok.vocabSize > config.vocabSize) {
    throw new EmbedkitError('MODEL_FILES_DISAGREE', 'vocabulary size', {
      expected: `token ids below config.json vocab_size ${config.vocabSize}`,
      received: `tokenizer.json with ids up to ${tok.vocabSize - 1}`,
      hint: 'the tokenizer belongs to a different model',
    });
  }
  const contrib = resolveContrib(opts.contrib ?? DEFAULT_CONTRIB);
  const total = layers + 2 + variants.length * 2;
  let done = 0;
  const step = (n = 1): void => {
    done += n;
    opts.onProgress?.(done, total);
  };
  const weights = readBertWeights(spec.weights, config, layers, () => step());
  const onnxFiles: Record<string, Uint8Array> = {};
  const meta = { producerName: 'embedkit', producerVersion: BUILDER_VERSION, properties: { source_layers: String(config.numLayers), layers: String(layers) } };
  const rels: Record<string, string> = {};
  for (const v of variants) {
    // int8 quantizes MatMuls; a fused Attention op has none, so the int8 graph keeps plain attention.
    const graph = buildBertGraph(config, weights, { layers, contrib: v === 'int8' ? { ...contrib, attention: false } : contrib });
    step();
    const rel = v === 'default' ? 'onnx/model.onnx' : 'onnx/model_int8.onnx';
    onnxFiles[rel] = encodeOnnxModel(v === 'int8' ? quantizeDynamicInt8(graph).graph : graph, meta);
    rels[v] = rel;
    step();
  }
  const outConfig = { ...config.raw, num_hidden_layers: layers };
  return writeFolderAtomic(
    out,
    async (tmp) => {
      const written: Record<string, string | Uint8Array> = {
        ...spec.files,
        'config.json': JSON.stringify(outConfig, null, 2) + '\n',
        'tokenizer.json': JSON.stringify(spec.tokenizer),
        ...onnxFiles,
      };
      const manifestFiles: Record<string, ImportManifestFile> = {};
      for (const [rel, data] of Object.entries(written)) {
        const path = join(tmp, rel);
        await fsp.mkdir(join(path, '..'), { recursive: true });
        await writeSynced(path, data);
        manifestFiles[rel] = { size: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength, sha256: sha256Bytes(data) };
      }
      step();
      await validateOnnx(tmp, Object.values(rels), config.hiddenSize, tok);
      step();
      const manifest: ImportManifest = {
        format: MANIFEST_FORMAT,
        version: MANIFEST_VERSION,
        builder: BUILDER_VERSION,
        layers,
        sourceLayers: config.numLayers,
        contrib,
        variants: rels,
        source: spec.source,
        files: manifestFiles,
      };
      await writeSynced(join(tmp, IMPORT_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
      return { path: out, manifest };
    },
    opts.replace === true ? { replace: true } : {},
  );
}

/** Loads each ONNX file in ONNX Runtime and runs `[CLS] hello [SEP]`: shape and finiteness must hold. */
async function validateOnnx(root: string, rels: readonly string[], hidden: number, tok: TextTokenizer): Promise<void> {
  const { OnnxSession } = await import('./onnx-session.js');
  const ids = tok.frame(tok.encode('hello world'));
  for (const rel of rels) {
    const session = await OnnxSession.create(join(root, rel), { threads: 1 });
    try {
      const out = await session.run({ ids, mask: new Uint8Array(ids.length).fill(1), batch: 1, seq: ids.length });
      const bad = out.data.findIndex((x) => !Number.isFinite(x));
      if (out.hidden !== hidden || out.data.length !== ids.length * hidden || bad >= 0) {
        throw new EmbedkitError('INFERENCE_FAILED', 'converted model check', {
          expected: `finite ${ids.length} × ${hidden} token vectors`,
          received: bad >= 0 ? `a non-finite value at ${bad}` : `${out.data.length / Math.max(1, out.hidden)} × ${out.hidden}`,
          where: rel,
        });
      }
    } finally {
      await session.dispose();
    }
  }
}

/**
 * Checks a converted folder against its manifest: format, every listed file present with the same size and
 * sha256. Returns the manifest; throws `CACHE_INVALID` naming the first problem.
 */
export async function verifyImportedFolder(path: string): Promise<ImportManifest> {
  const file = join(path, IMPORT_MANIFEST);
  const bad = (what: string, expected: string, received: string): EmbedkitError => new EmbedkitError('CACHE_INVALID', what, { expected, received, where: path });
  let m: JsonObject | undefined;
  try {
    m = readJsonObject(file);
  } catch (e) {
    throw bad(IMPORT_MANIFEST, 'a valid manifest', e instanceof Error ? e.message : String(e));
  }
  if (m === undefined) throw bad(IMPORT_MANIFEST, 'a manifest', 'no such file');
  if (m['format'] !== MANIFEST_FORMAT || m['version'] !== MANIFEST_VERSION || m['builder'] !== BUILDER_VERSION) {
    throw bad(IMPORT_MANIFEST, `format ${MANIFEST_FORMAT} v${MANIFEST_VERSION}, builder ${BUILDER_VERSION}`, `${String(m['format'])} v${String(m['version'])}, builder ${String(m['builder'])}`);
  }
  const files = m['files'];
  if (typeof files !== 'object' || files === null) throw bad(IMPORT_MANIFEST, 'a file list', JSON.stringify(files));
  for (const [rel, info] of Object.entries(files as Record<string, ImportManifestFile>)) {
    const p = join(path, rel);
    if (!existsSync(p)) throw bad(rel, 'the file listed in the manifest', 'no such file');
    const size = statSync(p).size;
    if (size !== info.size) throw bad(rel, `${info.size} bytes`, `${size} bytes`);
    const sha = await sha256File(p);
    if (sha !== info.sha256) throw bad(rel, `sha256 ${info.sha256.slice(0, 12)}…`, `sha256 ${sha.slice(0, 12)}…`);
  }
  return m as unknown as ImportManifest;
}
