/**
 * embedkit/onnx — transformer sentence encoders in local Hugging Face–style folders, on ONNX Runtime
 * (loads the native runtime). `createEmbedder` from `embedkit` reaches the same encoders by folder path.
 */
export { OnnxEmbedder, loadOnnxEmbedder, windowStarts } from './onnx-embedder.js';
export type { OnnxEmbedderOptions, LongTextMode } from './onnx-embedder.js';
export { openModelFolder, listVariants, isModelFolder } from './model-folder.js';
export type { ModelFolder } from './model-folder.js';
export { readSentenceTransformersConfig } from './sentence-transformers-config.js';
export type { SentenceTransformersConfig, SimilarityFunction } from './sentence-transformers-config.js';


// BERT-family safetensors → ONNX (graph builder, int8), the built-in all-MiniLM-L6-v2, distillation to static models
export { parseBertConfig, readBertConfig } from './build/bert-config.js';
export type { BertConfig, BertActivation } from './build/bert-config.js';
export { buildBertGraph } from './build/bert-graph.js';
export type { BertGraphOptions, ContribOps } from './build/bert-graph.js';
export { quantizeDynamicInt8, quantizeWeightInt8 } from './build/quantize-int8.js';
export { encodeOnnxModel } from './build/onnx-writer.js';
export { importBertFolder, writeBertFolder, verifyImportedFolder, IMPORT_MANIFEST, DEFAULT_CONTRIB } from './import-folder.js';
export type { ImportBertOptions, ImportedFolder, ImportManifest, ImportQuantization, ImportVariant } from './import-folder.js';
export { ensureMinilm, minilmFolderName, minilmPackageDir, MINILM_INFO, MINILM_MAX_SEQ_LENGTH } from './builtin-minilm.js';
export type { EnsureMinilmOptions, MinilmVariant } from './builtin-minilm.js';
export { distill, DISTILL_DEFAULTS } from '../model2vec/distill.js';
export type { DistillOptions } from '../model2vec/distill.js';
