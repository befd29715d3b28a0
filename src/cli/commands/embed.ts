import type { Command } from 'commander';
import { saveCommonComponents } from '../../embedders/common-components.js';
import { StaticEmbedder } from '../../embedders/static-embedder.js';
import { EmbedkitError } from '../../errors.js';
import { outputFormatFromPath, writeEmbeddings } from '../../io/embedding-output.js';
import { readTextRecords, type TextInputFormat } from '../../io/text-input.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { choiceOption, CommandContext, type CommonOptions } from '../context.js';
import { loadModelEmbedder } from '../load-model.js';
import { modelEmbedderOptions, withOnnxOptions, type OnnxCliOptions } from '../onnx-options.js';
import { withPoolingOptions, type PoolingCliOptions } from '../pooling-options.js';
import { formatFloat32 } from '../../io/float-text.js';

interface Opts extends CommonOptions, PoolingCliOptions, OnnxCliOptions {
  readonly input?: string;
  readonly output?: string;
  readonly format?: string;
  readonly field?: string;
  readonly column?: string;
  readonly idField?: string;
  readonly encoding?: string;
  readonly fitReference?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('embed')
    .description('embed every text of a file (lines, JSONL or CSV) and write the vectors')
    .requiredOption('-i, --input <file>', 'text lines, .jsonl or .csv (gzip allowed)')
    .option('-o, --output <file>', 'FILE.npy | FILE.jsonl | FILE.tsv (Embedding Projector, + FILE.metadata.tsv); default: JSONL on stdout')
    .option('--format <lines|jsonl|csv>', 'input format (default: from the extension)')
    .option('--field <name>', 'JSONL field holding the text', 'text')
    .option('--column <name>', 'CSV column holding the text', 'text')
    .option('--id-field <name>', 'JSONL field / CSV column holding an id, copied to .jsonl output')
    .option('--encoding <utf8|latin1>', 'input encoding', 'utf8')
    .option('--fit-reference <file>', 'sif/usif: save the common components fitted on this input as JSON');
  withPoolingOptions(cmd);
  withOnnxOptions(cmd);
  withExamples(withCommonOptions(cmd), [
    'embedkit embed --input data/sample/sentences.txt --output sentences.npy',
    'embedkit embed --input docs.jsonl --field body --output docs.jsonl --pooling sif',
    'embedkit embed --input reviews.csv --column review --output projector.tsv',
    'embedkit embed --model ./all-MiniLM-L6-v2 --input docs.txt --output docs.npy --long chunk   # ONNX model folder',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext(opts);
    const format = opts.format === undefined ? undefined : choiceOption<TextInputFormat>('--format', opts.format, ['lines', 'jsonl', 'csv'], 'lines');
    const encoding = choiceOption<'utf8' | 'latin1'>('--encoding', opts.encoding, ['utf8', 'latin1'], 'utf8');
    const input = opts.input!;
    if (opts.output !== undefined) outputFormatFromPath(opts.output); // fail before any work
    const records = await readTextRecords(input, {
      ...(format !== undefined ? { format } : {}),
      encoding,
      ...(opts.field !== undefined ? { field: opts.field } : {}),
      ...(opts.column !== undefined ? { column: opts.column } : {}),
      ...(opts.idField !== undefined ? { idField: opts.idField } : {}),
    });
    if (records.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'no texts to embed', { expected: 'at least one text', received: '0', where: input });
    const eopts = modelEmbedderOptions(opts);
    if (opts.fitReference !== undefined && eopts.pooling === 'mean') {
      throw new EmbedkitError('BAD_OPTION', '--fit-reference', { expected: '--pooling sif or usif', received: '--pooling mean', where: '--fit-reference' });
    }
    const embedder = await loadModelEmbedder(ctx, opts.model, eopts);
    const texts = records.map((r) => r.text);
    if (opts.fitReference !== undefined && embedder instanceof StaticEmbedder) {
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
    const summary = { input, output: written, rows: m.rows, dim: m.dim, model: embedder.info.model, pooling: embedder.info.pooling, normalize: embedder.info.normalize, warnings: ctx.warnings };
    ctx.out(summary, `Embedded ${m.rows} texts (${m.dim} dims, ${embedder.info.pooling} pooling) → ${written.join(', ')}`);
  });
}
