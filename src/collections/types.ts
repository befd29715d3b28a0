/**
 * The collection model: named sets of records `{ id, text, metadata, vector }` with a manifest naming the
 * embedder that made the vectors. One `Collection` interface, two stores (SQLite embedded, Postgres +
 * pgvector); search by vector, by keywords (BM25 / full text), or both fused (see `search.ts`).
 */
import type { EmbedderInfo } from '../embedders/embedder.js';
import type { TransformSpec } from '../embedders/transforms/vector-transform.js';

export type Metadata = Record<string, unknown>;

/** A record to add: the vector is already computed (texts are embedded by `ingest` / `addTexts`). */
export interface VectorRecord {
  readonly id: string;
  readonly text: string;
  readonly metadata?: Metadata;
  readonly vector: Float32Array;
}

/** A stored record as returned by `get`. */
export interface StoredRecord {
  readonly id: string;
  readonly text: string;
  readonly metadata: Metadata;
  readonly vector: Float32Array;
}

/** One search result; `score` is higher-is-better (cosine for dense, -bm25 for keywords, RRF for hybrid). */
export interface SearchHit {
  readonly id: string;
  readonly score: number;
  readonly text: string;
  readonly metadata: Metadata;
}

/** A metadata condition; all conditions of a filter must hold. */
export type FilterCondition =
  | { readonly key: string; readonly op: 'eq'; readonly value: string | number | boolean }
  | { readonly key: string; readonly op: 'in'; readonly values: readonly (string | number | boolean)[] }
  | { readonly key: string; readonly op: 'gt' | 'gte' | 'lt' | 'lte'; readonly value: number };
export type Filter = readonly FilterCondition[];

/** Every kind of dense index (collections/indexes: one file each, `FlatIndex` the exact ground truth). */
export type IndexKind = 'flat' | 'int8' | 'binary' | 'hnsw' | 'matryoshka';
export const INDEX_KINDS: readonly IndexKind[] = ['flat', 'int8', 'binary', 'hnsw', 'matryoshka'];

/** The `index` search option: a kind, or `auto` (`hnsw` from `HNSW_THRESHOLD` records up, else `flat`). */
export type IndexChoice = IndexKind | 'auto';
export const INDEX_CHOICES: readonly IndexChoice[] = ['auto', ...INDEX_KINDS];

export type SearchMode = 'dense' | 'bm25' | 'hybrid';
export const SEARCH_MODES: readonly SearchMode[] = ['dense', 'bm25', 'hybrid'];

export interface VectorSearchOptions {
  readonly k: number;
  readonly filter?: Filter;
  readonly index?: IndexChoice;
  /** HNSW search breadth (≥ k). */
  readonly ef?: number;
  /** Quantized / Matryoshka search: rescore the top `rescore × k` candidates with full float vectors. */
  readonly rescore?: number;
  /** Matryoshka: search on the first `dims` dimensions, then rescore with full vectors. */
  readonly dims?: number;
}

export interface ScanOptions {
  readonly limit: number;
  /** Start after this id (the last id of the previous page). */
  readonly after?: string;
}

export interface KeywordSearchOptions {
  readonly k: number;
  readonly filter?: Filter;
}

/** Vector storage inside an HNSW graph (rescoring always uses the f32 matrix). */
export type HnswStorage = 'f16' | 'f32';

/** HNSW parameters (see docs/collections.md). */
export interface HnswParams {
  /** Graph degree M (connectivity), 8–64; memory ≈ 2·M·4 bytes per vector for links. */
  readonly m: number;
  /** Candidate list size while building (efConstruction), 64–512. */
  readonly efConstruction: number;
  /** Default candidate list size while searching (ef), k–512. */
  readonly ef: number;
  /** Vector storage inside the graph (default f16). */
  readonly storage?: HnswStorage;
}

export const DEFAULT_HNSW: HnswParams = { m: 16, efConstruction: 128, ef: 64 };

/** Persisted with the collection. */
export interface CollectionManifest {
  readonly name: string;
  /** What made the vectors; queries must use the same. */
  readonly embedder: EmbedderInfo;
  readonly dim: number;
  /** Similarity used by dense search (vectors are compared after scaling to unit length). */
  readonly metric: 'cosine';
  readonly hnsw: HnswParams;
  /** The embedder's vector transforms as specs (JSON form), when it has any: re-applied to every query. */
  readonly transforms?: readonly Readonly<Record<string, unknown>>[];
  /** sif/usif: the common components the records were embedded with (JSON form), re-used for every query. */
  readonly commonComponents?: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly version: 1;
}

export interface CollectionSummary {
  readonly name: string;
  readonly count: number;
  readonly dim: number;
  readonly model: string;
}

export interface UpsertOptions {
  /** Keep existing records with the same id (resumable ingest); default false: replace them. */
  readonly skipExisting?: boolean;
}

export interface UpsertResult {
  readonly inserted: number;
  readonly updated: number;
  readonly skipped: number;
}

export interface Collection {
  readonly name: string;
  readonly manifest: CollectionManifest;
  /** Adds or replaces records in ONE transaction; resolves only after it commits. */
  upsert(records: readonly VectorRecord[], opts?: UpsertOptions): Promise<UpsertResult>;
  /** Which of `ids` are stored. */
  existingIds(ids: readonly string[]): Promise<Set<string>>;
  delete(ids: readonly string[]): Promise<number>;
  get(ids: readonly string[]): Promise<StoredRecord[]>;
  /** Up to `limit` records in id order, after the id `after` when given (pages through a collection). */
  scan(opts: ScanOptions): Promise<StoredRecord[]>;
  count(filter?: Filter): Promise<number>;
  /**
   * Records another description of the same embedder in the manifest (a moved or copied model folder; see
   * `rebindCollection`); `manifest` reflects it afterwards.
   */
  setEmbedder(embedder: EmbedderInfo): Promise<void>;
  /** Nearest records by cosine similarity, best first. Never fewer than k when k records match. */
  searchVector(query: Float32Array, opts: VectorSearchOptions): Promise<SearchHit[]>;
  /** Full-text search (SQLite: FTS5 BM25; Postgres: ts_rank_cd), best first. */
  searchKeyword(query: string, opts: KeywordSearchOptions): Promise<SearchHit[]>;
}

export interface CreateCollectionOptions {
  readonly hnsw?: Partial<HnswParams>;
  /** Specs of the embedder's transforms (`TransformedEmbedder`), stored so queries get the same ones. */
  readonly transforms?: readonly TransformSpec[];
  /** sif/usif common components (JSON form, `commonComponentsToJson`), stored so queries get the same ones. */
  readonly commonComponents?: Readonly<Record<string, unknown>>;
}

export interface VectorStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Folder path or postgres URL (password hidden). */
  readonly location: string;
  create(name: string, embedder: EmbedderInfo, opts?: CreateCollectionOptions): Promise<Collection>;
  open(name: string): Promise<Collection>;
  exists(name: string): Promise<boolean>;
  list(): Promise<CollectionSummary[]>;
  drop(name: string): Promise<boolean>;
  close(): Promise<void>;
}
