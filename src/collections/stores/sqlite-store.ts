/**
 * The embedded store: one SQLite database per collection (`DIR/NAME.sqlite`, WAL mode, synchronous=FULL)
 * holding the manifest, the records (id, text, metadata JSON, float32 vector BLOB) and an FTS5 index over
 * the text. The database is the source of truth. Search reads derived files beside it, rebuilt whenever
 * their header disagrees with the database or their checksum fails:
 *
 * - `NAME.matrix`: unit-length float32 rows in rowid order + their rowids (magic `EKMATRIX`).
 * - `NAME.hnsw` + `NAME.hnsw.header`: the usearch graph and its header (magic `EKHNSW16`: f16 storage).
 *
 * Every write bumps the `generation` counter in the same transaction; deletes and replacements also bump
 * `layout`. A derived file with an older generation but the same layout only misses appended rows, which
 * are added incrementally; otherwise it is rebuilt (sqlite-matrix.ts, sqlite-hnsw.ts). Which index
 * answers a search is decided in ../index-selection.ts.
 */
import { existsSync, linkSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { EmbedderInfo } from '../../embedders/embedder.js';
import { busyTimeoutMs } from '../../config.js';
import { EmbedkitError, isEmbedkitError } from '../../errors.js';
import { ensureDir, errnoCode, fsFailure } from '../../io/fs-failure.js';
import { sweepStaleTemps, trackTemp } from '../../io/temp-files.js';
import { unitCopy } from '../../math/kernels.js';
import type { TopK } from '../../math/top-k-heap.js';
import { IndexSelection } from '../index-selection.js';
import { createManifest, parseManifest, validateQueryVector, validateRecords } from '../manifest.js';
import { validateCollectionName } from '../names.js';
import { positionOf } from '../sorted-ids.js';
import { fts5Query, sqliteFilter } from '../sql-filter.js';
import type {
  Collection,
  CollectionManifest,
  CollectionSummary,
  CreateCollectionOptions,
  Filter,
  HnswParams,
  KeywordSearchOptions,
  Metadata,
  SearchHit,
  StoredRecord,
  ScanOptions,
  UpsertOptions,
  UpsertResult,
  VectorRecord,
  VectorSearchOptions,
  VectorStore,
} from '../types.js';
import { ensureChangeLog, logChanges } from './sqlite-changes.js';
import { guarded, sqliteFailure } from './sqlite-failure.js';
import { SqliteHnswCache } from './sqlite-hnsw.js';
import { SqliteMatrixCache, type DerivedUpdates, type MatrixState } from './sqlite-matrix.js';

export interface SqliteStoreOptions {
  /** Called when a derived file is rebuilt or cannot be written. */
  readonly onWarning?: (message: string) => void;
  /** Called before a long step that has no progress of its own (building an HNSW graph). */
  readonly onStatus?: (message: string) => void;
  /** Records at or above which `auto` uses HNSW (default `HNSW_THRESHOLD`, index-selection.ts). */
  readonly hnswThreshold?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
  rowid INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  text TEXT NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}',
  vector BLOB NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS records_fts USING fts5(text, content='records', content_rowid='rowid', tokenize='porter unicode61');
CREATE TABLE IF NOT EXISTS changes (generation INTEGER NOT NULL, rowid INTEGER NOT NULL);
CREATE TRIGGER IF NOT EXISTS records_ai AFTER INSERT ON records BEGIN
  INSERT INTO records_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER IF NOT EXISTS records_ad AFTER DELETE ON records BEGIN
  INSERT INTO records_fts(records_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER IF NOT EXISTS records_au AFTER UPDATE OF text ON records BEGIN
  INSERT INTO records_fts(records_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
  INSERT INTO records_fts(rowid, text) VALUES (new.rowid, new.text);
END;
`;

/**
 * Opens a collection database. Writers wait for each other: every write transaction begins IMMEDIATE (it
 * takes the write lock at BEGIN, where SQLite's busy handler applies, instead of failing when a read
 * transaction is upgraded), and the busy timeout bounds the wait (`busyTimeoutMs`, config.ts).
 */
function openDatabase(path: string, readonly = false): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly, fileMustExist: true, timeout: busyTimeoutMs() });
  } catch (e) {
    const f = sqliteFailure(e, path, 'cannot open collection database');
    if (isEmbedkitError(f)) throw f;
    throw new EmbedkitError('DATABASE_ERROR', 'cannot open collection database', { where: path, received: e instanceof Error ? e.message : String(e), cause: e });
  }
  try {
    // Before anything is written (WAL mode): a SQLite file without our tables is not a collection.
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('meta', 'records')").all() as { name: string }[];
    if (tables.length < 2) {
      throw new EmbedkitError('DATABASE_ERROR', 'not a collection database', { expected: 'tables meta and records', received: tables.length === 0 ? 'none' : tables.map((t) => t.name).join(', '), where: path });
    }
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
  } catch (e) {
    db.close();
    throw sqliteFailure(e, path, 'cannot open collection database');
  }
  return db;
}

/**
 * Moves a finished new database into place without replacing one that another process created meanwhile
 * (a hard link fails when the name exists; where links are unsupported, a rename).
 */
function publish(tmp: string, path: string, name: string): void {
  try {
    linkSync(tmp, path);
  } catch (e) {
    if (errnoCode(e) === 'EEXIST') throw new EmbedkitError('COLLECTION_EXISTS', JSON.stringify(name), { where: path, hint: 'another process created it just now' });
    renameSync(tmp, path);
    return;
  }
  rmSync(tmp, { force: true });
}

/** `.NAME.PID.creating`: a collection being created; the pid tells a later run whether it was abandoned. */
function creatingPid(name: string): number | undefined {
  const m = /^\.[A-Za-z0-9][A-Za-z0-9_-]*\.(\d+)\.creating$/.exec(name);
  return m === null ? undefined : Number(m[1]);
}

function vectorBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

function blobVector(b: Buffer): Float32Array {
  const out = new Float32Array(b.byteLength / 4);
  b.copy(new Uint8Array(out.buffer));
  return out;
}

function parseMetadata(json: string): Metadata {
  return JSON.parse(json) as Metadata;
}

export class SqliteStore implements VectorStore {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  private readonly open_ = new Map<string, SqliteCollection>();

  constructor(
    dir: string,
    readonly opts: SqliteStoreOptions = {},
  ) {
    this.location = resolve(dir);
  }

  path(name: string): string {
    return join(this.location, `${validateCollectionName(name)}.sqlite`);
  }

  async exists(name: string): Promise<boolean> {
    return existsSync(this.path(name));
  }

  async create(name: string, embedder: EmbedderInfo, opts: CreateCollectionOptions = {}): Promise<Collection> {
    const manifest = createManifest(name, embedder, opts.hnsw, opts.transforms, opts.commonComponents);
    const path = this.path(name);
    this.checkLocation();
    if (existsSync(path)) throw new EmbedkitError('COLLECTION_EXISTS', JSON.stringify(name), { where: path, hint: 'drop it first or use another name' });
    ensureDir(this.location);
    sweepStaleTemps(this.location, creatingPid);
    // Built under a temporary name and renamed: a crash never leaves a collection without a manifest.
    const tmp = join(this.location, `.${name}.${process.pid}.creating`);
    const untrack = trackTemp(tmp);
    try {
      rmSync(tmp, { force: true });
      const db = new Database(tmp);
      try {
        db.pragma('journal_mode = DELETE');
        db.exec(SCHEMA);
        const put = db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)');
        db.transaction(() => {
          put.run('manifest', JSON.stringify(manifest));
          put.run('generation', '0');
          put.run('layout', '0');
        })();
        db.pragma('journal_mode = WAL');
      } finally {
        db.close();
      }
      publish(tmp, path, name);
    } catch (e) {
      for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(tmp + suffix, { force: true });
      throw sqliteFailure(e, path, 'cannot create collection');
    } finally {
      untrack();
    }
    return this.open(name);
  }

  /** The location must be a folder (or not exist yet): a file or a device is a clear error. */
  private checkLocation(): void {
    let isDir: boolean;
    try {
      isDir = statSync(this.location).isDirectory();
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return;
      throw fsFailure(e, this.location, 'cannot use the collections folder');
    }
    if (!isDir) throw new EmbedkitError('IO_ERROR', 'collections location is not a folder', { expected: 'a folder (or a postgres:// URL)', received: 'a file', where: this.location, hint: '`db` names the folder holding NAME.sqlite files' });
  }

  async open(name: string): Promise<Collection> {
    const cached = this.open_.get(name);
    if (cached !== undefined) return cached;
    this.checkLocation();
    const path = this.path(name);
    if (!existsSync(path)) {
      const names = this.names();
      throw new EmbedkitError('COLLECTION_NOT_FOUND', JSON.stringify(name), {
        where: this.location,
        hint: names.length > 0 ? `collections here: ${names.join(', ')}` : 'no collections here yet: create it first',
      });
    }
    const db = openDatabase(path);
    let c: SqliteCollection;
    try {
      c = guarded(path, 'cannot read collection', () => new SqliteCollection(db, join(this.location, name), this.opts));
    } catch (e) {
      db.close();
      throw e;
    }
    this.open_.set(name, c);
    return c;
  }

  private names(): string[] {
    this.checkLocation();
    if (!existsSync(this.location)) return [];
    let files: string[];
    try {
      files = readdirSync(this.location);
    } catch (e) {
      throw fsFailure(e, this.location, 'cannot list the collections folder');
    }
    return files
      .filter((f) => f.endsWith('.sqlite') && !f.startsWith('.'))
      .map((f) => f.slice(0, -'.sqlite'.length))
      .sort();
  }

  async list(): Promise<CollectionSummary[]> {
    const out: CollectionSummary[] = [];
    for (const name of this.names()) {
      // One unreadable file (not a database, damaged, no manifest) must not hide the other collections.
      try {
        const c = (await this.open(name)) as SqliteCollection;
        out.push({ name, count: await c.count(), dim: c.manifest.dim, model: c.manifest.embedder.model });
      } catch (e) {
        if (!isEmbedkitError(e)) throw e;
        this.opts.onWarning?.(`skipped ${this.path(name)}: ${e.message}`);
      }
    }
    return out;
  }

  async drop(name: string): Promise<boolean> {
    const path = this.path(name);
    this.open_.get(name)?.close();
    this.open_.delete(name);
    if (!existsSync(path)) return false;
    const base = join(this.location, name);
    for (const suffix of ['.sqlite', '.sqlite-wal', '.sqlite-shm', '.matrix', '.hnsw', '.hnsw.header']) rmSync(base + suffix, { force: true });
    return true;
  }

  async close(): Promise<void> {
    for (const c of this.open_.values()) c.close();
    this.open_.clear();
  }
}

export class SqliteCollection implements Collection {
  readonly name: string;
  readonly manifest: CollectionManifest;
  private readonly matrix: SqliteMatrixCache;
  private readonly graph: SqliteHnswCache;
  private readonly indexes: IndexSelection;
  private readonly stmt: {
    bump: Database.Statement<[string]>;
    exists: Database.Statement<[string], { rowid: number }>;
    insert: Database.Statement<[string, string, string, Buffer]>;
    update: Database.Statement<[string, string, Buffer, string]>;
    del: Database.Statement<[string], { rowid: number }>;
    get: Database.Statement<[string], { id: string; text: string; metadata: string; vector: Buffer }>;
  };

  constructor(
    readonly db: Database.Database,
    /** Path prefix of the derived files (`…/NAME`). */
    readonly base: string,
    private readonly opts: SqliteStoreOptions,
  ) {
    const row = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get('manifest');
    if (row === undefined) throw new EmbedkitError('DATABASE_ERROR', 'collection has no manifest', { where: `${base}.sqlite`, hint: 'drop and re-create it' });
    this.manifest = parseManifest(row.value, `${base}.sqlite`);
    this.name = this.manifest.name;
    const warn = (m: string): void => this.opts.onWarning?.(m);
    this.matrix = new SqliteMatrixCache(db, base, this.manifest.dim, warn);
    this.graph = new SqliteHnswCache(db, base, this.manifest.hnsw, warn, (m) => this.opts.onStatus?.(`${this.name}: ${m}`));
    this.indexes = new IndexSelection(async () => this.graph.index(await this.matrix.current()), opts.hnswThreshold);
    this.stmt = {
      bump: db.prepare("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = ?"),
      exists: db.prepare('SELECT rowid FROM records WHERE id = ?'),
      insert: db.prepare('INSERT INTO records(id, text, metadata, vector) VALUES (?, ?, ?, ?)'),
      update: db.prepare('UPDATE records SET text = ?, metadata = ?, vector = ? WHERE id = ?'),
      del: db.prepare('DELETE FROM records WHERE id = ? RETURNING rowid'),
      get: db.prepare('SELECT id, text, metadata, vector FROM records WHERE id = ?'),
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** The database file. */
  get file(): string {
    return `${this.base}.sqlite`;
  }

  async upsert(records: readonly VectorRecord[], opts: UpsertOptions = {}): Promise<UpsertResult> {
    validateRecords(records, this.manifest.dim, this.name);
    let inserted = 0;
    let updated = 0;
    let skipped = 0;
    guarded(this.file, `cannot write to collection ${this.name}`, () => this.db.transaction(() => {
      const replaced: number[] = [];
      for (const r of records) {
        const meta = JSON.stringify(r.metadata ?? {});
        const existing = this.stmt.exists.get(r.id);
        if (existing !== undefined) {
          if (opts.skipExisting === true) skipped++;
          else {
            this.stmt.update.run(r.text, meta, vectorBlob(r.vector), r.id);
            replaced.push(existing.rowid);
            updated++;
          }
        } else {
          this.stmt.insert.run(r.id, r.text, meta, vectorBlob(r.vector));
          inserted++;
        }
      }
      if (replaced.length > 0) {
        ensureChangeLog(this.db);
        logChanges(this.db, replaced);
      }
      if (inserted + updated > 0) this.stmt.bump.run('generation');
      if (updated > 0) this.stmt.bump.run('layout');
    }).immediate());
    return { inserted, updated, skipped };
  }

  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const id of ids) if (this.stmt.exists.get(id) !== undefined) out.add(id);
    return out;
  }

  async delete(ids: readonly string[]): Promise<number> {
    let n = 0;
    guarded(this.file, `cannot delete from collection ${this.name}`, () => this.db.transaction(() => {
      const deleted: number[] = [];
      for (const id of ids) {
        const row = this.stmt.del.get(id);
        if (row !== undefined) deleted.push(row.rowid);
      }
      n = deleted.length;
      if (n > 0) {
        ensureChangeLog(this.db);
        logChanges(this.db, deleted);
        this.stmt.bump.run('generation');
        this.stmt.bump.run('layout');
      }
    }).immediate());
    return n;
  }

  async get(ids: readonly string[]): Promise<StoredRecord[]> {
    const out: StoredRecord[] = [];
    for (const id of ids) {
      const r = this.stmt.get.get(id);
      if (r !== undefined) out.push({ id: r.id, text: r.text, metadata: parseMetadata(r.metadata), vector: blobVector(r.vector) });
    }
    return out;
  }

  async scan(opts: ScanOptions): Promise<StoredRecord[]> {
    const rows = this.db
      .prepare<[string, number], { id: string; text: string; metadata: string; vector: Buffer }>('SELECT id, text, metadata, vector FROM records WHERE id > ? ORDER BY id LIMIT ?')
      .all(opts.after ?? '', Math.max(0, Math.floor(opts.limit)));
    return rows.map((r) => ({ id: r.id, text: r.text, metadata: parseMetadata(r.metadata), vector: blobVector(r.vector) }));
  }

  async setEmbedder(embedder: EmbedderInfo): Promise<void> {
    const manifest: CollectionManifest = { ...this.manifest, embedder: { ...embedder } };
    this.db.prepare("UPDATE meta SET value = ? WHERE key = 'manifest'").run(JSON.stringify(manifest));
    (this as { manifest: CollectionManifest }).manifest = manifest;
  }

  async count(filter?: Filter): Promise<number> {
    const f = sqliteFilter(filter);
    return (this.db.prepare(`SELECT count(*) AS n FROM records WHERE ${f.sql}`).get(...f.params) as { n: number }).n;
  }

  /** The unit-row matrix, current with the database. */
  matrixState(): Promise<MatrixState> {
    return this.matrix.current();
  }

  /** How the derived matrix and graph were brought up to date so far (rebuilt / appended / changed). */
  derivedUpdates(): { readonly matrix: Readonly<DerivedUpdates>; readonly hnsw: Readonly<DerivedUpdates> } {
    return { matrix: { ...this.matrix.updates }, hnsw: { ...this.graph.updates } };
  }

  // ---------- search ----------

  /** Row positions (ascending) of records matching `filter`. */
  private filterRows(filter: Filter, s: MatrixState): Int32Array {
    const f = sqliteFilter(filter);
    const out: number[] = [];
    const rowids = s.rowids;
    for (const r of this.db.prepare(`SELECT rowid FROM records WHERE ${f.sql} ORDER BY rowid`).iterate(...f.params) as IterableIterator<{ rowid: number }>) {
      const p = positionOf(rowids, r.rowid);
      if (p >= 0) out.push(p);
    }
    return Int32Array.from(out);
  }

  async searchVector(query: Float32Array, opts: VectorSearchOptions): Promise<SearchHit[]> {
    validateQueryVector(query, this.manifest.dim, this.name);
    if (opts.dims !== undefined && (!Number.isInteger(opts.dims) || opts.dims < 1 || opts.dims > this.manifest.dim)) {
      throw new EmbedkitError('BAD_OPTION', 'dims', { expected: `an integer in 1–${this.manifest.dim}`, received: String(opts.dims), where: 'dims' });
    }
    const s = await this.matrix.current();
    if (s.matrix.rows === 0 || opts.k <= 0) return [];
    const index = await this.indexes.select(opts.index ?? 'auto', s, opts.dims);
    const rows = opts.filter !== undefined && opts.filter.length > 0 ? this.filterRows(opts.filter, s) : undefined;
    const top = index.search(unitCopy(query), opts.k, {
      ...(rows !== undefined ? { rows } : {}),
      ...(opts.ef !== undefined ? { ef: opts.ef } : {}),
      ...(opts.rescore !== undefined ? { rescore: opts.rescore } : {}),
    });
    return this.hits(top, s);
  }

  private hits(top: TopK, s: MatrixState): SearchHit[] {
    const rowids = Array.from(top.indices, (i) => s.rowids[i]!);
    const rows = this.db
      .prepare('SELECT rowid, id, text, metadata FROM records WHERE rowid IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(rowids)) as { rowid: number; id: string; text: string; metadata: string }[];
    const byRowid = new Map(rows.map((r) => [r.rowid, r]));
    const out: SearchHit[] = [];
    rowids.forEach((rowid, i) => {
      const r = byRowid.get(rowid);
      if (r !== undefined) out.push({ id: r.id, score: top.scores[i]!, text: r.text, metadata: parseMetadata(r.metadata) });
    });
    return out;
  }

  async searchKeyword(query: string, opts: KeywordSearchOptions): Promise<SearchHit[]> {
    const q = fts5Query(query);
    if (q === undefined || opts.k <= 0) return [];
    const f = sqliteFilter(opts.filter, 'r.metadata');
    const rows = this.db
      .prepare(
        `SELECT r.id, r.text, r.metadata, bm25(records_fts) AS rank FROM records_fts JOIN records r ON r.rowid = records_fts.rowid
         WHERE records_fts MATCH ? AND ${f.sql} ORDER BY rank, r.rowid LIMIT ?`,
      )
      .all(q, ...f.params, opts.k) as { id: string; text: string; metadata: string; rank: number }[];
    return rows.map((r) => ({ id: r.id, score: -r.rank, text: r.text, metadata: parseMetadata(r.metadata) }));
  }
}
