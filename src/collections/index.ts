/**
 * embedkit/collections — persistent vector stores (SQLite embedded, Postgres + pgvector), dense indexes
 * (flat, int8, binary, HNSW on usearch, Matryoshka), ingest, hybrid search. Loads better-sqlite3 and usearch;
 * `pg` loads only when `openStore` is given a postgres:// URL (the class itself: `embedkit/pgvector`).
 */
export { openStore } from './open-store.js';
export { SqliteStore, SqliteCollection } from './stores/sqlite-store.js';
export { HNSW_THRESHOLD } from './index-selection.js';
export type { SqliteStoreOptions } from './stores/sqlite-store.js';
export { searchText, embedQuery } from './search.js';
export type { TextSearchOptions } from './search.js';
export { ingest } from './ingest/ingest.js';
export type { IngestOptions, IngestResult } from './ingest/ingest.js';
export { readSource } from './ingest/read-source.js';
export type { SourceRecord, SourceOptions } from './ingest/read-source.js';
export { chunkText } from './ingest/chunk.js';
export type { Chunk, ChunkOptions } from './ingest/chunk.js';
export { parseFilter, matchesFilter } from './filter.js';
export { reciprocalRankFusion } from './fusion.js';
export { validateCollectionName } from './names.js';
export { FlatIndex } from './indexes/flat-index.js';
export { Int8Index, BinaryIndex } from './indexes/quantized-index.js';
export { HnswIndex } from './indexes/hnsw-index.js';
export { MatryoshkaIndex } from './indexes/matryoshka-index.js';
export type { VectorIndex, IndexSearchOptions } from './indexes/vector-index.js';
export type {
  Collection,
  VectorStore,
  CollectionManifest,
  CollectionSummary,
  VectorRecord,
  StoredRecord,
  ScanOptions,
  SearchHit,
  Filter,
  FilterCondition,
  IndexKind,
  IndexChoice,
  HnswStorage,
  SearchMode,
  VectorSearchOptions,
  KeywordSearchOptions,
  HnswParams,
  CreateCollectionOptions,
  Metadata,
} from './types.js';

export { openCollectionEmbedder, createCollection } from './collection-embedder.js';
export type { CollectionEmbedderOptions } from './collection-embedder.js';
export { SEARCH_OPTIONS, textSearchOptions } from './search-options.js';
export { IndexSelection } from './index-selection.js';
export { INDEX_KINDS, INDEX_CHOICES, SEARCH_MODES, DEFAULT_HNSW } from './types.js';
export { INGEST_OPTIONS, ingestSettings } from './ingest/ingest-options.js';
export type { IngestSettings } from './ingest/ingest-options.js';
export { chunkRecords } from './ingest/read-source.js';
export { collectionSummary, recordsById } from './records-json.js';
export type { RecordJson } from './records-json.js';
