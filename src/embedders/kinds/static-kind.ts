/**
 * Word-vector models (registry names such as `glove-100d`, or vectors files in any supported format),
 * pooled into text vectors by `StaticEmbedder`.
 */
import { statSync } from 'node:fs';
import { choiceOption } from '../../options/option-spec.js';
import { loadVectors } from '../../vectors/load.js';
import { isRegistryName } from '../../vectors/registry.js';
import { loadCommonComponents } from '../common-components.js';
import { STATIC_POOLINGS, type EmbedderInfo } from '../embedder.js';
import { EMBEDDER_OPTIONS, embedderOptionSpecs } from '../embedder-options.js';
import type { EmbedderKindEntry } from './kind-entry.js';
import { StaticEmbedder } from '../static-embedder.js';
import { readFrequencyFile } from '../word-probabilities.js';

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export const STATIC_KIND: EmbedderKindEntry = {
  kind: 'static',
  accepts: 'a word-vector model (registry name or vectors file)',
  options: {
    ...embedderOptionSpecs(['normalize', 'frequencies', 'sifReference', 'sifA', 'usifLength', 'usifComponents']),
    pooling: choiceOption(STATIC_POOLINGS, EMBEDDER_OPTIONS.pooling.description, { valueName: 'mode' }),
  },
  matches: (ref) => isRegistryName(ref) || isFile(ref),
  async load(ref, opts, ctx) {
    const vectors =
      ctx.vectors ??
      (await loadVectors(ref, {
        ...(ctx.onWarning !== undefined ? { onWarning: ctx.onWarning } : {}),
        ...(ctx.onProgress !== undefined ? { onProgress: ctx.onProgress } : {}),
      }));
    return new StaticEmbedder(vectors, {
      model: ref,
      ...(opts.pooling !== undefined ? { pooling: opts.pooling as (typeof STATIC_POOLINGS)[number] } : {}),
      ...(opts.normalize !== undefined ? { normalize: opts.normalize } : {}),
      ...(opts.sifA !== undefined ? { sifA: opts.sifA } : {}),
      ...(opts.usifLength !== undefined ? { usifLength: opts.usifLength } : {}),
      ...(opts.usifComponents !== undefined ? { usifComponents: opts.usifComponents } : {}),
      ...(opts.frequencies !== undefined ? { probabilities: await readFrequencyFile(opts.frequencies) } : {}),
      ...(ctx.commonComponents !== undefined ? { reference: ctx.commonComponents } : opts.sifReference !== undefined ? { reference: loadCommonComponents(opts.sifReference) } : {}),
      ...(ctx.onWarning !== undefined ? { onWarning: ctx.onWarning } : {}),
    });
  },
  optionsFromInfo(info: EmbedderInfo) {
    if (info.kind !== 'static') throw new TypeError(`static kind asked to re-create a ${info.kind} embedder`);
    return { pooling: info.pooling, normalize: info.normalize };
  },
};
