/**
 * `embedkit eval`: MTEB-style evaluation of a model on declared tasks (`--tasks`, `--suite`), or on your
 * own file (`--type TYPE --file F`, `--train/--test`, a BEIR folder); writes MTEB-layout result files and
 * prints a markdown summary; `--compare A B` prints two result folders side by side.
 */
import { statSync, readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { Command } from 'commander';
import { dataDirSetting } from '../../config.js';
import { StaticEmbedder } from '../../embedders/static-embedder.js';
import { badOption, EmbedkitError } from '../../errors.js';
import { evaluateTasks } from '../../eval/evaluate.js';
import { compareJson, compareTable, readResultFolder, summaryTable, writeResultFiles } from '../../eval/results.js';
import { DEFAULT_RESTRICT_VOCAB } from '../../eval/runners/analogy.js';
import { findTask, mainScoreOf, suiteTasks, TASKS } from '../../eval/tasks.js';
import { SUITES, TASK_TYPES, type DataFormat, type Encoding, type Suite, type TaskDeclaration, type TaskType } from '../../eval/types.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { choiceOption, CommandContext, intOption, type CommonOptions } from '../context.js';
import { loadModelEmbedder } from '../load-model.js';
import { modelEmbedderOptions, withOnnxOptions, type OnnxCliOptions } from '../onnx-options.js';
import { withPoolingOptions, type PoolingCliOptions } from '../pooling-options.js';

interface Opts extends CommonOptions, PoolingCliOptions, OnnxCliOptions {
  readonly tasks?: string;
  readonly suite?: string;
  readonly type?: string;
  readonly file?: string;
  readonly train?: string;
  readonly test?: string;
  readonly name?: string;
  readonly dataDir?: string;
  readonly output?: string | false;
  readonly compare?: string[];
  readonly list?: boolean;
  readonly restrictVocab?: string;
  readonly oov?: string;
  readonly analogyMethod?: string;
  readonly seed?: string;
  readonly folds?: string;
  readonly restarts?: string;
  readonly skipBadRows?: boolean;
  readonly encoding?: string;
}

const isDir = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

function firstLine(path: string): string {
  try {
    const buf = readFileSync(path).subarray(0, 4096).toString('latin1');
    return buf.split('\n')[0] ?? '';
  } catch {
    throw new EmbedkitError('FILE_NOT_FOUND', 'evaluation file', { where: path });
  }
}

/** Picks the file format of an ad-hoc task from the type, the extension and the first line. */
export function detectFormat(type: TaskType, path: string): DataFormat {
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

function adHocTask(opts: Opts): TaskDeclaration {
  const type = choiceOption<TaskType>('--type', opts.type, TASK_TYPES, 'sts');
  const main = opts.file ?? opts.test;
  if (main === undefined) throw new EmbedkitError('BAD_OPTION', '--type', { expected: '--file F (or --test F, with --train F for classification)', received: 'no file', where: '--type' });
  if (opts.train !== undefined && type !== 'classification') throw badOption('--train', 'only with --type classification', opts.train);
  const path = resolve(main);
  const format = detectFormat(type, path);
  const folderFormat = format === 'beir' || format === 'bats';
  const files: Record<string, string> = folderFormat ? { folder: path } : { test: path };
  if (opts.train !== undefined) files['train'] = resolve(opts.train);
  return {
    name: opts.name ?? (basename(path).replace(/\.(gz)$/, '').replace(/\.[^.]+$/, '') || 'custom'),
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

function selectTasks(opts: Opts): { tasks: TaskDeclaration[]; declared: boolean } {
  const modes = [opts.tasks !== undefined, opts.suite !== undefined, opts.type !== undefined || opts.file !== undefined || opts.test !== undefined].filter(Boolean).length;
  if (modes > 1) throw new EmbedkitError('BAD_OPTION', 'task selection', { expected: 'one of --tasks, --suite, or --type with --file', received: 'more than one' });
  if (opts.tasks !== undefined) return { tasks: opts.tasks.split(',').map((t) => t.trim()).filter((t) => t.length > 0).map(findTask), declared: true };
  if (opts.type !== undefined || opts.file !== undefined || opts.test !== undefined) return { tasks: [adHocTask(opts)], declared: false };
  const suite = choiceOption<Suite>('--suite', opts.suite, SUITES, 'word');
  return { tasks: suiteTasks(suite), declared: true };
}

function listTasks(ctx: CommandContext): void {
  ctx.out(
    TASKS.map((t) => ({ name: t.name, type: t.type, mainScore: t.mainScore, suites: t.suites, files: t.files, description: t.description, license: t.license, citation: t.citation })),
    () =>
      ['| Task | Type | Main score | Suites | Description |', '|---|---|---|---|---|', ...TASKS.map((t) => `| ${t.name} | ${t.type} | ${t.mainScore} | ${t.suites.join(', ')} | ${t.description} |`)].join('\n'),
  );
}

export function register(program: Command): void {
  const cmd = program
    .command('eval')
    .description('evaluate a model on MTEB-style tasks (word similarity, analogy, STS, classification, clustering, retrieval, reranking)')
    .option('--tasks <names>', 'comma-separated task names (see --list)')
    .option('--suite <word|sts|sentence|all>', 'a group of tasks (default: word)')
    .option('--type <type>', `ad-hoc task type: ${TASK_TYPES.join('|')}`)
    .option('--file <path>', 'ad-hoc task data (a file; for retrieval a BEIR folder, for analogy also a BATS folder)')
    .option('--train <path>', 'ad-hoc classification: training file (with --test)')
    .option('--test <path>', 'ad-hoc: evaluation file (same as --file)')
    .option('--name <name>', 'ad-hoc: task name in results (default: file name)')
    .option('--data-dir <dir>', 'folder holding the evaluation sets (default: $EMBEDKIT_DATA_DIR)')
    .option('-o, --output <dir>', 'write result files under DIR/<model>/<Task>.json', 'results')
    .option('--no-output', 'do not write result files')
    .option('--compare <dirs...>', 'print two result folders side by side (no evaluation)')
    .option('--list', 'list the declared tasks')
    .option('--restrict-vocab <n>', `analogy: answer from and require question words among the N most frequent words (default ${DEFAULT_RESTRICT_VOCAB})`)
    .option('--oov <skip|dummy>', 'word similarity: skip pairs with unknown words (default) or score them 0 (dummy)')
    .option('--analogy-method <add|mul|both>', 'analogy: 3CosAdd, 3CosMul or both (default both; main score is 3CosAdd)')
    .option('--seed <n>', 'seed for cross-validation folds and k-means (default 42)')
    .option('--folds <n>', 'classification without a train split: cross-validation folds (default 10)')
    .option('--restarts <n>', 'clustering: k-means restarts (default 10)')
    .option('--skip-bad-rows', 'skip malformed rows (counted in a warning) instead of failing')
    .option('--encoding <auto|utf8|latin1>', 'text encoding of data files (default auto: UTF-8, else Latin-1)');
  withPoolingOptions(cmd);
  withOnnxOptions(cmd);
  withExamples(withCommonOptions(cmd), [
    'embedkit eval --suite word --data-dir ../shared/data',
    'embedkit eval --tasks STSBenchmark,SICK-R --pooling sif --json',
    'embedkit eval --type sts --file my-pairs.tsv --no-output',
    'embedkit eval --type classification --train train.tsv --test test.tsv',
    'embedkit eval --type retrieval --file ./my-beir-folder',
    'embedkit eval --compare results/glove-100d results/my-model',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext(opts);
    if (opts.list === true) return listTasks(ctx);
    if (opts.compare !== undefined) {
      if (opts.compare.length !== 2) throw badOption('--compare', 'two result folders', opts.compare.join(' '));
      const [a, b] = opts.compare as [string, string];
      const ra = await readResultFolder(a);
      const rb = await readResultFolder(b);
      return ctx.out({ a, b, tasks: compareJson(ra, rb) }, compareTable(ra, rb, basename(resolve(a)), basename(resolve(b))));
    }
    const { tasks, declared } = selectTasks(opts);
    const dataDir = opts.dataDir ?? dataDirSetting();
    if (declared && dataDir === undefined) {
      throw new EmbedkitError('BAD_OPTION', '--data-dir', { expected: 'the folder holding the evaluation sets (or EMBEDKIT_DATA_DIR)', received: 'neither', where: '--data-dir' });
    }
    const methodChoice = choiceOption('--analogy-method', opts.analogyMethod, ['add', 'mul', 'both'] as const, 'both');
    const encoding = opts.encoding === undefined ? undefined : choiceOption<Encoding | 'auto'>('--encoding', opts.encoding, ['auto', 'utf8', 'latin1'], 'auto');
    const model = opts.model ?? 'glove-100d';
    const embedder = await loadModelEmbedder(ctx, model, modelEmbedderOptions(opts));
    const vectors = embedder instanceof StaticEmbedder ? embedder.vectors : undefined;
    let bar: ReturnType<CommandContext['progress']> | undefined;
    try {
      const results = await evaluateTasks(tasks, { embedder, ...(vectors !== undefined ? { vectors } : {}) }, {
        dataDir: resolve(dataDir ?? '.'),
        warn: ctx.warn,
        skipUnsupported: opts.suite !== undefined,
        analogyMethods: methodChoice === 'both' ? ['add', 'mul'] : [methodChoice],
        ...(opts.restrictVocab !== undefined ? { restrictVocab: intOption('--restrict-vocab', opts.restrictVocab, DEFAULT_RESTRICT_VOCAB) } : {}),
        ...(opts.oov !== undefined ? { oov: choiceOption('--oov', opts.oov, ['skip', 'dummy'] as const, 'skip') } : {}),
        ...(opts.seed !== undefined ? { seed: intOption('--seed', opts.seed, 42, 0) } : {}),
        ...(opts.folds !== undefined ? { folds: intOption('--folds', opts.folds, 10, 2) } : {}),
        ...(opts.restarts !== undefined ? { restarts: intOption('--restarts', opts.restarts, 10) } : {}),
        ...(opts.skipBadRows === true ? { skipBadRows: true } : {}),
        ...(encoding !== undefined ? { encoding } : {}),
        onTaskStart: (t, i, n) => {
          bar?.stop();
          bar = ctx.progress(`[${i + 1}/${n}] ${t.name}`, 1, 'steps');
          if (!ctx.json) process.stderr.write(`embedkit: [${i + 1}/${n}] ${t.name} (${t.type})\n`);
        },
        onTaskProgress: (done, total) => {
          bar?.update(done, total);
        },
        onTaskDone: (r) => {
          bar?.stop();
          if (!ctx.json) process.stderr.write(`embedkit:   ${r.task}: ${r.mainScore === null ? 'n/a' : r.mainScore.toFixed(4)} (${r.evaluationTime.toFixed(1)} s)\n`);
        },
      });
      const written = opts.output === false ? [] : await writeResultFiles(opts.output ?? 'results', model, embedder.info, results);
      ctx.out(
        { model, embedder: embedder.info, results: results.map((r) => ({ task: r.task, type: r.type, mainScore: r.mainScore, metrics: r.metrics })), files: written },
        () => summaryTable(results) + (written.length > 0 ? `\n\nResult files: ${resolve(opts.output || 'results')}` : ''),
      );
    } finally {
      bar?.stop();
      await embedder.dispose();
    }
  });
}
