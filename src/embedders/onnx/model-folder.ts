/**
 * A local Hugging Face-style model folder: what files it has, which ONNX variants, and the parsed JSON
 * configs. Nothing is ever downloaded. An incomplete folder gives ONE error that lists what is missing and
 * what was found.
 *
 * Layout (as written by `optimum-cli export onnx`, `sentence-transformers` `export_*` helpers, or the ONNX
 * folders of Xenova/* models):
 *   config.json, tokenizer.json                         required
 *   tokenizer_config.json, special_tokens_map.json      optional
 *   onnx/model.onnx | model.onnx                        required (or another variant picked with `variant`)
 *   onnx/model_quantized.onnx, onnx/model_int8.onnx …   optional variants
 *   modules.json, 1_Pooling/config.json, sentence_bert_config.json, config_sentence_transformers.json  optional
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { EmbedkitError, FormatError } from '../../errors.js';

/** Entries named in a "found …" listing before it is cut short. */
const MAX_LISTED = 20;

export type JsonObject = Record<string, unknown>;

export interface ModelFolder {
  readonly root: string;
  readonly config: JsonObject;
  readonly tokenizer: JsonObject;
  readonly tokenizerConfig: JsonObject;
  /** Absolute path of the chosen `.onnx` file. */
  readonly onnxPath: string;
  /** Name of the chosen variant (`default`, `quantized`, `int8`, …). */
  readonly variant: string;
  /** Every variant found: name → path relative to the folder. */
  readonly variants: Readonly<Record<string, string>>;
}

/** `onnx/model.onnx` → `default`, `onnx/model_quantized.onnx` → `quantized`, `encoder.onnx` → `encoder`. */
function variantName(file: string): string {
  const stem = basename(file, '.onnx');
  if (stem === 'model') return 'default';
  return stem.startsWith('model_') ? stem.slice('model_'.length) : stem;
}

/** Lists `.onnx` files in the folder and its `onnx/` subfolder; the `onnx/` copy wins on a name clash. */
export function listVariants(root: string): Record<string, string> {
  const variants: Record<string, string> = {};
  for (const dir of [root, join(root, 'onnx')]) {
    if (!isDir(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      if (f.endsWith('.onnx')) variants[variantName(f)] = relative(root, join(dir, f));
    }
  }
  return variants;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function isModelFolder(path: string): boolean {
  return isDir(path);
}

/** Reads a JSON object file; `undefined` when absent. */
export function readJsonObject(path: string): JsonObject | undefined {
  if (!existsSync(path)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new FormatError(path, 'not valid JSON', { expected: 'a JSON object', received: e instanceof Error ? e.message : String(e) });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FormatError(path, 'not a JSON object', { expected: 'a JSON object', received: Array.isArray(value) ? 'an array' : typeof value });
  }
  return value as JsonObject;
}

/** Folder entries for error messages: files, and `dir/` for folders (with their .onnx files). */
function describeContents(root: string): string {
  const found: string[] = [];
  for (const f of readdirSync(root).sort()) {
    if (isDir(join(root, f))) {
      const inner = readdirSync(join(root, f)).filter((g) => g.endsWith('.onnx') || g.endsWith('.json'));
      found.push(inner.length > 0 ? inner.map((g) => `${f}/${g}`).join(', ') : `${f}/`);
    } else found.push(f);
  }
  if (found.length === 0) return 'nothing (empty folder)';
  const shown = found.slice(0, MAX_LISTED);
  return found.length > MAX_LISTED ? `${shown.join(', ')} and ${found.length - MAX_LISTED} more` : shown.join(', ');
}

export function openModelFolder(root: string, opts: { variant?: string } = {}): ModelFolder {
  if (!existsSync(root)) throw new EmbedkitError('FILE_NOT_FOUND', 'model folder', { where: root });
  if (!isDir(root)) throw new EmbedkitError('BAD_ARGUMENT', 'model folder', { expected: 'a folder', received: 'a file', where: root });
  const variants = listVariants(root);
  const wanted = opts.variant ?? 'default';
  const missing: string[] = [];
  const hints: string[] = [];
  if (!existsSync(join(root, 'config.json'))) missing.push('config.json');
  if (!existsSync(join(root, 'tokenizer.json'))) {
    missing.push('tokenizer.json');
    if (existsSync(join(root, 'vocab.txt')) || existsSync(join(root, 'sentencepiece.bpe.model')) || existsSync(join(root, 'spiece.model'))) {
      hints.push('the folder has a slow-tokenizer vocabulary but no tokenizer.json: save it once with a fast tokenizer (AutoTokenizer.from_pretrained(...).save_pretrained(folder))');
    }
  }
  let onnxRel = variants[wanted] ?? (wanted.endsWith('.onnx') && existsSync(join(root, wanted)) ? wanted : undefined);
  if (onnxRel === undefined) {
    if (opts.variant === undefined) {
      // No plain model.onnx: a folder with exactly one .onnx file uses it.
      const names = Object.keys(variants);
      if (names.length === 1) onnxRel = variants[names[0]!];
    }
    if (onnxRel === undefined) {
      missing.push(opts.variant === undefined ? 'onnx/model.onnx or model.onnx' : `variant "${wanted}" (onnx/model_${wanted}.onnx)`);
      const names = Object.keys(variants);
      if (names.length > 0) hints.push(`variants found: ${names.join(', ')} (choose one with \`variant\`)`);
      else if (['model.safetensors', 'pytorch_model.bin'].some((f) => existsSync(join(root, f)))) {
        hints.push('the folder has PyTorch weights but no ONNX export: export it once with Hugging Face Optimum (optimum-cli export onnx)');
      }
    }
  }
  if (missing.length > 0) {
    throw new EmbedkitError('MODEL_INCOMPLETE', 'required files', {
      expected: 'config.json, tokenizer.json and onnx/model.onnx (or model.onnx)',
      received: `missing ${missing.join(', ')}; found ${describeContents(root)}`,
      where: root,
      ...(hints.length > 0 ? { hint: hints.join('; ') } : {}),
    });
  }
  const rel = onnxRel!;
  return {
    root,
    config: readJsonObject(join(root, 'config.json'))!,
    tokenizer: readJsonObject(join(root, 'tokenizer.json'))!,
    // special_tokens_map.json fills in special tokens (e.g. pad_token) that tokenizer_config.json lacks
    tokenizerConfig: { ...readJsonObject(join(root, 'special_tokens_map.json')), ...readJsonObject(join(root, 'tokenizer_config.json')) },
    onnxPath: join(root, rel),
    variant: variantName(rel),
    variants,
  };
}
