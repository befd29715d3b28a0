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

// ---------------------------------------------------------------------------------------------------
// Embedding-space analysis (issue #13, part A): alignment, semantic change, isotropy and post-processing
export { orthogonalProcrustes } from './analysis/alignment/procrustes.js';
export { leastSquaresMap } from './analysis/alignment/least-squares.js';
export type { LeastSquaresOptions, LeastSquaresMap } from './analysis/alignment/least-squares.js';
export { LinearMap, fitLinearMap, linearMapFromSpec } from './analysis/alignment/linear-map.js';
export type { LinearMapMethod, LinearMapParts } from './analysis/alignment/linear-map.js';
export { preprocess, PREPROCESS_STEPS } from './analysis/alignment/preprocess.js';
export type { PreprocessStep, Preprocessed } from './analysis/alignment/preprocess.js';
export { nnTopK, cslsTopK, meanTopKSimilarity } from './analysis/alignment/csls.js';
export { readDictionary, parseDictionary, dictionaryFromPairs, identicalDictionary } from './analysis/alignment/dictionary.js';
export type { Dictionary, DictionaryOptions } from './analysis/alignment/dictionary.js';
export { induceDictionary, neighbourhoodTerms, INDUCTION_BUILDS } from './analysis/alignment/induce-dictionary.js';
export type { InductionOptions, InductionMethod, InductionBuild, InducedDictionary, NeighbourhoodTerms } from './analysis/alignment/induce-dictionary.js';
export { evaluateBli } from './analysis/alignment/bli.js';
export type { BliOptions, BliResult } from './analysis/alignment/bli.js';
export { alignVectors, evaluateAlignment } from './analysis/alignment/align.js';
export type { AlignOptions, AlignmentResult, AlignmentRound } from './analysis/alignment/align.js';
export { semanticShift } from './analysis/semantic-change/semantic-shift.js';
export type { ShiftOptions, ShiftResult, WordShift, ShiftMeasure } from './analysis/semantic-change/semantic-shift.js';
export { sharedVocabulary } from './analysis/semantic-change/shared-vocabulary.js';
export type { SharedVocabulary, SharedVocabularyOptions } from './analysis/semantic-change/shared-vocabulary.js';
export { rowCosineDistances, localNeighbourhoodDistance, neighbourOverlap } from './analysis/semantic-change/shift-measures.js';
export { buildSotuCorpus, sotuAddresses } from './analysis/semantic-change/sotu-corpus.js';
export type { SotuCorpus, SotuCorpusOptions } from './analysis/semantic-change/sotu-corpus.js';
export { isoScore } from './analysis/isotropy/iso-score.js';
export type { IsoScoreResult } from './analysis/isotropy/iso-score.js';
export { partitionRatio } from './analysis/isotropy/partition-ratio.js';
export type { PartitionRatioResult } from './analysis/isotropy/partition-ratio.js';
export { meanCosine } from './analysis/isotropy/mean-cosine.js';
export type { MeanCosineOptions, MeanCosineResult, MeanCosineMethod } from './analysis/isotropy/mean-cosine.js';
export { measureIsotropy, vocabularyMatrix } from './analysis/isotropy/measure-isotropy.js';
export type { IsotropyReport, IsotropyOptions } from './analysis/isotropy/measure-isotropy.js';
export { CenterTransform, fitCenter, centerFromSpec } from './analysis/isotropy/center-transform.js';
export { AbttTransform, fitAbtt, abttFromSpec, defaultAbttComponents } from './analysis/isotropy/abtt-transform.js';
export type { AbttOptions, AbttVariant } from './analysis/isotropy/abtt-transform.js';
export { WhitenTransform, fitWhitening, whitenFromSpec } from './analysis/isotropy/whiten-transform.js';
export type { WhitenOptions } from './analysis/isotropy/whiten-transform.js';
export { columnMeans, covariance } from './math/covariance.js';
export { symmetricEigen, svd } from './math/decompositions.js';
export type { SymmetricEigen, Svd } from './math/decompositions.js';
// vector transforms (infrastructure from the transforms commit; exported here so analysis transforms are usable)
export { TransformedEmbedder, describeTransform } from './embedders/transforms/transformed-embedder.js';
export { saveTransforms, loadTransforms } from './embedders/transforms/transform-file.js';
export { transformFromSpec, transformKinds } from './embedders/transforms/transform-kinds.js';
export type { VectorTransform, TransformSpec, TransformFactory } from './embedders/transforms/vector-transform.js';
