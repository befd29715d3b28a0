import type { Command } from 'commander';
import { createCollection, rebindCollection } from '../../collections/collection-embedder.js';
import { collectionSummary, recordsById } from '../../collections/records-json.js';
import { poolingOf } from '../../embedders/embedder.js';
import { absoluteModelRef } from '../../embedders/registry.js';
import { EmbedkitError } from '../../errors.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, intOption } from '../context.js';
import { withDbOption, withStore, type DbOptions } from '../db-option.js';
import { embedderOptionsFrom, withEmbedderOptions } from '../embedder-options.js';
import { loadModelEmbedder } from '../load-model.js';
import { canAsk, confirm } from '../confirm.js';

export function register(program: Command): void {
  const collection = program.command('collection').description('create, inspect, list, read from, delete from and drop collections (persistent vector stores)');

  const create = collection.command('create').description('create an empty collection for a model').argument('<name>', 'collection name (letters, digits, _ and -)');
  withEmbedderOptions(create);
  create
    .option('--hnsw-m <n>', 'HNSW graph degree M (8–64)', '16')
    .option('--ef-construction <n>', 'HNSW build candidate list (64–512)', '128')
    .option('--ef <n>', 'HNSW default search candidate list (≥ k)', '64');
  withExamples(withCommonOptions(withDbOption(create), { model: 'sentence' }), ['embedkit collection create notes', 'embedkit collection create words --model glove-100d --db ./db']);
  create.action(async (name: string, opts: DbOptions & Record<string, unknown> & { hnswM?: string; efConstruction?: string; ef?: string }) => {
    const ctx = new CommandContext(opts);
    const hnsw = { m: intOption('hnswM', opts.hnswM, 16, 2), efConstruction: intOption('efConstruction', opts.efConstruction, 128, 8), ef: intOption('ef', opts.ef, 64) };
    await withStore(ctx, opts, async (store) => {
      if (await store.exists(name)) throw new EmbedkitError('COLLECTION_EXISTS', JSON.stringify(name), { where: store.location });
      // A model given as a path is recorded absolute, so the collection opens from any folder.
      const model = opts.model !== undefined ? absoluteModelRef(opts.model) : undefined;
      const embedder = await loadModelEmbedder(ctx, model, embedderOptionsFrom(opts));
      const c = await createCollection(store, name, embedder, { hnsw });
      await embedder.dispose();
      ctx.out(
        { name: c.name, count: 0, dim: c.manifest.dim, model: c.manifest.embedder.model },
        `Created collection ${c.name} (${c.manifest.embedder.id}, ${c.manifest.dim} dims) in ${store.location}\nNext: embedkit add ${c.name} --input FILE`,
      );
    });
  });

  const info = collection.command('info').description('count, dimension and model of a collection').argument('<name>');
  withExamples(withCommonOptions(withDbOption(info), { model: false }), ['embedkit collection info notes --json']);
  info.action(async (name: string, opts: DbOptions) => {
    const ctx = new CommandContext(opts);
    await withStore(ctx, opts, async (store) => {
      const c = await store.open(name);
      const summary = await collectionSummary(c);
      const count = summary.count;
      const m = c.manifest;
      ctx.out(summary, () =>
        [
          `Collection ${c.name} (${store.kind}: ${store.location})`,
          `  records   ${count}`,
          `  dim       ${m.dim}`,
          `  embedder  ${m.embedder.id} (model ${m.embedder.model}, pooling ${poolingOf(m.embedder) ?? 'none'}, normalize ${m.embedder.normalize})`,
          `  hnsw      M=${m.hnsw.m} efConstruction=${m.hnsw.efConstruction} ef=${m.hnsw.ef}`,
          `  created   ${m.createdAt}`,
        ].join('\n'),
      );
    });
  });

  const list = collection.command('list').description('list collections');
  withExamples(withCommonOptions(withDbOption(list), { model: false }), ['embedkit collection list', 'embedkit collection list --db postgres://localhost/embeddings']);
  list.action(async (opts: DbOptions) => {
    const ctx = new CommandContext(opts);
    await withStore(ctx, opts, async (store) => {
      const all = await store.list();
      ctx.out({ collections: all }, () =>
        all.length === 0 ? `No collections in ${store.location}` : all.map((c) => `${c.name.padEnd(24)} ${String(c.count).padStart(9)} records  ${c.dim} dims  ${c.model}`).join('\n'),
      );
    });
  });

  const get = collection.command('get').description('print stored records by id (text, metadata; --vectors adds the vector)').argument('<name>').argument('<ids...>', 'record ids');
  get.option('--vectors', 'include each stored vector');
  withExamples(withCommonOptions(withDbOption(get), { model: false }), ['embedkit collection get notes doc-3 doc-7 --json']);
  get.action(async (name: string, ids: string[], opts: DbOptions & { vectors?: boolean }) => {
    const ctx = new CommandContext(opts);
    await withStore(ctx, opts, async (store) => {
      const c = await store.open(name);
      const { records, missing } = await recordsById(c, ids, { vectors: opts.vectors === true });
      ctx.out({ records, missing }, () =>
        [
          ...records.map((r) => `${r.id}\t${r.text.length > 100 ? `${r.text.slice(0, 99)}…` : r.text}\t${JSON.stringify(r.metadata)}${r.vector !== undefined ? `\t[${r.vector.map((x) => x.toFixed(4)).join(' ')}]` : ''}`),
          ...(missing.length > 0 ? [`not found: ${missing.join(', ')}`] : []),
        ].join('\n'),
      );
    });
  });

  const del = collection.command('delete').description('delete records by id (derived search files are brought up to date on the next search)').argument('<name>').argument('<ids...>', 'record ids');
  withExamples(withCommonOptions(withDbOption(del), { model: false }), ['embedkit collection delete notes doc-3 doc-7']);
  del.action(async (name: string, ids: string[], opts: DbOptions) => {
    const ctx = new CommandContext(opts);
    await withStore(ctx, opts, async (store) => {
      const c = await store.open(name);
      const present = await c.existingIds(ids);
      // As `get`: ids none of which is stored are an error (exit 1); some missing ones are listed.
      if (present.size === 0) throw noRecords(name, ids);
      const missing = ids.filter((id) => !present.has(id));
      const deleted = await c.delete(ids);
      const count = await c.count();
      ctx.out({ collection: name, deleted, missing, count }, `Deleted ${deleted} of ${ids.length} records from ${name} (${count} left)${missing.length > 0 ? `; not found: ${missing.join(', ')}` : ''}`);
    });
  });

  const rebind = collection
    .command('rebind')
    .description("bind a collection to its model's new place (a moved or copied model folder); the model must be the same (fingerprint), unless --force")
    .argument('<name>')
    .requiredOption('-m, --model <path>', 'the model folder (or vectors file) at its new place')
    .option('--force', 'bind even when the model files differ (a deliberate change; stored vectors were made by the old files)');
  withExamples(withCommonOptions(withDbOption(rebind), { model: false }), ['embedkit collection rebind docs --model ./models/all-MiniLM-L6-v2']);
  rebind.action(async (name: string, opts: DbOptions & { model: string; force?: boolean }) => {
    const ctx = new CommandContext(opts);
    await withStore(ctx, opts, async (store) => {
      const c = await store.open(name);
      const r = await rebindCollection(c, absoluteModelRef(opts.model), { force: opts.force === true, onWarning: ctx.warn });
      ctx.out({ collection: name, ...r }, `Collection ${name} now uses ${r.to} (was ${r.from})${r.fingerprint !== undefined ? `; model ${r.fingerprint.slice(0, 19)}…` : ''}`);
    });
  });

  const drop = collection.command('drop').description('delete a collection and its files (asks first on a terminal)').argument('<name>').option('-y, --yes', 'do not ask for confirmation');
  withExamples(withCommonOptions(withDbOption(drop), { model: false }), ['embedkit collection drop notes', 'embedkit collection drop notes --yes']);
  drop.action(async (name: string, opts: DbOptions & { yes?: boolean }) => {
    const ctx = new CommandContext(opts);
    await withStore(ctx, opts, async (store) => {
      if (!(await store.exists(name))) throw new EmbedkitError('COLLECTION_NOT_FOUND', JSON.stringify(name), { where: store.location });
      if (opts.yes !== true && canAsk()) {
        const count = await (await store.open(name)).count();
        if (!(await confirm(`Drop collection ${name} (${count} records in ${store.location})?`))) {
          throw new EmbedkitError('BAD_ARGUMENT', `collection ${JSON.stringify(name)} not dropped`, { expected: 'a "y" answer', received: 'no', hint: 'pass `yes` to drop without asking' });
        }
      }
      if (!(await store.drop(name))) throw new EmbedkitError('COLLECTION_NOT_FOUND', JSON.stringify(name), { where: store.location });
      ctx.out({ dropped: name }, `Dropped collection ${name}`);
    });
  });
}

/** The error of `get` and `delete` when none of the ids is stored (both exit 1). */
function noRecords(name: string, ids: readonly string[]): EmbedkitError {
  return new EmbedkitError('RECORD_NOT_FOUND', `no record with id ${ids.map((i) => JSON.stringify(i)).join(', ')}`, { expected: 'ids stored in the collection', received: ids.join(', '), where: `collection ${name}` });
}
