/**
 * `embedkit isotropy`: how evenly a set of embeddings uses its space — IsoScore, the partition ratio I(W)
 * and the mean pairwise cosine (src/analysis/isotropy) — for a model's vocabulary, texts embedded by any
 * model, or a `.npy` matrix, optionally after a transform file.
 */
import type { Command } from 'commander';
import { ISOTROPY_OPTIONS, isotropyRun } from '../../analysis/isotropy/isotropy-options.js';
import { measureIsotropy, type IsotropyReport } from '../../analysis/isotropy/measure-isotropy.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { describeMatrixInput, readMatrixInput, withMatrixInput, type MatrixInput, type MatrixInputOptions } from '../matrix-input.js';
import { addSpecOptions, givenSpecValues } from '../option-flags.js';

type Opts = CommonOptions & MatrixInputOptions;

function report(r: IsotropyReport, input: MatrixInput): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  const pr = r.partitionRatio > 0 && r.partitionRatio < 1e-3 ? r.partitionRatio.toExponential(3) : r.partitionRatio.toFixed(4);
  const mc =
    r.meanCosineMethod === 'exact'
      ? `exact, all ${n(r.meanCosinePairs)} ordered pairs`
      : `sampled, ${n(r.meanCosinePairs)} pairs, standard error ${r.meanCosineStandardError?.toExponential(1) ?? '?'}, seed ${r.meanCosineSeed ?? '?'}`;
  return [
    `Isotropy of ${describeMatrixInput(input)} (${n(r.points)} × ${r.dim}):`,
    `  IsoScore     ${r.isoScore.toFixed(4)}  (1: variance spread evenly over all ${r.dim} dimensions; 0: along one; defect ${r.isotropyDefect.toFixed(4)})`,
    `  I(W)         ${pr}  (partition-function ratio, Mu & Viswanath 2018; 1: isotropic; log I = ${r.partitionLogRatio.toFixed(4)})`,
    `  mean cosine  ${r.meanCosine.toFixed(4)}  (${mc}; 0: no common direction)`,
  ].join('\n');
}

export function register(program: Command): void {
  const cmd = program
    .command('isotropy')
    .description("IsoScore, the partition ratio I(W) and the mean cosine of a model's vocabulary, of embedded texts, or of a .npy matrix");
  withMatrixInput(cmd);
  addSpecOptions(cmd, ISOTROPY_OPTIONS);
  withExamples(withCommonOptions(cmd, { model: false }), [
    'embedkit isotropy                                        # glove-100d, all 341,479 words',
    'embedkit isotropy --model ./vectors.bin --limit 50000 --json',
    'embedkit isotropy --vectors embeddings.npy --mean-cosine sampled --samples 100000 --seed 1',
    'embedkit isotropy --model ./all-MiniLM-L6-v2 --input sentences.txt',
    'embedkit transform fit --kind abtt --output abtt.json && embedkit isotropy --transforms abtt.json',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext(opts);
    const run = isotropyRun(givenSpecValues(ISOTROPY_OPTIONS, opts));
    const input = await readMatrixInput(ctx, opts, run.limit);
    const r = await ctx.withProgress('Measuring isotropy', 3, 'steps', (bar) => measureIsotropy(input.matrix, { ...run.options, onProgress: (d) => bar.update(d) }));
    ctx.out({ ...r, input: input.kind, source: input.source, transforms: input.transforms ?? null }, () => report(r, input));
  });
}
