/**
 * `embedkit debias hard`: hard debiasing exactly as debiaswe (Bolukbasi et al. 2016) — neutralize every
 * word outside the gender-specific list, equalize the equalize pairs — written as a new vectors file usable
 * as `--model`; reports DirectBias and WEAT 6–8 before and after (src/analysis/bias).
 */
import type { Command } from 'commander';
import { debiasReport, type BiasSnapshot } from '../../analysis/bias/debias-report.js';
import { debiasweListPath, readProfessions, readWordList, readWordPairs } from '../../analysis/bias/debiaswe-lists.js';
import { hardDebias } from '../../analysis/bias/hard-debias.js';
import { listWeatTests, loadWeatTest } from '../../analysis/bias/word-sets.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { dataDirOf, withDataDirOption, type DataDirOptions } from '../data-dir-option.js';
import { columns, formatP } from '../format-report.js';
import { loadModelVectors } from '../load-model.js';
import { vectorsOutputFormat, withVectorsOutput, writeVectorsOutput, type VectorsOutputOptions } from '../vectors-output.js';

interface Opts extends CommonOptions, DataDirOptions, VectorsOutputOptions {
  readonly definitional?: string;
  readonly specific?: string;
  readonly equalize?: string;
  readonly words?: string;
}

/** WEAT tests of the before/after report (when the data root has them). */
const REPORT_TESTS = ['weat6', 'weat7', 'weat8'];

function reportLines(before: BiasSnapshot, after: BiasSnapshot): string {
  const rows = [['', 'before', 'after']];
  if (before.directBias !== null && after.directBias !== null) rows.push(['DirectBias (neutral words)', before.directBias.toFixed(4), after.directBias.toFixed(4)]);
  before.weat.forEach((b, i) => {
    const a = after.weat[i]!;
    rows.push([`${b.test} effect size (p)`, `${b.effectSize.toFixed(3)} (${formatP(b.p)})`, `${a.effectSize.toFixed(3)} (${formatP(a.p)})`]);
  });
  return columns(rows);
}

export function register(program: Command): void {
  const debias = program.command('debias').description('remove a bias direction from word vectors (hard debiasing, Bolukbasi et al. 2016)');
  const cmd = debias
    .command('hard')
    .description('hard debias as debiaswe: neutralize every word not in the gender-specific list, equalize the equalize pairs (and their case variants)')
    .option('--definitional <file>', 'pairs defining the direction, JSON [["woman", "man"], …] (default: the data root\'s bias-debiaswe/definitional_pairs.json)')
    .option('--specific <file>', 'words left as they are, JSON ["he", …] (default: bias-debiaswe/gender_specific_full.json)')
    .option('--equalize <file>', 'pairs made equidistant from every neutral word (default: bias-debiaswe/equalize_pairs.json)')
    .option('--words <file>', 'neutral words for the DirectBias report (default: bias-debiaswe/professions.json when present)');
  withVectorsOutput(cmd);
  withExamples(withCommonOptions(withDataDirOption(cmd, 'the bias word lists (bias-debiaswe/, bias-weat/)')), [
    'embedkit debias hard --output glove-debiased.bin --data-dir ../shared/data',
    'embedkit bias weat --model glove-debiased.bin --test weat7 --data-dir ../shared/data',
    'embedkit debias hard --model ./vectors.txt --definitional pairs.json --specific keep.json --equalize eq.json --output out.vec --json',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext(opts);
    const format = vectorsOutputFormat(opts)!;
    const dataDir = dataDirOf(opts);
    const definitional = readWordPairs(debiasweListPath('definitional', 'definitional', opts.definitional, dataDir));
    const genderSpecific = readWordList(debiasweListPath('genderSpecific', 'specific', opts.specific, dataDir));
    const equalize = readWordPairs(debiasweListPath('equalize', 'equalize', opts.equalize, dataDir));
    const neutral = opts.words !== undefined || dataDir !== undefined ? readProfessions(debiasweListPath('professions', 'words', opts.words, dataDir)).map((p) => p.word) : [];
    const known = dataDir === undefined ? [] : listWeatTests(dataDir);
    const tests = REPORT_TESTS.filter((t) => known.includes(t)).map((t) => loadWeatTest(t, { dataDir: dataDir! }));
    const kv = await loadModelVectors(ctx, opts.model);
    const bar = ctx.progress('Debiasing', kv.size, 'words');
    const r = hardDebias(kv, { definitional, genderSpecific, equalize, onProgress: (d) => bar.update(d) });
    bar.stop();
    const written = await writeVectorsOutput(r.vectors, opts.output!, format);
    const report = debiasReport(kv, r.vectors, { direction: r.direction, neutral, tests, weat: { onWarning: ctx.warn } });
    const json = { model: opts.model, ...written, neutralized: r.neutralized, kept: r.kept, equalized: r.equalized.length, equalizedPairs: r.equalized, ...report };
    ctx.out(json, () =>
      [
        `Hard-debiased ${opts.model}: ${r.neutralized.toLocaleString('en-US')} words neutralized, ${r.kept.toLocaleString('en-US')} kept as gender-specific, ${r.equalized.length} pairs equalized → ${written.output} (${written.format})`,
        reportLines(report.before, report.after),
        `What is kept: embedkit eval --model ${written.output} --suite word (compare with --model ${opts.model}).`,
      ].join('\n'),
    );
  });
}
