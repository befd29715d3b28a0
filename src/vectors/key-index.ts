/**
 * Key → row look-up. A `Map` serves vectors built in memory; `HashedKeyIndex` serves vectors opened from an
 * ekv file without building anything: the file carries the UTF-8 key blob, row offsets into it, and an
 * open-addressing hash table (FNV-1a, linear probing), all viewed in place.
 */

export interface KeyIndex {
  get(key: string): number | undefined;
  readonly size: number;
}

/** Row keys, decoded on demand. */
export interface KeyList {
  readonly size: number;
  keyAt(i: number): string;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnv1a(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  return h >>> 0;
}

/** Slots for `rows` keys: the next power of two ≥ 2 × rows (load factor ≤ 0.5). */
export function tableSlots(rows: number): number {
  let s = 1;
  while (s < rows * 2) s *= 2;
  return s;
}

/**
 * Builds the hash table for a key blob; returns -1 slots as empty. Throws on a duplicate key (with its row).
 */
export function buildHashTable(blob: Uint8Array, offsets: Uint32Array, rows: number): Int32Array {
  const slots = tableSlots(rows);
  const mask = slots - 1;
  const table = new Int32Array(slots).fill(-1);
  for (let r = 0; r < rows; r++) {
    const s = offsets[r]!;
    const e = offsets[r + 1]!;
    let slot = fnv1a(blob, s, e) & mask;
    for (;;) {
      const other = table[slot]!;
      if (other < 0) {
        table[slot] = r;
        break;
      }
      if (bytesEqual(blob, offsets[other]!, offsets[other + 1]!, blob, s, e)) {
        throw new Error(`duplicate key at rows ${other} and ${r}`);
      }
      slot = (slot + 1) & mask;
    }
  }
  return table;
}

function bytesEqual(a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number): boolean {
  if (ae - as !== be - bs) return false;
  for (let i = 0; i < ae - as; i++) if (a[as + i] !== b[bs + i]) return false;
  return true;
}

export class HashedKeyIndex implements KeyIndex, KeyList {
  private readonly mask: number;

  constructor(
    private readonly blob: Buffer,
    private readonly offsets: Uint32Array,
    private readonly table: Int32Array,
    readonly size: number,
  ) {
    this.mask = table.length - 1;
  }

  get(key: string): number | undefined {
    const k = Buffer.from(key, 'utf8');
    let slot = fnv1a(k, 0, k.length) & this.mask;
    for (;;) {
      const r = this.table[slot]!;
      if (r < 0) return undefined;
      if (r < this.size && bytesEqual(this.blob, this.offsets[r]!, this.offsets[r + 1]!, k, 0, k.length)) return r;
      slot = (slot + 1) & this.mask;
    }
  }

  keyAt(i: number): string {
    return this.blob.toString('utf8', this.offsets[i]!, this.offsets[i + 1]!);
  }

  /**
   * The first of `rows` rows whose key the table does not resolve to that row (its key repeats an earlier
   * one, or the table is damaged), or -1: one hash and probe per key, over the blob in place.
   */
  firstMisplacedRow(rows: number): number {
    const { blob, offsets, table, mask } = this;
    for (let r = 0; r < rows; r++) {
      const s = offsets[r]!;
      const e = offsets[r + 1]!;
      let slot = fnv1a(blob, s, e) & mask;
      for (;;) {
        const other = table[slot]!;
        if (other < 0) return r;
        if (bytesEqual(blob, offsets[other]!, offsets[other + 1]!, blob, s, e)) {
          if (other !== r) return r;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return -1;
  }
}
