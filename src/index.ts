/**
 * embedkit — text embeddings on your machine.
 *
 * The light entry point: errors, math kernels, word vectors, embedders (created through the registry;
 * heavy runtimes load only when a model needs them), transforms, options and I/O. Importing it loads no
 * native module. The heavy parts have their own entry points:
 *   embedkit/onnx         transformer encoders on ONNX Runtime
 *   embedkit/collections  vector stores (SQLite, Postgres + pgvector), indexes (usearch HNSW), search
 *   embedkit/eval         MTEB-style tasks, runners, metrics, result files
 *   embedkit/train        word2vec, GloVe, doc2vec, phrases
 * Types are exported with `export type`.
 */

// Errors
export { EmbedkitError, FormatError, ERROR_CATALOG, isEmbedkitError } from './errors.js';
export type { ErrorCode, ErrorDetails, OptionRenamer } from './errors.js';

// Math kernels
export { dot, cosine, norm, normalizeRows, rowNorms } from './math/kernels.js';
export { asMatrix, createMatrix, row } from './math/matrix.js';
export type { Matrix } from './math/matrix.js';
export { topKDot, topKDotBatch, topKOfScores } from './math/top-k.js';
export { TopKHeap } from './math/top-k-heap.js';
export type { TopKOptions } from './math/top-k.js';
export type { TopK } from './math/top-k-heap.js';
export { scanThreads, setScanThreads, startScanThreads } from './math/scan-pool.js';
export { matrixFloat32, sharedFloat32, toShared } from './math/shared-memory.js';

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
export type { Embedder, EmbedderInfo, EmbedderKind, StaticEmbedderInfo, OnnxEmbedderInfo, RemoteEmbedderInfo, EmbedOptions, Pooling } from './embedders/embedder.js';
export { poolingOf, EMBEDDER_KINDS } from './embedders/embedder.js';
export { EMBEDDER_OPTIONS } from './embedders/embedder-options.js';
export type { EmbedderOptions, EmbedderOptionName } from './embedders/embedder-options.js';
export { embedderKinds, resolveEmbedderKind, validateEmbedderOptions, absoluteModelRef } from './embedders/registry.js';
export type { EmbedderKindEntry, LoadContext } from './embedders/registry.js';
export { createEmbedder } from './embedders/create-embedder.js';
export type { CreateEmbedderOptions } from './embedders/create-embedder.js';
export { StaticEmbedder } from './embedders/static-embedder.js';
export { STATIC_POOLINGS } from './embedders/embedder.js';
export type { StaticEmbedderOptions } from './embedders/static-embedder.js';
export type { StaticPooling } from './embedders/embedder.js';
export { tokenize } from './text/tokenize.js';
export type { TokenizeOptions } from './text/tokenize.js';
export { zipfProbabilities, readFrequencyFile } from './embedders/word-probabilities.js';
export type { WordProbabilities } from './embedders/word-probabilities.js';
export { fitCommonComponents, removeCommonComponents, saveCommonComponents, loadCommonComponents } from './embedders/common-components.js';
export type { CommonComponents } from './embedders/common-components.js';

// Pooling and output stages (pure functions, no runtime)
export { POOL_FUNCTIONS, poolCls, poolMean, poolMax, poolLast, poolWeightedMean } from './embedders/stages/pool.js';
export type { TokenStates, PoolFn } from './embedders/stages/pool.js';
export { TRANSFORMER_POOLINGS } from './embedders/embedder.js';
export type { TransformerPooling } from './embedders/embedder.js';
export { quantizeEmbeddings, quantizationRanges, quantizedDim, PRECISIONS } from './embedders/stages/quantize.js';
export type { Precision, QuantizationRanges, QuantizedEmbeddings } from './embedders/stages/quantize.js';
export { truncateDim } from './embedders/stages/truncate-dim.js';
export { poolWindows, firstWindows } from './embedders/stages/pool-windows.js';
export type { TextWindows } from './embedders/stages/pool-windows.js';

// Linear algebra helpers (PCA through ml-matrix)
export { pca, orthonormalBasis } from './math/pca.js';
export type { Pca, PcaOptions, Rows } from './math/pca.js';

// Statistics (normal distribution, ranks, Wilcoxon rank-sum as scipy.stats.ranksums)
export { normalCdf, normalSf, erf, erfc } from './math/statistics/normal.js';
export { averageRanks } from './math/statistics/ranks.js';
export { rankSumTest, normalPValue } from './math/statistics/rank-sum.js';
export type { Alternative, RankSumResult } from './math/statistics/rank-sum.js';

// Covariance and decompositions (ml-matrix)
export { columnMeans, covariance } from './math/covariance.js';
export { symmetricEigen, svd } from './math/decompositions.js';
export type { SymmetricEigen, Svd } from './math/decompositions.js';

// safetensors (reader + writer), half floats
export { readSafetensors, writeSafetensors, encodeSafetensors, SafetensorsFile, SAFETENSORS_DTYPES } from './io/safetensors.js';
export type { SafetensorsDtype, TensorData, TensorEntry, TensorInput } from './io/safetensors.js';
export { halfToFloat32, bfloat16ToFloat32, float32ToHalf } from './math/half-float.js';

// Static models in model2vec's folder layout (potion, distilled models)
export { Model2VecEmbedder, MODEL2VEC_MAX_LENGTH } from './embedders/model2vec/model2vec-embedder.js';
export type { Model2VecEmbedderOptions } from './embedders/model2vec/model2vec-embedder.js';
export { readModel2VecFolder, writeModel2VecFolder, isModel2VecFolder } from './embedders/model2vec/model2vec-folder.js';
export type { Model2VecModel, WriteModel2VecOptions } from './embedders/model2vec/model2vec-folder.js';

// Vector transforms (fitted once, applied to any embedder's output)
export type { VectorTransform, TransformSpec, TransformFactory } from './embedders/transforms/vector-transform.js';
export { TransformedEmbedder, describeTransform } from './embedders/transforms/transformed-embedder.js';
export { saveTransforms, loadTransforms } from './embedders/transforms/transform-file.js';
export { transformFromSpec, transformKinds } from './embedders/transforms/transform-kinds.js';
export { ProjectOutTransform, projectOutFromSpec, PROJECT_OUT_KIND } from './embedders/transforms/project-out.js';
export { CenterTransform, centerFromSpec } from './embedders/transforms/center.js';
export { AbttTransform, abttFromSpec } from './embedders/transforms/abtt.js';
export type { AbttVariant } from './embedders/transforms/abtt.js';
export { WhitenTransform, whitenFromSpec } from './embedders/transforms/whiten.js';
export { LinearMap, linearMapFromSpec } from './embedders/transforms/linear-map.js';
export type { LinearMapMethod, LinearMapParts } from './embedders/transforms/linear-map.js';
export { preprocess, PREPROCESS_STEPS } from './embedders/transforms/preprocess.js';
export type { PreprocessStep, Preprocessed } from './embedders/transforms/preprocess.js';
export { LowRankAdapter, lowRankAdapterFromSpec } from './embedders/transforms/low-rank-adapter.js';
export { MlpAdapter, mlpAdapterFromSpec } from './embedders/transforms/mlp-adapter.js';
export { saveAdapterFolder, readAdapterFolder, splitAdapterRef, isAdapterFolder, checkAdapterBase, adapterBase } from './embedders/transforms/adapter-folder.js';
export type { AdapterManifest, AdapterFolder, AdapterBase } from './embedders/transforms/adapter-folder.js';
export type { ProjectOutOptions, Basis } from './embedders/transforms/project-out.js';

// Options (declared once; validated the same way by the library, the CLI and the server)
export { validateOptions, validateOption, withDefaults } from './options/validate.js';
export { intOption, numberOption, stringOption, booleanOption, choiceOption, listOption, describeSpec } from './options/option-spec.js';
export type { OptionSpec, OptionSpecs, OptionValues } from './options/option-spec.js';

// Configuration (environment variables)
export { cacheDir, defaultDbLocation, ENVIRONMENT_VARIABLES } from './config.js';

// I/O helpers
export { encodeNpy, readNpy } from './io/npy.js';
export { writeEmbeddings } from './io/embedding-output.js';
export { readRecords, readAllRecords, recordFormatFromPath, RECORD_FORMATS } from './io/records.js';
export type { InputRecord, RecordReadOptions, RecordFormat } from './io/records.js';

export { RECORD_OPTIONS } from './io/record-options.js';
export { formatFloat32 } from './io/float-text.js';
