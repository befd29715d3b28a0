/**
 * A BEIR folder: `corpus.jsonl` (`{_id, title, text}`), `queries.jsonl` (`{_id, text}`),
 * `qrels/<split>.tsv` (`query-id<TAB>corpus-id<TAB>score`, header row). Documents are embedded as
 * `title + " " + text` (trimmed), as BEIR does.
 */
import { join } from 'node:path';
import type { Encoding, RetrievalData } from '../types.js';
import { BadRows, jsonRow, readDataFile, shortText, type DataFile } from './read-data.js';

function jsonlRecords(file: DataFile, bad: BadRows, what: string, need: readonly string[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const { text, line } of file.lines) {
    if (text.trim().length === 0) continue;
    const r = jsonRow(file, line, text, bad, what);
    if (r === undefined) continue;
    if (need.some((k) => typeof r[k] !== 'string' && typeof r[k] !== 'number')) {
      bad.report(file.path, line, what, `fields ${need.join(', ')}`, shortText(text));
      continue;
    }
    out.push(r);
  }
  return out;
}

export async function loadBeir(folder: string, split: string, task: string, bad: BadRows, encoding: Encoding | 'auto'): Promise<{ data: RetrievalData; checksums: Record<string, string> }> {
  const corpusFile = await readDataFile(join(folder, 'corpus.jsonl'), task, encoding);
  const queriesFile = await readDataFile(join(folder, 'queries.jsonl'), task, encoding);
  const qrelsFile = await readDataFile(join(folder, 'qrels', `${split}.tsv`), task, encoding);
  const corpus = jsonlRecords(corpusFile, bad, 'BEIR corpus row', ['_id', 'text']).map((r) => ({
    id: String(r['_id']),
    text: `${typeof r['title'] === 'string' ? r['title'] : ''} ${String(r['text'])}`.trim(),
  }));
  const queries = jsonlRecords(queriesFile, bad, 'BEIR query row', ['_id', 'text']).map((r) => ({ id: String(r['_id']), text: String(r['text']) }));
  const qrels = new Map<string, Map<string, number>>();
  for (const { text, line } of qrelsFile.lines) {
    if (text.trim().length === 0) continue;
    const cols = text.split('\t').map((c) => c.trim());
    const grade = Number(cols[2]);
    if (cols.length < 3 || cols[2] === '' || !Number.isFinite(grade)) {
      if (line === 1) continue; // header
      bad.report(qrelsFile.path, line, 'qrels row', '`query-id<TAB>corpus-id<TAB>score`', shortText(text));
      continue;
    }
    let m = qrels.get(cols[0]!);
    if (m === undefined) qrels.set(cols[0]!, (m = new Map()));
    m.set(cols[1]!, grade);
  }
  return {
    data: { corpus, queries, qrels },
    checksums: { 'corpus.jsonl': corpusFile.sha256, 'queries.jsonl': queriesFile.sha256, [`qrels/${split}.tsv`]: qrelsFile.sha256 },
  };
}
