/**
 * `embedkit explain TEXT1 TEXT2`: why two texts match, in concept terms — each concept's share of the
 * concept-space similarity (with SESA weights: of the match logit) (src/analysis/concepts).
 */
import type { Command } from 'commander';
import { CONCEPT_OPTIONS } from '../../analysis/concepts/concept-options.js';
import { explainMatch } from '../../analysis/concepts/explain.js';
import { readConceptWeights } from '../../analysis/concepts/weights-file.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { buildConceptSpace, readConceptSpaceInputs, withConceptSpaceOptions, type ConceptSpaceFlags } from '../concept-space.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { embedderOptionsFrom, withEmbedderOptions } from '../embedder-options.js';
import { round } from '../format-neighbors.js';
import { columns, signed } from '../format-report.js';
import { loadModelEmbedder } from '../load-model.js';
import { specValues } from '../option-flags.js';

interface Opts extends CommonOptions, ConceptSpaceFlags {
  readonly weights?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('explain')
    .description('explain why two texts match by the concepts they share most (concept-space similarity, or SESA weights)')
    .argument('<text1>', 'first text')
    .argument('<text2>', 'second text')
    .option('--weights <file.json>', 'SESA concept weights fitted by `concepts fit --save`');
  withConceptSpaceOptions(cmd);
  withEmbedderOptions(cmd);
  withExamples(withCommonOptions(cmd), [
    'embedkit explain "senior Java developer" "backend engineer, databases and code" --concepts skills.json',
    'embedkit explain "chef wanted" "we bake bread daily" --concepts skills.json --weights weights.json --top 3 --json',
  ]);
  cmd.action(async (text1: string, text2: string, opts: Opts) => {
    const ctx = new CommandContext(opts);
    const { top } = specValues(CONCEPT_OPTIONS, opts);
    const inputs = await readConceptSpaceInputs(opts);
    const weights = opts.weights !== undefined ? readConceptWeights(opts.weights, inputs.concepts.map((c) => c.name)) : undefined;
    const embedder = await loadModelEmbedder(ctx, opts.model, embedderOptionsFrom(opts));
    try {
      const space = await buildConceptSpace(ctx, embedder, inputs);
      const r = await explainMatch(space, text1, text2, weights !== undefined ? { weights } : {});
      const shown = top ?? (ctx.json ? r.contributions.length : Math.min(5, r.contributions.length));
      const contributions = r.contributions.slice(0, shown).map((c) => ({ concept: c.concept, contribution: round(c.contribution), a: round(c.a), b: round(c.b) }));
      const json = { score: r.score, ...(r.probability !== undefined ? { probability: r.probability } : {}), embeddingCosine: r.embeddingCosine, contributions };
      ctx.out(json, () =>
        [
          `${weights !== undefined ? 'SESA logit' : 'Concept-space similarity'} ${r.score.toFixed(4)}${r.probability !== undefined ? ` (match probability ${r.probability.toFixed(3)})` : ''}; embedding cosine ${r.embeddingCosine.toFixed(4)}`,
          `Concepts shared most (contribution; similarity of text 1, text 2):`,
          columns(contributions.map((c) => [signed(c.contribution), c.concept, `${signed(c.a, 3).trim()}, ${signed(c.b, 3).trim()}`])),
        ].join('\n'),
      );
    } finally {
      await embedder.dispose();
    }
  });
}
