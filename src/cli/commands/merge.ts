/**
 * `embedkit merge`: adapters of one base model (`--adapters a/,b/`) or word-vector models with the same
 * vocabulary (`--models a.txt,b.txt`) combined by weight interpolation; with `--dev`, the adapters'
 * coefficients are learned on dev data (Self Positioning). src/analysis/adapters/merge-adapters.ts.
 */
import type { Command } from 'commander';
import { readAdapterData } from '../../analysis/adapters/adapter-data.js';
import { interpolateAdapters, interpolateVectors, selfPositioning } from '../../analysis/adapters/merge-adapters.js';
import { MERGE_OPTIONS } from '../../analysis/adapters/merge-options.js';
import { createEmbedder } from '../../embedders/create-embedder.js';
import { checkAdapterBase, readAdapterFolder, saveAdapterFolder } from '../../embedders/transforms/adapter-folder.js';
import { describeTransform } from '../../embedders/transforms/transformed-embedder.js';
import { EmbedkitError } from '../../errors.js';
import { checkOutputDir, checkOutputPath } from '../../io/output-path.js';
import { writeVectors } from '../../vectors/formats/index.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { loadModelVectors } from '../load-model.js';
import { addSpecOptions, specValues } from '../option-flags.js';

interface Opts extends CommonOptions {
  readonly output: string;
}

const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;

function numbers(list: readonly string[] | undefined): number[] | undefined {
  return list?.map((s) => {
    const x = Number(s);
    if (!Number.isFinite(x)) throw new EmbedkitError('BAD_OPTION', 'weights', { expected: 'numbers', received: s, where: 'weights' });
    return x;
  });
}

export function register(program: Command): void {
  const cmd = program
    .command('merge')
    .description('merge adapters (or same-vocabulary word-vector models) by weight interpolation; --dev learns the coefficients (Self Positioning)')
    .requiredOption('-o, --output <path>', 'the merged adapter folder (or vectors file for --models)');
  addSpecOptions(cmd, MERGE_OPTIONS);
  withExamples(withCommonOptions(cmd, { model: false }), [
    'embedkit merge --adapters ./sts-adapter,./cran-adapter --output ./merged',
    'embedkit merge --adapters ./sts-adapter,./cran-adapter --dev sts-dev.csv,./cranfield-beir --queries 100-112 --output ./merged-sp --json',
    'embedkit merge --models a.txt,b.txt --weights 0.7,0.3 --output merged.txt',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext(opts);
    const o = specValues(MERGE_OPTIONS, opts);
    const weights = numbers(o.weights);
    if ((o.adapters === undefined) === (o.models === undefined)) {
      throw new EmbedkitError('BAD_OPTION', 'adapters', { expected: 'either `adapters` or `models`', received: o.adapters === undefined ? 'neither' : 'both', where: 'adapters' });
    }
    if (o.models !== undefined) checkOutputPath(opts.output, 'output');
    else checkOutputDir(opts.output, 'output');
    if (o.models !== undefined) {
      if (o.dev !== undefined) throw new EmbedkitError('BAD_OPTION', 'dev', { expected: 'adapters (Self Positioning learns adapter coefficients)', received: 'models', where: 'dev' });
      const models = [];
      for (const m of o.models) models.push(await loadModelVectors(ctx, m));
      const merged = interpolateVectors(models, weights);
      await writeVectors(merged, opts.output);
      ctx.out({ output: opts.output, models: o.models, weights: weights ?? o.models.map(() => 1 / o.models!.length), words: merged.size, dim: merged.dim }, `Merged ${o.models.join(' + ')} → ${opts.output} (${merged.size.toLocaleString('en-US')} words × ${merged.dim})`);
      return;
    }
    const folders = o.adapters!.map(readAdapterFolder);
    const base = folders[0]!.manifest.base;
    for (const f of folders) {
      if (f.manifest.base.id !== base.id) throw new EmbedkitError('MODEL_MISMATCH', `adapter ${f.dir}`, { expected: `base ${base.id} (as ${folders[0]!.dir})`, received: `base ${f.manifest.base.id}`, where: 'adapters' });
      if (f.transforms.length !== 1) throw new EmbedkitError('UNSUPPORTED', `adapter ${f.dir}`, { expected: 'one adapter transform', received: `${f.transforms.length} transforms`, where: 'adapters' });
    }
    const adapters = folders.map((f) => f.transforms[0]!);
    let merged;
    let coefficients = weights ?? adapters.map(() => 1 / adapters.length);
    let devLoss: number[] | undefined;
    if (o.dev !== undefined) {
      if (o.dev.length !== adapters.length) throw new EmbedkitError('BAD_OPTION', 'dev', { expected: `${adapters.length} dev sets (one per adapter)`, received: String(o.dev.length), where: 'dev' });
      const dev = [];
      for (const d of o.dev) dev.push({ data: await readAdapterData(d, { onWarning: ctx.warn, ...(o.queries !== undefined ? { queries: o.queries } : {}) }) });
      const embedder = await createEmbedder(base.model, { onWarning: ctx.warn });
      try {
        checkAdapterBase(folders[0]!, embedder);
        const bar = ctx.progress('Self Positioning', o.steps ?? 30, 'steps');
        const r = await selfPositioning(embedder, adapters, dev, {
          ...(o.steps !== undefined ? { steps: o.steps } : {}),
          ...(o.learningRate !== undefined ? { learningRate: o.learningRate } : {}),
          ...(weights !== undefined ? { initial: weights } : {}),
          onProgress: (s, total, loss) => bar.update(s, total, { loss: loss.toFixed(4) }),
        });
        bar.stop();
        merged = r.transform;
        coefficients = r.coefficients;
        devLoss = r.loss;
      } finally {
        await embedder.dispose();
      }
    } else merged = interpolateAdapters(adapters, coefficients);
    const summary = { method: o.dev !== undefined ? 'self-positioning' : 'interpolation', adapters: o.adapters!, coefficients: coefficients.map(r4), ...(devLoss !== undefined ? { devLoss: [r4(devLoss[0]!), r4(devLoss[devLoss.length - 1]!)] } : {}) };
    await saveAdapterFolder(opts.output, base, [merged], summary);
    ctx.out(
      { output: opts.output, base: base.id, transform: describeTransform(merged.toSpec()), model: `${base.model}+${opts.output}`, ...summary },
      `Merged ${o.adapters!.length} adapters of ${base.id} (${summary.method}, coefficients ${summary.coefficients.join(', ')}) → ${opts.output}\nUse it: --model ${base.model}+${opts.output}`,
    );
  });
}
