/**
 * sentence-transformers' stage manifest, when a folder has one: `modules.json` names the stages
 * (Transformer → Pooling → Normalize), `1_Pooling/config.json` the pooling mode, `sentence_bert_config.json`
 * the maximum sequence length, `config_sentence_transformers.json` the stored prompts and the similarity
 * function. Stages embedkit cannot run (Dense, LayerNorm, …) are refused with a clear error rather than
 * silently skipped.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { EmbedkitError, FormatError } from '../../errors.js';
import type { TransformerPooling } from '../embedder.js';
import { readJsonObject, type JsonObject } from './model-folder.js';

export type SimilarityFunction = 'cosine' | 'dot' | 'euclidean' | 'manhattan';

export interface SentenceTransformersConfig {
  /** Pooling from `1_Pooling/config.json`; undefined without one. */
  readonly pooling?: TransformerPooling;
  /** Pool over the prompt's tokens too (`include_prompt`, default true). */
  readonly includePrompt: boolean;
  /** A `Normalize` stage follows pooling. */
  readonly normalize: boolean;
  readonly maxSeqLength?: number;
  /** `sentence_bert_config.json` `do_lower_case`: lower-case texts before tokenizing. */
  readonly doLowerCase: boolean;
  readonly prompts: Readonly<Record<string, string>>;
  readonly defaultPromptName?: string;
  readonly similarity?: SimilarityFunction;
  /** sentence-transformers files that were read. */
  readonly files: readonly string[];
}

interface ModuleEntry {
  readonly path: string;
  readonly type: string;
}

function readModules(root: string): ModuleEntry[] | undefined {
  const file = join(root, 'modules.json');
  if (!existsSync(file)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new FormatError(file, 'not valid JSON', { expected: 'a JSON array of modules', received: e instanceof Error ? e.message : String(e) });
  }
  if (!Array.isArray(value)) throw new FormatError(file, 'not a module list', { expected: 'a JSON array', received: typeof value });
  return value.map((m: unknown, i: number) => {
    const o = m as JsonObject;
    if (typeof o !== 'object' || o === null || typeof o['type'] !== 'string') {
      throw new FormatError(file, `module ${i}`, { expected: '{"path", "type"}', received: JSON.stringify(m) });
    }
    return { path: typeof o['path'] === 'string' ? o['path'] : '', type: o['type'] };
  });
}

const POOLING_FLAGS: readonly (readonly [string, TransformerPooling])[] = [
  ['pooling_mode_cls_token', 'cls'],
  ['pooling_mode_mean_tokens', 'mean'],
  ['pooling_mode_max_tokens', 'max'],
  ['pooling_mode_weightedmean_tokens', 'weightedmean'],
  ['pooling_mode_lasttoken', 'last'],
];

/** Pooling mode from a sentence-transformers Pooling config (boolean flags or a `pooling_mode` string). */
function parsePoolingConfig(cfg: JsonObject, file: string): TransformerPooling {
  const named = cfg['pooling_mode'];
  if (typeof named === 'string') {
    const map: Record<string, TransformerPooling> = { cls: 'cls', mean: 'mean', max: 'max', weightedmean: 'weightedmean', lasttoken: 'last', last: 'last' };
    const p = map[named];
    if (p === undefined) throw new EmbedkitError('UNSUPPORTED', `pooling mode "${named}"`, { expected: Object.keys(map).join('|'), received: named, where: file, hint: 'override it with `pooling`' });
    return p;
  }
  const on = POOLING_FLAGS.filter(([flag]) => cfg[flag] === true).map(([, p]) => p);
  if (cfg['pooling_mode_mean_sqrt_len_tokens'] === true) {
    throw new EmbedkitError('UNSUPPORTED', 'pooling_mode_mean_sqrt_len_tokens', { expected: 'one of cls, mean, max, weightedmean, lasttoken', received: 'mean_sqrt_len_tokens', where: file, hint: 'override it with `pooling`' });
  }
  if (on.length > 1) {
    throw new EmbedkitError('UNSUPPORTED', 'several pooling modes at once (concatenated)', { expected: 'exactly one pooling mode', received: on.join(' + '), where: file, hint: 'override it with `pooling`' });
  }
  return on[0] ?? 'mean';
}

function parseSimilarity(v: unknown): SimilarityFunction | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.replace(/_similarity$/, '').replace(/_product$/, '');
  return s === 'cosine' || s === 'dot' || s === 'euclidean' || s === 'manhattan' ? s : undefined;
}

export function readSentenceTransformersConfig(root: string): SentenceTransformersConfig {
  const files: string[] = [];
  const modules = readModules(root);
  if (modules !== undefined) files.push('modules.json');
  let pooling: TransformerPooling | undefined;
  let includePrompt = true;
  let normalize = false;
  let transformerPath = '';
  for (const m of modules ?? []) {
    const kind = m.type.split('.').pop() ?? m.type;
    if (kind === 'Transformer' || kind === 'StaticEmbedding') transformerPath = m.path;
    else if (kind === 'Pooling') {
      const file = join(root, m.path, 'config.json');
      const cfg = readJsonObject(file);
      if (cfg === undefined) {
        throw new EmbedkitError('MODEL_INCOMPLETE', `${m.path}/config.json`, { expected: 'the Pooling config named in modules.json', received: 'no such file', where: file });
      }
      files.push(`${m.path}/config.json`);
      pooling = parsePoolingConfig(cfg, file);
      if (cfg['include_prompt'] === false) includePrompt = false;
    } else if (kind === 'Normalize') normalize = true;
    else {
      throw new EmbedkitError('UNSUPPORTED', `sentence-transformers module ${m.type}`, {
        expected: 'Transformer, Pooling, Normalize',
        received: m.type,
        where: join(root, 'modules.json'),
        hint: 'export a model whose ONNX graph already includes this stage',
      });
    }
  }
  const sbert = readJsonObject(join(root, transformerPath, 'sentence_bert_config.json'));
  if (sbert !== undefined) files.push(join(transformerPath, 'sentence_bert_config.json'));
  const st = readJsonObject(join(root, 'config_sentence_transformers.json'));
  if (st !== undefined) files.push('config_sentence_transformers.json');
  const prompts: Record<string, string> = {};
  const rawPrompts = st?.['prompts'];
  if (typeof rawPrompts === 'object' && rawPrompts !== null) {
    for (const [k, v] of Object.entries(rawPrompts)) if (typeof v === 'string') prompts[k] = v;
  }
  const maxSeq = sbert?.['max_seq_length'];
  const defaultPromptName = st?.['default_prompt_name'];
  const similarity = parseSimilarity(st?.['similarity_fn_name']);
  return {
    ...(pooling !== undefined ? { pooling } : {}),
    includePrompt,
    normalize,
    ...(typeof maxSeq === 'number' && maxSeq > 0 ? { maxSeqLength: maxSeq } : {}),
    doLowerCase: sbert?.['do_lower_case'] === true,
    prompts,
    ...(typeof defaultPromptName === 'string' ? { defaultPromptName } : {}),
    ...(similarity !== undefined ? { similarity } : {}),
    files,
  };
}
