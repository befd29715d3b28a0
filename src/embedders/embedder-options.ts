/**
 * Every option an embedder accepts, declared once. `createEmbedder`, the CLI (`--max-length` …) and the
 * HTTP server validate them with the same declarations; each embedder kind says which of them it takes
 * (registry.ts), so an option a model cannot use is an error naming the option.
 */
import { booleanOption, choiceOption, intOption, numberOption, stringOption, type OptionValues } from '../options/option-spec.js';
import { STATIC_POOLINGS, TRANSFORMER_POOLINGS } from './embedder.js';
import { PRECISIONS } from './stages/quantize.js';

const POOLINGS = [...new Set([...STATIC_POOLINGS, ...TRANSFORMER_POOLINGS])];

export const EMBEDDER_OPTIONS = {
  transforms: stringOption('a transform file applied to every output vector (direction removal, whitening, an adapter …; saved with `saveTransforms`)', { valueName: 'file', aliases: ['removeDirections'], local: true }),
  pooling: choiceOption(POOLINGS, "word vectors: mean|sif|usif (default mean); transformers: cls|mean|max|last|weightedmean (default: the model's pooling config)", { valueName: 'mode' }),
  normalize: booleanOption('scale output vectors to unit length (transformers: default from the model)'),
  frequencies: stringOption('word vectors, sif/usif: word frequency file (`word count` lines); default: Zipf estimate from the vocabulary order', { valueName: 'file', local: true }),
  sifReference: stringOption('word vectors, sif/usif: common components fitted and saved before (`fitReference`)', { valueName: 'file', aliases: ['reference'], local: true }),
  sifA: numberOption(1e-12, 1, "word vectors, sif: SIF's weighting parameter a (default 1e-3)", { valueName: 'a' }),
  usifLength: intOption(1, 10_000, "word vectors, usif: uSIF's expected sentence length n (default 11)"),
  usifComponents: intOption(0, 1000, 'word vectors, usif: common components removed (default 5)'),
  layers: intOption(1, 64, 'built-in transformers (minilm-l6): run only the first N layers (elastic depth; the graph is built shorter)'),
  variant: stringOption('transformers: ONNX file variant, e.g. quantized (onnx/model_quantized.onnx)', { valueName: 'name', local: true }),
  truncateDim: intOption(1, 1 << 16, 'transformers: keep the first N dimensions (Matryoshka), re-normalized; remote: sent as the API\'s dimensions field'),
  promptName: stringOption('transformers: a prompt stored with the model, e.g. query', { valueName: 'name' }),
  prompt: stringOption('transformers, remote: text prepended to every input, e.g. "query: "', { valueName: 'text' }),
  precision: choiceOption(PRECISIONS, 'transformers: output precision', { valueName: 'p' }),
  batchSize: intOption(1, 65_536, 'transformers: sequences per inference batch (default 32); remote: texts per request (default 256)'),
  threads: intOption(1, 1024, 'transformers: inference threads (default: one per core)'),
  maxLength: intOption(1, 1 << 20, "transformers: maximum tokens per text (default: the model's max_seq_length)"),
  long: choiceOption(['truncate', 'chunk'] as const, 'transformers: cut long texts (truncate, default) or embed overlapping windows and average them (chunk)', { valueName: 'mode' }),
  chunkOverlap: intOption(0, 1 << 20, 'transformers, long chunk: tokens shared by neighbouring windows (default: a quarter window)'),
  baseUrl: stringOption('remote (openai:MODEL): the API base URL (default: $OPENAI_BASE_URL, else https://api.openai.com/v1)', { valueName: 'url', local: true }),
  apiKey: stringOption('remote: the API key (default: $OPENAI_API_KEY)', { valueName: 'key', local: true }),
} as const;

export type EmbedderOptionName = keyof typeof EMBEDDER_OPTIONS;

/** Options every kind takes (applied by the registry around any embedder). */
export const COMMON_EMBEDDER_OPTIONS: readonly EmbedderOptionName[] = ['transforms'];

/** Validated embedder options (only those given). */
export type EmbedderOptions = OptionValues<typeof EMBEDDER_OPTIONS>;

/** The declarations of `names`, for a kind's `options` (narrowed ones can be spread over them). */
export function embedderOptionSpecs<N extends EmbedderOptionName>(names: readonly N[]): { [K in N]: (typeof EMBEDDER_OPTIONS)[K] } {
  return Object.fromEntries(names.map((n) => [n, EMBEDDER_OPTIONS[n]])) as { [K in N]: (typeof EMBEDDER_OPTIONS)[K] };
}
