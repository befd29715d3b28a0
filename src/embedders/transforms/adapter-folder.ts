/**
 * Adapter folders: a trained adapter saved beside (not inside) its base model, used as
 * `BASE+ADAPTER_DIR` wherever a model reference goes (`glove-100d+./sts-adapter`). The folder holds
 * `transforms.json` (a transform file, `saveTransforms`) and `adapter.json`, a small manifest naming the
 * base embedder it was trained on (its id, e.g. `static:glove-100d:mean`): an adapter is refused on any
 * other base, since its weights mean nothing there.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EmbedkitError, FormatError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { ensureDir } from '../../io/fs-failure.js';
import { readJsonFile } from '../../io/json-file.js';
import type { Embedder } from '../embedder.js';
import { loadTransforms, saveTransforms } from './transform-file.js';
import type { VectorTransform } from './vector-transform.js';

export const ADAPTER_FORMAT = 'embedkit-adapter';
export const ADAPTER_MANIFEST = 'adapter.json';
export const ADAPTER_TRANSFORMS = 'transforms.json';

/** The base embedder an adapter was trained on. */
export interface AdapterBase {
  readonly id: string;
  readonly model: string;
  readonly dim: number;
}

export function adapterBase(e: Embedder): AdapterBase {
  return { id: e.id, model: e.info.model, dim: e.dim };
}

export interface AdapterManifest {
  readonly format: typeof ADAPTER_FORMAT;
  readonly version: 1;
  readonly base: AdapterBase;
  /** How it was trained (loss, data, epochs, dev loss …), for the record. */
  readonly training?: Readonly<Record<string, unknown>>;
}

export interface AdapterFolder {
  readonly dir: string;
  readonly manifest: AdapterManifest;
  readonly transforms: VectorTransform[];
}

/** Whether `path` is a folder holding an adapter manifest. */
export function isAdapterFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory() && existsSync(join(path, ADAPTER_MANIFEST));
  } catch {
    return false;
  }
}

/** `BASE+ADAPTER_DIR` (the last `+` followed by an adapter folder), or undefined for a plain reference. */
export function splitAdapterRef(ref: string): { base: string; adapter: string } | undefined {
  for (let i = ref.lastIndexOf('+'); i > 0; i = ref.lastIndexOf('+', i - 1)) {
    const adapter = ref.slice(i + 1);
    if (isAdapterFolder(adapter)) return { base: ref.slice(0, i), adapter };
  }
  return undefined;
}

export async function saveAdapterFolder(dir: string, base: AdapterBase | Embedder, transforms: readonly VectorTransform[], training: Readonly<Record<string, unknown>> = {}): Promise<void> {
  ensureDir(dir);
  await saveTransforms(join(dir, ADAPTER_TRANSFORMS), transforms);
  const manifest: AdapterManifest = { format: ADAPTER_FORMAT, version: 1, base: 'info' in base ? adapterBase(base) : base, training };
  await writeFileAtomic(join(dir, ADAPTER_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
}

export function readAdapterFolder(dir: string): AdapterFolder {
  const path = join(dir, ADAPTER_MANIFEST);
  const doc = readJsonFile(path, 'adapter manifest', `{"format": "${ADAPTER_FORMAT}", …}`) as Record<string, unknown> | null;
  const base = doc?.['base'] as Record<string, unknown> | undefined;
  if (typeof doc !== 'object' || doc === null || doc['format'] !== ADAPTER_FORMAT || doc['version'] !== 1 || typeof base?.['id'] !== 'string' || typeof base['model'] !== 'string' || typeof base['dim'] !== 'number') {
    throw new FormatError(path, 'not an adapter manifest', { expected: `{"format": "${ADAPTER_FORMAT}", "version": 1, "base": {"id", "model", "dim"}}`, received: JSON.stringify(doc).slice(0, 80) });
  }
  const transforms = loadTransforms(join(dir, ADAPTER_TRANSFORMS));
  if (transforms.length === 0 || transforms[0]!.inputDim !== base['dim']) {
    throw new FormatError(join(dir, ADAPTER_TRANSFORMS), 'adapter transforms', { expected: `a chain taking ${String(base['dim'])} dims`, received: transforms.length === 0 ? 'no transforms' : `${transforms[0]!.inputDim} dims` });
  }
  return { dir, manifest: doc as unknown as AdapterManifest, transforms };
}

/** Refuses an adapter trained on another base embedder. */
export function checkAdapterBase(folder: AdapterFolder, base: Embedder): void {
  const want = folder.manifest.base;
  if (base.id !== want.id) {
    throw new EmbedkitError('MODEL_MISMATCH', `adapter ${folder.dir} was trained on ${want.id}`, {
      expected: `\`model\` ${want.model}+${folder.dir} (base ${want.id})`,
      received: `base ${base.id}`,
      where: 'model',
      hint: 'an adapter only works on the embedder it was trained on (same model, pooling and normalization)',
    });
  }
}
