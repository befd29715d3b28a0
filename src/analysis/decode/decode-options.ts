/**
 * The options of vector decoding and semantic anchors, declared once (library, CLI and server). Defaults
 * are the library's (nearest-words.ts, anchors.ts), named in the descriptions.
 */
import { booleanOption, intOption } from '../../options/option-spec.js';
import { validateOptions } from '../../options/validate.js';
import type { AnchorOptions } from './anchors.js';

export const DECODE_OPTIONS = {
  topK: intOption(1, 100_000, 'vocabulary entries per vector (default 10)'),
  restrictVocab: intOption(1, 100_000_000, 'only the first n vocabulary entries (files are in frequency order)'),
  excludeInput: booleanOption("texts: never return the text's own words"),
} as const;

export const ANCHOR_OPTIONS = {
  k: intOption(1, 10_000, 'number of anchors (k-means clusters; default 8)'),
  topWords: intOption(1, 1000, 'words describing each anchor (default 10)'),
  topMembers: intOption(0, 100_000, 'members listed per anchor, closest first (default 5)'),
  restrictVocab: intOption(1, 100_000_000, 'describe anchors with the first n vocabulary entries only'),
  seed: intOption(0, 2 ** 31 - 1, 'k-means seed (default 42)'),
  restarts: intOption(1, 1000, 'k-means restarts (default 10)'),
  uncentred: booleanOption('cluster and describe the raw vectors (default: relative to their mean)'),
} as const;

export function anchorOptions(raw: Readonly<Record<string, unknown>>): AnchorOptions {
  const { uncentred, ...rest } = validateOptions(ANCHOR_OPTIONS, raw);
  return { ...rest, ...(uncentred === true ? { centre: false } : {}) };
}
