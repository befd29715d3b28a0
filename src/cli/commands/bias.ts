/**
 * `embedkit bias weat|seat|direct`: bias measurement, thin over src/analysis/bias — WEAT on word vectors
 * (Caliskan et al. 2017), SEAT on any embedder (May et al. 2019), the concept direction and DirectBias
 * (Bolukbasi et al. 2016).
 */
import type { Command } from 'commander';
import { readProfessions, readWordPairs, debiasweListPath } from '../../analysis/bias/debiaswe-lists.js';
import { DIRECT_BIAS_OPTIONS } from '../../analysis/bias/direct-bias-options.js';
import { directBias, pairDirection, type WordProjection } from '../../analysis/bias/direct-bias.js';
import { seat } from '../../analysis/bias/seat.js';
import { WEAT_OPTIONS, weatRun } from '../../analysis/bias/weat-options.js';
import { weat, type WeatResult } from '../../analysis/bias/weat.js';
import { loadWeatTest, WEAT_ROLES } from '../../analysis/bias/word-sets.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { dataDirOf, withDataDirOption, type DataDirOptions } from '../data-dir-option.js';
import { embedderOptionsFrom, withEmbedderOptions } from '../embedder-options.js';
import { round } from '../format-neighbors.js';
import { columns, formatP, signed } from '../format-report.js';
import { loadModelEmbedder, loadModelVectors } from '../load-model.js';
import { addSpecOptions, givenSpecValues, specValues } from '../option-flags.js';

interface Opts extends CommonOptions, DataDirOptions {
  readonly pairs?: string;
  readonly words?: string;
}

const WHAT = 'the bias word lists (bias-weat/, bias-debiaswe/)';

function loadTest(opts: Opts) {
  const dataDir = dataDirOf(opts);
  const run = weatRun(givenSpecValues(WEAT_OPTIONS, opts), dataDir);
  return { run, test: loadWeatTest(run.test, { ...run.load, ...(dataDir !== undefined ? { dataDir } : {}) }) };
}

/** The human report of a WEAT / SEAT result. */
export function weatReport(title: string, r: WeatResult): string {
  const c = r.categories;
  const p = r.pMethod === null ? '—' : `${formatP(r.p)} (${r.pMethod === 'exact' ? `exact, ${r.partitions.toLocaleString('en-US')} partitions` : `${(r.evaluated - 1).toLocaleString('en-US')} random partitions`})`;
  const rows = [
    ['effect size', `${r.effectSize.toFixed(4)} (${r.std} std)`],
    ['statistic', r.statistic.toFixed(4)],
    ['p', p],
    ['sizes', WEAT_ROLES.map((role) => `${c[role]} ${r.sizes[role]}`).join(', ')],
    ['missing', r.missing.length === 0 ? '—' : r.missing.join(', ')],
  ];
  return `${title}: ${c.targ1} / ${c.targ2} vs ${c.attr1} / ${c.attr2}\n${columns(rows)}`;
}

function sideList(list: readonly WordProjection[]): string {
  return list.map((w) => `${w.word} ${signed(w.score, 3).trim()}`).join(', ');
}

function registerWeat(bias: Command): void {
  const cmd = bias.command('weat').description('WEAT (Caliskan et al. 2017) on word vectors: effect size, statistic, permutation p-value, missing words');
  addSpecOptions(cmd, WEAT_OPTIONS);
  withExamples(withCommonOptions(withDataDirOption(cmd, WHAT)), [
    'embedkit bias weat --test weat6 --data-dir ../shared/data',
    'embedkit bias weat --test wefe:weat7 --std sample --json',
    'embedkit bias weat --model ./debiased.bin --test my-test.jsonl',
    'embedkit bias weat --test sets.json --sets flowers,insects,pleasant,unpleasant --permutations 10000',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext(opts);
    const { run, test } = loadTest(opts);
    const kv = await loadModelVectors(ctx, opts.model);
    const r = weat(kv, test, { ...run.options, onWarning: ctx.warn });
    ctx.out({ model: opts.model, ...r }, () => weatReport(`WEAT ${r.test} on ${opts.model}`, r));
  });
}

function registerSeat(bias: Command): void {
  const cmd = bias.command('seat').description('SEAT (May et al. 2019): the WEAT statistics on any embedder, with template sentences (sent-weat*) or words embedded as texts');
  addSpecOptions(cmd, WEAT_OPTIONS);
  withEmbedderOptions(cmd);
  withExamples(withCommonOptions(withDataDirOption(cmd, WHAT)), [
    'embedkit bias seat --test sent-weat6 --data-dir ../shared/data',
    'embedkit bias seat --model ./all-MiniLM-L6-v2 --test sent-weat7 --json',
    'embedkit bias seat --test sent-weat6 --remove-directions gender.json   # after direction removal',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext(opts);
    const { run, test } = loadTest(opts);
    const embedder = await loadModelEmbedder(ctx, opts.model, embedderOptionsFrom(opts));
    const bar = ctx.progress('Embedding', 1, 'texts');
    try {
      const r = await seat(embedder, test, { ...run.options, onWarning: ctx.warn, embed: { onProgress: (d, t) => bar.update(d, t) } });
      bar.stop();
      ctx.out({ model: opts.model, ...r }, () => weatReport(`SEAT ${r.test} on ${r.embedder}`, r));
    } finally {
      bar.stop();
      await embedder.dispose();
    }
  });
}

function registerDirect(bias: Command): void {
  const cmd = bias
    .command('direct')
    .description('the concept direction (first principal component of definitional pairs, as debiaswe) and DirectBias_c of neutral words (Bolukbasi et al. 2016)')
    .option('--pairs <file>', 'definitional pairs, JSON [["woman", "man"], …] (default: the data root\'s bias-debiaswe/definitional_pairs.json)')
    .option('--words <file>', 'neutral words, JSON ["word", …] or professions [["word", def, stereo], …] (default: bias-debiaswe/professions.json)');
  addSpecOptions(cmd, DIRECT_BIAS_OPTIONS, { short: { topK: '-k' } });
  withExamples(withCommonOptions(withDataDirOption(cmd, WHAT)), [
    'embedkit bias direct --data-dir ../shared/data',
    'embedkit bias direct --model ./debiased.bin -k 5 --json',
    'embedkit bias direct --pairs my-pairs.json --words my-words.json --c 0.5',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext(opts);
    const o = specValues(DIRECT_BIAS_OPTIONS, opts);
    const dataDir = dataDirOf(opts);
    const pairs = readWordPairs(debiasweListPath('definitional', 'pairs', opts.pairs, dataDir));
    const words = readProfessions(debiasweListPath('professions', 'words', opts.words, dataDir)).map((p) => p.word);
    const kv = await loadModelVectors(ctx, opts.model);
    const d = pairDirection(kv, pairs);
    if (d.missing.length > 0) ctx.warn(`${d.missing.length} word(s) of the definitional pairs are not in the vocabulary (their pairs were skipped): ${d.missing.join(', ')}`);
    const r = directBias(kv, d.direction, words, o);
    const side = (list: readonly WordProjection[]) => list.map((w) => ({ word: w.word, score: round(w.score) }));
    const json = {
      model: opts.model,
      directBias: r.directBias,
      c: r.c,
      words: r.projections.length,
      pairs: d.pairs.length,
      explainedVarianceRatio: Array.from(d.explainedVarianceRatio),
      positive: side(r.positive),
      negative: side(r.negative),
      missing: r.missing,
      missingPairWords: d.missing,
    };
    ctx.out(json, () =>
      [
        `DirectBias_${r.c} on ${opts.model}: ${r.directBias.toFixed(4)} over ${r.projections.length} neutral words (${r.missing.length} missing)`,
        columns([
          ['direction', `first principal component of ${d.pairs.length} pairs, explains ${(d.explainedVarianceRatio[0]! * 100).toFixed(1)}% (then ${Array.from(d.explainedVarianceRatio.slice(1, 4), (v) => `${(v * 100).toFixed(1)}%`).join(', ')})`],
          [`${d.pairs[0]?.[0] ?? 'first'} side`, sideList(r.positive)],
          [`${d.pairs[0]?.[1] ?? 'second'} side`, sideList(r.negative)],
        ]),
      ].join('\n'),
    );
  });
}

export function register(program: Command): void {
  const bias = program.command('bias').description('measure bias in an embedding space: WEAT (word vectors), SEAT (any embedder), DirectBias');
  registerWeat(bias);
  registerSeat(bias);
  registerDirect(bias);
}
