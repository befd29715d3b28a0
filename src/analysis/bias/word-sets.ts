/**
 * WEAT/SEAT test definitions: two target sets (X = `targ1`, Y = `targ2`) and two attribute sets
 * (A = `attr1`, B = `attr2`). Two file shapes are read:
 * - sent-bias (May et al. 2019), `weat*.jsonl` / `sent-weat*.jsonl`: ONE JSON object
 *   `{"targ1": {"category", "examples": [...]}, "targ2", "attr1", "attr2"}` (words or sentences);
 * - WEFE (Badilla et al. 2020), `WEAT.json`: an object mapping set names to word lists; a test picks four
 *   of them (`sets`, or one of the ten WEAT tests by name through `WEFE_WEAT_TESTS`).
 * Names resolve against the data root's `bias-weat/` folder: `weat6` → `bias-weat/weat6.jsonl`,
 * `sent-weat6` → the SEAT sentences, `wefe:weat6` → `bias-weat/wefe_WEAT.json` with WEFE's sets.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbedkitError, FormatError } from '../../errors.js';

export interface WordSet {
  /** Display name, e.g. `MaleNames`. */
  readonly category: string;
  /** Words (WEAT) or sentences (SEAT), in file order, duplicates removed. */
  readonly examples: readonly string[];
}

export const WEAT_ROLES = ['targ1', 'targ2', 'attr1', 'attr2'] as const;
export type WeatRole = (typeof WEAT_ROLES)[number];

export interface WeatTest {
  /** Test name (`weat6`, or the file's base name). */
  readonly name: string;
  /** Where the sets came from (file path). */
  readonly source: string;
  readonly targ1: WordSet;
  readonly targ2: WordSet;
  readonly attr1: WordSet;
  readonly attr2: WordSet;
}

/** The ten tests of Caliskan et al. (2017) as WEFE set names (WEFE's own replication queries). */
export const WEFE_WEAT_TESTS: Readonly<Record<string, readonly [string, string, string, string]>> = {
  weat1: ['flowers', 'insects', 'pleasant_5', 'unpleasant_5a'],
  weat2: ['instruments', 'weapons', 'pleasant_5', 'unpleasant_5a'],
  weat3: ['european_american_names_5', 'african_american_names_5', 'pleasant_5', 'unpleasant_5b'],
  weat4: ['european_american_names_7', 'african_american_names_7', 'pleasant_5', 'unpleasant_5b'],
  weat5: ['european_american_names_7', 'african_american_names_7', 'pleasant_9', 'unpleasant_9'],
  weat6: ['male_names', 'female_names', 'career', 'family'],
  weat7: ['math', 'arts', 'male_terms', 'female_terms'],
  weat8: ['science', 'arts_2', 'male_terms_2', 'female_terms_2'],
  weat9: ['mental_disease', 'physical_disease', 'temporary', 'permanent'],
  weat10: ['young_people_names', 'old_people_names', 'pleasant_9', 'unpleasant_9'],
};

/** The data-root folder holding the test files. */
export const WEAT_FOLDER = 'bias-weat';
export const WEFE_FILE = 'wefe_WEAT.json';

export interface LoadWeatOptions {
  /** Data root (the folder holding `bias-weat/`); needed for test names, not for paths. */
  readonly dataDir?: string;
  /** For WEFE-shaped files: the four set names (targ1, targ2, attr1, attr2) or a WEAT test name (`weat6`). */
  readonly sets?: readonly [string, string, string, string] | string;
}

/** `file:line` of a character offset (for JSON syntax errors). */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    const line = pos !== null ? lineOf(text, Number(pos[1])) : undefined;
    throw new FormatError(path, 'not valid JSON', { expected: 'one JSON object (a WEAT test or a WEFE word-set file)', received: msg, ...(line !== undefined ? { line } : {}) });
  }
}

function cleanExamples(v: unknown, path: string, field: string): string[] {
  if (!Array.isArray(v)) throw new FormatError(path, `field ${field}`, { expected: 'an array of strings', received: v === null ? 'null' : typeof v });
  const out: string[] = [];
  const seen = new Set<string>();
  v.forEach((x, i) => {
    if (typeof x !== 'string' || x.trim() === '') {
      throw new FormatError(path, `field ${field}[${i}]`, { expected: 'a non-empty string', received: JSON.stringify(x) ?? String(x) });
    }
    const w = x.trim();
    if (!seen.has(w)) {
      seen.add(w);
      out.push(w);
    }
  });
  if (out.length === 0) throw new FormatError(path, `field ${field}`, { expected: 'at least one word or sentence', received: 'an empty list' });
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Is the parsed document a sent-bias test (has `targ1` … `attr2`)? */
function isSentBiasShape(doc: Record<string, unknown>): boolean {
  return WEAT_ROLES.some((r) => r in doc);
}

/** Parses a test from file text; `name` labels it (default: the file's base name). */
export function parseWeatTest(text: string, path: string, opts: { name?: string; sets?: LoadWeatOptions['sets'] } = {}): WeatTest {
  const doc = parseJson(text, path);
  if (!isObject(doc)) throw new FormatError(path, 'WEAT test', { expected: 'a JSON object', received: Array.isArray(doc) ? 'an array' : typeof doc });
  const name = opts.name ?? baseName(path);
  if (isSentBiasShape(doc)) {
    const sets = {} as Record<WeatRole, WordSet>;
    for (const role of WEAT_ROLES) {
      const s = doc[role];
      if (!isObject(s)) throw new FormatError(path, `field ${role}`, { expected: '{"category": string, "examples": [strings]}', received: s === undefined ? 'nothing' : JSON.stringify(s).slice(0, 60) });
      const category = s['category'] ?? role;
      if (typeof category !== 'string') throw new FormatError(path, `field ${role}.category`, { expected: 'a string', received: typeof category });
      sets[role] = { category, examples: cleanExamples(s['examples'], path, `${role}.examples`) };
    }
    return { name, source: path, ...sets };
  }
  // WEFE shape: set name → word list
  const names = Object.keys(doc);
  for (const k of names) if (!Array.isArray(doc[k])) throw new FormatError(path, `field ${k}`, { expected: 'a list of words (WEFE shape) or a sent-bias test with targ1/targ2/attr1/attr2', received: typeof doc[k] });
  const chosen = resolveSets(opts.sets ?? (name in WEFE_WEAT_TESTS ? name : undefined), names, path);
  const sets = {} as Record<WeatRole, WordSet>;
  WEAT_ROLES.forEach((role, i) => {
    const setName = chosen[i]!;
    sets[role] = { category: setName, examples: cleanExamples(doc[setName], path, setName) };
  });
  return { name, source: path, ...sets };
}

function resolveSets(sets: LoadWeatOptions['sets'] | undefined, available: readonly string[], path: string): readonly string[] {
  if (sets === undefined) {
    throw new EmbedkitError('BAD_OPTION', 'sets', {
      expected: `four set names (targ1, targ2, attr1, attr2) of this word-set file, or a WEAT test name (${Object.keys(WEFE_WEAT_TESTS).join(', ')})`,
      received: 'none',
      where: path,
      hint: `the file has ${available.length} sets: ${available.slice(0, 12).join(', ')}${available.length > 12 ? ', …' : ''}; give them with \`sets\``,
    });
  }
  const chosen = typeof sets === 'string' ? WEFE_WEAT_TESTS[sets] : sets;
  if (chosen === undefined) {
    throw new EmbedkitError('BAD_OPTION', 'sets', { expected: `a WEAT test name (${Object.keys(WEFE_WEAT_TESTS).join(', ')}) or four set names`, received: JSON.stringify(sets), where: 'sets' });
  }
  if (chosen.length !== 4) throw new EmbedkitError('BAD_OPTION', 'sets', { expected: '4 set names (targ1, targ2, attr1, attr2)', received: `${chosen.length}`, where: 'sets' });
  for (const s of chosen) {
    if (!available.includes(s)) {
      throw new EmbedkitError('BAD_OPTION', 'sets', { expected: `a set of ${path} (${available.join(', ')})`, received: JSON.stringify(s), where: 'sets' });
    }
  }
  return chosen;
}

function baseName(path: string): string {
  const b = path.split(/[\\/]/).pop() ?? path;
  return b.replace(/\.(jsonl|json)$/i, '');
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new EmbedkitError('FILE_NOT_FOUND', 'WEAT test file', { where: path, received: e instanceof Error ? e.message : String(e) });
  }
}

/**
 * Loads a test by name or path: a path to a file of either shape; `weat1` … `weat10`, `weat3b` …,
 * `sent-weat6` … (sent-bias files of the data root); `wefe:weat6` (WEFE's word sets for that test).
 */
export function loadWeatTest(nameOrPath: string, opts: LoadWeatOptions = {}): WeatTest {
  if (existsSync(nameOrPath)) return parseWeatTest(readText(nameOrPath), nameOrPath, opts.sets !== undefined ? { sets: opts.sets } : {});
  const wefe = /^wefe:(.+)$/.exec(nameOrPath);
  const looksLikeName = /^[A-Za-z0-9_:-]+$/.test(nameOrPath);
  if (opts.dataDir === undefined || !looksLikeName) {
    throw new EmbedkitError('FILE_NOT_FOUND', `WEAT test ${JSON.stringify(nameOrPath)}`, {
      expected: 'a test file path, or a test name (weat1 … weat10, sent-weat6, wefe:weat6) with a data root',
      received: opts.dataDir === undefined ? 'no such file and no `dataDir`' : 'no such file',
      where: 'test',
    });
  }
  if (wefe !== null) {
    const path = join(opts.dataDir, WEAT_FOLDER, WEFE_FILE);
    return parseWeatTest(readText(path), path, { name: nameOrPath, sets: opts.sets ?? wefe[1]! });
  }
  const path = join(opts.dataDir, WEAT_FOLDER, `${nameOrPath}.jsonl`);
  if (!existsSync(path)) {
    const known = listWeatTests(opts.dataDir);
    throw new EmbedkitError('FILE_NOT_FOUND', `WEAT test ${JSON.stringify(nameOrPath)}`, { expected: known.length > 0 ? `one of ${known.join(', ')}` : `${WEAT_FOLDER}/ in the data root`, received: 'no such test', where: path });
  }
  return parseWeatTest(readText(path), path, { name: nameOrPath });
}

/** Test names available in the data root (`weat1` …, `sent-weat1` …, `wefe:weat1` …), sorted naturally. */
export function listWeatTests(dataDir: string): string[] {
  const dir = join(dataDir, WEAT_FOLDER);
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const f of readdirSync(dir)) {
    const m = /^((?:sent-)?weat\w+)\.jsonl$/.exec(f);
    if (m !== null) out.push(m[1]!);
  }
  if (existsSync(join(dir, WEFE_FILE))) for (const t of Object.keys(WEFE_WEAT_TESTS)) out.push(`wefe:${t}`);
  return out.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
