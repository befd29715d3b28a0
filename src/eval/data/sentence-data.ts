/**
 * Sentence-pair files: STS (3-column TSV `s1<TAB>s2<TAB>score`, JSONL `{sentence1, sentence2, score}`,
 * STS Benchmark and SICK as shipped) and pair classification (TSV `s1<TAB>s2<TAB>0|1`, SICK entailment).
 */
import { FormatError } from '../../errors.js';
import type { SentencePairs } from '../types.js';
import { parseDecimal } from '../../io/float-text.js';
import { BadRows, jsonRow, shortText, type DataFile } from './read-data.js';

class PairBuilder {
  readonly s1: string[] = [];
  readonly s2: string[] = [];
  readonly score: number[] = [];
  add(a: string, b: string, s: number): void {
    this.s1.push(a);
    this.s2.push(b);
    this.score.push(s);
  }
  build(): SentencePairs {
    return { s1: this.s1, s2: this.s2, score: Float64Array.from(this.score) };
  }
}

/** `s1<TAB>s2<TAB>value`; with `binary`, value must be 0 or 1. A first row whose value is not numeric is a header. */
export function parsePairsTsv(file: DataFile, bad: BadRows, binary: boolean): SentencePairs {
  const out = new PairBuilder();
  for (const { text, line } of file.lines) {
    if (text.trim().length === 0) continue;
    const cols = text.split('\t');
    const v = parseDecimal(cols[2] ?? '');
    const ok = cols.length >= 3 && Number.isFinite(v) && (!binary || v === 0 || v === 1);
    if (!ok) {
      if (line === 1 && cols.length >= 3) continue; // header
      bad.report(file.path, line, binary ? 'pair-classification row' : 'STS row', binary ? '`s1<TAB>s2<TAB>0|1`' : '`s1<TAB>s2<TAB>score`', shortText(text));
      continue;
    }
    out.add(cols[0]!, cols[1]!, v);
  }
  return out.build();
}

export function parseStsJsonl(file: DataFile, bad: BadRows): SentencePairs {
  const out = new PairBuilder();
  for (const { text, line } of file.lines) {
    if (text.trim().length === 0) continue;
    const r = jsonRow(file, line, text, bad, 'STS JSONL row');
    if (r === undefined) continue;
    const s1 = r['sentence1'];
    const s2 = r['sentence2'];
    const score = typeof r['score'] === 'string' ? parseDecimal(r['score']) : r['score'];
    if (typeof s1 !== 'string' || typeof s2 !== 'string' || typeof score !== 'number' || !Number.isFinite(score)) {
      bad.report(file.path, line, 'STS JSONL row', '{"sentence1": string, "sentence2": string, "score": number}', shortText(text));
      continue;
    }
    out.add(s1, s2, score);
  }
  return out.build();
}

/** STS Benchmark: genre, file, year, id, score, s1, s2 (extra trailing fields ignored). */
export function parseStsb(file: DataFile, bad: BadRows): SentencePairs {
  const out = new PairBuilder();
  for (const { text, line } of file.lines) {
    if (text.length === 0) continue;
    const cols = text.split('\t');
    const score = parseDecimal(cols[4] ?? '');
    if (cols.length < 7 || !Number.isFinite(score)) {
      bad.report(file.path, line, 'STS Benchmark row', '7 tab-separated fields with the score in field 5', `${cols.length} fields: ${shortText(text)}`);
      continue;
    }
    out.add(cols[5]!, cols[6]!, score);
  }
  return out.build();
}

function sickRows(file: DataFile, bad: BadRows, valueCol: string, value: (v: string) => number | undefined): SentencePairs {
  const header = (file.lines[0]?.text ?? '').split('\t');
  const idx = ['sentence_A', 'sentence_B', valueCol].map((n) => header.indexOf(n));
  if (idx.some((i) => i < 0)) {
    throw new FormatError(file.path, 'SICK header', { line: 1, expected: `columns sentence_A, sentence_B, ${valueCol}`, received: shortText(header.join(' | '), 120) });
  }
  const out = new PairBuilder();
  for (const { text, line } of file.lines.slice(1)) {
    if (text.length === 0) continue;
    const cols = text.split('\t');
    const v = value(cols[idx[2]!] ?? '');
    if (cols.length <= Math.max(...idx) || v === undefined) {
      bad.report(file.path, line, 'SICK row', `fields sentence_A, sentence_B, ${valueCol}`, shortText(text));
      continue;
    }
    out.add(cols[idx[0]!]!, cols[idx[1]!]!, v);
  }
  return out.build();
}

/** SICK as shipped (header with sentence_A, sentence_B, relatedness_score). */
export function parseSick(file: DataFile, bad: BadRows): SentencePairs {
  return sickRows(file, bad, 'relatedness_score', (s) => {
    const v = parseDecimal(s);
    return Number.isFinite(v) ? v : undefined;
  });
}

/** SICK entailment as binary pairs: ENTAILMENT → 1, NEUTRAL / CONTRADICTION → 0. */
export function parseSickEntailment(file: DataFile, bad: BadRows): SentencePairs {
  const col = file.lines[0]?.text.split('\t').includes('entailment_label') ? 'entailment_label' : 'entailment_judgment';
  return sickRows(file, bad, col, (s) => (s === 'ENTAILMENT' ? 1 : s === 'NEUTRAL' || s === 'CONTRADICTION' ? 0 : undefined));
}
