/**
 * `embedkit retrofit`: Faruqui et al. (2015) retrofitting of word vectors to a lexicon graph — WordNet
 * relations, WordNet's noun hierarchy (weights decaying with tree distance) or a user edge list — written
 * as a new vectors file usable as `--model` (src/analysis/retrofit).
 */
import type { Command } from 'commander';
import { loadLexicon } from '../../analysis/retrofit/lexicon-source.js';
import { RETROFIT_OPTIONS, retrofitRun } from '../../analysis/retrofit/retrofit-options.js';
import { retrofit } from '../../analysis/retrofit/retrofit.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { loadModelVectors } from '../load-model.js';
import { addSpecOptions, givenSpecValues } from '../option-flags.js';
import { vectorsOutputFormat, withVectorsOutput, writeVectorsOutput, type VectorsOutputOptions } from '../vectors-output.js';

interface Opts extends CommonOptions, VectorsOutputOptions {}

export function register(program: Command): void {
  const cmd = program.command('retrofit').description('retrofit word vectors to a lexicon graph (Faruqui et al. 2015): WordNet relations or hierarchy, or your edge list');
  addSpecOptions(cmd, RETROFIT_OPTIONS);
  withVectorsOutput(cmd);
  withExamples(withCommonOptions(cmd), [
    'embedkit retrofit --lexicon wordnet --output glove-wn.bin',
    'embedkit retrofit --lexicon wordnet --relations synonym,hypernym,hyponym --output glove-wn-all.bin --json',
    'embedkit retrofit --lexicon wordnet --hierarchy --max-distance 2 --decay 0.5 --output glove-tree.bin',
    'embedkit retrofit --lexicon umls-edges.txt --iterations 10 --alpha 1 --beta inverse-degree --output med.bin',
    'embedkit eval --model glove-wn.bin --suite word --data-dir ../shared/data   # before/after on the word sets',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext(opts);
    const format = vectorsOutputFormat(opts)!;
    const run = retrofitRun(givenSpecValues(RETROFIT_OPTIONS, opts));
    const lexicon = await loadLexicon(run.source);
    const kv = await loadModelVectors(ctx, opts.model);
    const iterations = run.options.iterations ?? 10;
    const bar = ctx.progress('Retrofitting', Math.max(1, iterations), 'sweeps');
    const r = retrofit(kv, lexicon, { ...run.options, onProgress: (d) => bar.update(d) });
    bar.stop();
    const written = await writeVectorsOutput(r.vectors, opts.output!, format);
    const source = run.source.kind === 'file' ? run.source.path : run.source.kind === 'hierarchy' ? 'wordnet noun hierarchy' : `wordnet ${run.source.relations.join('+')}`;
    const json = { model: opts.model, lexicon: source, lexiconWords: lexicon.size, lexiconEdges: lexicon.edgeCount, ...written, retrofitted: r.retrofitted, edges: r.edges, missingWords: r.missingWords };
    ctx.out(
      json,
      [
        `Retrofitted ${opts.model} to ${source} (${lexicon.size.toLocaleString('en-US')} words, ${lexicon.edgeCount.toLocaleString('en-US')} edges):`,
        `  ${r.retrofitted.toLocaleString('en-US')} words moved along ${r.edges.toLocaleString('en-US')} edges in the vocabulary; ${r.missingWords.toLocaleString('en-US')} lexicon words not in it`,
        `  → ${written.output} (${written.format}, ${written.rows.toLocaleString('en-US')} × ${written.dim})`,
      ].join('\n'),
    );
  });
}
