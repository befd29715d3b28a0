/**
 * Adapter training data, read with the eval data readers where the format is theirs:
 * - graded pairs: STS TSV `text1<TAB>text2<TAB>score`, the STS Benchmark files (`sts-train.csv`, 7 fields),
 *   or JSONL `{"text1", "text2", "score"}` (`sentence1`/`sentence2` also accepted);
 * - pairs and triplets: JSONL `{"anchor", "positive", "negative"?}`;
 * - retrieval: a BEIR folder (corpus, queries, qrels/<split>.tsv): one example per judged (query,
 *   document) pair, the corpus kept for mining hard negatives. `queries` restricts it to a query-id range
 *   (`1-112`), so a collection with one qrels split can be split by query id for training and testing.
 */
import { statSync } from 'node:fs';
import { EmbedkitError } from '../../errors.js';
import { loadBeir } from '../../eval/data/beir.js';
import { BadRows, jsonRow, readDataFile, shortText } from '../../eval/data/read-data.js';
import { parsePairsTsv, parseStsb } from '../../eval/data/sentence-data.js';
import type { RetrievalData } from '../../eval/types.js';

export interface TextExamples {
  readonly format: 'graded-pairs' | 'pairs' | 'triplets' | 'beir';
  readonly anchors: readonly string[];
  readonly positives: readonly string[];
  readonly scores?: Float64Array;
  /** triplets: the given negative of each example. */
  readonly negatives?: readonly string[];
  /** beir: the corpus, each example's positive as a corpus row, and every judged-relevant row of its query. */
  readonly retrieval?: { readonly corpus: readonly string[]; readonly corpusIds: readonly string[]; readonly positiveRows: Int32Array; readonly relevant: readonly ReadonlySet<number>[] };
}

export interface AdapterDataOptions {
  /** BEIR qrels split (default `train` when the folder has one, else `test`). */
  readonly split?: string;
  /** BEIR: only queries whose numeric id is in this inclusive range, `FROM-TO`. */
  readonly queries?: string;
  readonly skipBadRows?: boolean;
  readonly onWarning?: (message: string) => void;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `FROM-TO` → an id filter. */
export function queryRange(spec: string): (id: string) => boolean {
  const m = /^(\d+)-(\d+)$/.exec(spec.trim());
  if (m === null || Number(m[1]) > Number(m[2])) throw new EmbedkitError('BAD_OPTION', 'queries', { expected: 'an id range FROM-TO, e.g. 1-112', received: spec, where: 'queries' });
  const lo = Number(m[1]);
  const hi = Number(m[2]);
  return (id) => /^\d+$/.test(id) && Number(id) >= lo && Number(id) <= hi;
}

/** Retrieval examples from loaded BEIR data (one per judged-relevant pair of a kept query). */
export function retrievalExamples(data: RetrievalData, keep: (id: string) => boolean = () => true): TextExamples {
  const corpus = data.corpus.map((d) => d.text);
  const corpusIds = data.corpus.map((d) => d.id);
  const row = new Map(corpusIds.map((id, i) => [id, i]));
  const anchors: string[] = [];
  const positives: string[] = [];
  const positiveRows: number[] = [];
  const relevant: Set<number>[] = [];
  for (const q of data.queries) {
    if (!keep(q.id)) continue;
    const judged = data.qrels.get(q.id);
    if (judged === undefined) continue;
    const rel = new Set<number>();
    for (const [doc, grade] of judged) if (grade > 0 && row.has(doc)) rel.add(row.get(doc)!);
    for (const r of rel) {
      anchors.push(q.text);
      positives.push(corpus[r]!);
      positiveRows.push(r);
      relevant.push(rel);
    }
  }
  return { format: 'beir', anchors, positives, retrieval: { corpus, corpusIds, positiveRows: Int32Array.from(positiveRows), relevant } };
}

function readJsonl(path: string, lines: readonly { text: string; line: number }[], file: Parameters<typeof jsonRow>[0], bad: BadRows): TextExamples {
  const anchors: string[] = [];
  const positives: string[] = [];
  const scores: number[] = [];
  const negatives: string[] = [];
  let shape: 'graded-pairs' | 'pairs' | 'triplets' | undefined;
  for (const { text, line } of lines) {
    if (text.trim().length === 0) continue;
    const r = jsonRow(file, line, text, bad, 'training row');
    if (r === undefined) continue;
    const a = r['anchor'] ?? r['text1'] ?? r['sentence1'];
    const p = r['positive'] ?? r['text2'] ?? r['sentence2'];
    const s = r['score'];
    const n = r['negative'];
    const rowShape = typeof n === 'string' ? 'triplets' : typeof s === 'number' && Number.isFinite(s) ? 'graded-pairs' : 'pairs';
    shape ??= rowShape;
    if (typeof a !== 'string' || typeof p !== 'string' || rowShape !== shape) {
      bad.report(path, line, 'training row', shape === 'graded-pairs' ? '{"text1", "text2", "score"} like the first row' : shape === 'triplets' ? '{"anchor", "positive", "negative"} like the first row' : '{"anchor", "positive"} like the first row', shortText(text));
      continue;
    }
    anchors.push(a);
    positives.push(p);
    if (shape === 'graded-pairs') scores.push(s as number);
    if (shape === 'triplets') negatives.push(n as string);
  }
  return { format: shape ?? 'pairs', anchors, positives, ...(shape === 'graded-pairs' ? { scores: Float64Array.from(scores) } : {}), ...(shape === 'triplets' ? { negatives } : {}) };
}

/** Reads a training file or BEIR folder (see the module comment for the formats). */
export async function readAdapterData(path: string, opts: AdapterDataOptions = {}): Promise<TextExamples> {
  const warn = opts.onWarning ?? (() => {});
  const bad = new BadRows(opts.skipBadRows === true, warn);
  let out: TextExamples;
  if (isDir(path)) {
    const split = opts.split ?? (isFile(`${path}/qrels/train.tsv`) ? 'train' : 'test');
    const { data } = await loadBeir(path, split, 'adapter training', bad, 'auto', warn);
    out = retrievalExamples(data, opts.queries !== undefined ? queryRange(opts.queries) : undefined);
  } else {
    const file = await readDataFile(path, 'adapter training');
    if (/\.jsonl?$/i.test(path)) out = readJsonl(path, file.lines, file, bad);
    else {
      const first = file.lines.find((l) => l.text.length > 0)?.text ?? '';
      const pairs = first.split('\t').length >= 7 ? parseStsb(file, bad) : parsePairsTsv(file, bad, false);
      out = { format: 'graded-pairs', anchors: pairs.s1, positives: pairs.s2, scores: Float64Array.from(pairs.score) };
    }
  }
  bad.finish();
  if (out.anchors.length < 2) {
    throw new EmbedkitError('BAD_OPTION', 'training data', { expected: 'at least 2 examples', received: `${out.anchors.length} in ${path}`, where: 'train' });
  }
  return out;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
