/**
 * Which tasks a run evaluates: declared tasks by name (`tasks`), a suite (`suite`), or one ad-hoc task
 * built from the user's own file (`type` + `file`, or `train` + `test`), whose data format is detected
 * from the task type, the extension and the first line.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { badOption, EmbedkitError } from '../errors.js';
import { choiceOption, stringOption, type OptionValues } from '../options/option-spec.js';
import { validateOptions } from '../options/validate.js';
import { findTask, mainScoreOf, suiteTasks } from './tasks.js';
import { SUITES, TASK_TYPES, type DataFormat, type TaskDeclaration, type TaskType } from './types.js';

export const TASK_SELECTION_OPTIONS = {
  tasks: stringOption('comma-separated task names', { valueName: 'names' }),
  suite: choiceOption(SUITES, 'a group of tasks (default: word)'),
  type: choiceOption(TASK_TYPES, 'ad-hoc task type'),
  file: stringOption('ad-hoc task data (a file; for retrieval a BEIR folder, for analogy also a BATS folder)', { valueName: 'path' }),
  train: stringOption('ad-hoc classification: training file (with `test`)', { valueName: 'path' }),
  test: stringOption('ad-hoc: evaluation file (same as `file`)', { valueName: 'path' }),
  name: stringOption('ad-hoc: task name in results (default: file name)'),
} as const;

export type TaskSelection = OptionValues<typeof TASK_SELECTION_OPTIONS>;

const isDir = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

function firstLine(path: string): string {
  try {
    return readFileSync(path).subarray(0, 4096).toString('latin1').split('\n')[0] ?? '';
  } catch {
    throw new EmbedkitError('FILE_NOT_FOUND', 'evaluation file', { where: path });
  }
}

/** The file format of an ad-hoc task, from the task type, the extension and the first line. */
export function detectDataFormat(type: TaskType, path: string): DataFormat {
  const ext = extname(path.replace(/\.gz$/, '')).toLowerCase();
  switch (type) {
    case 'word-similarity':
      return 'word-pairs';
    case 'analogy':
      return isDir(path) ? 'bats' : 'questions-words';
    case 'retrieval':
      return 'beir';
    case 'reranking':
      return 'reranking-jsonl';
    case 'sts': {
      if (ext === '.jsonl' || ext === '.ndjson') return 'sts-jsonl';
      const head = firstLine(path);
      if (head.includes('sentence_A') && head.includes('relatedness_score')) return 'sick';
      return head.split('\t').length >= 7 ? 'stsb' : 'sts-tsv';
    }
    case 'pair-classification': {
      const head = firstLine(path);
      return head.includes('sentence_A') && /entailment_(label|judgment)/.test(head) ? 'sick-entailment' : 'pairs-tsv';
    }
    case 'classification':
    case 'clustering':
      if (ext === '.jsonl' || ext === '.ndjson') return 'labeled-jsonl';
      if (ext === '.csv') return 'text-category-csv';
      return 'label-tsv';
  }
}

/** A task declaration for the user's own file. */
export function adHocTask(sel: TaskSelection): TaskDeclaration {
  const type = sel.type ?? 'sts';
  const main = sel.file ?? sel.test;
  if (main === undefined) throw new EmbedkitError('BAD_OPTION', 'type', { expected: '`file` (or `test`, with `train` for classification)', received: 'no file', where: 'type' });
  if (sel.train !== undefined && type !== 'classification') throw badOption('train', 'only with `type` classification', sel.train);
  const path = resolve(main);
  const format = detectDataFormat(type, path);
  const folderFormat = format === 'beir' || format === 'bats';
  const files: Record<string, string> = folderFormat ? { folder: path } : { test: path };
  if (sel.train !== undefined) files['train'] = resolve(sel.train);
  return {
    name: sel.name ?? (basename(path).replace(/\.(gz)$/, '').replace(/\.[^.]+$/, '') || 'custom'),
    type,
    description: `ad-hoc ${type} task from ${main}`,
    mainScore: mainScoreOf(type),
    format,
    files,
    split: 'test',
    suites: [],
    license: 'user data',
    citation: '',
  };
}

/** The tasks a selection names; `declared` is false for an ad-hoc task (it needs no data root). */
export function selectTasks(raw: Readonly<Record<string, unknown>>): { tasks: TaskDeclaration[]; declared: boolean } {
  const sel = validateOptions(TASK_SELECTION_OPTIONS, raw);
  const adHoc = sel.type !== undefined || sel.file !== undefined || sel.test !== undefined;
  const modes = [sel.tasks !== undefined, sel.suite !== undefined, adHoc].filter(Boolean).length;
  if (modes > 1) throw new EmbedkitError('BAD_OPTION', 'task selection', { expected: 'one of `tasks`, `suite`, or `type` with `file`', received: 'more than one' });
  if (sel.tasks !== undefined) return { tasks: sel.tasks.split(',').map((t) => t.trim()).filter((t) => t.length > 0).map(findTask), declared: true };
  if (adHoc) return { tasks: [adHocTask(sel)], declared: false };
  return { tasks: suiteTasks(sel.suite ?? 'word'), declared: true };
}
