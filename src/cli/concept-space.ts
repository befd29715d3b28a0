/**
 * The concept-space flags shared by `concepts` and `explain` (`--concepts FILE`, `--aggregate`,
 * `--center-on FILE`): their files are read and checked before the model loads, then the space is built.
 */
import type { Command } from 'commander';
import { CONCEPT_OPTIONS } from '../analysis/concepts/concept-options.js';
import { readConcepts, type Concept } from '../analysis/concepts/concept-set.js';
import { ConceptSpace, type ConceptAggregate } from '../analysis/concepts/concept-space.js';
import type { Embedder } from '../embedders/embedder.js';
import { EmbedkitError } from '../errors.js';
import type { CommandContext } from './context.js';
import { readInputTexts } from './input-texts.js';
import { addSpecOptions, specValues } from './option-flags.js';

export interface ConceptSpaceFlags {
  readonly concepts?: string;
  readonly centerOn?: string;
}

export interface ConceptSpaceInputs {
  readonly concepts: Concept[];
  readonly aggregate?: ConceptAggregate;
  /** Texts whose mean profile is subtracted. */
  readonly center?: string[];
}

export function withConceptSpaceOptions(cmd: Command): Command {
  cmd
    .option('--concepts <file>', 'named concepts, JSON {"cooking": ["recipe", "oven"], "finance": "money and markets"} (word lists or descriptions)')
    .option('--center-on <file>', 'texts whose mean profile is subtracted from every profile (how much more a text is about each concept than usual)');
  return addSpecOptions(cmd, CONCEPT_OPTIONS);
}

/** The concept definitions and the centring texts, read (and validated) before any model loads. */
export async function readConceptSpaceInputs(opts: ConceptSpaceFlags): Promise<ConceptSpaceInputs> {
  const { aggregate } = specValues(CONCEPT_OPTIONS, opts);
  // not a commander requiredOption: `concepts` takes it, and so does its subcommand `concepts fit`
  if (opts.concepts === undefined) throw new EmbedkitError('BAD_OPTION', 'concepts', { expected: 'a concepts JSON file', received: 'none', where: 'concepts' });
  const concepts = readConcepts(opts.concepts);
  const center = opts.centerOn !== undefined ? (await readInputTexts(opts.centerOn, {}, 'centerOn')).map((r) => r.text) : undefined;
  return { concepts, ...(aggregate !== undefined ? { aggregate } : {}), ...(center !== undefined ? { center } : {}) };
}

export async function buildConceptSpace(ctx: CommandContext, embedder: Embedder, inputs: ConceptSpaceInputs): Promise<ConceptSpace> {
  const space = await ConceptSpace.build(embedder, inputs.concepts, { ...(inputs.aggregate !== undefined ? { aggregate: inputs.aggregate } : {}), onWarning: ctx.warn });
  return inputs.center === undefined ? space : space.withCenter(inputs.center);
}
