import { FlatIndex } from '../../src/collections/indexes/flat-index.js';
import { HnswIndex } from '../../src/collections/indexes/hnsw-index.js';
import { MatryoshkaIndex } from '../../src/collections/indexes/matryoshka-index.js';
import { BinaryIndex, Int8Index } from '../../src/collections/indexes/quantized-index.js';
import { indexConformance } from './conformance.js';

indexConformance('flat', (m) => new FlatIndex(m));
indexConformance('int8 (rescore 4)', (m) => new Int8Index(m), { approximate: true });
indexConformance('binary (default rescore)', (m) => new BinaryIndex(m), { approximate: true });
indexConformance('hnsw (usearch f16, M 16, ef 64)', (m) => HnswIndex.build(m, { m: 16, efConstruction: 128, ef: 64 }), { approximate: true });
indexConformance('hnsw (usearch f32, M 16, ef 64)', (m) => HnswIndex.build(m, { m: 16, efConstruction: 128, ef: 64, storage: 'f32' }), { approximate: true });
indexConformance('matryoshka (24 of 48 dims, rescore 8)', (m) => new MatryoshkaIndex(m, 24, 8), { approximate: true });
