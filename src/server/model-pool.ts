/**
 * The models a server holds: each loaded once on first use (concurrent first requests share one load) and
 * shared by every route, with a micro-batcher in front. Served models are named (`glove-100d`,
 * `tiny-bert=./models/tiny-bert`); a collection's embedder is keyed by its manifest's description, and word
 * vectors are loaded once per model even when several embedders pool them.
 */
import { basename } from 'node:path';
import { openCollectionEmbedder } from '../collections/collection-embedder.js';
import type { CollectionManifest } from '../collections/types.js';
import { createEmbedder } from '../embedders/create-embedder.js';
import type { Embedder } from '../embedders/embedder.js';
import { absoluteModelRef, resolveEmbedderKind } from '../embedders/registry.js';
import { StaticEmbedder } from '../embedders/static-embedder.js';
import { splitAdapterRef } from '../embedders/transforms/adapter-folder.js';
import { EmbedkitError } from '../errors.js';
import type { KeyedVectors } from '../vectors/keyed-vectors.js';
import { loadVectors } from '../vectors/load.js';
import { MicroBatcher, type MicroBatcherOptions } from './micro-batcher.js';

export interface ServedModel {
  /** The name clients use (`model` in requests). */
  readonly name: string;
  /** What it loads: a registry name, a path, `openai:MODEL`. */
  readonly ref: string;
}

/** `NAME=REF` or `REF` (named by its registry name, or a path by its last part). */
export function parseServedModel(spec: string): ServedModel {
  const eq = spec.indexOf('=');
  const [name, ref] = eq > 0 ? [spec.slice(0, eq), spec.slice(eq + 1)] : [basename(spec.replace(/\/+$/, '')), spec];
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(name) || ref.length === 0) {
    throw new EmbedkitError('BAD_OPTION', 'model', { expected: 'NAME=REF or REF, NAME of letters, digits, ".", "_", ":", "-"', received: JSON.stringify(spec), where: 'model' });
  }
  resolveEmbedderKind(ref); // unknown references fail at start, not on the first request
  return { name, ref: absoluteModelRef(ref) };
}

export interface PoolEntry {
  readonly embedder: Embedder;
  readonly batcher: MicroBatcher;
}

export interface ModelPoolOptions {
  readonly batching: Omit<MicroBatcherOptions, 'onBatch'>;
  readonly onBatch?: (model: string, texts: number, requests: number) => void;
  readonly onWarning?: (message: string) => void;
}

export class ModelPool {
  private readonly served = new Map<string, ServedModel>();
  private readonly entries = new Map<string, Promise<PoolEntry>>();
  private readonly vectors = new Map<string, Promise<KeyedVectors>>();

  constructor(
    models: readonly ServedModel[],
    private readonly opts: ModelPoolOptions,
  ) {
    for (const m of models) {
      if (this.served.has(m.name)) throw new EmbedkitError('BAD_OPTION', 'model', { expected: 'distinct model names', received: `${m.name} twice`, where: 'model' });
      this.served.set(m.name, m);
    }
  }

  /** Served models in the order given. */
  models(): ServedModel[] {
    return [...this.served.values()];
  }

  /** The served model called `name`; UNKNOWN_MODEL listing the served names otherwise. */
  model(name: string): ServedModel {
    const m = this.served.get(name);
    if (m === undefined) throw new EmbedkitError('UNKNOWN_MODEL', JSON.stringify(name), { expected: `one of ${[...this.served.keys()].join(', ')}`, received: name, where: 'model' });
    return m;
  }

  isLoaded(name: string): boolean {
    return this.entries.has(`model:${name}`);
  }

  /** Queue depth per loaded embedder (for metrics). */
  async depths(): Promise<{ key: string; depth: number }[]> {
    const out: { key: string; depth: number }[] = [];
    for (const [key, p] of this.entries) {
      const e = await p.catch(() => undefined);
      if (e !== undefined) out.push({ key, depth: e.batcher.depth });
    }
    return out;
  }

  /** A served model with the given embedder options (validated by the registry). */
  get(name: string, options: Readonly<Record<string, unknown>> = {}): Promise<PoolEntry> {
    const m = this.model(name);
    const key = Object.keys(options).length === 0 ? `model:${name}` : `model:${name}:${stableJson(options)}`;
    return this.entry(key, name, async () => {
      // Word vectors are shared by every entry of a static model (of the base, for BASE+ADAPTER_DIR).
      const kv = resolveEmbedderKind(m.ref).kind === 'static' ? await this.wordVectors(splitAdapterRef(m.ref)?.base ?? m.ref) : undefined;
      return createEmbedder(m.ref, { ...options, ...(kv !== undefined ? { vectors: kv } : {}), ...(this.opts.onWarning !== undefined ? { onWarning: this.opts.onWarning } : {}) });
    });
  }

  /** Word vectors of a served model (word tools); UNSUPPORTED for other kinds. */
  async wordVectorsOf(name: string): Promise<KeyedVectors> {
    const m = this.model(name);
    const kind = splitAdapterRef(m.ref) !== undefined ? 'base+adapter' : resolveEmbedderKind(m.ref).kind;
    if (kind !== 'static') throw new EmbedkitError('UNSUPPORTED', `word neighbours and analogies with model ${name}`, { expected: 'a word-vector model', received: `a ${kind} model`, where: 'model' });
    return this.wordVectors(m.ref);
  }

  /** The embedder a collection was built with (shared by every request on collections with the same one). */
  forCollection(manifest: CollectionManifest): Promise<PoolEntry> {
    const key = `collection:${stableJson({ embedder: manifest.embedder, transforms: manifest.transforms ?? [] })}`;
    return this.entry(key, manifest.embedder.model, async () => {
      const vectors = manifest.embedder.kind === 'static' ? await this.wordVectors(manifest.embedder.model) : undefined;
      return openCollectionEmbedder(manifest, { ...(vectors !== undefined ? { vectors } : {}), ...(this.opts.onWarning !== undefined ? { onWarning: this.opts.onWarning } : {}) });
    });
  }

  private wordVectors(ref: string): Promise<KeyedVectors> {
    let p = this.vectors.get(ref);
    if (p === undefined) {
      p = loadVectors(ref, this.opts.onWarning !== undefined ? { onWarning: this.opts.onWarning } : {});
      this.vectors.set(ref, p);
      p.catch(() => this.vectors.delete(ref));
    }
    return p;
  }

  private entry(key: string, label: string, load: () => Promise<Embedder>): Promise<PoolEntry> {
    let p = this.entries.get(key);
    if (p === undefined) {
      p = load().then((embedder) => ({
        embedder,
        batcher: new MicroBatcher(embedder, {
          ...this.opts.batching,
          coalesce: this.opts.batching.coalesce !== false && batchIndependent(embedder),
          onBatch: (texts, requests) => this.opts.onBatch?.(label, texts, requests),
        }),
      }));
      this.entries.set(key, p);
      // A failed load is not cached: the next request tries again.
      p.catch(() => this.entries.delete(key));
    }
    return p;
  }

  async dispose(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    for (const p of all) {
      const e = await p.catch(() => undefined);
      // Requests still queued (their clients may have gone) are answered before the model is freed.
      await e?.batcher.close();
      await e?.embedder.dispose();
    }
  }
}

/** SIF/uSIF without a fitted reference estimate components from the batch: their requests must not be mixed. */
function batchIndependent(e: Embedder): boolean {
  return !(e instanceof StaticEmbedder && e.pooling !== 'mean' && e.commonComponents === undefined);
}

function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : x));
}
