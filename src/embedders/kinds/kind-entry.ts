/**
 * What one embedder kind provides to the registry (registry.ts): which references it takes, its options,
 * how to load it, and how to re-create it from a stored `EmbedderInfo`.
 */
import type { OptionSpecs } from '../../options/option-spec.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';
import type { LoadProgress } from '../../vectors/registry.js';
import type { CommonComponents } from '../common-components.js';
import type { Embedder, EmbedderInfo, EmbedderKind } from '../embedder.js';
import type { EmbedderOptionName, EmbedderOptions } from '../embedder-options.js';

/** What a kind's loader gets besides the reference and the validated options. */
export interface LoadContext {
  readonly onWarning?: (message: string) => void;
  readonly onProgress?: (p: LoadProgress) => void;
  /** Word vectors already in memory (static kind: skips loading the reference). */
  readonly vectors?: KeyedVectors;
  /** sif/usif common components already in memory (a collection's), instead of a `sifReference` file. */
  readonly commonComponents?: CommonComponents;
}

export interface EmbedderKindEntry {
  readonly kind: EmbedderKind;
  /** The references it takes, in words: "a word-vector model (registry name or vectors file)". */
  readonly accepts: string;
  /** The options it takes (narrowed declarations of `EMBEDDER_OPTIONS`). */
  readonly options: Partial<Record<EmbedderOptionName, OptionSpecs[string]>>;
  /** Whether `ref` names a model of this kind (cheap checks: names, file types; nothing is loaded). */
  matches(ref: string): boolean;
  load(ref: string, opts: EmbedderOptions, ctx: LoadContext): Promise<Embedder>;
  /** The options that re-create the embedder `info` describes (a collection re-opening its embedder). */
  optionsFromInfo(info: EmbedderInfo): EmbedderOptions;
}
