/**
 * Where `isotropy` and `transform fit` get their rows: the vocabulary of a word-vector model (default;
 * `--limit` most frequent words), texts embedded by any model (`--input`, with the record and embedder
 * flags), or a precomputed `.npy` matrix (`--vectors`). A transform file (`--transforms`) applies to all
 * three: the embedder applies it to texts, the rows of a vocabulary or a matrix go through it here.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { vocabularyMatrix } from '../analysis/isotropy/measure-isotropy.js';
import { EMBEDDER_OPTIONS } from '../embedders/embedder-options.js';
import { DEFAULT_SENTENCE_MODEL, DEFAULT_WORD_MODEL } from '../embedders/named-models.js';
import { resolveEmbedderKind } from '../embedders/registry.js';
import { loadTransforms } from '../embedders/transforms/transform-file.js';
import type { VectorTransform } from '../embedders/transforms/vector-transform.js';
import { EmbedkitError } from '../errors.js';
import { readNpy } from '../io/npy.js';
import { RECORD_OPTIONS } from '../io/record-options.js';
import { readAllRecords } from '../io/records.js';
import type { Matrix } from '../math/matrix.js';
import type { CommandContext } from './context.js';
import { embedderOptionsFrom, withEmbedderOptions } from './embedder-options.js';
import { loadModelEmbedder, loadModelVectors } from './load-model.js';
import { addSpecOptions, givenSpecValues, specValues } from './option-flags.js';

export interface MatrixInputOptions {
  readonly model?: string;
  readonly input?: string;
  readonly vectors?: string;
  readonly transforms?: string;
}

export interface MatrixInput {
  readonly matrix: Matrix;
  /** What the rows are, for reports: `vocabulary`, `texts` or `vectors`. */
  readonly kind: 'vocabulary' | 'texts' | 'vectors';
  /** The model, input file or .npy file. */
  readonly source: string;
  /** The transform file applied, when one was. */
  readonly transforms?: string;
}

/** Adds `--model` (no commander default: `--vectors` excludes it), `--input`, `--vectors`, record and embedder flags. */
export function withMatrixInput(cmd: Command): Command {
  cmd
    .option('-m, --model <name|path>', `registry name, word-vectors file or model folder (default ${DEFAULT_WORD_MODEL}; with --input ${DEFAULT_SENTENCE_MODEL})`)
    .option('-i, --input <file>', 'embed these texts with the model (lines, .jsonl or .csv) instead of taking its vocabulary')
    .option('--vectors <file.npy>', 'a precomputed matrix (rows) from any tool, instead of a model');
  addSpecOptions(cmd, RECORD_OPTIONS);
  return withEmbedderOptions(cmd);
}

/** The rows in words, for reports: `the vocabulary of glove-100d`, `the texts of notes.txt after t.json`. */
export function describeMatrixInput(input: MatrixInput): string {
  const what = input.kind === 'vocabulary' ? `the vocabulary of ${input.source}` : input.kind === 'texts' ? `the texts of ${input.source}` : input.source;
  return `${what}${input.transforms !== undefined ? ` after ${input.transforms}` : ''}`;
}

function notWith(option: string, other: string, given: unknown): EmbedkitError {
  return new EmbedkitError('BAD_OPTION', option, { expected: `not together with \`${other}\``, received: typeof given === 'string' ? given : JSON.stringify(given), where: option });
}

/** Rows through a transform chain (read from `file`); dimensions are checked first, naming `transforms`. */
export function applyTransformChain(chain: readonly VectorTransform[], m: Matrix, file: string): Matrix {
  if (chain.length > 0 && chain[0]!.inputDim !== m.dim) {
    throw new EmbedkitError('DIM_MISMATCH', `transform file ${file}`, { expected: `input of ${m.dim} dims (the vectors)`, received: `${chain[0]!.inputDim} dims`, where: 'transforms' });
  }
  let out = m;
  for (const t of chain) out = t.apply(out);
  return out;
}

function transformed(m: Matrix, file: string): Matrix {
  return applyTransformChain(loadTransforms(file), m, file);
}

/** The rows to measure or fit on; `limit` (vocabulary only) keeps the most frequent words. */
export async function readMatrixInput(ctx: CommandContext, opts: MatrixInputOptions, limit: number | undefined): Promise<MatrixInput> {
  const embedderOpts = givenSpecValues(EMBEDDER_OPTIONS, opts);
  const recordOpts = givenSpecValues(RECORD_OPTIONS, opts);
  const transforms = (embedderOpts['transforms'] ?? embedderOpts['removeDirections']) as string | undefined;
  // an embedder or record flag other than the transform file: texts only
  const textOnly = Object.keys(embedderOpts).find((k) => k !== 'transforms' && k !== 'removeDirections') ?? Object.keys(recordOpts)[0];
  const textOnlyValue = textOnly !== undefined ? JSON.stringify(embedderOpts[textOnly] ?? recordOpts[textOnly]) : '';
  const extra = (t: Omit<MatrixInput, 'transforms'>): MatrixInput => (transforms !== undefined ? { ...t, transforms } : t);
  if (opts.vectors !== undefined) {
    if (opts.model !== undefined) throw notWith('vectors', 'model', opts.model);
    if (opts.input !== undefined) throw notWith('vectors', 'input', opts.input);
    if (limit !== undefined) throw notWith('limit', 'vectors', limit);
    if (textOnly !== undefined) throw notWith(textOnly, 'vectors', textOnlyValue);
    if (!existsSync(opts.vectors)) throw new EmbedkitError('FILE_NOT_FOUND', '.npy file', { where: opts.vectors });
    const m = readNpy(opts.vectors);
    return extra({ matrix: transforms !== undefined ? transformed(m, transforms) : m, kind: 'vectors', source: opts.vectors });
  }
  const model = opts.model ?? (opts.input !== undefined ? DEFAULT_SENTENCE_MODEL : DEFAULT_WORD_MODEL);
  if (opts.input !== undefined) {
    if (limit !== undefined) throw notWith('limit', 'input', limit);
    const records = (await readAllRecords(opts.input, specValues(RECORD_OPTIONS, opts))).filter((r) => r.text.trim().length > 0);
    if (records.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'no texts', { expected: 'at least one non-blank text', received: '0', where: opts.input });
    const embedder = await loadModelEmbedder(ctx, model, embedderOptionsFrom(opts));
    try {
      const matrix = await ctx.withProgress('Embedding', records.length, 'texts', (bar) => embedder.embed(records.map((r) => r.text), { onProgress: (d) => bar.update(d) }));
      return extra({ matrix, kind: 'texts', source: opts.input });
    } finally {
      await embedder.dispose();
    }
  }
  if (textOnly !== undefined) throw new EmbedkitError('BAD_OPTION', textOnly, { expected: 'only with `input` texts (a vocabulary is not embedded)', received: textOnlyValue, where: textOnly });
  if (resolveEmbedderKind(model).kind !== 'static') {
    throw new EmbedkitError('BAD_OPTION', 'model', { expected: 'word vectors (a vocabulary), or `input` texts for this model', received: `${model} (a model folder has no word vocabulary)`, where: 'model' });
  }
  const m = vocabularyMatrix(await loadModelVectors(ctx, model, limit));
  return extra({ matrix: transforms !== undefined ? transformed(m, transforms) : m, kind: 'vocabulary', source: model });
}
