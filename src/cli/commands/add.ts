import type { Command } from 'commander';
import { ingest, DEFAULT_BATCH_SIZE } from '../../collections/ingest/ingest.js';
import { folderChunkFor, readSource } from '../../collections/ingest/read-source.js';
import { EmbedkitError } from '../../errors.js';
import type { TextInputFormat } from '../../io/text-input.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { choiceOption, CommandContext, intOption } from '../context.js';
import { collectionEmbedder, withDbOption, withStore, type DbOptions } from './collection.js';

interface Opts extends DbOptions {
  readonly input?: string;
  readonly format?: string;
  readonly textField?: string;
  readonly idField?: string;
  readonly metadataFields?: string;
  readonly chunkTokens?: string;
  readonly chunkOverlap?: string;
  readonly batchSize?: string;
  readonly upsert?: boolean;
  readonly encoding?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('add')
    .description('embed and add records from text lines, JSONL, CSV or a folder of .txt/.md files (re-running skips ids already present)')
    .argument('<name>', 'collection name')
    .requiredOption('-i, --input <path>', 'a .txt (one text per line), .jsonl, .csv file, or a folder of .txt/.md files')
    .option('--format <lines|jsonl|csv>', 'input format (default: from the extension)')
    .option('--text-field <name>', 'JSONL field / CSV column with the text', 'text')
    .option('--id-field <name>', 'JSONL field / CSV column with the id (default: "id" when present, else FILE:LINE)')
    .option('--metadata-fields <a,b>', 'fields kept as metadata (default: all fields except text and id)')
    .option('--chunk-tokens <n>', "split texts into chunks of whole words, at most n of the model's tokens each (default for folders: 200, or the model's window if smaller)")
    .option('--chunk-overlap <n>', 'tokens shared by consecutive chunks (default n/5)')
    .option('--batch-size <n>', 'records per committed batch', String(DEFAULT_BATCH_SIZE))
    .option('--upsert', 'replace records whose id exists (default: skip them)')
    .option('--encoding <utf8|latin1>', 'input encoding', 'utf8')
    .option('-m, --model <name|path>', "must match the collection's model when given");
  withExamples(withCommonOptions(withDbOption(cmd), { model: false }), [
    'embedkit add notes --input data/sample/docs.jsonl --metadata-fields topic,year',
    'embedkit add notes --input reviews.csv --text-field review --id-field review_id',
    'embedkit add wiki --input ./pages --chunk-tokens 120 --chunk-overlap 20',
  ]);
  cmd.action(async (name: string, opts: Opts) => {
    const ctx = new CommandContext(opts);
    const format = opts.format === undefined ? undefined : choiceOption<TextInputFormat>('--format', opts.format, ['lines', 'jsonl', 'csv'], 'lines');
    const encoding = choiceOption<'utf8' | 'latin1'>('--encoding', opts.encoding, ['utf8', 'latin1'], 'utf8');
    const batchSize = intOption('--batch-size', opts.batchSize, DEFAULT_BATCH_SIZE);
    const tokens = opts.chunkTokens === undefined ? undefined : intOption('--chunk-tokens', opts.chunkTokens, 200);
    if (tokens === undefined && opts.chunkOverlap !== undefined) throw new EmbedkitError('BAD_OPTION', '--chunk-overlap', { expected: 'together with --chunk-tokens', received: opts.chunkOverlap, where: '--chunk-overlap' });
    const overlap = tokens === undefined ? 0 : intOption('--chunk-overlap', opts.chunkOverlap, Math.floor(tokens / 5), 0);
    await withStore(ctx, opts, async (store) => {
      const collection = await store.open(name);
      const input = opts.input!;
      // The embedder comes first: chunks are sized in its tokens.
      const embedder = await collectionEmbedder(ctx, collection.manifest, opts.model);
      try {
        const records = await readSource(input, {
          ...(format !== undefined ? { format } : {}),
          encoding,
          ...(opts.textField !== undefined ? { textField: opts.textField } : {}),
          ...(opts.idField !== undefined ? { idField: opts.idField } : {}),
          ...(opts.metadataFields !== undefined ? { metadataFields: opts.metadataFields.split(',').map((s) => s.trim()).filter((s) => s.length > 0) } : {}),
          ...(tokens !== undefined ? { chunk: { tokens, overlap } } : { folderChunk: folderChunkFor(embedder.info.maxLength) }),
          ...(embedder.countTokens !== undefined ? { countTokens: (t: string) => embedder.countTokens!(t) } : {}),
        });
        if (records.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'no texts to add', { expected: 'at least one text', received: '0', where: input });
        const bar = ctx.progress(`Adding to ${name}`, records.length, 'records');
        try {
          const res = await ingest(collection, embedder, records, { batchSize, upsert: opts.upsert === true, onBatch: (_ids, done) => bar.update(done) });
          bar.stop();
          const total = await collection.count();
          ctx.out(
            { collection: name, input, ...res, count: total },
            `Added ${res.added} records to ${name}${res.updated > 0 ? `, replaced ${res.updated}` : ''}${res.skipped > 0 ? `, skipped ${res.skipped} already present` : ''} (${total} in total)`,
          );
        } finally {
          bar.stop();
        }
      } finally {
        await embedder.dispose();
      }
    });
  });
}
