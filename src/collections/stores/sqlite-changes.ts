/**
 * The change log that lets derived files follow deletes and replacements incrementally. Every write
 * transaction that deletes a record or replaces its vector records the rowid with the new generation in
 * `changes(generation, rowid)`; `meta.changes_since` is the generation from which the log is complete
 * (0 for collections created with it; for older ones, the generation at which the table was added). A
 * derived file built at generation G can then be brought to the current state by dropping the deleted
 * rows, re-reading the replaced ones and appending the rows added after it — instead of a rebuild.
 */
import type Database from 'better-sqlite3';

const CHANGES_SCHEMA = 'CREATE TABLE IF NOT EXISTS changes (generation INTEGER NOT NULL, rowid INTEGER NOT NULL)';

/** Rowids deleted, and rowids whose vector was replaced (and that still exist), after a generation. */
export interface ChangesSince {
  readonly deleted: ReadonlySet<number>;
  readonly replaced: ReadonlySet<number>;
}

/** Adds the log to a collection created without it (inside a write transaction). */
export function ensureChangeLog(db: Database.Database): void {
  db.exec(CHANGES_SCHEMA);
  db.prepare("INSERT OR IGNORE INTO meta(key, value) SELECT 'changes_since', value FROM meta WHERE key = 'generation'").run();
}

/** Records `rowids` as changed at the generation the current transaction writes (`generation + 1`). */
export function logChanges(db: Database.Database, rowids: readonly number[]): void {
  if (rowids.length === 0) return;
  const put = db.prepare("INSERT INTO changes(generation, rowid) SELECT CAST(value AS INTEGER) + 1, ? FROM meta WHERE key = 'generation'");
  for (const r of rowids) put.run(r);
}

/** The changes after `generation`, or undefined when the log does not reach back that far. */
export function changesSince(db: Database.Database, generation: number): ChangesSince | undefined {
  const hasLog = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'changes'").get() !== undefined;
  if (!hasLog) return undefined;
  const since = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'changes_since'").get();
  if (since === undefined || Number(since.value) > generation) return undefined;
  const deleted = new Set<number>();
  const replaced = new Set<number>();
  const exists = db.prepare<[number], { rowid: number }>('SELECT rowid FROM records WHERE rowid = ?');
  for (const { rowid } of db.prepare('SELECT DISTINCT rowid FROM changes WHERE generation > ?').iterate(generation) as IterableIterator<{ rowid: number }>) {
    if (exists.get(rowid) === undefined) deleted.add(rowid);
    else replaced.add(rowid);
  }
  return { deleted, replaced };
}
