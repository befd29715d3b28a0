/**
 * The concept-space flags shared by `concepts` and `explain` (`--concepts FILE`, `--aggregate`,
 * `--center-on FILE`) and building the space from them.
 */
import type { Command } from 'commander';
import { CONCEPT_OPTIONS } from '../analysis/concepts/concept-options.js';
import { readConcepts } from '../analysis/concepts/concept-set.js';
import { ConceptSpace } from '../analysis/concepts/concept-space.js';
import type { Embedder } from '../embedders/embedder.js';
import { EmbedkitError } from '../errors.js';
import type { CommandContext } from './context.js';
import { readInputTexts } from './input-texts.js';
import { addSpecOptions, specValues } from './option-flags.js';

export interface ConceptSpaceFlags {
  readonly concepts?: string;
  readonly centerOn?: string;
}

export function withConceptSpaceOptions(cmd: Command): Command {
  cmd
    .option('--concepts <file>', 'named concepts, JSON {"cooking": ["recipe", "oven"], "finance": "money and markets"} (word lists or descriptions)')
    .option('--center-on <file>', 'texts whose mean profile is subtracted from every profile (how much more a text is about each concept than usual)');
  return addSpecOptions(cmd, CONCEPT_OPTIONS);
}

export async function buildConceptSpace(ctx: CommandContext, embedder: Embedder, opts: ConceptSpaceFlags): Promise<ConceptSpace> {
  const { aggregate } = specValues(CONCEPT_OPTIONS, opts);
  // not a commander requiredOption: `concepts` takes it, and so does its subcommand `concepts fit`
  if (opts.concepts === undefined) throw new EmbedkitError('BAD_OPTION', 'concepts', { expected: 'a concepts JSON file', received: 'none', where: 'concepts' });
  const space = await ConceptSpace.build(embedder, readConcepts(opts.concepts), { ...(aggregate !== undefined ? { aggregate } : {}), onWarning: ctx.warn });
  if (opts.centerOn === undefined) return space;
  const reference = await readInputTexts(opts.centerOn, {}, 'centerOn');
  return space.withCenter(reference.map((r) => r.text));
}
