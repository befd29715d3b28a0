import type { Command } from 'commander';
import { importBertFolder } from '../../embedders/onnx/import-folder.js';
import { IMPORT_OPTIONS } from '../../embedders/onnx/import-options.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { addSpecOptions, specValues } from '../option-flags.js';

export function register(program: Command): void {
  const cmd = program
    .command('import')
    .description('convert a BERT-family safetensors folder (MiniLM, bge-small, e5-small, gte-small …) into an ONNX model folder the embedders load')
    .argument('<dir>', 'folder with config.json, model.safetensors and tokenizer.json')
    .argument('<out>', 'output folder (written atomically)');
  addSpecOptions(cmd, IMPORT_OPTIONS);
  withExamples(withCommonOptions(cmd, { model: false }), [
    'embedkit import ./bge-small-en-v1.5 ./bge-small-onnx',
    'embedkit import ./all-MiniLM-L6-v2 ./minilm-int8 --quantize int8 --json',
    'embedkit embed --model ./bge-small-onnx --input texts.txt --output texts.npy',
  ]);
  cmd.action(async (dir: string, out: string, opts: CommonOptions) => {
    const ctx = new CommandContext(opts);
    const o = specValues(IMPORT_OPTIONS, opts);
    const started = performance.now();
    const bar = ctx.progress(`Importing ${dir}`, 1, 'steps');
    try {
      const r = await importBertFolder(dir, out, { ...o, onProgress: (done, total) => bar.update(done, total) });
      bar.stop();
      const seconds = (performance.now() - started) / 1000;
      const variants = r.manifest.variants;
      ctx.out(
        { path: r.path, layers: r.manifest.layers, variants, seconds: Math.round(seconds * 100) / 100 },
        `Imported ${dir} → ${r.path} (${r.manifest.layers} layers; ${Object.values(variants).join(', ')}) in ${seconds.toFixed(1)} s\nNext: embedkit embed --model ${r.path} --input FILE`,
      );
    } finally {
      bar.stop();
    }
  });
}
