/**
 * The derived HNSW graph of a SQLite collection: in memory and in `NAME.hnsw` + `NAME.hnsw.header` (magic
 * names the storage, generation, layout, CRC-32). Graph keys are database rowids, so the graph follows
 * the database incrementally: rows appended since it was built are added; after deletes and replacements
 * the change log (sqlite-changes.ts) says which rowids to remove and which to add again. A graph the log
 * does not reach back to, a damaged or differently stored one, or one where more than a fifth of the rows
 * changed (usearch keeps removed nodes as tombstones) is rebuilt.
 */
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { isEmbedkitError } from '../../errors.js';
import { withAtomicFile } from '../../io/atomic-write.js';
import { checkPayload, crcOf, decodeHeader, DERIVED_VERSION, encodeHeader } from '../derived-file.js';
import { HnswIndex, hnswMagic } from '../indexes/hnsw-index.js';
import type { HnswParams } from '../types.js';
import { changesSince } from './sqlite-changes.js';
import { firstAfter, positionOf } from '../sorted-ids.js';
import type { DerivedUpdates, MatrixState } from './sqlite-matrix.js';

/** Above this fraction of changed rows the graph is rebuilt instead of patched. */
const MAX_CHANGED_FRACTION = 0.2;

interface Graph {
  readonly index: HnswIndex;
  readonly generation: number;
  readonly layout: number;
  readonly maxRowid: number;
}


/** Graph work on at least this many vectors is announced (it takes seconds). */
const STATUS_ROWS = 20_000;

export class SqliteHnswCache {
  private hnsw: Graph | undefined;
  readonly updates: DerivedUpdates = { rebuilt: 0, appended: 0, changed: 0 };

  constructor(
    private readonly db: Database.Database,
    /** Path prefix of the derived files (`…/NAME`). */
    private readonly base: string,
    private readonly params: HnswParams,
    private readonly warn: (message: string) => void,
    private readonly status: (message: string) => void = () => {},
  ) {}

  /** The graph over the rows of `s` (loaded, patched or built as needed). */
  async index(s: MatrixState): Promise<HnswIndex> {
    if (this.hnsw?.generation === s.generation) return this.hnsw.index;
    const g = this.hnsw !== undefined && this.hnsw.generation < s.generation ? this.hnsw : this.load(s);
    if (g !== undefined && g.generation === s.generation) {
      g.index.applyChanges(s.matrix, s.rowids, [], []); // the saved graph is current: only bind it to these rows
      this.hnsw = { ...g };
      return g.index;
    }
    let index: HnswIndex | undefined;
    if (g !== undefined && this.patch(g, s)) index = g.index;
    if (index === undefined) {
      this.updates.rebuilt++;
      if (s.matrix.rows >= STATUS_ROWS) this.status(`building the HNSW search graph (${s.matrix.rows.toLocaleString('en-US')} vectors; once per change of the collection)…`);
      index = HnswIndex.build(s.matrix, this.params, 0, s.rowids);
    }
    await this.save(index, s);
    this.hnsw = { index, generation: s.generation, layout: s.layout, maxRowid: s.maxRowid };
    return index;
  }

  /** Brings `g` to `s` (appends, or the change log); false when it must be rebuilt instead. */
  private patch(g: Graph, s: MatrixState): boolean {
    const appendFrom = firstAfter(s.rowids, g.maxRowid);
    const appended = Array.from({ length: s.matrix.rows - appendFrom }, (_, i) => appendFrom + i);
    if (g.layout === s.layout) {
      this.updates.appended++;
      if (appended.length >= STATUS_ROWS) this.status(`extending the HNSW search graph (${appended.length.toLocaleString('en-US')} vectors)…`);
      g.index.applyChanges(s.matrix, s.rowids, [], appended);
      return true;
    }
    const changes = changesSince(this.db, g.generation);
    if (changes === undefined) return false;
    const replaced = [...changes.replaced].filter((r) => r <= g.maxRowid);
    if (changes.deleted.size + replaced.length > MAX_CHANGED_FRACTION * Math.max(1, g.index.size)) return false;
    const readded = replaced.map((r) => positionOf(s.rowids, r)).filter((p) => p >= 0);
    this.updates.changed++;
    g.index.applyChanges(s.matrix, s.rowids, [...changes.deleted, ...replaced], [...readded, ...appended]);
    return true;
  }

  /** The saved graph, when its header and checksum are good and it is not newer than `s`. */
  private load(s: MatrixState): Graph | undefined {
    const file = `${this.base}.hnsw`;
    const headerFile = `${file}.header`;
    if (!existsSync(file) || !existsSync(headerFile)) return undefined;
    try {
      const h = decodeHeader(readFileSync(headerFile), headerFile, hnswMagic(this.params.storage));
      checkPayload(h, readFileSync(file), file);
      if (h.dim !== s.matrix.dim || h.generation > s.generation) return undefined;
      const index = HnswIndex.load(file, s.matrix, this.params, s.rowids);
      if (index.size !== h.count) {
        this.warn(`rebuilding ${file}: ${index.size} vectors but header says ${h.count}`);
        return undefined;
      }
      return { index, generation: h.generation, layout: h.layout, maxRowid: h.maxRowid };
    } catch (e) {
      if (!isEmbedkitError(e)) throw e;
      this.warn(`rebuilding ${file}: ${e.message}`);
      return undefined;
    }
  }

  private async save(index: HnswIndex, s: MatrixState): Promise<void> {
    const file = `${this.base}.hnsw`;
    try {
      await withAtomicFile(file, async (tmp) => index.save(tmp));
      const bytes = readFileSync(file);
      const header = encodeHeader({
        magic: hnswMagic(index.params.storage),
        version: DERIVED_VERSION,
        dim: s.matrix.dim,
        count: index.size,
        generation: s.generation,
        layout: s.layout,
        maxRowid: s.maxRowid,
        payloadBytes: bytes.byteLength,
        payloadCrc: crcOf([bytes]),
      });
      await withAtomicFile(`${file}.header`, async (tmp) => fsp.writeFile(tmp, header));
    } catch (e) {
      this.warn(`cannot save ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
