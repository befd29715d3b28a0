import { SqliteStore } from '../../src/collections/stores/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { storeConformance } from './conformance.js';

storeConformance(
  'sqlite',
  async () => {
    const dir = tempDir('embedkit-sqlite-');
    return { store: new SqliteStore(dir.path), cleanup: async () => dir.cleanup() };
  },
  { indexKinds: ['auto', 'flat', 'int8', 'binary', 'hnsw'], exactScores: true },
);
