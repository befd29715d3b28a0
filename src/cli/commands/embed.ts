import type { Command } from 'commander';
import { saveCommonComponents } from '../../embedders/common-components.js';
import { poolingOf } from '../../embedders/embedder.js';
import { StaticEmbedder } from '../../embedders/static-embedder.js';
import { EmbedkitError } from '../../errors.js';
import { outputFormatFromPath, writeEmbeddings } from '../../io/embedding-output.js';
import { formatFloat32 } from '../../io/float-text.js';
import { checkOutputPath } from '../../io/output-path.js';
import { RECORD_OPTIONS } from '../../io/record-options.js';
import { readAllRecords } from '../../io/records.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { embedderOptionsFrom, withEmbedderOptions } from '../embedder-options.js';
import { loadModelEmbedder } from '../load-model.js';
import { addSpecOptions, specValues } from '../option-flags.js';

interface Opts extends CommonOptions {
  readonly input?: string;
  readonly output?: string;
  readonly fitReference?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('embed')
    .description('embed every text of a file (lines, JSONL or CSV) and write the vectors')
    .requiredOption('-i, --input <file>', 'text lines, .jsonl or .csv (gzip allowed)')
    .option('-o, --output <file>', 'FILE.npy | FILE.jsonl | FILE.tsv (Embedding Projector, + FILE.metadata.tsv); default: JSONL on stdout');
  addSpecOptions(cmd, RECORD_OPTIONS, { descriptions: { idField: 'JSONL field / CSV column holding an id, copied to .jsonl output' } });
  cmd.option('--fit-reference <file>', 'sif/usif: save the common components fitted on this input as JSON');
  withEmbedderOptions(cmd);
  withExamples(withCommonOptions(cmd, { model: 'sentence' }), [
    'embedkit embed --input data/sample/sentences.txt --output sentences.npy   # minilm-l6 (the default)',
    'embedkit embed --input data/sample/sentences.txt --layers 3 --variant int8 --output fast.npy',
    'embedkit embed --model glove-100d --input docs.jsonl --text-field body --output docs.jsonl --pooling sif',
    'embedkit embed --input reviews.csv --text-field review --output projector.tsv',
    'embedkit embed --model ./all-MiniLM-L6-v2 --input docs.txt --output docs.npy --long chunk   # ONNX model folder',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext(opts);
    const input = opts.input!;
    if (opts.output !== undefined) {
      // fail before any work
      outputFormatFromPath(opts.output);
      checkOutputPath(opts.output, 'output');
    }
    if (opts.fitReference !== undefined) checkOutputPath(opts.fitReference, 'fitReference');
    const records = await readAllRecords(input, specValues(RECORD_OPTIONS, opts));
    if (records.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'no texts to embed', { expected: 'at least one text', received: '0', where: input });
    const embedder = await loadModelEmbedder(ctx, opts.model, embedderOptionsFrom(opts));
    const texts = records.map((r) => r.text);
    if (opts.fitReference !== undefined) {
      if (!(embedder instanceof StaticEmbedder) || embedder.pooling === 'mean') {
        await embedder.dispose();
        throw new EmbedkitError('BAD_OPTION', 'fitReference', { expected: 'a word-vector model with `pooling` sif or usif', received: `${embedder.info.kind} model, pooling ${poolingOf(embedder.info) ?? 'none'}`, where: 'fitReference' });
      }
      await saveCommonComponents(embedder.fit(texts), opts.fitReference);
    }
    const bar = ctx.progress('Embedding', texts.length, 'texts');
    const m = await embedder.embed(texts, { onProgress: (d) => bar.update(d) });
    bar.stop();
    await embedder.dispose();
    const ids = records.some((r) => r.id !== undefined) ? records.map((r) => r.id) : undefined;
    if (opts.output === undefined) {
      for (let i = 0; i < m.rows; i++) {
        const vals = Array.from(m.data.subarray(i * m.dim, (i + 1) * m.dim), formatFloat32);
        const id = ids?.[i];
        process.stdout.write(`{${id !== undefined ? `"id":${JSON.stringify(id)},` : ''}"text":${JSON.stringify(texts[i])},"vector":[${vals.join(',')}]}\n`);
      }
      return;
    }
    const written = await writeEmbeddings(opts.output, m, texts, ids);
    const pooling = poolingOf(embedder.info);
    const summary = { input, output: written, rows: m.rows, dim: m.dim, model: embedder.info.model, pooling, normalize: embedder.info.normalize, warnings: ctx.warnings };
    ctx.out(summary, `Embedded ${m.rows} texts (${m.dim} dims${pooling !== undefined ? `, ${pooling} pooling` : ''}) → ${written.join(', ')}`);
  });
}
