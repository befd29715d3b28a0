/**
 * Dense ids for sparse row numbers: the first row seen gets 0, the next new one 1, … (so per-row work can
 * live in small arrays indexed by id). `rows[id]` maps back.
 */
export class DenseIds {
  private readonly ids = new Map<number, number>();
  readonly rows: number[] = [];

  id(row: number): number {
    let id = this.ids.get(row);
    if (id === undefined) {
      id = this.rows.length;
      this.ids.set(row, id);
      this.rows.push(row);
    }
    return id;
  }

  get size(): number {
    return this.rows.length;
  }
}
