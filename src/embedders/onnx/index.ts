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

