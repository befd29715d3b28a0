/**
 * Distance-weighted word–word co-occurrence counts for GloVe (Pennington et al. 2014): a pair at distance
 * d inside the window adds 1/d, symmetrically. Counts accumulate in an open-addressing hash table of typed
 * arrays; when it is full, its entries are sorted by (row, col) and spilled to a shard file, and at the end
 * all shards are merged (summing duplicates) — memory stays within the budget whatever the corpus size.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { fsFailure } from '../io/fs-failure.js';
import { join } from 'node:path';
import { END_OF_STREAM, IdReader } from './id-stream.js';

/** Bytes per entry on disk: row int32, col int32, value float64. */
const RECORD = 16;

export interface CooccurrenceOptions {
  readonly window: number;
  /** Memory for the counting table, in MB (each slot is 16 bytes; the table spills at 70% load). */
  readonly memoryMB: number;
  /** Folder for the shards. */
  readonly dir: string;
  readonly onProgress?: (tokens: number) => void;
}

export interface Cooccurrences {
  readonly rows: Int32Array;
  readonly cols: Int32Array;
  readonly values: Float32Array;
  /** Shard files written while counting (0 when everything fit in memory). */
  readonly shards: number;
}

/** Open-addressing (row, col) → sum table that doubles until `maxCapacity`, then reports itself full. */
class PairTable {
  rows: Int32Array;
  cols: Int32Array;
  vals: Float64Array;
  mask: number;
  limit: number;
  size = 0;

  constructor(private readonly maxCapacity: number) {
    const capacity = Math.min(1 << 16, maxCapacity);
    this.rows = new Int32Array(capacity).fill(-1);
    this.cols = new Int32Array(capacity);
    this.vals = new Float64Array(capacity);
    this.mask = capacity - 1;
    this.limit = Math.floor(capacity * 0.7);
  }

  private grow(): void {
    const { rows, cols, vals } = this;
    const capacity = rows.length * 2;
    this.rows = new Int32Array(capacity).fill(-1);
    this.cols = new Int32Array(capacity);
    this.vals = new Float64Array(capacity);
    this.mask = capacity - 1;
    this.limit = Math.floor(capacity * 0.7);
    this.size = 0;
    for (let h = 0; h < rows.length; h++) if (rows[h] !== -1) this.add(rows[h]!, cols[h]!, vals[h]!);
  }

  /** Adds `v` to (r, c); returns false when the table is full and must be spilled first. */
  add(r: number, c: number, v: number): boolean {
    let h = (Math.imul(r, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & this.mask;
    const rows = this.rows;
    for (;;) {
      const hr = rows[h]!;
      if (hr === -1) break;
      if (hr === r && this.cols[h] === c) {
        this.vals[h] = this.vals[h]! + v;
        return true;
      }
      h = (h + 1) & this.mask;
    }
    if (this.size >= this.limit) {
      if (this.rows.length * 2 > this.maxCapacity) return false;
      this.grow();
      return this.add(r, c, v);
    }
    rows[h] = r;
    this.cols[h] = c;
    this.vals[h] = v;
    this.size++;
    return true;
  }

  /** Entries sorted by (row, col), as typed arrays; empties the table. */
  drain(): { rows: Int32Array; cols: Int32Array; vals: Float64Array } {
    const n = this.size;
    const slots = new Int32Array(n);
    let k = 0;
    for (let h = 0; h <= this.mask; h++) if (this.rows[h] !== -1) slots[k++] = h;
    const keys = new Float64Array(n);
    const stride = 2 ** 26;
    for (let i = 0; i < n; i++) keys[i] = this.rows[slots[i]!]! * stride + this.cols[slots[i]!]!;
    const order = Array.from(slots.keys()).sort((a, b) => keys[a]! - keys[b]!);
    const rows = new Int32Array(n);
    const cols = new Int32Array(n);
    const vals = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const h = slots[order[i]!]!;
      rows[i] = this.rows[h]!;
      cols[i] = this.cols[h]!;
      vals[i] = this.vals[h]!;
    }
    this.rows.fill(-1);
    this.size = 0;
    return { rows, cols, vals };
  }
}

function writeShard(path: string, e: { rows: Int32Array; cols: Int32Array; vals: Float64Array }): void {
  const fd = openSync(path, 'w');
  try {
    const chunk = 1 << 16;
    const buf = Buffer.alloc(chunk * RECORD);
    for (let start = 0; start < e.rows.length; start += chunk) {
      const n = Math.min(chunk, e.rows.length - start);
      for (let i = 0; i < n; i++) {
        buf.writeInt32LE(e.rows[start + i]!, i * RECORD);
        buf.writeInt32LE(e.cols[start + i]!, i * RECORD + 4);
        buf.writeDoubleLE(e.vals[start + i]!, i * RECORD + 8);
      }
      writeSync(fd, buf, 0, n * RECORD);
    }
  } finally {
    closeSync(fd);
  }
}

/** Sequential reader of one sorted shard. */
class ShardCursor {
  private readonly fd: number;
  private readonly buf = Buffer.alloc((1 << 14) * RECORD);
  private len = 0;
  private pos = 0;
  private offset = 0;
  row = 0;
  col = 0;
  val = 0;
  done = false;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
    this.advance();
  }

  advance(): void {
    if (this.pos === this.len) {
      const got = readSync(this.fd, this.buf, 0, this.buf.length, this.offset);
      this.offset += got;
      this.len = got;
      this.pos = 0;
      if (got === 0) {
        this.done = true;
        closeSync(this.fd);
        return;
      }
    }
    this.row = this.buf.readInt32LE(this.pos);
    this.col = this.buf.readInt32LE(this.pos + 4);
    this.val = this.buf.readDoubleLE(this.pos + 8);
    this.pos += RECORD;
  }
}

/** Merges sorted shards, summing equal (row, col) keys, into `emit` in key order. */
function mergeShards(paths: readonly string[], emit: (r: number, c: number, v: number) => void): void {
  const cursors = paths.map((p) => new ShardCursor(p)).filter((c) => !c.done);
  const less = (a: ShardCursor, b: ShardCursor): boolean => a.row < b.row || (a.row === b.row && a.col < b.col);
  while (cursors.length > 0) {
    let best = cursors[0]!;
    for (const c of cursors) if (less(c, best)) best = c;
    const r = best.row;
    const c0 = best.col;
    let v = 0;
    for (let i = cursors.length - 1; i >= 0; i--) {
      const c = cursors[i]!;
      while (!c.done && c.row === r && c.col === c0) {
        v += c.val;
        c.advance();
      }
      if (c.done) cursors.splice(i, 1);
    }
    emit(r, c0, v);
  }
}

/** Counts co-occurrences over the encoded corpus stream at `idsPath`. */
export function countCooccurrences(idsPath: string, opts: CooccurrenceOptions): Cooccurrences {
  let capacity = 16;
  while (capacity * 2 * 16 <= opts.memoryMB * 1024 * 1024) capacity *= 2;
  const table = new PairTable(capacity);
  const shards: string[] = [];
  const spill = (): void => {
    const path = join(opts.dir, `cooc-${shards.length}.bin`);
    try {
      writeShard(path, table.drain());
    } catch (e) {
      throw fsFailure(e, path, 'cannot write a co-occurrence shard');
    }
    shards.push(path);
  };
  const add = (r: number, c: number, v: number): void => {
    if (!table.add(r, c, v)) {
      spill();
      table.add(r, c, v);
    }
  };
  const win = opts.window;
  const ring = new Int32Array(win);
  const reader = new IdReader(idsPath);
  let tokens = 0;
  try {
    let filled = 0;
    for (let v = reader.next(); v !== END_OF_STREAM; v = reader.next()) {
      if (v < 0) {
        filled = 0;
        continue;
      }
      const n = Math.min(filled, win);
      for (let d = 1; d <= n; d++) {
        const u = ring[(filled - d) % win]!;
        const w = 1 / d;
        add(v, u, w);
        add(u, v, w);
      }
      ring[filled % win] = v;
      filled++;
      tokens++;
      if ((tokens & 0xfffff) === 0) opts.onProgress?.(tokens);
    }
  } finally {
    reader.close();
  }
  opts.onProgress?.(tokens);
  if (shards.length === 0) {
    const e = table.drain();
    return { rows: e.rows, cols: e.cols, values: Float32Array.from(e.vals), shards: 0 };
  }
  spill();
  let rows = new Int32Array(1 << 20);
  let cols = new Int32Array(1 << 20);
  let vals = new Float32Array(1 << 20);
  let n = 0;
  mergeShards(shards, (r, c, v) => {
    if (n === rows.length) {
      const grow = <T extends Int32Array | Float32Array>(a: T, make: (len: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      rows = grow(rows, (l) => new Int32Array(l));
      cols = grow(cols, (l) => new Int32Array(l));
      vals = grow(vals, (l) => new Float32Array(l));
    }
    rows[n] = r;
    cols[n] = c;
    vals[n] = v;
    n++;
  });
  return { rows: rows.slice(0, n), cols: cols.slice(0, n), values: vals.slice(0, n), shards: shards.length };
}
