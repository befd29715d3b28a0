import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CreateEmbedderOptions } from '../embedders/create-embedder.js';
import { STATIC_POOLINGS, type StaticPooling } from '../embedders/embedder.js';
import { sampleCorpusPath } from '../paths.js';
import { choiceOption } from './context.js';

export interface PoolingCliOptions {
  readonly pooling?: string;
  readonly frequencies?: string;
  readonly sifReference?: string;
  readonly normalize?: boolean;
}

export function withPoolingOptions(cmd: Command): Command {
  return cmd
    .option('--pooling <mode>', 'word vectors: mean|sif|usif (default mean); model folders: cls|mean|max|last|weightedmean (default: the model\'s pooling config)')
    .option('--frequencies <file>', 'word frequency file (`word count` lines) for sif/usif; default: Zipf estimate from the vocabulary order')
    .option('--sif-reference <file>', 'common components saved by `embed --fit-reference`')
    .option('--normalize', 'scale output vectors to unit length');
}

export function embedderOptions(opts: PoolingCliOptions): CreateEmbedderOptions & { pooling: StaticPooling } {
  const pooling = choiceOption<StaticPooling>('--pooling', opts.pooling, STATIC_POOLINGS, 'mean');
  return {
    pooling,
    ...(opts.frequencies !== undefined ? { frequencies: opts.frequencies } : {}),
    ...(opts.sifReference !== undefined ? { reference: opts.sifReference } : {}),
    ...(opts.normalize === true ? { normalize: true } : {}),
  };
}

/** Sentences of the bundled sample corpus, used to fit SIF/uSIF components when a batch is too small. */
export function sampleSentences(): string[] {
  return readFileSync(sampleCorpusPath(), 'utf8').split('\n').filter((l) => l.trim().length > 0);
}
