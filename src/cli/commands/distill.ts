import type { Command } from 'commander';
import { DISTILL_OPTIONS } from '../../embedders/model2vec/distill-options.js';
import { distill } from '../../embedders/model2vec/distill.js';
import { writeModel2VecFolder } from '../../embedders/model2vec/model2vec-folder.js';
import type { OnnxEmbedder } from '../../embedders/onnx/onnx-embedder.js';
import { EmbedkitError } from '../../errors.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { loadModelEmbedder } from '../load-model.js';
import { addSpecOptions, specValues } from '../option-flags.js';

export function register(program: Command): void {
  const cmd = program
    .command('distill')
    .description('distill a transformer into a static model (model2vec layout: embed every vocabulary token, PCA, Zipf weighting); ~100× faster to embed')
    .requiredOption('-o, --output <dir>', 'output folder (model2vec layout: model.safetensors, tokenizer.json, config.json)');
  addSpecOptions(cmd, DISTILL_OPTIONS);
  withExamples(withCommonOptions(cmd, { model: 'sentence' }), [
    'embedkit distill --output ./minilm-static',
    'embedkit distill --model ./bge-small-onnx --output ./bge-static --dim 128 --json',
    'embedkit similarity --model ./minilm-static "A man plays guitar." "Someone plays an instrument."',
  ]);
  cmd.action(async (opts: CommonOptions & { output: string }) => {
    const ctx = new CommandContext(opts);
    const o = specValues(DISTILL_OPTIONS, opts);
    const started = performance.now();
    const encoder = await loadModelEmbedder(ctx, opts.model);
    try {
      if (encoder.info.kind !== 'onnx') {
        throw new EmbedkitError('BAD_OPTION', 'model', { expected: 'a transformer (minilm-l6 or a model folder)', received: `${encoder.info.kind} model ${encoder.info.model}`, where: 'model' });
      }
      const bar = ctx.progress(`Distilling ${encoder.info.model}`, 1, 'tokens');
      const model = await distill(encoder as OnnxEmbedder, { ...o, onProgress: (done, total) => bar.update(done, total), onWarning: ctx.warn });
      bar.stop();
      await writeModel2VecFolder(opts.output, model, { ...(o.dtype !== undefined ? { dtype: o.dtype } : {}) });
      const seconds = (performance.now() - started) / 1000;
      ctx.out(
        { path: opts.output, tokens: model.rows, dim: model.dim, dtype: o.dtype ?? 'float16', seconds: Math.round(seconds * 10) / 10 },
        `Distilled ${encoder.info.model} → ${opts.output}: ${model.rows.toLocaleString('en-US')} tokens × ${model.dim} dims in ${seconds.toFixed(1)} s\nUse it: embedkit embed --model ${opts.output} --input FILE`,
      );
    } finally {
      await encoder.dispose();
    }
  });
}
