import type { Command } from 'commander';
import { poolingOf } from '../../embedders/embedder.js';
import { StaticEmbedder } from '../../embedders/static-embedder.js';
import { cosine } from '../../math/kernels.js';
import { row } from '../../math/matrix.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { embedderOptionsFrom, withEmbedderOptions } from '../embedder-options.js';
import { round } from '../format-neighbors.js';
import { loadModelEmbedder } from '../load-model.js';

export function register(program: Command): void {
  const cmd = program
    .command('similarity')
    .description('cosine similarity of two texts')
    .argument('<text1>')
    .argument('<text2>');
  withEmbedderOptions(cmd);
  withExamples(withCommonOptions(cmd, { model: 'sentence' }), [
    'embedkit similarity "A man is playing a guitar." "Someone plays an instrument."',
    'embedkit similarity "the cat sat" "a dog lay" --model glove-100d --pooling sif --json',
    'embedkit similarity --model ./e5-small-v2 --prompt "query: " "how to bake bread" "bread recipe"',
  ]);
  cmd.action(async (text1: string, text2: string, opts: CommonOptions & { sifReference?: string }) => {
    const ctx = new CommandContext(opts);
    const embedder = await loadModelEmbedder(ctx, opts.model, embedderOptionsFrom(opts));
    // sif/usif remove common components fitted once: a given reference, else the bundled sample corpus's.
    const reference = embedder instanceof StaticEmbedder && embedder.referenceSource === 'bundled' ? 'bundled sample corpus' : (opts.sifReference ?? null);
    const m = await embedder.embed([text1, text2]);
    const score = cosine(row(m, 0), row(m, 1));
    await embedder.dispose();
    ctx.out({ score: round(score), text1, text2, model: embedder.info.model, pooling: poolingOf(embedder.info), reference }, score.toFixed(4));
  });
}
