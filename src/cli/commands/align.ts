/**
 * `embedkit align`: map a source space onto a target space (two languages, two models, two periods) with
 * orthogonal Procrustes or a least-squares map, MUSE's refinement and CSLS (src/analysis/alignment); score
 * it on a test dictionary (bilingual lexicon induction, P@1/5/10), write the mapped source vectors and
 * save the map as a transform file.
 */
import type { Command } from 'commander';
import { ALIGN_OPTIONS, alignRun } from '../../analysis/alignment/align-options.js';
import { alignVectors, evaluateAlignment, type AlignmentResult } from '../../analysis/alignment/align.js';
import type { BliResult } from '../../analysis/alignment/bli.js';
import { identicalDictionary, readDictionary, type Dictionary } from '../../analysis/alignment/dictionary.js';
import { saveTransforms } from '../../embedders/transforms/transform-file.js';
import { EmbedkitError } from '../../errors.js';
import { formatFromPath, parseFormat, VECTOR_FORMATS, writeVectors } from '../../vectors/formats/index.js';
import type { VectorFormat } from '../../vectors/formats/types.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { columns } from '../format-report.js';
import { loadModelVectors } from '../load-model.js';
import { addSpecOptions, givenSpecValues } from '../option-flags.js';

interface Opts extends CommonOptions {
  readonly source: string;
  readonly target: string;
  readonly dict?: string;
  readonly test?: string;
  readonly output?: string;
  readonly to?: string;
  readonly saveTransform?: string;
}

const DEFAULT_MAX_VOCAB = 200_000;
const n = (x: number): string => x.toLocaleString('en-US');
const pct = (x: number | null): string => (x === null || !Number.isFinite(x) ? '—' : (100 * x).toFixed(1));

function seedLine(seed: Dictionary, file: string | undefined): string {
  if (file === undefined) return `seed: ${n(seed.source.length)} identical strings`;
  return `seed: ${n(seed.source.length)} pairs from ${file}${seed.missing > 0 ? ` (${n(seed.missing)} of ${n(seed.read)} left out: unknown or beyond the searched vocabulary)` : ''}`;
}

function report(o: Opts, res: AlignmentResult, seed: Dictionary, bli: BliResult | undefined, format: VectorFormat | undefined): string {
  const m = res.transform;
  const lines = [
    `Aligned ${o.source} (${n(res.mapped.size)} words) → ${o.target}: ${m.method}${m.steps.length > 0 ? `, preprocess ${m.steps.join(',')}` : ''}, ${m.inputDim} → ${m.outputDim} dims`,
    `  ${seedLine(seed, o.dict)}; searched: the first ${n(Math.min(res.maxVocab, res.mapped.size))} source and ${n(Math.min(res.maxVocab, res.target.size))} target words`,
    columns([['round', 'pairs', 'mean cosine'], ...res.rounds.map((r) => [String(r.round), n(r.dictionarySize), r.meanCosine === null ? '—' : r.meanCosine.toFixed(4)])]),
    `  kept round ${res.selectedRound}${res.rounds.length > 1 ? ' (best mean-cosine criterion)' : ''}`,
  ];
  if (bli !== undefined) {
    lines.push(
      `Test dictionary ${o.test}: ${n(bli.queries)} source words, ${n(bli.pairs)} pairs${bli.missing > 0 ? ` (${n(bli.missing)} left out: unknown words)` : ''}; precision %`,
      columns([
        ['', 'P@1', 'P@5', 'P@10'],
        ['NN', pct(bli['p@1']), pct(bli['p@5']), pct(bli['p@10'])],
        ['CSLS', pct(bli['cslsP@1']), pct(bli['cslsP@5']), pct(bli['cslsP@10'])],
      ]),
    );
  }
  if (o.output !== undefined) lines.push(`Wrote ${o.output} (${format}, ${n(res.mapped.size)} × ${res.mapped.dim}): the source words in the target space`);
  if (o.saveTransform !== undefined) lines.push(`Saved the map to ${o.saveTransform} (apply it with --transforms)`);
  return lines.join('\n');
}

/** A dictionary with at least one pair inside the searched words (else an error naming the file). */
function usable(dict: Dictionary, what: string, file: string): Dictionary {
  if (dict.source.length > 0) return dict;
  throw new EmbedkitError('EMPTY_INPUT', `${what} dictionary`, { expected: 'pairs with both words among the searched words', received: `0 of ${dict.read} pairs`, where: file, hint: 'check the direction (source target) or raise `maxVocab`' });
}

export function register(program: Command): void {
  const cmd = program
    .command('align')
    .description('align a source space to a target space (Procrustes or least squares, MUSE refinement, CSLS) and score it on a test dictionary')
    .requiredOption('--source <name|path>', 'the space mapped (registry name or vectors file)')
    .requiredOption('--target <name|path>', 'the space mapped onto')
    .option('--dict <file>', "seed dictionary, 'source target' per line (MUSE/XLING files); default: the identical strings of both spaces")
    .option('--test <file>', 'test dictionary (same format; several translations per word allowed): P@1/5/10 with NN and CSLS')
    .option('-o, --output <file>', 'write every source word mapped into the target space (.bin, .vec, .ekv, .txt; .gz compresses)')
    .option('--to <format>', `${VECTOR_FORMATS.join(' | ')} (default: from the output name)`)
    .option('--save-transform <file.json>', 'save the map as a transform file (applies to any source-space vectors: --transforms)');
  addSpecOptions(cmd, ALIGN_OPTIONS);
  withExamples(withCommonOptions(cmd, { model: false }), [
    'embedkit align --source wiki.fr.vec --target wiki.en.vec --dict fr-en.0-5000.txt --test fr-en.5000-6500.txt --output fr-aligned.bin',
    'embedkit align --source ./w2v.bin --target glove-100d --refinements 0 --preprocess unit,center,unit --max-vocab 50000 --json',
    'embedkit align --source ./text-model.vec --target ./other.vec --method least-squares --dict pairs.txt --save-transform map.json',
  ]);
  cmd.action(async (o: Opts) => {
    const ctx = new CommandContext(o);
    const run = alignRun(givenSpecValues(ALIGN_OPTIONS, o));
    if (o.to !== undefined && o.output === undefined) throw new EmbedkitError('BAD_OPTION', 'to', { expected: 'only with `output`', received: o.to, where: 'to' });
    const format = o.output === undefined ? undefined : o.to === undefined ? formatFromPath(o.output) : parseFormat(o.to, 'to');
    const source = await loadModelVectors(ctx, o.source);
    const target = await loadModelVectors(ctx, o.target);
    const maxVocab = run.align.maxVocab ?? DEFAULT_MAX_VOCAB;
    const seed = o.dict !== undefined ? usable(readDictionary(o.dict, source, target, { maxVocab }), 'seed', o.dict) : identicalDictionary(source, target, { maxVocab });
    const test = o.test !== undefined ? usable(readDictionary(o.test, source, target, { maxVocab }), 'test', o.test) : undefined;
    const res = await ctx.withProgress('Aligning', 1, 'rows scanned', (bar) => alignVectors(source, target, { ...run.align, dictionary: seed, onProgress: (d, t) => bar.update(d, t) }));
    const bli = test === undefined ? undefined : await ctx.withProgress('Evaluating', 1, 'rows scanned', (bar) => evaluateAlignment(res, test, { ...run.evaluation, onProgress: (d, t) => bar.update(d, t) }));
    if (o.output !== undefined) await writeVectors(res.mapped, o.output, format);
    if (o.saveTransform !== undefined) await saveTransforms(o.saveTransform, [res.transform]);
    const scores = bli ?? { 'p@1': null, 'p@5': null, 'p@10': null, 'cslsP@1': null, 'cslsP@5': null, 'cslsP@10': null, queries: null, pairs: null, missing: null };
    ctx.out(
      {
        ...scores,
        seedPairs: res.seedPairs,
        seedMissing: seed.missing,
        selectedRound: res.selectedRound,
        rounds: res.rounds,
        method: res.transform.method,
        preprocess: res.transform.steps,
        maxVocab: res.maxVocab,
        cslsK: res.cslsK,
        sourceWords: res.mapped.size,
        dim: { source: source.dim, target: target.dim },
        output: o.output ?? null,
        format: format ?? null,
        transform: o.saveTransform ?? null,
      },
      () => report(o, res, seed, bli, format),
    );
  });
}
