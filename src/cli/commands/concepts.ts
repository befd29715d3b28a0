/**
 * `embedkit concepts`: texts as profiles over named concepts (explicit semantic analysis with
 * embeddings), and `concepts fit`: SESA concept weights fitted on labelled pairs, with the held-out gain
 * over the unsupervised space (src/analysis/concepts).
 */
import type { Command } from 'commander';
import { conceptProfiles } from '../../analysis/concepts/concept-profile.js';
import { CONCEPT_OPTIONS, SESA_OPTIONS } from '../../analysis/concepts/concept-options.js';
import { readLabelledPairs } from '../../analysis/concepts/labelled-pairs.js';
import { evaluateSesa, type PairMetrics } from '../../analysis/concepts/sesa.js';
import { saveConceptWeights } from '../../analysis/concepts/weights-file.js';
import { EmbedkitError } from '../../errors.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { buildConceptSpace, readConceptSpaceInputs, withConceptSpaceOptions, type ConceptSpaceFlags } from '../concept-space.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { embedderOptionsFrom, withEmbedderOptions } from '../embedder-options.js';
import { round } from '../format-neighbors.js';
import { columns, shorten, signed } from '../format-report.js';
import { readInputTexts, withTextInputOptions } from '../input-texts.js';
import { loadModelEmbedder } from '../load-model.js';
import { addSpecOptions, specValues } from '../option-flags.js';

interface Opts extends CommonOptions, ConceptSpaceFlags {
  readonly text?: string[];
  readonly input?: string;
}

interface FitOpts extends CommonOptions, ConceptSpaceFlags {
  readonly train?: string;
  readonly test?: string;
  readonly save?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function registerFit(concepts: Command): void {
  const cmd = concepts
    .command('fit')
    .description('SESA: fit one weight per concept on labelled text pairs (logistic regression) and report the held-out gain over the unsupervised space')
    .requiredOption('--train <file>', 'labelled pairs: s1<TAB>s2<TAB>score (or STS Benchmark, SICK, JSONL {sentence1, sentence2, score})')
    .requiredOption('--test <file>', 'held-out pairs, same shapes')
    .option('--save <file.json>', 'write the fitted weights ({names, weights, bias}; use with explain --weights)');
  withConceptSpaceOptions(cmd);
  addSpecOptions(cmd, SESA_OPTIONS);
  withEmbedderOptions(cmd);
  withExamples(withCommonOptions(cmd), [
    'embedkit concepts fit --concepts skills.json --train pairs-train.tsv --test pairs-test.tsv --save weights.json',
    'embedkit concepts fit --concepts supersenses.json --train ../shared/data/sts-benchmark/sts-train.csv --test ../shared/data/sts-benchmark/sts-test.csv --threshold 3 --json',
  ]);
  cmd.action(async (opts: FitOpts) => {
    const ctx = new CommandContext(opts);
    const { threshold, c } = specValues(SESA_OPTIONS, opts);
    const pairOpts = { ...(threshold !== undefined ? { threshold } : {}), warn: ctx.warn };
    const inputs = await readConceptSpaceInputs(opts);
    const train = await readLabelledPairs(opts.train!, pairOpts);
    const test = await readLabelledPairs(opts.test!, pairOpts);
    const embedder = await loadModelEmbedder(ctx, opts.model, embedderOptionsFrom(opts));
    try {
      const space = await buildConceptSpace(ctx, embedder, inputs);
      const r = await evaluateSesa(space, train, test, c !== undefined ? { c } : {});
      if (opts.save !== undefined) await saveConceptWeights(opts.save, r.weights);
      const weights = r.weights.names.map((name, i) => ({ concept: name, weight: round(r.weights.weights[i]!) }));
      const json = { trainPairs: r.trainPairs, testPairs: r.testPairs, testPositiveRate: r.testPositiveRate, embedding: r.embedding, unsupervised: r.unsupervised, supervised: r.supervised, gain: r.gain, weights, bias: r.weights.bias, ...(opts.save !== undefined ? { saved: opts.save } : {}) };
      const row = (name: string, m: PairMetrics): string[] => [name, m.ap.toFixed(4), m.accuracy.toFixed(4), m.spearman !== undefined ? m.spearman.toFixed(4) : '—'];
      const sorted = [...weights].sort((a, b) => b.weight - a.weight);
      ctx.out(json, () =>
        [
          `SESA on ${space.size} concepts: fitted on ${r.trainPairs} pairs, scored on ${r.testPairs} held-out pairs (${(r.testPositiveRate * 100).toFixed(1)}% matches)`,
          columns([['', 'AP', 'accuracy', 'Spearman'], row('embedding cosine', r.embedding), row('concepts (unsupervised)', r.unsupervised), row('concepts (SESA weights)', r.supervised)]),
          `  gain over unsupervised: AP ${signed(r.gain.ap).trim()}, accuracy ${signed(r.gain.accuracy).trim()}`,
          `  largest weights: ${sorted.slice(0, 5).map((w) => `${w.concept} ${w.weight.toFixed(2)}`).join(', ')}`,
          ...(opts.save !== undefined ? [`  weights → ${opts.save}`] : []),
        ].join('\n'),
      );
    } finally {
      await embedder.dispose();
    }
  });
}

export function register(program: Command): void {
  const cmd = program
    .command('concepts')
    .description('profile texts over named concepts (similarity to each concept: an interpretable vector); `concepts fit` learns SESA weights')
    .option('-t, --text <text>', 'a text to profile (repeatable)', collect, [])
    .option('-i, --input <file>', 'texts to profile: lines, .jsonl or .csv');
  withConceptSpaceOptions(cmd);
  withTextInputOptions(cmd);
  withEmbedderOptions(cmd);
  withExamples(withCommonOptions(cmd), [
    'embedkit concepts --concepts skills.json --text "I bake bread in the oven" --text "the band played a concert"',
    'embedkit concepts --concepts skills.json --input jobs.txt --center-on jobs.txt --top 3 --json',
    'embedkit concepts fit --concepts skills.json --train train.tsv --test test.tsv --save weights.json',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext(opts);
    const { top } = specValues(CONCEPT_OPTIONS, opts);
    const given = opts.text ?? [];
    if ((given.length > 0) === (opts.input !== undefined)) {
      throw new EmbedkitError('BAD_OPTION', 'text', { expected: 'texts with `text` (repeatable) or a file with `input`', received: given.length > 0 ? 'both' : 'neither' });
    }
    const inputs = await readConceptSpaceInputs(opts);
    const texts = opts.input !== undefined ? (await readInputTexts(opts.input, opts, 'input')).map((r) => r.text) : given;
    const embedder = await loadModelEmbedder(ctx, opts.model, embedderOptionsFrom(opts));
    try {
      const space = await buildConceptSpace(ctx, embedder, inputs);
      const profiles = await conceptProfiles(space, texts);
      const shown = top ?? (ctx.json ? space.size : Math.min(5, space.size));
      const json = {
        concepts: space.names,
        centred: space.center !== undefined,
        texts: profiles.map((p) => ({ text: p.text, concepts: p.concepts.slice(0, shown).map((s) => ({ concept: s.concept, score: round(s.score) })) })),
      };
      ctx.out(json, () => profiles.map((p) => `${shorten(p.text)}\n${columns(p.concepts.slice(0, shown).map((s) => [signed(s.score), s.concept]), '    ')}`).join('\n'));
    } finally {
      await embedder.dispose();
    }
  });
  registerFit(cmd);
}
