/**
 * A BEIR folder: `corpus.jsonl` (`{_id, title, text}`), `queries.jsonl` (`{_id, text}`),
 * `qrels/<split>.tsv` (`query-id<TAB>corpus-id<TAB>score`, header row). Documents are embedded as
 * `title + " " + text` (trimmed), as BEIR does.
 */
import { join } from 'node:path';
import { EmbedkitError } from '../../errors.js';
import { parseDecimal } from '../../io/float-text.js';
import type { Encoding, RetrievalData } from '../types.js';
import { BadRows, jsonRow, readDataFile, shortText, type DataFile } from './read-data.js';

/** Rows with the `need` fields (strings or numbers) and an `_id` not seen before (a repeated id is a bad row). */
function jsonlRecords(file: DataFile, bad: BadRows, what: string, need: readonly string[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const ids = new Map<string, number>();
  for (const { text, line } of file.lines) {
    if (text.trim().length === 0) continue;
    const r = jsonRow(file, line, text, bad, what);
    if (r === undefined) continue;
    if (need.some((k) => typeof r[k] !== 'string' && typeof r[k] !== 'number')) {
      bad.report(file.path, line, what, `fields ${need.join(', ')}`, shortText(text));
      continue;
    }
    const id = String(r['_id']);
    const first = ids.get(id);
    if (first !== undefined) {
      bad.report(file.path, line, what, 'distinct `_id`s', `_id ${JSON.stringify(id)} again (first at line ${first})`);
      continue;
    }
    ids.set(id, line);
    out.push(r);
  }
  return out;
}

export async function loadBeir(folder: string, split: string, task: string, bad: BadRows, encoding: Encoding | 'auto', warn: (m: string) => void = () => {}): Promise<{ data: RetrievalData; checksums: Record<string, string> }> {
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
    const grade = parseDecimal(cols[2] ?? '');
    if (cols.length < 3 || !Number.isFinite(grade)) {
      if (line === 1) continue; // header
      bad.report(qrelsFile.path, line, 'qrels row', '`query-id<TAB>corpus-id<TAB>score`', shortText(text));
      continue;
    }
    let m = qrels.get(cols[0]!);
    if (m === undefined) qrels.set(cols[0]!, (m = new Map()));
    m.set(cols[1]!, grade);
  }
  checkJudgments(qrels, new Set(corpus.map((d) => d.id)), new Set(queries.map((q) => q.id)), qrelsFile.path, warn);
  return {
    data: { corpus, queries, qrels },
    checksums: { 'corpus.jsonl': corpusFile.sha256, 'queries.jsonl': queriesFile.sha256, [`qrels/${split}.tsv`]: qrelsFile.sha256 },
  };
}

/**
 * Judgments must be usable: at least one query of queries.jsonl with a judged document of the corpus
 * (otherwise every score is 0 whatever the embeddings). Judgments naming unknown documents are counted in
 * a warning (the runner counts judged queries absent from queries.jsonl).
 */
function checkJudgments(qrels: ReadonlyMap<string, ReadonlyMap<string, number>>, docs: ReadonlySet<string>, queries: ReadonlySet<string>, file: string, warn: (m: string) => void): void {
  let pairs = 0;
  let unknownDocs = 0;
  let unknownQueries = 0;
  let usable = 0;
  for (const [q, judged] of qrels) {
    pairs += judged.size;
    if (!queries.has(q)) {
      unknownQueries += judged.size;
      continue;
    }
    let known = 0;
    for (const d of judged.keys()) if (docs.has(d)) known++;
    unknownDocs += judged.size - known;
    if (known > 0) usable++;
  }
  if (pairs === 0) throw new EmbedkitError('EMPTY_INPUT', 'relevance judgments', { expected: 'rows `query-id<TAB>corpus-id<TAB>score`', received: 'none', where: file });
  if (usable === 0) {
    throw new EmbedkitError('EMPTY_INPUT', 'relevance judgments', { expected: 'a query of queries.jsonl judged against a document of corpus.jsonl', received: `${pairs} judgment(s), ${unknownQueries} naming unknown queries, ${unknownDocs} unknown documents`, where: file });
  }
  if (unknownDocs > 0) warn(`${unknownDocs} judgment(s) name documents absent from corpus.jsonl`);
}
