/**
 * The embedder flags every embedding command takes (`--pooling`, `--max-length`, …), generated from the
 * embedder option declarations. The values go to `createEmbedder`, which validates them for the model's
 * kind: a flag the model cannot use is an error naming the flag.
 */
import type { Command } from 'commander';
import type { CreateEmbedderOptions } from '../embedders/create-embedder.js';
import { EMBEDDER_OPTIONS } from '../embedders/embedder-options.js';
import { addSpecOptions, givenSpecValues } from './option-flags.js';

export function withEmbedderOptions(cmd: Command): Command {
  return addSpecOptions(cmd, EMBEDDER_OPTIONS);
}

/** The embedder options given on the command line (validated by `createEmbedder`). */
export function embedderOptionsFrom(opts: object): CreateEmbedderOptions {
  return givenSpecValues(EMBEDDER_OPTIONS, opts) as CreateEmbedderOptions;
}
