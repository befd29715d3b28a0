/**
 * Word-level task files: similarity pairs (`w1 w2 score`, tab or space separated, no header) and analogy
 * questions (word2vec `questions-words.txt`: `: section` lines, then `a b c d`; BATS 3.0 category files:
 * `word<TAB>answer1/answer2`, every ordered pair of lines in a file making one question).
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { EmbedkitError } from '../../errors.js';
import type { AnalogyQuestions, Encoding, WordPairs } from '../types.js';
import { parseDecimal } from '../../io/float-text.js';
import { BadRows, readDataFile, shortText, type DataFile } from './read-data.js';

export function parseWordPairs(file: DataFile, bad: BadRows): WordPairs {
  const w1: string[] = [];
  const w2: string[] = [];
  const gold: number[] = [];
  for (const { text, line } of file.lines) {
    if (text.trim().length === 0 || text.startsWith('#')) continue;
    const cols = text.trim().split(/\s+/);
    const score = parseDecimal(cols[2] ?? '');
    if (cols.length < 3 || !Number.isFinite(score)) {
      bad.report(file.path, line, 'word-similarity row', '`word1 word2 score`', shortText(text));
      continue;
    }
    w1.push(cols[0]!);
    w2.push(cols[1]!);
    gold.push(score);
  }
  return { w1, w2, gold: Float64Array.from(gold) };
}

export function parseQuestionsWords(file: DataFile, bad: BadRows): AnalogyQuestions {
  const sectionNames: string[] = [];
  const section: number[] = [];
  const a: string[] = [];
  const b: string[] = [];
  const c: string[] = [];
  const d: string[][] = [];
  for (const { text, line } of file.lines) {
    const t = text.trim();
    if (t.length === 0) continue;
    if (t.startsWith(':')) {
      sectionNames.push(t.slice(1).trim());
      continue;
    }
    const cols = t.split(/\s+/);
    if (cols.length !== 4) {
      bad.report(file.path, line, 'analogy question', '4 words `a b c d`', `${cols.length} words: ${shortText(t)}`);
      continue;
    }
    if (sectionNames.length === 0) sectionNames.push('default');
    section.push(sectionNames.length - 1);
    a.push(cols[0]!);
    b.push(cols[1]!);
    c.push(cols[2]!);
    d.push([cols[3]!]);
  }
  // word2vec's convention: sections whose name starts with `gram` are syntactic
  const semantic = new Set<number>();
  sectionNames.forEach((n, i) => {
    if (!n.startsWith('gram')) semantic.add(i);
  });
  return { sectionNames, section: Int32Array.from(section), a, b, c, d, semantic };
}

/**
 * A BATS 3.0 folder: every `*.txt` under its category folders is one section; each line `word<TAB>a1/a2`.
 * Questions: for every ordered pair of distinct lines (x, y): x : first answer of x :: y : any answer of y.
 * Semantic sections are the `3_Encyclopedic` and `4_Lexicographic` folders.
 */
export async function loadBats(folder: string, task: string, bad: BadRows, encoding: Encoding | 'auto'): Promise<{ data: AnalogyQuestions; checksums: Record<string, string> }> {
  let cats: string[];
  try {
    cats = (await fsp.readdir(folder, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch (e) {
    throw new EmbedkitError('FILE_NOT_FOUND', `BATS folder of task ${task}`, { where: folder, cause: e });
  }
  const out = { sectionNames: [] as string[], section: [] as number[], a: [] as string[], b: [] as string[], c: [] as string[], d: [] as string[][] };
  const semantic = new Set<number>();
  const checksums: Record<string, string> = {};
  for (const cat of cats) {
    const files = (await fsp.readdir(join(folder, cat))).filter((f) => f.endsWith('.txt')).sort();
    for (const f of files) {
      const file = await readDataFile(join(folder, cat, f), task, encoding);
      checksums[join(cat, f)] = file.sha256;
      const pairs: { word: string; answers: string[] }[] = [];
      for (const { text, line } of file.lines) {
        if (text.trim().length === 0) continue;
        const cols = text.trim().split(/\t/);
        const answers = (cols[1] ?? '').split('/').map((s) => s.trim()).filter((s) => s.length > 0);
        if (cols.length < 2 || answers.length === 0) {
          bad.report(file.path, line, 'BATS row', '`word<TAB>answer1/answer2…`', shortText(text));
          continue;
        }
        pairs.push({ word: cols[0]!.trim(), answers });
      }
      const s = out.sectionNames.length;
      out.sectionNames.push(f.replace(/\.txt$/, ''));
      if (cat.startsWith('3_') || cat.startsWith('4_')) semantic.add(s);
      for (const x of pairs) {
        for (const y of pairs) {
          if (x === y) continue;
          out.section.push(s);
          out.a.push(x.word);
          out.b.push(x.answers[0]!);
          out.c.push(y.word);
          out.d.push(y.answers);
        }
      }
    }
  }
  if (out.sectionNames.length === 0) throw new EmbedkitError('EMPTY_INPUT', `BATS folder of task ${task}`, { expected: 'category folders with *.txt files', received: 'none', where: folder });
  return { data: { ...out, section: Int32Array.from(out.section), semantic }, checksums };
}
