import type { Command } from 'commander';
import { INGEST_OPTIONS, ingestSettings } from '../../collections/ingest/ingest-options.js';
import { ingest, DEFAULT_BATCH_SIZE, type BatchAck } from '../../collections/ingest/ingest.js';
import { folderChunkFor, openSource, type SkippedRecord } from '../../collections/ingest/read-source.js';
import { EmbedkitError } from '../../errors.js';
import { RECORD_OPTIONS } from '../../io/record-options.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext } from '../context.js';
import { withDbOption, withStore, type DbOptions } from '../db-option.js';
import { loadCollectionEmbedder } from '../load-model.js';
import { addSpecOptions, givenSpecValues, specValues } from '../option-flags.js';
import { progressShown } from '../progress.js';

interface Opts extends DbOptions {
  readonly input?: string;
  readonly metadataFields?: string;
}

/** Skipped records listed in `--json` output (all are counted). */
const LISTED_SKIPS = 1000;

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
    'embedkit add beir --input corpus.jsonl --id-field _id --skip-bad-rows --json   # one JSON line per committed batch',
  ]);
  cmd.action(async (name: string, opts: Opts) => {
    const ctx = new CommandContext(opts);
    const rec = specValues(RECORD_OPTIONS, opts);
    const { batchSize, upsert, chunk, skipBadRows } = ingestSettings(givenSpecValues(INGEST_OPTIONS, opts));
    const input = opts.input!;
    await withStore(ctx, opts, async (store) => {
      const collection = await store.open(name);
      // The embedder comes first: chunks are sized in its tokens.
      const embedder = await loadCollectionEmbedder(ctx, collection.manifest, opts.model);
      try {
        const skipped: SkippedRecord[] = [];
        let skippedCount = 0;
        const onSkip = (s: SkippedRecord): void => {
          skippedCount++;
          if (skipped.length < LISTED_SKIPS) skipped.push(s);
        };
        const source = await openSource(input, {
          ...rec,
          ...(opts.metadataFields !== undefined ? { metadataFields: opts.metadataFields.split(',').map((s) => s.trim()).filter((s) => s.length > 0) } : {}),
          ...(chunk !== undefined ? { chunk } : { folderChunk: folderChunkFor(embedder.info.kind === 'onnx' ? embedder.info.maxLength : undefined) }),
          ...(embedder.countTokens !== undefined ? { countTokens: (t: string) => embedder.countTokens!(t) } : {}),
          ...(skipBadRows ? { skipBadRows: true, onSkip } : {}),
        });
        const p0 = source.progress();
        const scale = p0.unit === 'bytes' ? 1e3 : 1;
        const bar = ctx.progress(`Adding to ${name}`, Math.max(1, Math.round(p0.total / scale)), p0.unit === 'bytes' ? 'kB' : p0.unit);
        const acknowledge = acknowledger(ctx);
        try {
          const res = await ingest(collection, embedder, source.records, {
            batchSize,
            upsert,
            onBatch: (ack) => {
              bar.update(Math.round(source.progress().done / scale));
              acknowledge(ack);
            },
            ...(skipBadRows ? { onBadRecord: (r, e) => onSkip({ where: r.where, id: r.id, reason: e.message.replace(/^invalid argument: /, '').replace(/ at \S+$/, '') }) } : {}),
          });
          bar.stop();
          if (skippedCount > 0) {
            const first = skipped[0]!;
            ctx.warn(`skipped ${skippedCount} bad record${skippedCount === 1 ? '' : 's'} (\`skipBadRows\`), first at ${first.where}: ${first.reason}`);
          }
          if (res.read === 0) throw new EmbedkitError('EMPTY_INPUT', 'no texts to add', { expected: 'at least one text', received: skippedCount > 0 ? `0 (${skippedCount} skipped)` : '0', where: input });
          const total = await collection.count();
          ctx.out(
            { event: 'done', collection: name, input, read: res.read, added: res.added, updated: res.updated, skipped: res.skipped, batches: res.batches, bad: { count: skippedCount, records: skipped }, count: total },
            `Added ${res.added} records to ${name}${res.updated > 0 ? `, replaced ${res.updated}` : ''}${res.skipped > 0 ? `, skipped ${res.skipped} already present` : ''}${skippedCount > 0 ? `, left out ${skippedCount} bad` : ''} (${total} in total)`,
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

/**
 * Reports committed batches as they commit, so a script knows what is durable before the process ends:
 * with `--json` one JSON line per batch on stdout; in text mode without a terminal, a status line on
 * stderr at most once a second (always naming the latest committed record).
 */
function acknowledger(ctx: CommandContext): (ack: BatchAck) => void {
  if (ctx.json) {
    return (a) => process.stdout.write(JSON.stringify({ event: 'batch', batch: a.batch, records: a.records, added: a.added, updated: a.updated, skipped: a.skipped, committed: a.committed, through: a.through }) + '\n');
  }
  if (progressShown()) return () => {};
  let last = 0;
  return (a) => {
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    ctx.status(`committed ${a.committed} records (through ${a.through})`);
  };
}
