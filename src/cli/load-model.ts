/**
 * Loading models from the CLI: the core loaders with a progress bar (first-use conversion, loading) and
 * warnings on stderr.
 */
import { openCollectionEmbedder } from '../collections/collection-embedder.js';
import type { CollectionManifest } from '../collections/types.js';
import { createEmbedder, type CreateEmbedderOptions } from '../embedders/create-embedder.js';
import type { Embedder } from '../embedders/embedder.js';
import { loadVectors, DEFAULT_MODEL } from '../vectors/load.js';
import type { KeyedVectors } from '../vectors/keyed-vectors.js';
import type { LoadProgress } from '../vectors/registry.js';
import { EmbedkitError } from '../errors.js';
import type { CommandContext } from './context.js';

/** Progress callback that shows a bar while a model converts or loads (TTY only). */
function loadProgress(ctx: CommandContext, model: string): { onProgress: (p: LoadProgress) => void; stop: () => void } {
  let bar: ReturnType<CommandContext['progress']> | undefined;
  return {
    onProgress: (p) => {
      // Byte counts show in MB; small totals are steps (a conversion's stages).
      const bytes = p.total >= 1e6;
      bar ??= ctx.progress(p.phase === 'convert' ? `Converting ${model} (first use)` : `Loading ${model}`, bytes ? Math.round(p.total / 1e6) : p.total, bytes ? 'MB' : 'steps');
      bar.update(bytes ? Math.round(p.done / 1e6) : p.done);
    },
    stop: () => bar?.stop(),
  };
}

/** Word vectors by registry name or path; `limit` reads only the first (most frequent) rows. */
export async function loadModelVectors(ctx: CommandContext, model: string = DEFAULT_MODEL, limit?: number): Promise<KeyedVectors> {
  const p = loadProgress(ctx, model);
  try {
    return await loadVectors(model, { onWarning: ctx.warn, onProgress: p.onProgress, ...(limit !== undefined ? { limit } : {}) });
  } finally {
    p.stop();
  }
}

export async function loadModelEmbedder(ctx: CommandContext, model: string = DEFAULT_MODEL, opts: CreateEmbedderOptions = {}): Promise<Embedder> {
  const p = loadProgress(ctx, model);
  try {
    return await createEmbedder(model, { onWarning: ctx.warn, onProgress: p.onProgress, ...opts });
  } finally {
    p.stop();
  }
}

/**
 * The embedder a collection was built with; `model`, when given, must name the same model. A model folder
 * that moved or changed gets the command that rebinds the collection in the error.
 */
export async function loadCollectionEmbedder(ctx: CommandContext, manifest: CollectionManifest, model: string | undefined): Promise<Embedder> {
  const p = loadProgress(ctx, manifest.embedder.model);
  try {
    return await openCollectionEmbedder(manifest, { ...(model !== undefined ? { model } : {}), onWarning: ctx.warn, onProgress: p.onProgress });
  } catch (e) {
    if (e instanceof EmbedkitError && e.code === 'MODEL_MISMATCH' && /model folder not found|changed since/.test(e.subject)) {
      const force = /changed since/.test(e.subject) ? ' --force' : '';
      throw new EmbedkitError(e.code, e.subject, {
        ...(e.expected !== undefined ? { expected: e.expected } : {}),
        ...(e.received !== undefined ? { received: e.received } : {}),
        hint: `${force === '' ? 'if the folder moved or was copied' : 'if the change is deliberate'}, run embedkit collection rebind ${manifest.name} --model PATH${force}`,
        cause: e,
      });
    }
    throw e;
  } finally {
    p.stop();
  }
}
