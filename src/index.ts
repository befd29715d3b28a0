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

// Collections (persistent vector stores: SQLite embedded, Postgres + pgvector)
export { openStore } from './collections/open-store.js';
export { SqliteStore, SqliteCollection, HNSW_THRESHOLD } from './collections/stores/sqlite-store.js';
export type { SqliteStoreOptions } from './collections/stores/sqlite-store.js';
export { PgvectorStore } from './collections/stores/pgvector-store.js';
export { searchText, embedQuery } from './collections/search.js';
export type { TextSearchOptions } from './collections/search.js';
export { ingest } from './collections/ingest/ingest.js';
export type { IngestOptions, IngestResult } from './collections/ingest/ingest.js';
export { readSource } from './collections/ingest/read-source.js';
export type { SourceRecord, SourceOptions } from './collections/ingest/read-source.js';
export { chunkText } from './collections/ingest/chunk.js';
export type { Chunk, ChunkOptions } from './collections/ingest/chunk.js';
export { parseFilter, matchesFilter } from './collections/filter.js';
export { reciprocalRankFusion } from './collections/fusion.js';
export { validateCollectionName, defaultDbLocation } from './collections/names.js';
export { FlatIndex } from './collections/indexes/flat-index.js';
export { Int8Index, BinaryIndex } from './collections/indexes/quantized-index.js';
export { HnswIndex } from './collections/indexes/hnsw-index.js';
export { MatryoshkaIndex } from './collections/indexes/matryoshka-index.js';
export type { VectorIndex, VectorIndexKind, IndexSearchOptions } from './collections/indexes/vector-index.js';
export type {
  Collection,
  VectorStore,
  CollectionManifest,
  CollectionSummary,
  VectorRecord,
  StoredRecord,
  SearchHit,
  Filter,
  FilterCondition,
  IndexKind,
  SearchMode,
  VectorSearchOptions,
  KeywordSearchOptions,
  HnswParams,
  Metadata,
} from './collections/types.js';

// Training (word2vec, GloVe, doc2vec, phrases)
export { TextCorpus, listCorpusFiles, tokenizerFor, CORPUS_TOKENIZERS, CORPUS_UNITS } from './train/corpus.js';
export type { Corpus, CorpusTokenizer, CorpusUnit, TextCorpusOptions } from './train/corpus.js';
export { Vocabulary, selectVocabulary, unigramTable } from './train/vocabulary.js';
export type { VocabularyOptions } from './train/vocabulary.js';
export { prepareCorpus } from './train/prepared-corpus.js';
export type { PreparedCorpus, PrepareOptions } from './train/prepared-corpus.js';
export { TRAIN_ALGORITHMS } from './train/trainer.js';
export type { Trainer, TrainAlgorithm, TrainOptions, TrainProgress, TrainResult, TrainStats } from './train/trainer.js';
export { Word2VecTrainer, trainWord2Vec, WORD2VEC_DEFAULT_LR } from './train/word2vec.js';
export type { Word2VecOptions, Word2VecResult, Word2VecArchitecture } from './train/word2vec.js';
export { GloveTrainer, trainGlove } from './train/glove.js';
export type { GloveOptions, GloveResult } from './train/glove.js';
export { Doc2VecTrainer, Doc2VecModel, trainDoc2Vec } from './train/doc2vec.js';
export type { Doc2VecOptions, Doc2VecResult, InferOptions } from './train/doc2vec.js';
export { Phrases, learnPhrases } from './train/phrases.js';
export type { PhrasesOptions } from './train/phrases.js';
export { buildCorpus, CORPUS_SOURCES } from './train/corpus-builder.js';
export type { BuildCorpusOptions, BuiltCorpus, CorpusSourceName } from './train/corpus-builder.js';
export type { KernelChoice } from './train/wasm-kernel.js';

// I/O helpers
export { encodeNpy, readNpy } from './io/npy.js';
export { writeEmbeddings } from './io/embedding-output.js';
export { readTextRecords } from './io/text-input.js';
export type { TextRecord, TextInputOptions } from './io/text-input.js';

// Evaluation (MTEB-style tasks, metrics, result files)
export { TASKS, findTask, suiteTasks, mainScoreOf } from './eval/tasks.js';
export { evaluateTasks } from './eval/evaluate.js';
export type { EvaluateOptions, EvaluateModel } from './eval/evaluate.js';
export { loadTask } from './eval/data/load-task.js';
export type { LoadOptions, LoadedTask } from './eval/data/load-task.js';
export { EmbeddingCache } from './eval/embedding-cache.js';
export { runTask } from './eval/runners/index.js';
export { solveAnalogies } from './eval/analogy-solver.js';
export { toResultFile, writeResultFiles, readResultFolder, summaryTable, compareTable } from './eval/results.js';
export { pearson, spearman, rankData } from './eval/metrics/correlation.js';
export { accuracy, macroF1, averagePrecision, bestThresholdAccuracy, bestThresholdF1 } from './eval/metrics/classification.js';
export { vMeasure, adjustedRandIndex } from './eval/metrics/clustering.js';
export { queryMetricsAt, retrievalScores, rerankQuery } from './eval/metrics/retrieval.js';
export { fitLogisticRegression, predictLogistic } from './eval/learn/logistic-regression.js';
export { kMeans } from './eval/learn/kmeans.js';
export { TASK_TYPES, SUITES } from './eval/types.js';
export type { TopKBatchOptions } from './math/top-k.js';
export type { TaskType, Suite, TaskDeclaration, DataFormat, TaskResult, TaskScores, EvalOptions, RunContext, Metrics } from './eval/types.js';

// ---------------------------------------------------------------------------------------------------------
// Issue 11 — safetensors, BERT → ONNX import, the built-in all-MiniLM-L6-v2, model2vec static models
export { readSafetensors, writeSafetensors, encodeSafetensors, SafetensorsFile, SAFETENSORS_DTYPES } from './io/safetensors.js';
export type { SafetensorsDtype, TensorData, TensorEntry, TensorInput } from './io/safetensors.js';
export { halfToFloat32, bfloat16ToFloat32, float32ToHalf } from './math/half-float.js';
export { parseBertConfig, readBertConfig } from './embedders/onnx/build/bert-config.js';
export type { BertConfig, BertActivation } from './embedders/onnx/build/bert-config.js';
export { buildBertGraph } from './embedders/onnx/build/bert-graph.js';
export type { BertGraphOptions, ContribOps } from './embedders/onnx/build/bert-graph.js';
export { quantizeDynamicInt8, quantizeWeightInt8 } from './embedders/onnx/build/quantize-int8.js';
export { encodeOnnxModel } from './embedders/onnx/build/onnx-writer.js';
export { importBertFolder, writeBertFolder, verifyImportedFolder, IMPORT_MANIFEST, DEFAULT_CONTRIB } from './embedders/onnx/import-folder.js';
export type { ImportBertOptions, ImportedFolder, ImportManifest, ImportQuantization, ImportVariant } from './embedders/onnx/import-folder.js';
export { ensureMinilm, minilmFolderName, minilmPackageDir, MINILM_INFO, MINILM_MAX_SEQ_LENGTH } from './embedders/onnx/builtin-minilm.js';
export type { EnsureMinilmOptions, MinilmVariant } from './embedders/onnx/builtin-minilm.js';
export { Model2VecEmbedder, MODEL2VEC_MAX_LENGTH } from './embedders/model2vec/model2vec-embedder.js';
export type { Model2VecEmbedderOptions } from './embedders/model2vec/model2vec-embedder.js';
export { readModel2VecFolder, writeModel2VecFolder, isModel2VecFolder } from './embedders/model2vec/model2vec-folder.js';
export type { Model2VecModel, WriteModel2VecOptions } from './embedders/model2vec/model2vec-folder.js';
export { distill, DISTILL_DEFAULTS } from './embedders/model2vec/distill.js';
export type { DistillOptions } from './embedders/model2vec/distill.js';
export { NumpyRandomState } from './eval/learn/numpy-random.js';
