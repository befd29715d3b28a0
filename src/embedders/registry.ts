/**
 * The embedder registry: one place that maps a model reference (a registry name, a vectors file, a model
 * folder, …) to an embedder kind, says which options each kind takes, loads it, and re-creates it from a
 * stored `EmbedderInfo` (collections). `createEmbedder`, the CLI and the server all go through it.
 *
 * Adding a kind = one entry in `KINDS` (its file under `kinds/`) + passing the embedder conformance suite
 * (test/embedders/conformance.ts).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { EmbedkitError } from '../errors.js';
import type { OptionSpecs } from '../options/option-spec.js';
import { validateOptions } from '../options/validate.js';
import { modelNames } from '../vectors/registry.js';
import type { EmbedderKind } from './embedder.js';
import { COMMON_EMBEDDER_OPTIONS, EMBEDDER_OPTIONS, type EmbedderOptionName, type EmbedderOptions } from './embedder-options.js';
import type { EmbedderKindEntry } from './kinds/kind-entry.js';
import { splitAdapterRef } from './transforms/adapter-folder.js';
import { MODEL2VEC_KIND } from './kinds/model2vec-kind.js';
import { ONNX_KIND } from './kinds/onnx-kind.js';
import { REMOTE_KIND } from './kinds/remote-kind.js';
import { STATIC_KIND } from './kinds/static-kind.js';

export type { EmbedderKindEntry, LoadContext } from './kinds/kind-entry.js';

/** In matching order. */
const KINDS: readonly EmbedderKindEntry[] = [STATIC_KIND, MODEL2VEC_KIND, ONNX_KIND, REMOTE_KIND];

export function embedderKinds(): readonly EmbedderKindEntry[] {
  return KINDS;
}

export function kindEntry(kind: EmbedderKind): EmbedderKindEntry {
  const e = KINDS.find((k) => k.kind === kind);
  if (e === undefined) throw new EmbedkitError('UNSUPPORTED', `embedder kind ${JSON.stringify(kind)}`, { expected: KINDS.map((k) => k.kind).join(', '), received: kind });
  return e;
}

/** The kind of model `ref` names (of its base for `BASE+ADAPTER_DIR`); UNKNOWN_MODEL listing what is accepted when none matches. */
export function resolveEmbedderKind(ref: string): EmbedderKindEntry {
  // BASE+ADAPTER_DIR: the base's kind (the adapter is a transform on its output).
  const adapter = splitAdapterRef(ref);
  if (adapter !== undefined) return resolveEmbedderKind(adapter.base);
  const e = KINDS.find((k) => k.matches(ref));
  if (e === undefined) {
    throw new EmbedkitError('UNKNOWN_MODEL', JSON.stringify(ref), {
      expected: `a registry name (${modelNames().join(', ')}), a path to a vectors file, a model folder, or openai:MODEL`,
      received: 'neither (no such file or folder)',
      where: 'model',
    });
  }
  return e;
}

/**
 * Validates raw option values (typed or strings) for a model of kind `entry`: unknown options, and options
 * the kind does not take, are errors naming the option.
 */
export function validateEmbedderOptions(entry: EmbedderKindEntry, ref: string, raw: Readonly<Record<string, unknown>>): EmbedderOptions {
  const declared = validateOptions(EMBEDDER_OPTIONS, raw);
  const narrowed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(declared)) {
    const spec = entry.options[name as EmbedderOptionName] ?? (COMMON_EMBEDDER_OPTIONS.includes(name as EmbedderOptionName) ? EMBEDDER_OPTIONS[name as EmbedderOptionName] : undefined);
    if (spec === undefined) {
      const takers = KINDS.filter((k) => k.options[name as EmbedderOptionName] !== undefined).map((k) => k.accepts);
      throw new EmbedkitError('BAD_OPTION', name, { expected: `${takers.join(' or ')} for \`model\``, received: `${entry.accepts.replace(/ \(.*\)$/, '')} ${ref}`, where: name });
    }
    narrowed[name] = value;
  }
  // Kinds narrow some declarations (e.g. the poolings they support): validate again against theirs.
  const common = Object.fromEntries(COMMON_EMBEDDER_OPTIONS.map((n) => [n, EMBEDDER_OPTIONS[n]]));
  return validateOptions({ ...common, ...entry.options } as OptionSpecs, narrowed) as EmbedderOptions;
}

/** A reference that works from any folder: paths become absolute (both parts of `BASE+ADAPTER_DIR`), names and URLs stay as they are. */
export function absoluteModelRef(ref: string): string {
  const adapter = splitAdapterRef(ref);
  if (adapter !== undefined) return `${absoluteModelRef(adapter.base)}+${resolve(adapter.adapter)}`;
  return existsSync(ref) ? resolve(ref) : ref;
}
