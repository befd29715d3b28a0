/**
 * embedkit/train — word2vec (skip-gram, CBOW), GloVe, doc2vec (PV-DBOW) and phrases, on all cores.
 */
export { TextCorpus, listCorpusFiles, tokenizerFor, CORPUS_TOKENIZERS, CORPUS_UNITS } from './corpus.js';
export type { Corpus, CorpusTokenizer, CorpusUnit, TextCorpusOptions } from './corpus.js';
export { Vocabulary, selectVocabulary, unigramTable } from './vocabulary.js';
export type { VocabularyOptions } from './vocabulary.js';
export { prepareCorpus } from './prepared-corpus.js';
export type { PreparedCorpus, PrepareOptions } from './prepared-corpus.js';
export { TRAIN_ALGORITHMS } from './trainer.js';
export type { Trainer, TrainAlgorithm, TrainOptions, TrainProgress, TrainResult, TrainStats } from './trainer.js';
export { Word2VecTrainer, trainWord2Vec, WORD2VEC_DEFAULT_LR } from './word2vec.js';
export type { Word2VecOptions, Word2VecResult, Word2VecArchitecture } from './word2vec.js';
export { GloveTrainer, trainGlove } from './glove.js';
export type { GloveOptions, GloveResult } from './glove.js';
export { Doc2VecTrainer, Doc2VecModel, trainDoc2Vec } from './doc2vec.js';
export type { Doc2VecOptions, Doc2VecResult, InferOptions } from './doc2vec.js';
export { Phrases, learnPhrases } from './phrases.js';
export type { PhrasesOptions } from './phrases.js';
export { buildCorpus, CORPUS_SOURCES } from './corpus-builder.js';
export type { BuildCorpusOptions, BuiltCorpus, CorpusSourceName } from './corpus-builder.js';
export type { KernelChoice } from './wasm-kernel.js';

// Adapters trained on frozen (pre-computed) embeddings
export { trainAdapter, trainAdapterTasks, batchLoss, meanLoss } from './adapters/train-adapter.js';
export type { AdapterExamples, AdapterTask, AdapterTrainOptions, AdapterTrainResult, AdapterProgress } from './adapters/train-adapter.js';
export { ADAPTER_KINDS, initialParameters, parameterCount, forward as adapterForward, backward as adapterBackward } from './adapters/adapter-net.js';
export type { AdapterKind, AdapterShape } from './adapters/adapter-net.js';
export { adapterLoss, LOSS_NAMES } from './adapters/losses.js';
export type { LossName, LossParts, LossContext } from './adapters/losses.js';
export { Adam } from './adapters/adam.js';
export { learnMergeCoefficients, combine as combineTaskVectors } from './adapters/merge-coefficients.js';

export { createTrainer } from './trainers.js';
export type { TrainerOptionsOf, TrainerResultOf } from './trainers.js';
