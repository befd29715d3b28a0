/**
 * The derived HNSW graph of a SQLite collection: in memory and in `NAME.hnsw` + `NAME.hnsw.header` (magic
 * names the storage, generation, layout, CRC-32). A graph over a prefix of the rows is extended while the
 * layout (row positions) is unchanged; a stale, damaged or differently stored graph is rebuilt.
 */
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import { isEmbedkitError } from '../../errors.js';
import { withAtomicFile } from '../../io/atomic-write.js';
import { checkPayload, crcOf, decodeHeader, DERIVED_VERSION, encodeHeader } from '../derived-file.js';
import { HnswIndex, hnswMagic } from '../indexes/hnsw-index.js';
import type { HnswParams } from '../types.js';
import type { MatrixState } from './sqlite-matrix.js';

/** Graph work on at least this many vectors is announced (it takes seconds). */
const STATUS_ROWS = 20_000;

export class SqliteHnswCache {
  private hnsw: { index: HnswIndex; generation: number; layout: number } | undefined;

  constructor(
    /** Path prefix of the derived files (`…/NAME`). */
    private readonly base: string,
    private readonly params: HnswParams,
    private readonly warn: (message: string) => void,
    private readonly status: (message: string) => void = () => {},
  ) {}

  /** The graph over the rows of `s` (loaded, extended or built as needed). */
  async index(s: MatrixState): Promise<HnswIndex> {
    if (this.hnsw?.generation === s.generation) return this.hnsw.index;
    const file = `${this.base}.hnsw`;
    const headerFile = `${file}.header`;
    // A graph over a prefix of the rows is reusable while the layout (row positions) is unchanged.
    let index = this.hnsw !== undefined && this.hnsw.layout === s.layout && this.hnsw.index.size <= s.matrix.rows ? this.hnsw.index : undefined;
    if (index === undefined && existsSync(file) && existsSync(headerFile)) {
      try {
        const h = decodeHeader(readFileSync(headerFile), headerFile, hnswMagic(this.params.storage));
        checkPayload(h, readFileSync(file), file);
        if (h.dim === s.matrix.dim && h.layout === s.layout && h.count <= s.matrix.rows) {
          const loaded = HnswIndex.load(file, s.matrix, this.params);
          if (loaded.size === h.count) index = loaded;
          else this.warn(`rebuilding ${file}: ${loaded.size} vectors but header says ${h.count}`);
        }
      } catch (e) {
        if (!isEmbedkitError(e)) throw e;
        this.warn(`rebuilding ${file}: ${e.message}`);
      }
    }
    let dirty = true;
    const todo = s.matrix.rows - (index?.size ?? 0);
    if (todo >= STATUS_ROWS) this.status(`${index === undefined ? 'building' : 'extending'} the HNSW search graph (${todo.toLocaleString('en-US')} vectors; once per change of the collection)…`);
    if (index === undefined) index = HnswIndex.build(s.matrix, this.params);
    else {
      dirty = index.size < s.matrix.rows;
      index.append(s.matrix);
    }
    if (dirty) await this.save(index, s);
    this.hnsw = { index, generation: s.generation, layout: s.layout };
    return index;
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
