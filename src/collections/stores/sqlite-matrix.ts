/**
 * The derived float matrix of a SQLite collection: unit-length rows in rowid order plus their rowids,
 * kept in memory and in `NAME.matrix` (magic `EKMATRIX`, header with generation and layout, CRC-32). It is
 * brought up to date with the database on every use: reused when current, extended when only rows were
 * appended (same layout), updated from the change log after deletes and replacements (deleted rows
 * dropped, replaced rows re-read, new rows appended: sqlite-changes.ts), rebuilt when the log does not
 * reach back to the file's generation or the file is damaged.
 */
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { EmbedkitError, isEmbedkitError } from '../../errors.js';
import { withAtomicFile } from '../../io/atomic-write.js';
import { normalizeRowsInPlace } from '../../math/kernels.js';
import type { Matrix } from '../../math/matrix.js';
import { matrixFloat32 } from '../../math/shared-memory.js';
import { checkPayload, crcOf, decodeHeader, DERIVED_VERSION, encodeHeader, HEADER_BYTES } from '../derived-file.js';
import { positionOf } from '../sorted-ids.js';
import { changesSince, type ChangesSince } from './sqlite-changes.js';

const MATRIX_MAGIC = 'EKMATRIX';

/** Unit vectors in rowid order, and the database state they reflect. */
export interface MatrixState {
  readonly matrix: Matrix;
  readonly rowids: Float64Array;
  readonly generation: number;
  readonly layout: number;
  readonly maxRowid: number;
}

/** How the derived files were brought up to date (for diagnostics and tests). */
export interface DerivedUpdates {
  rebuilt: number;
  appended: number;
  /** Updated from the change log (deletes / replacements) without a rebuild. */
  changed: number;
}


export class SqliteMatrixCache {
  private state: MatrixState | undefined;
  readonly updates: DerivedUpdates = { rebuilt: 0, appended: 0, changed: 0 };
  private readonly meta: Database.Statement<[string], { value: string }>;

  constructor(
    private readonly db: Database.Database,
    /** Path prefix of the derived files (`…/NAME`). */
    private readonly base: string,
    private readonly dim: number,
    private readonly warn: (message: string) => void,
  ) {
    this.meta = db.prepare('SELECT value FROM meta WHERE key = ?');
  }

  private counter(key: 'generation' | 'layout'): number {
    return Number(this.meta.get(key)?.value ?? 0);
  }

  /** The unit-row matrix, current with the database (loaded, extended or rebuilt as needed). */
  async current(): Promise<MatrixState> {
    const { state, dirty } = this.db.transaction(() => this.sync())();
    this.state = state;
    if (dirty) await this.save(state);
    return state;
  }

  private sync(): { state: MatrixState; dirty: boolean } {
    const generation = this.counter('generation');
    const layout = this.counter('layout');
    if (this.state?.generation === generation) return { state: this.state, dirty: false };
    let base = this.state;
    if (base === undefined || base.layout !== layout) {
      // The file may be newer than what is in memory (another process wrote it).
      try {
        const file = this.read();
        if (file !== undefined && (base === undefined || file.generation > base.generation)) base = file;
      } catch (e) {
        if (!isEmbedkitError(e)) throw e;
        this.warn(`rebuilding ${this.base}.matrix: ${e.message}`);
      }
    }
    if (base !== undefined && base.generation === generation) return { state: base, dirty: false };
    if (base !== undefined && base.layout === layout) {
      this.updates.appended++;
      return { state: this.extend(base, generation, layout), dirty: true };
    }
    const changes = base === undefined ? undefined : changesSince(this.db, base.generation);
    if (base !== undefined && changes !== undefined) {
      this.updates.changed++;
      return { state: this.extend(this.applyChanges(base, changes), generation, layout), dirty: true };
    }
    this.updates.rebuilt++;
    return { state: this.extend(undefined, generation, layout), dirty: true };
  }

  /** `base` without its deleted rows and with its replaced rows re-read (rows appended since are not added here). */
  private applyChanges(base: MatrixState, changes: ChangesSince): MatrixState {
    const dim = this.dim;
    const n0 = base.matrix.rows;
    const keep = new Uint8Array(n0);
    let rows = 0;
    for (let i = 0; i < n0; i++) {
      if (!changes.deleted.has(base.rowids[i]!)) {
        keep[i] = 1;
        rows++;
      }
    }
    const data = matrixFloat32(rows * dim);
    const rowids = new Float64Array(rows);
    // Copy runs of kept rows at once.
    let out = 0;
    for (let i = 0; i < n0; ) {
      if (keep[i] === 0) {
        i++;
        continue;
      }
      let j = i;
      while (j < n0 && keep[j] === 1) j++;
      data.set(base.matrix.data.subarray(i * dim, j * dim), out * dim);
      rowids.set(base.rowids.subarray(i, j), out);
      out += j - i;
      i = j;
    }
    const read = this.db.prepare<[number], { vector: Buffer }>('SELECT vector FROM records WHERE rowid = ?');
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    for (const rowid of changes.replaced) {
      const p = positionOf(rowids, rowid);
      if (p < 0) continue; // appended after `base`: read with the new rows
      const r = read.get(rowid);
      if (r === undefined || r.vector.byteLength !== dim * 4) throw new EmbedkitError('DATABASE_ERROR', `stored vector of rowid ${rowid}`, { expected: `${dim * 4} bytes`, received: r === undefined ? 'no row' : `${r.vector.byteLength} bytes`, where: `${this.base}.sqlite` });
      r.vector.copy(bytes, p * dim * 4);
      normalizeRowsInPlace(data.subarray(p * dim, (p + 1) * dim), dim);
    }
    return { matrix: { data, rows, dim }, rowids, generation: base.generation, layout: base.layout, maxRowid: base.maxRowid };
  }

  /** Appends rows with rowid > base.maxRowid (all rows when base is undefined). */
  private extend(base: MatrixState | undefined, generation: number, layout: number): MatrixState {
    const dim = this.dim;
    const from = base?.maxRowid ?? 0;
    const extra = (this.db.prepare('SELECT count(*) AS n FROM records WHERE rowid > ?').get(from) as { n: number }).n;
    const n0 = base?.matrix.rows ?? 0;
    const rows = n0 + extra;
    const data = matrixFloat32(rows * dim); // shared when large: scans are split over threads
    const rowids = new Float64Array(rows);
    if (base !== undefined) {
      data.set(base.matrix.data.subarray(0, n0 * dim));
      rowids.set(base.rowids.subarray(0, n0));
    }
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    let i = n0;
    let maxRowid = from;
    for (const r of this.db.prepare('SELECT rowid, vector FROM records WHERE rowid > ? ORDER BY rowid').iterate(from) as IterableIterator<{ rowid: number; vector: Buffer }>) {
      if (i >= rows) break;
      if (r.vector.byteLength !== dim * 4) throw new EmbedkitError('DATABASE_ERROR', `stored vector of rowid ${r.rowid}`, { expected: `${dim * 4} bytes`, received: `${r.vector.byteLength} bytes`, where: `${this.base}.sqlite` });
      r.vector.copy(bytes, i * dim * 4);
      rowids[i] = r.rowid;
      maxRowid = r.rowid;
      i++;
    }
    normalizeRowsInPlace(data.subarray(n0 * dim), dim);
    return { matrix: { data, rows, dim }, rowids, generation, layout, maxRowid };
  }

  private read(): MatrixState | undefined {
    const file = `${this.base}.matrix`;
    if (!existsSync(file)) return undefined;
    const buf = readFileSync(file);
    const h = decodeHeader(buf, file, MATRIX_MAGIC);
    if (h.dim !== this.dim) throw new EmbedkitError('CACHE_INVALID', 'matrix dimension', { expected: String(this.dim), received: String(h.dim), where: file });
    const payload = buf.subarray(HEADER_BYTES);
    checkPayload(h, payload, file);
    if (h.payloadBytes !== h.count * (8 + 4 * h.dim)) throw new EmbedkitError('CACHE_INVALID', 'matrix size', { expected: `${h.count * (8 + 4 * h.dim)} bytes`, received: `${h.payloadBytes} bytes`, where: file });
    // Copy into aligned arrays (the Buffer's offset inside Node's pool is not 8-aligned in general).
    const rowids = new Float64Array(h.count);
    new Uint8Array(rowids.buffer).set(payload.subarray(0, h.count * 8));
    const data = matrixFloat32(h.count * h.dim);
    new Uint8Array(data.buffer, data.byteOffset, data.byteLength).set(payload.subarray(h.count * 8));
    return { matrix: { data, rows: h.count, dim: h.dim }, rowids, generation: h.generation, layout: h.layout, maxRowid: h.maxRowid };
  }

  private async save(s: MatrixState): Promise<void> {
    const file = `${this.base}.matrix`;
    const parts = [s.rowids, s.matrix.data] as const;
    const header = encodeHeader({
      magic: MATRIX_MAGIC,
      version: DERIVED_VERSION,
      dim: s.matrix.dim,
      count: s.matrix.rows,
      generation: s.generation,
      layout: s.layout,
      maxRowid: s.maxRowid,
      payloadBytes: s.rowids.byteLength + s.matrix.data.byteLength,
      payloadCrc: crcOf(parts),
    });
    try {
      await withAtomicFile(file, async (tmp) => {
        const fh = await fsp.open(tmp, 'w');
        try {
          await fh.write(header);
          for (const p of parts) await fh.write(new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
          await fh.sync();
        } finally {
          await fh.close();
        }
      });
    } catch (e) {
      this.warn(`cannot save ${file} (search still works, slower to start): ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
