/**
 * Resolves a task declaration against the data root and loads its data with the loader of its format.
 * Every file read is checksummed (sha256) for the result file.
 */
import { basename, resolve } from 'node:path';
import { EmbedkitError } from '../../errors.js';
import type { DataFormat, Encoding, LabeledTexts, TaskData, TaskDeclaration } from '../types.js';
import { loadBeir } from './beir.js';
import { parseLabeledJsonl, parseLabelSpace, parseLabelTsv, parseOneLabel, parseTextCategoryCsv, parseTrec } from './labeled-data.js';
import { BadRows, readDataFile, sha256, type DataFile } from './read-data.js';
import { parseRerankingJsonl } from './reranking-data.js';
import { parsePairsTsv, parseSick, parseSickEntailment, parseStsb, parseStsJsonl } from './sentence-data.js';
import { loadBats, parseQuestionsWords, parseWordPairs } from './word-data.js';

export interface LoadOptions {
  readonly dataDir: string;
  readonly skipBadRows?: boolean;
  /** Overrides the declaration's encoding (`auto` detects UTF-8 vs Latin-1). */
  readonly encoding?: Encoding | 'auto';
  readonly warn: (message: string) => void;
}

export interface LoadedTask {
  readonly data: TaskData;
  readonly checksums: Record<string, string>;
  readonly skippedRows: number;
}

function labeledParser(format: DataFormat): ((f: DataFile, b: BadRows) => LabeledTexts) | undefined {
  switch (format) {
    case 'label-tsv':
      return parseLabelTsv;
    case 'labeled-jsonl':
      return parseLabeledJsonl;
    case 'label-space':
      return parseLabelSpace;
    case 'trec':
      return parseTrec;
    case 'text-category-csv':
      return parseTextCategoryCsv;
    default:
      return undefined;
  }
}

export async function loadTask(task: TaskDeclaration, opts: LoadOptions): Promise<LoadedTask> {
  if (task.format === 'inline') {
    if (task.inline === undefined) throw new EmbedkitError('BAD_ARGUMENT', `task ${task.name}`, { expected: 'inline data (format inline)', received: 'none' });
    if (isEmpty(task.inline)) throw new EmbedkitError('EMPTY_INPUT', `task ${task.name}`, { expected: 'at least one usable row', received: 'none', where: 'inline' });
    return { data: task.inline, checksums: { inline: sha256(Buffer.from(JSON.stringify(task.inline, inlineReplacer))) }, skippedRows: 0 };
  }
  const bad = new BadRows(opts.skipBadRows === true, opts.warn);
  const encoding = opts.encoding ?? task.encoding ?? 'auto';
  const checksums: Record<string, string> = {};
  const path = (role: string): string => {
    const rel = task.files[role];
    if (rel === undefined) {
      throw new EmbedkitError('BAD_ARGUMENT', `task ${task.name}`, { expected: `a "${role}" file for format ${task.format}`, received: `files ${Object.keys(task.files).join(', ') || 'none'}` });
    }
    return resolve(opts.dataDir, rel);
  };
  const read = async (role: string): Promise<DataFile> => {
    const f = await readDataFile(path(role), task.name, encoding);
    checksums[task.files[role]!] = f.sha256;
    return f;
  };
  let data: TaskData;
  switch (task.format) {
    case 'word-pairs':
      data = { type: 'word-similarity', data: parseWordPairs(await read('test'), bad) };
      break;
    case 'questions-words':
      data = { type: 'analogy', data: parseQuestionsWords(await read('test'), bad) };
      break;
    case 'bats': {
      const r = await loadBats(path('folder'), task.name, bad, encoding);
      for (const [k, v] of Object.entries(r.checksums)) checksums[`${task.files['folder']}/${k}`] = v;
      data = { type: 'analogy', data: r.data };
      break;
    }
    case 'sts-tsv':
      data = { type: 'sts', data: parsePairsTsv(await read('test'), bad, false) };
      break;
    case 'pairs-tsv':
      data = { type: 'pair-classification', data: parsePairsTsv(await read('test'), bad, true) };
      break;
    case 'sts-jsonl':
      data = { type: 'sts', data: parseStsJsonl(await read('test'), bad) };
      break;
    case 'stsb':
      data = { type: 'sts', data: parseStsb(await read('test'), bad) };
      break;
    case 'sick':
      data = { type: 'sts', data: parseSick(await read('test'), bad) };
      break;
    case 'sick-entailment':
      data = { type: 'pair-classification', data: parseSickEntailment(await read('test'), bad) };
      break;
    case 'beir': {
      const r = await loadBeir(path('folder'), task.split, task.name, bad, encoding, opts.warn);
      for (const [k, v] of Object.entries(r.checksums)) checksums[`${task.files['folder']}/${k}`] = v;
      data = { type: 'retrieval', data: r.data };
      break;
    }
    case 'reranking-jsonl':
      data = { type: 'reranking', data: parseRerankingJsonl(await read('test'), bad) };
      break;
    case 'file-per-label': {
      // every role names a label; its file holds one text a line
      let set: LabeledTexts | undefined;
      for (const role of Object.keys(task.files)) set = parseOneLabel(await read(role), role, set);
      if (set === undefined) throw new EmbedkitError('BAD_ARGUMENT', `task ${task.name}`, { expected: 'one file per label', received: 'no files' });
      data = task.type === 'clustering' ? { type: 'clustering', data: set } : { type: 'classification', data: { test: set } };
      break;
    }
    default: {
      const parse = labeledParser(task.format);
      if (parse === undefined) throw new EmbedkitError('UNSUPPORTED', `data format ${task.format}`, { where: `task ${task.name}` });
      const test = parse(await read('test'), bad);
      if (task.type === 'clustering') {
        data = { type: 'clustering', data: test };
      } else {
        const train = task.files['train'] !== undefined ? parse(await read('train'), bad) : undefined;
        data = { type: 'classification', data: { test: train === undefined ? test : withTrainLabels(test, train, path('test'), bad, opts.warn), ...(train !== undefined ? { train } : {}) } };
      }
    }
  }
  if (data.type !== task.type && !(task.type === 'clustering' && data.type === 'classification')) {
    throw new EmbedkitError('BAD_ARGUMENT', `task ${task.name}`, { expected: `a format for type ${task.type}`, received: `format ${task.format} (type ${data.type})` });
  }
  const skippedRows = bad.finish();
  if (data.type === 'classification' && data.data.train !== undefined && data.data.train.texts.length === 0) {
    throw new EmbedkitError('EMPTY_INPUT', `task ${task.name}: training split`, { expected: 'at least one usable row', received: 'none', where: basename(task.files['train'] ?? 'train') });
  }
  if (isEmpty(data)) {
    throw new EmbedkitError('EMPTY_INPUT', `task ${task.name}`, { expected: 'at least one usable row', received: 'none', where: Object.values(task.files).map((f) => basename(f)).join(', ') });
  }
  return { data, checksums, skippedRows };
}

/**
 * Test rows whose label the training split lacks can never be predicted: each is a bad row (an error
 * naming it, or skipped with `skipBadRows`). Training labels absent from the test split get a warning.
 */
function withTrainLabels(test: LabeledTexts, train: LabeledTexts, file: string, bad: BadRows, warn: (m: string) => void): LabeledTexts {
  const known = new Set(train.labels);
  const texts: string[] = [];
  const labels: string[] = [];
  test.labels.forEach((l, i) => {
    if (known.has(l)) {
      labels.push(l);
      texts.push(test.texts[i]!);
    } else bad.report(file, i + 1, 'test row', `a label of the training split (${[...known].slice(0, 5).join(', ')}${known.size > 5 ? ', …' : ''})`, `label ${JSON.stringify(l)}, absent from the training split`);
  });
  const unseen = [...known].filter((l) => !test.labels.includes(l));
  if (unseen.length > 0) warn(`${unseen.length} training label(s) never occur in the test split (${unseen.slice(0, 5).join(', ')}): macro-F1 counts them only when predicted`);
  return { texts, labels };
}

/** Typed arrays and Maps serialize as arrays (for the checksum of inline data). */
function inlineReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  if (value instanceof Map) return [...value.entries()];
  return value;
}

function isEmpty(d: TaskData): boolean {
  switch (d.type) {
    case 'word-similarity':
      return d.data.gold.length === 0;
    case 'analogy':
      return d.data.a.length === 0;
    case 'sts':
    case 'pair-classification':
      return d.data.score.length === 0;
    case 'classification':
      return d.data.test.texts.length === 0;
    case 'clustering':
      return d.data.texts.length === 0;
    case 'retrieval':
      return d.data.queries.length === 0 || d.data.corpus.length === 0;
    case 'reranking':
      return d.data.samples.length === 0;
  }
}
