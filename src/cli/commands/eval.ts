/**
 * `embedkit eval`: MTEB-style evaluation of a model on declared tasks (`--tasks`, `--suite`), or on your
 * own file (`--type TYPE --file F`, `--train/--test`, a BEIR folder); writes MTEB-layout result files and
 * prints a markdown summary; `--compare A B` prints two result folders side by side.
 */
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_SENTENCE_MODEL, DEFAULT_WORD_MODEL } from '../../embedders/named-models.js';
import { StaticEmbedder } from '../../embedders/static-embedder.js';
import { badOption } from '../../errors.js';
import { checkOutputDir } from '../../io/output-path.js';
import { EVAL_OPTIONS, evalOptions } from '../../eval/eval-options.js';
import { evaluateTasks } from '../../eval/evaluate.js';
import { compareJson, compareTable, readResultFolder, summaryTable, writeResultFiles } from '../../eval/results.js';
import { selectTasks, TASK_SELECTION_OPTIONS } from '../../eval/select-tasks.js';
import { TASKS } from '../../eval/tasks.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { dataDirOf, requireDataDir, withDataDirOption } from '../data-dir-option.js';
import { embedderOptionsFrom, withEmbedderOptions } from '../embedder-options.js';
import { loadModelEmbedder } from '../load-model.js';
import { addSpecOptions, givenSpecValues } from '../option-flags.js';
import { aboveProgress } from '../progress.js';

interface Opts extends CommonOptions {
  readonly output?: string | false;
  readonly compare?: string[];
  readonly list?: boolean;
  readonly suite?: string;
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
    .option('-o, --output <dir>', 'write result files under DIR/<model>/<Task>.json', 'results')
    .option('--no-output', 'do not write result files')
    .option('--compare <dirs...>', 'print two result folders side by side (no evaluation)')
    .option('--list', 'list the declared tasks');
  withDataDirOption(cmd);
  addSpecOptions(cmd, TASK_SELECTION_OPTIONS, { descriptions: { tasks: 'comma-separated task names (see --list)' } });
  addSpecOptions(cmd, EVAL_OPTIONS);
  withEmbedderOptions(cmd);
  withExamples(withCommonOptions(cmd, { model: 'auto' }), [
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
      if (opts.compare.length !== 2) throw badOption('compare', 'two result folders', opts.compare.join(' '));
      const [a, b] = opts.compare as [string, string];
      const ra = await readResultFolder(a);
      const rb = await readResultFolder(b);
      return ctx.out({ a, b, tasks: compareJson(ra, rb) }, compareTable(ra, rb, basename(resolve(a)), basename(resolve(b))));
    }
    const { tasks, declared } = selectTasks(givenSpecValues(TASK_SELECTION_OPTIONS, opts));
    const runOptions = evalOptions(givenSpecValues(EVAL_OPTIONS, opts));
    const dataDir = declared ? requireDataDir(opts) : dataDirOf(opts);
    if (opts.output !== false) checkOutputDir(opts.output ?? 'results', 'output'); // before the tasks run
    const wordTasks = tasks.every((t) => t.type === 'word-similarity' || t.type === 'analogy');
    const model = opts.model ?? (wordTasks ? DEFAULT_WORD_MODEL : DEFAULT_SENTENCE_MODEL);
    const embedder = await loadModelEmbedder(ctx, model, embedderOptionsFrom(opts));
    const vectors = embedder instanceof StaticEmbedder ? embedder.vectors : undefined;
    let bar: ReturnType<CommandContext['progress']> | undefined;
    try {
      const results = await evaluateTasks(tasks, { embedder, ...(vectors !== undefined ? { vectors } : {}) }, {
        dataDir: resolve(dataDir ?? '.'),
        warn: ctx.warn,
        skipUnsupported: opts.suite !== undefined,
        ...runOptions,
        onTaskStart: (t, i, n) => {
          bar?.stop();
          bar = ctx.progress(`[${i + 1}/${n}] ${t.name}`, 1, 'steps');
          if (!ctx.json) aboveProgress(`embedkit: [${i + 1}/${n}] ${t.name} (${t.type})\n`);
        },
        onTaskProgress: (done, total) => {
          bar?.update(done, total);
        },
        onTaskDone: (r) => {
          bar?.stop();
          if (!ctx.json) aboveProgress(`embedkit:   ${r.task}: ${r.mainScore === null ? 'n/a' : r.mainScore.toFixed(4)} (${r.evaluationTime.toFixed(1)} s)\n`);
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
