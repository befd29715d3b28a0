import type { Command } from 'commander';
import { ingest, DEFAULT_BATCH_SIZE } from '../../collections/ingest/ingest.js';
import { INGEST_OPTIONS, ingestSettings } from '../../collections/ingest/ingest-options.js';
import { folderChunkFor, readSource } from '../../collections/ingest/read-source.js';
import { EmbedkitError } from '../../errors.js';
import { RECORD_OPTIONS } from '../../io/record-options.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext } from '../context.js';
import { withDbOption, withStore, type DbOptions } from '../db-option.js';
import { loadCollectionEmbedder } from '../load-model.js';
import { addSpecOptions, givenSpecValues, specValues } from '../option-flags.js';

interface Opts extends DbOptions {
  readonly input?: string;
  readonly metadataFields?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('add')
    .description('embed and add records from text lines, JSONL, CSV or a folder of .txt/.md files (re-running skips ids already present)')
    .argument('<name>', 'collection name')
    .requiredOption('-i, --input <path>', 'a .txt (one text per line), .jsonl, .csv file, or a folder of .txt/.md files');
  addSpecOptions(cmd, RECORD_OPTIONS, {
    descriptions: {
      textField: 'JSONL field / CSV column with the text (default text)',
      idField: 'JSONL field / CSV column with the id (default: "id" when present, else FILE:LINE)',
    },
  });
  cmd.option('--metadata-fields <a,b>', 'fields kept as metadata (default: all fields except text and id)');
  addSpecOptions(cmd, INGEST_OPTIONS, { defaults: { batchSize: String(DEFAULT_BATCH_SIZE) } });
  cmd.option('-m, --model <name|path>', "must match the collection's model when given");
  withExamples(withCommonOptions(withDbOption(cmd), { model: false }), [
    'embedkit add notes --input data/sample/docs.jsonl --metadata-fields topic,year',
    'embedkit add notes --input reviews.csv --text-field review --id-field review_id',
    'embedkit add wiki --input ./pages --chunk-tokens 120 --chunk-overlap 20',
  ]);
  cmd.action(async (name: string, opts: Opts) => {
    const ctx = new CommandContext(opts);
    const rec = specValues(RECORD_OPTIONS, opts);
    const { batchSize, upsert, chunk } = ingestSettings(givenSpecValues(INGEST_OPTIONS, opts));
    await withStore(ctx, opts, async (store) => {
      const collection = await store.open(name);
      const input = opts.input!;
      // The embedder comes first: chunks are sized in its tokens.
      const embedder = await loadCollectionEmbedder(ctx, collection.manifest, opts.model);
      try {
        const records = await readSource(input, {
          ...rec,
          ...(opts.metadataFields !== undefined ? { metadataFields: opts.metadataFields.split(',').map((s) => s.trim()).filter((s) => s.length > 0) } : {}),
          ...(chunk !== undefined ? { chunk } : { folderChunk: folderChunkFor(embedder.info.kind === 'onnx' ? embedder.info.maxLength : undefined) }),
          ...(embedder.countTokens !== undefined ? { countTokens: (t: string) => embedder.countTokens!(t) } : {}),
        });
        if (records.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'no texts to add', { expected: 'at least one text', received: '0', where: input });
        const bar = ctx.progress(`Adding to ${name}`, records.length, 'records');
        try {
          const res = await ingest(collection, embedder, records, { batchSize, upsert, onBatch: (_ids, done) => bar.update(done) });
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
