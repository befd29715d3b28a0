/**
 * The scale-out store: Postgres + pgvector through `pg` (node-postgres). One table per collection
 * (`ek_NAME`: id, text, metadata JSONB, embedding vector(dim), a generated English tsvector) with an HNSW
 * index (`vector_cosine_ops`, the manifest's M / ef_construction) and a GIN full-text index; manifests in
 * `embedkit_collections`. Filters become SQL (`postgresFilter`), keyword search uses `ts_rank_cd`.
 * A filtered HNSW scan that returns fewer than k rows while k rows match is re-run as an exact scan.
 */
import pg from 'pg';
import type { EmbedderInfo } from '../../embedders/embedder.js';
import { EmbedkitError } from '../../errors.js';
import { formatFloat32 } from '../../io/float-text.js';
import { createManifest, validateQueryVector, validateRecords } from '../manifest.js';
import { unitCopy } from '../../math/kernels.js';
import { validateCollectionName } from '../names.js';
import { postgresFilter } from '../sql-filter.js';
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

function table(name: string): string {
  return `"ek_${validateCollectionName(name)}"`;
}

export function vectorLiteral(v: Float32Array): string {
  return `[${Array.from(v, formatFloat32).join(',')}]`;
}

export function parseVectorLiteral(s: string): Float32Array {
  const body = s.trim().replace(/^\[/, '').replace(/\]$/, '');
  return body.length === 0 ? new Float32Array(0) : Float32Array.from(body.split(','), Number);
}

function dbError(e: unknown, what: string, where: string): EmbedkitError {
  if (e instanceof EmbedkitError) return e;
  return new EmbedkitError('DATABASE_ERROR', what, { where, received: e instanceof Error ? e.message : String(e), cause: e });
}

export class PgvectorStore implements VectorStore {
  readonly kind = 'postgres' as const;

  private constructor(
    readonly pool: pg.Pool,
    readonly location: string,
  ) {}

  static async connect(url: string, _opts: { onWarning?: (m: string) => void } = {}): Promise<PgvectorStore> {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const location = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
    try {
      await pool.query('CREATE EXTENSION IF NOT EXISTS vector');
      await pool.query('CREATE TABLE IF NOT EXISTS embedkit_collections (name text PRIMARY KEY, manifest jsonb NOT NULL)');
    } catch (e) {
      await pool.end();
      throw dbError(e, 'cannot prepare the postgres database', location);
    }
    return new PgvectorStore(pool, location);
  }

  async exists(name: string): Promise<boolean> {
    const r = await this.pool.query('SELECT 1 FROM embedkit_collections WHERE name = $1', [validateCollectionName(name)]);
    return r.rowCount !== null && r.rowCount > 0;
  }

  async create(name: string, embedder: EmbedderInfo, opts: CreateCollectionOptions = {}): Promise<Collection> {
    const manifest = createManifest(name, embedder, opts.hnsw, opts.transforms, opts.commonComponents);
    if (await this.exists(name)) throw new EmbedkitError('COLLECTION_EXISTS', JSON.stringify(name), { where: this.location, hint: 'drop it first or use another name' });
    const t = table(name);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `CREATE TABLE ${t} (id text PRIMARY KEY, text text NOT NULL, metadata jsonb NOT NULL DEFAULT '{}', embedding vector(${manifest.dim}) NOT NULL,
         tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED)`,
      );
      await client.query(`CREATE INDEX ON ${t} USING hnsw (embedding vector_cosine_ops) WITH (m = ${manifest.hnsw.m}, ef_construction = ${manifest.hnsw.efConstruction})`);
      await client.query(`CREATE INDEX ON ${t} USING gin (tsv)`);
      await client.query('INSERT INTO embedkit_collections(name, manifest) VALUES ($1, $2)', [name, JSON.stringify(manifest)]);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw dbError(e, `cannot create collection ${name}`, this.location);
    } finally {
      client.release();
    }
    return new PgvectorCollection(this.pool, manifest, this.location);
  }

  async open(name: string): Promise<Collection> {
    const r = await this.pool.query<{ manifest: CollectionManifest }>('SELECT manifest FROM embedkit_collections WHERE name = $1', [validateCollectionName(name)]);
    const row = r.rows[0];
    if (row === undefined) {
      const names = (await this.list()).map((c) => c.name);
      throw new EmbedkitError('COLLECTION_NOT_FOUND', JSON.stringify(name), {
        where: this.location,
        hint: names.length > 0 ? `collections here: ${names.join(', ')}` : 'no collections here yet: create it first',
      });
    }
    return new PgvectorCollection(this.pool, row.manifest, this.location);
  }

  async list(): Promise<CollectionSummary[]> {
    const r = await this.pool.query<{ name: string; manifest: CollectionManifest }>('SELECT name, manifest FROM embedkit_collections ORDER BY name');
    const out: CollectionSummary[] = [];
    for (const { name, manifest } of r.rows) {
      const n = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table(name)}`);
      out.push({ name, count: Number(n.rows[0]?.n ?? 0), dim: manifest.dim, model: manifest.embedder.model });
    }
    return out;
  }

  async drop(name: string): Promise<boolean> {
    if (!(await this.exists(name))) return false;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`DROP TABLE IF EXISTS ${table(name)}`);
      await client.query('DELETE FROM embedkit_collections WHERE name = $1', [name]);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw dbError(e, `cannot drop collection ${name}`, this.location);
    } finally {
      client.release();
    }
    return true;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

interface Row {
  id: string;
  text: string;
  metadata: Metadata;
  score?: number;
  embedding?: string;
}

export class PgvectorCollection implements Collection {
  readonly name: string;
  private readonly t: string;

  constructor(
    private readonly pool: pg.Pool,
    readonly manifest: CollectionManifest,
    private readonly location: string,
  ) {
    this.name = manifest.name;
    this.t = table(manifest.name);
  }

  async upsert(records: readonly VectorRecord[], opts: UpsertOptions = {}): Promise<UpsertResult> {
    validateRecords(records, this.manifest.dim, this.name);
    if (records.length === 0) return { inserted: 0, updated: 0, skipped: 0 };
    const conflict = opts.skipExisting === true ? 'DO NOTHING' : 'DO UPDATE SET text = excluded.text, metadata = excluded.metadata, embedding = excluded.embedding';
    try {
      const r = await this.pool.query<{ inserted: boolean }>(
        `INSERT INTO ${this.t} (id, text, metadata, embedding)
         SELECT u.id, u.text, u.metadata::jsonb, u.embedding::vector FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(id, text, metadata, embedding)
         ON CONFLICT (id) ${conflict} RETURNING (xmax = 0) AS inserted`,
        [records.map((r) => r.id), records.map((r) => r.text), records.map((r) => JSON.stringify(r.metadata ?? {})), records.map((r) => vectorLiteral(r.vector))],
      );
      const inserted = r.rows.filter((x) => x.inserted).length;
      const updated = r.rows.length - inserted;
      return { inserted, updated, skipped: records.length - r.rows.length };
    } catch (e) {
      throw dbError(e, `cannot add to collection ${this.name}`, this.location);
    }
  }

  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    const r = await this.pool.query<{ id: string }>(`SELECT id FROM ${this.t} WHERE id = ANY($1::text[])`, [ids]);
    return new Set(r.rows.map((x) => x.id));
  }

  async delete(ids: readonly string[]): Promise<number> {
    const r = await this.pool.query(`DELETE FROM ${this.t} WHERE id = ANY($1::text[])`, [ids]);
    return r.rowCount ?? 0;
  }

  async get(ids: readonly string[]): Promise<StoredRecord[]> {
    const r = await this.pool.query<Row>(`SELECT id, text, metadata, embedding::text AS embedding FROM ${this.t} WHERE id = ANY($1::text[])`, [ids]);
    const byId = new Map(r.rows.map((x) => [x.id, x]));
    return ids.flatMap((id) => {
      const x = byId.get(id);
      return x === undefined ? [] : [{ id: x.id, text: x.text, metadata: x.metadata, vector: parseVectorLiteral(x.embedding ?? '') }];
    });
  }

  async scan(opts: ScanOptions): Promise<StoredRecord[]> {
    const r = await this.pool.query<Row>(`SELECT id, text, metadata, embedding::text AS embedding FROM ${this.t} WHERE id COLLATE "C" > $1 ORDER BY id COLLATE "C" LIMIT $2`, [opts.after ?? '', Math.max(0, Math.floor(opts.limit))]);
    return r.rows.map((x) => ({ id: x.id, text: x.text, metadata: x.metadata, vector: parseVectorLiteral(x.embedding ?? '') }));
  }

  async setEmbedder(embedder: EmbedderInfo): Promise<void> {
    const manifest: CollectionManifest = { ...this.manifest, embedder: { ...embedder } };
    await this.pool.query('UPDATE embedkit_collections SET manifest = $2 WHERE name = $1', [this.name, JSON.stringify(manifest)]);
    (this as { manifest: CollectionManifest }).manifest = manifest;
  }

  async count(filter?: Filter): Promise<number> {
    const f = postgresFilter(filter, 0);
    const r = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.t} WHERE ${f.sql}`, f.params);
    return Number(r.rows[0]?.n ?? 0);
  }

  async searchVector(query: Float32Array, opts: VectorSearchOptions): Promise<SearchHit[]> {
    validateQueryVector(query, this.manifest.dim, this.name);
    const kind = opts.index ?? 'auto';
    if (kind === 'int8' || kind === 'binary') {
      throw new EmbedkitError('UNSUPPORTED', `index ${kind} on postgres`, { expected: 'auto|flat|hnsw', received: kind, hint: 'quantized scans are part of the embedded (SQLite) store', where: 'index' });
    }
    if (opts.k <= 0) return [];
    const q = unitCopy(query);
    const f = postgresFilter(opts.filter, 2);
    const ef = Math.max(opts.k, opts.ef ?? this.manifest.hnsw.ef);
    const run = async (exact: boolean): Promise<SearchHit[]> => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SET LOCAL hnsw.ef_search = ${Math.min(ef, 1000)}`);
        if (exact) {
          await client.query('SET LOCAL enable_indexscan = off');
          await client.query('SET LOCAL enable_bitmapscan = off');
        }
        let sql: string;
        let params: unknown[];
        if (opts.dims !== undefined && opts.dims < this.manifest.dim) {
          const d = opts.dims;
          if (!Number.isInteger(d) || d < 1) throw new EmbedkitError('BAD_OPTION', 'dims', { expected: `an integer in 1–${this.manifest.dim}`, received: String(d), where: 'dims' });
          const wanted = Math.max(opts.k, Math.ceil(opts.k * (opts.rescore ?? 4)));
          sql = `SELECT id, text, metadata, 1 - (embedding <=> $1::vector) AS score FROM (
                   SELECT * FROM ${this.t} WHERE ${f.sql} ORDER BY subvector(embedding, 1, ${d}) <=> subvector($1::vector, 1, ${d}) LIMIT ${wanted}) c
                 ORDER BY embedding <=> $1::vector, id LIMIT $2`;
          params = [vectorLiteral(q), opts.k, ...f.params];
        } else {
          sql = `SELECT id, text, metadata, 1 - (embedding <=> $1::vector) AS score FROM ${this.t} WHERE ${f.sql} ORDER BY embedding <=> $1::vector LIMIT $2`;
          params = [vectorLiteral(q), opts.k, ...f.params];
        }
        const r = await client.query<Row>(sql, params);
        await client.query('COMMIT');
        return r.rows.map((x) => ({ id: x.id, score: Number(x.score), text: x.text, metadata: x.metadata }));
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw dbError(e, `search in collection ${this.name}`, this.location);
      } finally {
        client.release();
      }
    };
    const exact = kind === 'flat';
    const hits = await run(exact);
    if (!exact && hits.length < opts.k && (await this.count(opts.filter)) > hits.length) return run(true);
    return hits;
  }

  async searchKeyword(query: string, opts: KeywordSearchOptions): Promise<SearchHit[]> {
    const words = query.match(/[\p{L}\p{N}]+/gu);
    if (words === null || opts.k <= 0) return [];
    const f = postgresFilter(opts.filter, 2);
    const r = await this.pool.query<Row>(
      `SELECT id, text, metadata, ts_rank_cd(tsv, q) AS score FROM ${this.t}, websearch_to_tsquery('english', $1) q
       WHERE tsv @@ q AND ${f.sql} ORDER BY score DESC, id LIMIT $2`,
      [words.join(' or '), opts.k, ...f.params],
    );
    return r.rows.map((x) => ({ id: x.id, score: Number(x.score), text: x.text, metadata: x.metadata }));
  }
}
