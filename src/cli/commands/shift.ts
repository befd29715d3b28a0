/**
 * `embedkit shift`: which words moved between two spaces (two periods of one corpus, two domains) —
 * global (cosine distance after Procrustes), local neighbourhood and neighbour-overlap measures, the top
 * words with their neighbours in each space (src/analysis/semantic-change).
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { SHIFT_OPTIONS, shiftRun } from '../../analysis/semantic-change/shift-options.js';
import { semanticShift, type ShiftResult, type WordShift } from '../../analysis/semantic-change/semantic-shift.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { columns } from '../format-report.js';
import { loadModelVectors } from '../load-model.js';
import { addSpecOptions, givenSpecValues } from '../option-flags.js';

interface Opts extends CommonOptions {
  readonly a: string;
  readonly b: string;
  readonly output?: string;
}

/** Neighbours shown per word in the text report (all of them are in --json). */
const SHOWN = 6;

/** `x` with `digits` decimals; rounding noise around 0 prints as 0 (not -0.000). */
function fixed(x: number, digits: number): string {
  return (Math.abs(x) < 0.5 * 10 ** -digits ? 0 : x).toFixed(digits);
}

function ranking(title: string, words: readonly WordShift[], o: Opts): string {
  const rows = words.map((w) => [w.word, fixed(w.global, 3), fixed(w.local, 3), fixed(w.overlap, 2), w.neighboursA.slice(0, SHOWN).join(', '), w.neighboursB.slice(0, SHOWN).join(', ')]);
  return [title, columns([['word', 'global', 'local', 'overlap', `neighbours in ${basename(o.a)}`, `neighbours in ${basename(o.b)}`], ...rows])].join('\n');
}

function report(r: ShiftResult, o: Opts): string {
  return [
    `${r.sharedWords.toLocaleString('en-US')} shared words; mean cosine after alignment ${r.alignedMeanCosine.toFixed(3)}; k = ${r.k}`,
    ranking('Moved most by the global measure (cosine distance after alignment):', r.byGlobal, o),
    ranking(`Moved most by the local neighbourhood measure (k = ${r.k}):`, r.byLocal, o),
    ...(o.output !== undefined ? [`Wrote every shared word's measures to ${o.output}`] : []),
  ].join('\n');
}

/** `word global local overlap` per shared word, tab-separated, with a header. */
function measuresTsv(r: ShiftResult): string {
  const lines = ['word\tglobal\tlocal\toverlap'];
  r.words.forEach((w, i) => lines.push(`${w}\t${r.global[i]!}\t${r.local[i]!}\t${r.overlap[i]!}`));
  return lines.join('\n') + '\n';
}

export function register(program: Command): void {
  const cmd = program
    .command('shift')
    .description('semantic change: rank the words two spaces share by how far they moved, with their neighbours in each')
    .requiredOption('--a <name|path>', 'the first space (e.g. the earlier period)')
    .requiredOption('--b <name|path>', 'the second space (aligned onto the first)');
  addSpecOptions(cmd, SHIFT_OPTIONS);
  cmd.option('-o, --output <file.tsv>', 'also write every shared word with its three measures (word, global, local, overlap)');
  withExamples(withCommonOptions(cmd, { model: false }), [
    'embedkit train corpus --sotu-years 1790-1899 && embedkit train corpus --sotu-years 1950-2016',
    'embedkit train word2vec --input .cache/corpus/sotu-1790-1899.txt --tokenizer whitespace --min-count 10 --epochs 10 --output early.bin',
    'embedkit train word2vec --input .cache/corpus/sotu-1950-2016.txt --tokenizer whitespace --min-count 10 --epochs 10 --output late.bin',
    'embedkit shift --a early.bin --b late.bin --max-words 5000 --top 20',
  ]);
  cmd.action(async (o: Opts) => {
    const ctx = new CommandContext(o);
    const run = shiftRun(givenSpecValues(SHIFT_OPTIONS, o));
    const a = await loadModelVectors(ctx, o.a);
    const b = await loadModelVectors(ctx, o.b);
    const r = await ctx.withProgress('Neighbours', 1, 'words', (bar) => semanticShift(a, b, { ...run, onProgress: (d, t) => bar.update(d, t) }));
    if (o.output !== undefined) await writeFileAtomic(o.output, measuresTsv(r));
    ctx.out({ sharedWords: r.sharedWords, k: r.k, alignedMeanCosine: r.alignedMeanCosine, byGlobal: r.byGlobal, byLocal: r.byLocal, a: o.a, b: o.b, output: o.output ?? null }, () => report(r, o));
  });
}
