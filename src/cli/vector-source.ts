/**
 * Where `anchors` and `plot` get their vectors: texts embedded by the model (`--input FILE`), a .npy matrix
 * (`--vectors`, with `--labels` / `--metadata` files), or the stored vectors of a collection
 * (`--collection NAME [--db]`, `--limit`, `--filter`). Each row keeps a label and its metadata.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { metadataOf, type MetadataValue } from '../analysis/projection/plot-points.js';
import { matchesFilter, parseFilter } from '../collections/filter.js';
import type { Collection, CollectionManifest, Filter, StoredRecord } from '../collections/types.js';
import type { Embedder } from '../embedders/embedder.js';
import { EmbedkitError, FormatError } from '../errors.js';
import { readNpy } from '../io/npy.js';
import { jsonRecord } from '../io/records.js';
import type { Matrix } from '../math/matrix.js';
import type { CommandContext } from './context.js';
import { withDbOption, withStore, type DbOptions } from './db-option.js';
import { embedderOptionsFrom, withEmbedderOptions } from './embedder-options.js';
import { readInputTexts, withTextInputOptions } from './input-texts.js';
import { intOption } from './context.js';
import { loadModelEmbedder } from './load-model.js';

export interface VectorSourceOptions extends DbOptions {
  readonly input?: string;
  readonly vectors?: string;
  readonly labels?: string;
  readonly metadata?: string;
  readonly collection?: string;
  readonly limit?: string;
  readonly filter?: string[];
}

export interface SourceRows {
  readonly matrix: Matrix;
  /** One per row: the text (texts, collections) or a label (`--labels`). */
  readonly labels?: string[];
  /** Record ids (collections, inputs with ids). */
  readonly ids?: (string | undefined)[];
  readonly metadata?: Record<string, MetadataValue>[];
  /** The collection's manifest (its embedder decodes the rows). */
  readonly manifest?: CollectionManifest;
  /** What the rows are, for reports. */
  readonly source: string;
}

/** Collection rows read by default (a projection or a clustering of more is slow). */
export const DEFAULT_ROW_LIMIT = 10_000;
/** Records read per `scan` page. */
const SCAN_PAGE = 1000;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function withVectorSourceOptions(cmd: Command): Command {
  cmd
    .option('-i, --input <file>', 'texts embedded with the model: lines, .jsonl or .csv (other fields become metadata)')
    .option('--vectors <file.npy>', 'a precomputed matrix (rows)')
    .option('--labels <file>', 'with --vectors: one label per line')
    .option('--metadata <file.jsonl>', 'with --vectors: one JSON object per line (fields to colour by)')
    .option('--collection <name>', "a collection's stored vectors (text, metadata)")
    .option('--limit <n>', `collections: at most n records, in id order (default ${DEFAULT_ROW_LIMIT})`)
    .option('--filter <expr>', "collections: metadata condition, repeatable: 'key=value', 'key in a,b', 'key>=n'", collect, []);
  withTextInputOptions(cmd);
  withEmbedderOptions(cmd);
  return withDbOption(cmd);
}

/** How many of the source options were given. */
export function sourcesGiven(opts: VectorSourceOptions): number {
  return [opts.input, opts.vectors, opts.collection].filter((x) => x !== undefined).length;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new EmbedkitError('FILE_NOT_FOUND', what, { where: path, received: e instanceof Error ? e.message : String(e) });
  }
}

function readLabels(path: string, rows: number): string[] {
  const text = readText(path, 'labels file');
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length !== rows) throw new FormatError(path, 'label lines', { expected: `${rows} lines (one per row of the vectors)`, received: `${lines.length}` });
  return lines;
}

function readMetadata(path: string, rows: number): Record<string, MetadataValue>[] {
  const text = readText(path, 'metadata file');
  const out: Record<string, MetadataValue>[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim().length > 0) out.push(metadataOf(jsonRecord(line, path, i + 1)));
  });
  if (out.length !== rows) throw new FormatError(path, 'metadata lines', { expected: `${rows} JSON lines (one per row of the vectors)`, received: `${out.length}` });
  return out;
}

function stack(vectors: readonly Float32Array[], dim: number): Matrix {
  const data = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => data.set(v, i * dim));
  return { data, rows: vectors.length, dim };
}

/**
 * The rows of the given source. `embedder` is called (once) when texts must be embedded; it returns the
 * model's embedder, which the caller disposes.
 */
export async function readSourceRows(ctx: CommandContext, opts: VectorSourceOptions & { model?: string }, embedder: () => Promise<Embedder>): Promise<SourceRows> {
  if (sourcesGiven(opts) !== 1) throw new EmbedkitError('BAD_OPTION', 'input', { expected: 'one of `input`, `vectors`, `collection`', received: sourcesGiven(opts) === 0 ? 'none' : 'several' });
  if (opts.vectors === undefined) for (const name of ['labels', 'metadata'] as const) if (opts[name] !== undefined) throw new EmbedkitError('BAD_OPTION', name, { expected: 'only with `vectors`', received: opts[name]!, where: name });
  if (opts.collection === undefined && (opts.limit !== undefined || (opts.filter ?? []).length > 0)) throw new EmbedkitError('BAD_OPTION', opts.limit !== undefined ? 'limit' : 'filter', { expected: 'only with `collection`', received: 'given' });
  if (opts.vectors !== undefined) {
    const matrix = readNpy(opts.vectors);
    return {
      matrix,
      ...(opts.labels !== undefined ? { labels: readLabels(opts.labels, matrix.rows) } : {}),
      ...(opts.metadata !== undefined ? { metadata: readMetadata(opts.metadata, matrix.rows) } : {}),
      source: opts.vectors,
    };
  }
  if (opts.input !== undefined) {
    const records = await readInputTexts(opts.input, opts, 'input');
    const e = await embedder();
    const bar = ctx.progress('Embedding', records.length, 'texts');
    const matrix = await e.embed(records.map((r) => r.text), { onProgress: (d) => bar.update(d) });
    bar.stop();
    const textField = (opts as { textField?: string }).textField ?? 'text';
    return { matrix, labels: records.map((r) => r.text), ids: records.map((r) => r.id), metadata: records.map((r) => metadataOf(r.fields, [textField])), source: opts.input };
  }
  const limit = opts.limit === undefined ? DEFAULT_ROW_LIMIT : intOption('limit', opts.limit, DEFAULT_ROW_LIMIT, 1);
  const filter = parseFilter(opts.filter);
  return withStore(ctx, opts, async (store) => {
    const c = await store.open(opts.collection!);
    const total = await c.count(filter);
    const records = await scanRecords(c, limit, filter);
    if (records.length === 0) throw new EmbedkitError('EMPTY_INPUT', `collection ${opts.collection}`, { expected: 'at least one record', received: '0', where: 'collection' });
    if (total > records.length) ctx.warn(`collection ${opts.collection}: using the first ${records.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} records (in id order); raise \`limit\` for more`);
    return {
      matrix: stack(records.map((r) => r.vector), c.manifest.dim),
      labels: records.map((r) => r.text),
      ids: records.map((r) => r.id),
      metadata: records.map((r) => ({ id: r.id, ...metadataOf(r.metadata, ['id']) })),
      manifest: c.manifest,
      source: `collection ${opts.collection}`,
    };
  });
}

/** The first `limit` records (in id order) that match `filter`, paging through the collection. */
async function scanRecords(c: Collection, limit: number, filter: Filter | undefined): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await c.scan({ limit: SCAN_PAGE, ...(after !== undefined ? { after } : {}) });
    for (const r of page) {
      if (filter === undefined || matchesFilter(r.metadata, filter)) out.push(r);
      if (out.length === limit) return out;
    }
    if (page.length < SCAN_PAGE) return out;
    after = page[page.length - 1]!.id;
  }
}

/** The model's embedder with the command's embedder flags (for `--input` texts). */
export function sourceEmbedder(ctx: CommandContext, opts: object & { model?: string }): () => Promise<Embedder> {
  return () => loadModelEmbedder(ctx, opts.model, embedderOptionsFrom(opts));
}
