/**
 * Bilingual (or cross-model) dictionaries: one `source target` pair per line, whitespace-separated, as the
 * MUSE and XLING files; a source word may have several lines (several translations). Pairs whose words are
 * not in the spaces (or lie beyond `maxVocab`) are counted and left out, as MUSE's `load_dictionary`;
 * duplicates are kept (they weigh a Procrustes fit, as in MUSE). Pairs are ordered by source row (MUSE sorts
 * by source frequency, which is row order in frequency-sorted files), ties in file order.
 */
import { readFileSync } from 'node:fs';
import { EmbedkitError, FormatError } from '../../errors.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';

export interface Dictionary {
  /** Source row of each pair. */
  readonly source: Int32Array;
  /** Target row of each pair (same length as `source`). */
  readonly target: Int32Array;
  /** Distinct source words among the pairs. */
  readonly sourceWords: number;
  /** Pairs read from the file (or offered) before look-up. */
  readonly read: number;
  /** Pairs left out because a word is unknown (or beyond `maxVocab`): either side, source side, target side. */
  readonly missing: number;
  readonly missingSource: number;
  readonly missingTarget: number;
}

export interface DictionaryOptions {
  /** Only the first `maxVocab` rows of each space count as known (MUSE's `max_vocab`). */
  readonly maxVocab?: number;
}

function lookup(kv: KeyedVectors, word: string, limit: number): number {
  const i = kv.indexOf(word);
  return i >= 0 && i < limit ? i : -1;
}

/** Resolves word pairs against two spaces. */
export function dictionaryFromPairs(pairs: readonly (readonly [string, string])[], source: KeyedVectors, target: KeyedVectors, opts: DictionaryOptions = {}): Dictionary {
  const limit = opts.maxVocab ?? Infinity;
  const found: [number, number, number][] = [];
  let missingSource = 0;
  let missingTarget = 0;
  let missing = 0;
  pairs.forEach(([a, b], order) => {
    const s = lookup(source, a, limit);
    const t = lookup(target, b, limit);
    if (s < 0 || t < 0) {
      missing++;
      if (s < 0) missingSource++;
      if (t < 0) missingTarget++;
      return;
    }
    found.push([s, t, order]);
  });
  found.sort((x, y) => x[0] - y[0] || x[2] - y[2]);
  return {
    source: Int32Array.from(found, (p) => p[0]),
    target: Int32Array.from(found, (p) => p[1]),
    sourceWords: new Set(found.map((p) => p[0])).size,
    read: pairs.length,
    missing,
    missingSource,
    missingTarget,
  };
}

/** Parses `source target` lines; `file` names the origin in errors. Blank lines are skipped. */
export function parseDictionary(text: string, source: KeyedVectors, target: KeyedVectors, opts: DictionaryOptions & { file?: string } = {}): Dictionary {
  const file = opts.file ?? 'dictionary';
  const pairs: [string, string][] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const parts = line.trim().split(/\s+/);
    if (parts.length === 1 && parts[0] === '') return;
    if (parts.length !== 2) throw new FormatError(file, 'dictionary line', { line: i + 1, expected: '2 whitespace-separated words (source target)', received: `${parts.length} field(s): ${JSON.stringify(line.slice(0, 60))}` });
    pairs.push([parts[0]!, parts[1]!]);
  });
  if (pairs.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'dictionary', { expected: 'at least one `source target` line', received: 'none', where: file });
  return dictionaryFromPairs(pairs, source, target, opts);
}

/** Reads a dictionary file (UTF-8). */
export function readDictionary(path: string, source: KeyedVectors, target: KeyedVectors, opts: DictionaryOptions = {}): Dictionary {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new EmbedkitError('FILE_NOT_FOUND', 'dictionary', { where: path, received: e instanceof Error ? e.message : String(e) });
  }
  return parseDictionary(text, source, target, { ...opts, file: path });
}

/**
 * Identical strings as the seed (MUSE's `identical_char` dictionary): every source word (within
 * `maxVocab`) that the target has, matched exactly.
 */
export function identicalDictionary(source: KeyedVectors, target: KeyedVectors, opts: DictionaryOptions = {}): Dictionary {
  const limit = Math.min(source.size, opts.maxVocab ?? Infinity);
  const tLimit = opts.maxVocab ?? Infinity;
  const s: number[] = [];
  const t: number[] = [];
  for (let i = 0; i < limit; i++) {
    const key = source.keyAt(i);
    const j = target.indexOf(key);
    if (j >= 0 && j < tLimit && target.keyAt(j) === key) {
      s.push(i);
      t.push(j);
    }
  }
  if (s.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'identical-strings dictionary', { expected: 'words shared by both spaces', received: 'none', where: 'dictionary', hint: 'give a seed dictionary' });
  return { source: Int32Array.from(s), target: Int32Array.from(t), sourceWords: s.length, read: s.length, missing: 0, missingSource: 0, missingTarget: 0 };
}
