/**
 * What a debiasing did, before and after (Bolukbasi et al. 2016's own report): DirectBias of the neutral
 * words along the concept direction, and the effect sizes of WEAT tests (e.g. WEAT 6–8). How much of the
 * space is kept (word similarity, analogy) is measured by evaluation (`eval`) on the new vectors.
 */
import { EmbedkitError } from '../../errors.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';
import { directBias } from './direct-bias.js';
import { weat, type WeatOptions } from './weat.js';
import type { WeatTest } from './word-sets.js';

export interface BiasSnapshot {
  /** DirectBias_1 of the neutral words (null without any). */
  readonly directBias: number | null;
  readonly weat: readonly { readonly test: string; readonly effectSize: number; readonly p: number | null }[];
}

export interface DebiasReport {
  readonly before: BiasSnapshot;
  readonly after: BiasSnapshot;
}

export interface BiasSnapshotInputs {
  /** The concept direction (unit length). */
  readonly direction: Float64Array | Float32Array;
  /** Neutral words (e.g. professions); DirectBias is null when none is in the vocabulary. */
  readonly neutral: readonly string[];
  readonly tests: readonly WeatTest[];
  readonly weat?: WeatOptions;
}

function hasAny(kv: KeyedVectors, words: readonly string[]): boolean {
  return words.some((w) => kv.indexOf(w) >= 0);
}

export function biasSnapshot(kv: KeyedVectors, inputs: BiasSnapshotInputs): BiasSnapshot {
  return {
    directBias: hasAny(kv, inputs.neutral) ? directBias(kv, inputs.direction, inputs.neutral).directBias : null,
    weat: inputs.tests.map((t) => {
      const r = weat(kv, t, inputs.weat);
      return { test: t.name, effectSize: r.effectSize, p: r.p };
    }),
  };
}

/**
 * The same measures on the vectors before and after a debiasing (same keys). A WEAT test that loses too
 * much of its vocabulary is left out of both, with a warning.
 */
export function debiasReport(before: KeyedVectors, after: KeyedVectors, inputs: BiasSnapshotInputs): DebiasReport {
  const tests = inputs.tests.filter((t) => {
    try {
      weat(before, t, { ...inputs.weat, pValue: false, onWarning: () => {} });
      return true;
    } catch (e) {
      if (!(e instanceof EmbedkitError) || e.code !== 'UNKNOWN_WORD') throw e;
      inputs.weat?.onWarning?.(`${t.name} left out of the report: ${e.message}`);
      return false;
    }
  });
  const run = { ...inputs, tests };
  return { before: biasSnapshot(before, run), after: biasSnapshot(after, run) };
}
