/**
 * embedkit — text embeddings on your machine.
 *
 * Grouped public API. Types are exported with `export type`.
 */

// Errors
export { EmbedkitError, FormatError, ERROR_CATALOG, isEmbedkitError } from './errors.js';
export type { ErrorCode, ErrorDetails } from './errors.js';

// Math kernels
export { dot, cosine, norm, normalizeRows, rowNorms } from './math/kernels.js';
export { asMatrix, createMatrix, row } from './math/matrix.js';
export type { Matrix } from './math/matrix.js';
export { TopKHeap, topKDot, topKDotBatch, topKOfScores } from './math/top-k.js';
export type { TopK, TopKOptions } from './math/top-k.js';

// Word vectors
export { KeyedVectors } from './vectors/keyed-vectors.js';
export type { Neighbors, MostSimilarOptions, AnalogyOptions, AnalogyMethod } from './vectors/keyed-vectors.js';
export { loadVectors, DEFAULT_MODEL } from './vectors/load.js';
export type { LoadVectorsOptions } from './vectors/load.js';
export { listModels, isRegistryName } from './vectors/registry.js';
export type { ModelInfo, LoadProgress } from './vectors/registry.js';
export { readVectors, writeVectors, detectFormat, formatFromPath, VECTOR_FORMATS } from './vectors/formats/index.js';
export type { VectorFormat, ReadOptions, ReadVectorsOptions } from './vectors/formats/index.js';

// Embedders
export type { Embedder, EmbedderInfo, EmbedOptions, Pooling } from './embedders/embedder.js';
export { createEmbedder } from './embedders/create-embedder.js';
export type { CreateEmbedderOptions } from './embedders/create-embedder.js';
export { StaticEmbedder, STATIC_POOLINGS } from './embedders/static-embedder.js';
export type { StaticEmbedderOptions, StaticPooling } from './embedders/static-embedder.js';
export { tokenize } from './embedders/tokenize.js';
export type { TokenizeOptions } from './embedders/tokenize.js';
export { zipfProbabilities, readFrequencyFile } from './embedders/word-probabilities.js';
export type { WordProbabilities } from './embedders/word-probabilities.js';
export { fitCommonComponents, removeCommonComponents, saveCommonComponents, loadCommonComponents } from './embedders/common-components.js';
export type { CommonComponents } from './embedders/common-components.js';

// Transformer sentence encoders (ONNX Runtime, local model folders)
export { OnnxEmbedder, loadOnnxEmbedder, windowStarts } from './embedders/onnx/onnx-embedder.js';
export type { OnnxEmbedderOptions, LongTextMode } from './embedders/onnx/onnx-embedder.js';
export { openModelFolder, listVariants, isModelFolder } from './embedders/onnx/model-folder.js';
export type { ModelFolder } from './embedders/onnx/model-folder.js';
export { readSentenceTransformersConfig } from './embedders/onnx/sentence-transformers-config.js';
export type { SentenceTransformersConfig, SimilarityFunction } from './embedders/onnx/sentence-transformers-config.js';
export { POOL_FUNCTIONS, TRANSFORMER_POOLINGS, poolCls, poolMean, poolMax, poolLast, poolWeightedMean } from './embedders/stages/pool.js';
export type { TransformerPooling, TokenStates, PoolFn } from './embedders/stages/pool.js';
export { quantizeEmbeddings, quantizationRanges, quantizedDim, PRECISIONS } from './embedders/stages/quantize.js';
export type { Precision, QuantizationRanges, QuantizedEmbeddings } from './embedders/stages/quantize.js';
export { truncateDim } from './embedders/stages/truncate-dim.js';

// I/O helpers
export { encodeNpy, readNpy } from './io/npy.js';
export { writeEmbeddings } from './io/embedding-output.js';
export { readTextRecords } from './io/text-input.js';
export type { TextRecord, TextInputOptions } from './io/text-input.js';
