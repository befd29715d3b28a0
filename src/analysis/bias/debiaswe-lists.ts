/**
 * The word lists of Bolukbasi et al. (2016) (debiaswe's `data/`, in the data root's `bias-debiaswe/`), or
 * user files of the same shapes: word pairs `[["woman", "man"], …]`, word lists `["he", "his", …]`, and
 * professions `[["accountant", 0.0, 0.4], …]` (word, definitional score, stereotypical score). Also the
 * shapes of direction removal: defining sets `[["jew", "christian", "muslim"], …]` and word classes
 * `{"female": [...], "male": [...]}`.
 */
import { join } from 'node:path';
import { EmbedkitError, FormatError } from '../../errors.js';
import { readJsonFile } from '../../io/json-file.js';

export type WordPair = readonly [string, string];

export interface Profession {
  readonly word: string;
  readonly definitional: number;
  readonly stereotypical: number;
}

export const DEBIASWE_FOLDER = 'bias-debiaswe';

const readJson = (path: string): unknown => readJsonFile(path, 'word list', 'a JSON array');

function requireArray(doc: unknown, path: string, what: string): unknown[] {
  if (!Array.isArray(doc)) throw new FormatError(path, what, { expected: 'a JSON array', received: doc === null ? 'null' : typeof doc });
  if (doc.length === 0) throw new FormatError(path, what, { expected: 'at least one entry', received: 'an empty array' });
  return doc;
}

function word(v: unknown, path: string, field: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw new FormatError(path, `entry ${field}`, { expected: 'a non-empty string', received: JSON.stringify(v) ?? String(v) });
  return v.trim();
}

/** `[["a", "b"], …]` */
export function parseWordPairs(doc: unknown, path: string): WordPair[] {
  return requireArray(doc, path, 'word pairs').map((p, i) => {
    if (!Array.isArray(p) || p.length !== 2) throw new FormatError(path, `entry [${i}]`, { expected: 'a pair ["word1", "word2"]', received: JSON.stringify(p) ?? String(p) });
    return [word(p[0], path, `[${i}][0]`), word(p[1], path, `[${i}][1]`)] as const;
  });
}

/** `["a", "b", …]` */
export function parseWordList(doc: unknown, path: string): string[] {
  return requireArray(doc, path, 'word list').map((w, i) => word(w, path, `[${i}]`));
}

/** `[["word", definitional, stereotypical], …]`, or plain words (scores 0). */
export function parseProfessions(doc: unknown, path: string): Profession[] {
  return requireArray(doc, path, 'professions').map((p, i) => {
    if (typeof p === 'string') return { word: word(p, path, `[${i}]`), definitional: 0, stereotypical: 0 };
    if (!Array.isArray(p) || p.length < 1 || p.length > 3) throw new FormatError(path, `entry [${i}]`, { expected: '["word", definitional, stereotypical] or "word"', received: JSON.stringify(p) ?? String(p) });
    const num = (v: unknown, k: number): number => {
      if (v === undefined) return 0;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new FormatError(path, `entry [${i}][${k}]`, { expected: 'a finite number', received: JSON.stringify(v) });
      return v;
    };
    return { word: word(p[0], path, `[${i}][0]`), definitional: num(p[1], 1), stereotypical: num(p[2], 2) };
  });
}

/** `[["a", "b", "c"], …]`: defining sets of at least two words each (pairs are sets of two). */
export function parseWordSets(doc: unknown, path: string): string[][] {
  return requireArray(doc, path, 'word sets').map((set, i) => {
    if (!Array.isArray(set) || set.length < 2) throw new FormatError(path, `entry [${i}]`, { expected: 'a list of at least 2 words', received: JSON.stringify(set) ?? String(set) });
    return set.map((w, j) => word(w, path, `[${i}][${j}]`));
  });
}

export interface WordClasses {
  /** Class names (`class 0` … for a plain list of lists). */
  readonly names: string[];
  /** Words of each class. */
  readonly classes: string[][];
}

/** `{"female": ["she", …], "male": ["he", …]}` or `[["she", …], ["he", …]]`: at least two classes of words. */
export function parseWordClasses(doc: unknown, path: string): WordClasses {
  const entries: [string, unknown][] =
    doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? Object.entries(doc as Record<string, unknown>) : requireArray(doc, path, 'word classes').map((c, i) => [`class ${i}`, c]);
  if (entries.length < 2) throw new FormatError(path, 'word classes', { expected: 'at least 2 classes', received: `${entries.length}` });
  return {
    names: entries.map(([n]) => n),
    classes: entries.map(([n, c]) => {
      if (!Array.isArray(c) || c.length === 0) throw new FormatError(path, `class ${JSON.stringify(n)}`, { expected: 'a non-empty list of words', received: JSON.stringify(c)?.slice(0, 60) ?? String(c) });
      return c.map((w, j) => word(w, path, `${n}[${j}]`));
    }),
  };
}

export const readWordPairs = (path: string): WordPair[] => parseWordPairs(readJson(path), path);
export const readWordSets = (path: string): string[][] => parseWordSets(readJson(path), path);
export const readWordClasses = (path: string): WordClasses => parseWordClasses(readJson(path), path);
export const readWordList = (path: string): string[] => parseWordList(readJson(path), path);
export const readProfessions = (path: string): Profession[] => parseProfessions(readJson(path), path);

export interface DebiasweLists {
  readonly definitional: WordPair[];
  readonly equalize: WordPair[];
  readonly genderSpecific: string[];
  readonly professions: Profession[];
}

/** The file of each list in the data root's `bias-debiaswe/` folder. */
export const DEBIASWE_FILES: Readonly<Record<keyof DebiasweLists, string>> = {
  definitional: 'definitional_pairs.json',
  equalize: 'equalize_pairs.json',
  genderSpecific: 'gender_specific_full.json',
  professions: 'professions.json',
};

/**
 * The file of one list: `given` when set, else the data root's (`bias-debiaswe/…`). Without either, a
 * BAD_OPTION naming `option` (the option that takes the file).
 */
export function debiasweListPath(list: keyof DebiasweLists, option: string, given: string | undefined, dataDir: string | undefined): string {
  if (given !== undefined) return given;
  if (dataDir !== undefined) return join(dataDir, DEBIASWE_FOLDER, DEBIASWE_FILES[list]);
  throw new EmbedkitError('BAD_OPTION', option, {
    expected: `a file, or \`dataDir\` holding ${DEBIASWE_FOLDER}/${DEBIASWE_FILES[list]}`,
    received: 'neither',
    where: option,
  });
}

/** The four lists from the data root's `bias-debiaswe/` folder. */
export function loadDebiasweLists(dataDir: string): DebiasweLists {
  const dir = join(dataDir, DEBIASWE_FOLDER);
  return {
    definitional: readWordPairs(join(dir, DEBIASWE_FILES.definitional)),
    equalize: readWordPairs(join(dir, DEBIASWE_FILES.equalize)),
    genderSpecific: readWordList(join(dir, DEBIASWE_FILES.genderSpecific)),
    professions: readProfessions(join(dir, DEBIASWE_FILES.professions)),
  };
}
