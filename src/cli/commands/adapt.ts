/**
 * `embedkit adapt`: trains an adapter (linear, low-rank or small MLP map) on a frozen model's embeddings
 * with mnrl (in-batch and mined hard negatives), cosent or distillation from a teacher, optionally with the
 * Matryoshka loss, and saves it as a folder used as `--model BASE+FOLDER` (src/analysis/adapters).
 */
import type { Command } from 'commander';
import { adaptEmbedder, defaultLoss } from '../../analysis/adapters/adapt.js';
import { ADAPT_OPTIONS } from '../../analysis/adapters/adapt-options.js';
import { readAdapterData } from '../../analysis/adapters/adapter-data.js';
import type { Embedder } from '../../embedders/embedder.js';
import { saveAdapterFolder } from '../../embedders/transforms/adapter-folder.js';
import { describeTransform } from '../../embedders/transforms/transformed-embedder.js';
import { checkOutputDir } from '../../io/output-path.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { embedderOptionsFrom, withEmbedderOptions } from '../embedder-options.js';
import { loadModelEmbedder } from '../load-model.js';
import { addSpecOptions, specValues } from '../option-flags.js';
import type { Progress } from '../progress.js';

interface Opts extends CommonOptions {
  readonly train: string;
  readonly output: string;
}

const round = (x: number): number => Math.round(x * 1e5) / 1e5;

export function register(program: Command): void {
  const cmd = program
    .command('adapt')
    .description('train an adapter on a frozen model (contrastive with hard negatives, CoSENT, distillation, Matryoshka) and save it for --model BASE+FOLDER')
    .requiredOption('--train <path>', 'training data: STS TSV or STS-B file, JSONL {text1,text2,score} or {anchor,positive,negative?}, or a BEIR folder')
    .requiredOption('-o, --output <dir>', 'the adapter folder (adapter.json + transforms.json)');
  addSpecOptions(cmd, ADAPT_OPTIONS);
  withExamples(withEmbedderOptions(withCommonOptions(cmd, { model: 'sentence' })), [
    'embedkit adapt --model glove-100d --train sts-train.csv --output ./sts-adapter',
    'embedkit similarity --model glove-100d+./sts-adapter "A man plays guitar." "Someone plays an instrument."',
    'embedkit adapt --train ./cranfield-beir --queries 1-112 --loss mnrl --hard-negatives 4 --output ./cran-adapter --json',
    'embedkit adapt --model glove-100d --teacher minilm-l6 --loss distill --train pairs.jsonl --output ./distilled',
    'embedkit adapt --train sts-train.csv --matryoshka 32,64,128 --output ./mrl-adapter',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext(opts);
    const o = specValues(ADAPT_OPTIONS, opts);
    checkOutputDir(opts.output, 'output');
    const { teacher: teacherModel, dev: devPath, split, queries, devQueries, ...train } = o;
    const dataOpts = { onWarning: ctx.warn, ...(split !== undefined ? { split } : {}) };
    const data = await readAdapterData(opts.train, { ...dataOpts, ...(queries !== undefined ? { queries } : {}) });
    const dev = devPath !== undefined ? await readAdapterData(devPath, { ...dataOpts, ...(devQueries !== undefined ? { queries: devQueries } : {}) }) : undefined;
    const base = await loadModelEmbedder(ctx, opts.model, embedderOptionsFrom(opts));
    let teacher: Embedder | undefined;
    let bar: Progress | undefined;
    let barPhase = '';
    try {
      if (teacherModel !== undefined) teacher = await loadModelEmbedder(ctx, teacherModel);
      const loss = train.loss ?? defaultLoss(data, teacher !== undefined);
      const r = await adaptEmbedder(base, data, {
        ...train,
        loss,
        ...(teacher !== undefined ? { teacher } : {}),
        ...(dev !== undefined ? { dev } : {}),
        onProgress: (p) => {
          const phase = p.phase === 'embed' ? 'Embedding training texts' : `Training ${train.adapter ?? 'linear'} adapter (${loss}), epoch ${p.epoch}`;
          if (phase !== barPhase) {
            bar?.stop();
            barPhase = phase;
            bar = ctx.progress(phase, p.phase === 'embed' ? p.total : p.steps, p.phase === 'embed' ? 'texts' : 'steps');
          }
          if (p.phase === 'embed') bar!.update(p.done, p.total);
          else bar!.update(p.step, p.steps, { loss: p.loss.toFixed(4) });
        },
      });
      bar?.stop();
      const t = r.training;
      const summary = {
        loss: r.loss,
        adapter: t.shape.kind,
        ...(t.shape.kind !== 'linear' ? { rank: t.shape.width } : {}),
        format: data.format,
        examples: t.examples,
        devExamples: t.devExamples,
        hardNegatives: r.hardNegatives,
        matryoshka: (train.matryoshka ?? []).map(Number),
        epochs: t.epochs,
        bestEpoch: t.bestEpoch,
        trainLoss: t.trainLoss.map(round),
        devLoss: t.devLoss.map(round),
        seconds: Math.round(t.seconds * 10) / 10,
        ...(teacher !== undefined ? { teacher: teacher.id } : {}),
        ...(queries !== undefined ? { queries } : {}),
      };
      await saveAdapterFolder(opts.output, base, [r.transform], { ...summary, train: opts.train });
      const use = `${opts.model ?? base.info.model}+${opts.output}`;
      ctx.out(
        { output: opts.output, base: base.id, transform: describeTransform(r.transform.toSpec()), model: use, ...summary },
        `Trained a ${t.shape.kind} adapter (${r.loss}) for ${base.id} on ${t.examples.toLocaleString('en-US')} examples: ` +
          `dev loss ${round(t.devLoss[0]!)} → ${round(t.devLoss[t.bestEpoch]!)} (best epoch ${t.bestEpoch} of ${t.epochs}), ${summary.seconds} s → ${opts.output}\nUse it: --model ${use}`,
      );
    } finally {
      bar?.stop();
      await teacher?.dispose();
      await base.dispose();
    }
  });
}
