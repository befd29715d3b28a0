/**
 * Static models in model2vec's folder layout (safetensors `embeddings` + `tokenizer.json` + `config.json`):
 * models distilled by embedkit, potion models, sentence-transformers' StaticEmbedding folders.
 */
import type { EmbedderInfo } from '../embedder.js';
import { embedderOptionSpecs, type EmbedderOptions } from '../embedder-options.js';
import { isModel2VecFolder } from '../model2vec/model2vec-folder.js';
import type { EmbedderKindEntry } from './kind-entry.js';

export const MODEL2VEC_KIND: EmbedderKindEntry = {
  kind: 'model2vec',
  accepts: 'a static model folder (model2vec layout)',
  options: embedderOptionSpecs(['normalize', 'maxLength']),
  matches: (ref) => isModel2VecFolder(ref),
  async load(ref, opts) {
    const { Model2VecEmbedder } = await import('../model2vec/model2vec-embedder.js');
    return Model2VecEmbedder.load(ref, {
      ...(opts.normalize !== undefined ? { normalize: opts.normalize } : {}),
      ...(opts.maxLength !== undefined ? { maxLength: opts.maxLength } : {}),
    });
  },
  optionsFromInfo(info: EmbedderInfo): EmbedderOptions {
    if (info.kind !== 'model2vec') throw new TypeError(`model2vec kind asked to re-create a ${info.kind} embedder`);
    return { normalize: info.normalize, ...(info.maxLength !== undefined ? { maxLength: info.maxLength } : {}) };
  },
};
