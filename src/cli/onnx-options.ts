/**
 * CLI options for transformer model folders (ONNX), shared by `embed`, `similarity` and any command that
 * embeds text. `modelEmbedderOptions` routes: a folder gets ONNX options, anything else the word-vector
 * pooling options (and refuses ONNX-only flags).
 */
import type { Command } from 'commander';
import type { CreateEmbedderOptions } from '../embedders/create-embedder.js';
import { isModelFolder } from '../embedders/onnx/model-folder.js';
import type { LongTextMode, OnnxEmbedderOptions } from '../embedders/onnx/onnx-embedder.js';
import { TRANSFORMER_POOLINGS, type TransformerPooling } from '../embedders/embedder.js';
import { PRECISIONS, type Precision } from '../embedders/stages/quantize.js';
import { EmbedkitError } from '../errors.js';
import { DEFAULT_MODEL } from '../vectors/load.js';
import { choiceOption, intOption } from './context.js';
import { embedderOptions, type PoolingCliOptions } from './pooling-options.js';

export interface OnnxCliOptions {
  readonly model?: string;
  readonly variant?: string;
  readonly truncateDim?: string;
  readonly promptName?: string;
  readonly prompt?: string;
  readonly precision?: string;
  readonly batchSize?: string;
  readonly threads?: string;
  readonly maxLength?: string;
  readonly long?: string;
  readonly chunkOverlap?: string;
}

const ONNX_FLAGS: readonly (readonly [keyof OnnxCliOptions, string])[] = [
  ['variant', '--variant'],
  ['truncateDim', '--truncate-dim'],
  ['promptName', '--prompt-name'],
  ['prompt', '--prompt'],
  ['precision', '--precision'],
  ['batchSize', '--batch-size'],
  ['threads', '--threads'],
  ['maxLength', '--max-length'],
  ['long', '--long'],
  ['chunkOverlap', '--chunk-overlap'],
];

export function withOnnxOptions(cmd: Command): Command {
  return cmd
    .option('--variant <name>', 'model folders: ONNX file variant, e.g. quantized (onnx/model_quantized.onnx)')
    .option('--truncate-dim <n>', 'model folders: keep the first N dimensions (Matryoshka), re-normalized')
    .option('--prompt-name <name>', 'model folders: a prompt stored with the model, e.g. query')
    .option('--prompt <text>', 'model folders: text prepended to every input, e.g. "query: "')
    .option('--precision <p>', `model folders: output precision ${PRECISIONS.join('|')}`)
    .option('--batch-size <n>', 'model folders: sequences per inference batch (default 32)')
    .option('--threads <n>', 'model folders: inference threads (default: one per core)')
    .option('--max-length <n>', "model folders: maximum tokens per text (default: the model's max_seq_length)")
    .option('--long <truncate|chunk>', 'model folders: cut long texts (truncate, default) or embed overlapping windows and average them (chunk)')
    .option('--chunk-overlap <n>', 'model folders, --long chunk: tokens shared by neighbouring windows (default: a quarter window)');
}

/** ONNX embedder options from CLI flags (validated). */
export function onnxOptions(opts: OnnxCliOptions & PoolingCliOptions): OnnxEmbedderOptions {
  const int = (name: string, v: string | undefined, min = 1): number | undefined => (v === undefined ? undefined : intOption(name, v, 0, min));
  const truncate = int('--truncate-dim', opts.truncateDim);
  const batchSize = int('--batch-size', opts.batchSize);
  const threads = int('--threads', opts.threads);
  const maxLength = int('--max-length', opts.maxLength);
  const chunkOverlap = int('--chunk-overlap', opts.chunkOverlap, 0);
  if (opts.frequencies !== undefined || opts.sifReference !== undefined) {
    throw new EmbedkitError('BAD_OPTION', opts.frequencies !== undefined ? '--frequencies' : '--sif-reference', {
      expected: 'a word-vector model (sif/usif pooling)',
      received: `model folder ${opts.model ?? ''}`,
    });
  }
  return {
    ...(opts.pooling !== undefined ? { pooling: choiceOption<TransformerPooling>('--pooling', opts.pooling, TRANSFORMER_POOLINGS, 'mean') } : {}),
    ...(opts.normalize === true ? { normalize: true } : {}),
    ...(opts.variant !== undefined ? { variant: opts.variant } : {}),
    ...(truncate !== undefined ? { truncateDim: truncate } : {}),
    ...(opts.promptName !== undefined ? { promptName: opts.promptName } : {}),
    ...(opts.prompt !== undefined ? { prompt: opts.prompt } : {}),
    ...(opts.precision !== undefined ? { precision: choiceOption<Precision>('--precision', opts.precision, PRECISIONS, 'float32') } : {}),
    ...(batchSize !== undefined ? { batchSize } : {}),
    ...(threads !== undefined ? { threads } : {}),
    ...(maxLength !== undefined ? { maxLength } : {}),
    ...(opts.long !== undefined ? { long: choiceOption<LongTextMode>('--long', opts.long, ['truncate', 'chunk'], 'truncate') } : {}),
    ...(chunkOverlap !== undefined ? { chunkOverlap } : {}),
  };
}

/**
 * Embedder options for `--model`: ONNX options for a model folder, word-vector pooling options otherwise
 * (ONNX-only flags are then refused).
 */
export function modelEmbedderOptions(opts: OnnxCliOptions & PoolingCliOptions): ReturnType<typeof embedderOptions> | (CreateEmbedderOptions & { pooling?: undefined }) {
  if (isModelFolder(opts.model ?? DEFAULT_MODEL)) return { onnx: onnxOptions(opts) };
  const given = ONNX_FLAGS.find(([key]) => opts[key] !== undefined);
  if (given !== undefined) {
    throw new EmbedkitError('BAD_OPTION', given[1], {
      expected: 'a transformer model folder for --model',
      received: `word-vector model ${opts.model ?? DEFAULT_MODEL}`,
      where: given[1],
    });
  }
  return embedderOptions(opts);
}
