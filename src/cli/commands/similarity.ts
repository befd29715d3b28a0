import type { Command } from 'commander';
import { cosine } from '../../math/kernels.js';
import { row } from '../../math/matrix.js';
import { StaticEmbedder } from '../../embedders/static-embedder.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { loadModelEmbedder } from '../load-model.js';
import { modelEmbedderOptions, withOnnxOptions, type OnnxCliOptions } from '../onnx-options.js';
import { round } from '../format-neighbors.js';
import { sampleSentences, withPoolingOptions, type PoolingCliOptions } from '../pooling-options.js';

export function register(program: Command): void {
  const cmd = program
    .command('similarity')
    .description('cosine similarity of two texts')
    .argument('<text1>')
    .argument('<text2>');
  withPoolingOptions(cmd);
  withOnnxOptions(cmd);
  withExamples(withCommonOptions(cmd), [
    'embedkit similarity "A man is playing a guitar." "Someone plays an instrument."',
    'embedkit similarity "the cat sat" "a dog lay" --pooling sif --json',
    'embedkit similarity --model ./e5-small-v2 --prompt "query: " "how to bake bread" "bread recipe"',
  ]);
  cmd.action(async (text1: string, text2: string, opts: CommonOptions & PoolingCliOptions & OnnxCliOptions) => {
    const ctx = new CommandContext(opts);
    const eopts = modelEmbedderOptions(opts);
    const embedder = await loadModelEmbedder(ctx, opts.model, eopts);
    let reference = opts.sifReference ?? null;
    if (embedder instanceof StaticEmbedder && eopts.pooling !== 'mean' && embedder.commonComponents === undefined) {
      // Two texts cannot estimate a common component: fit it on the bundled sample corpus.
      embedder.fit(sampleSentences());
      reference = 'bundled sample corpus';
    }
    const m = await embedder.embed([text1, text2]);
    const score = cosine(row(m, 0), row(m, 1));
    await embedder.dispose();
    ctx.out({ score: round(score), text1, text2, model: embedder.info.model, pooling: embedder.info.pooling, reference }, score.toFixed(4));
  });
}
