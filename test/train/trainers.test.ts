/** Every trainer runs the shared conformance suite. */
import { Doc2VecTrainer } from '../../src/train/doc2vec.js';
import { GloveTrainer } from '../../src/train/glove.js';
import { Word2VecTrainer } from '../../src/train/word2vec.js';
import { trainerConformance } from './conformance.js';

trainerConformance({ name: 'word2vec skip-gram', kernel: 'wasm', trainer: new Word2VecTrainer(), options: { dim: 16, epochs: 5, minCount: 1, sample: 0, window: 4 } });
trainerConformance({ name: 'word2vec skip-gram, TypeScript kernel', kernel: 'js', trainer: new Word2VecTrainer(), options: { kernel: 'js', dim: 16, epochs: 5, minCount: 1, sample: 0, window: 4 } });
trainerConformance({ name: 'word2vec CBOW', kernel: 'wasm', trainer: new Word2VecTrainer(), options: { architecture: 'cbow', dim: 16, epochs: 5, minCount: 1, sample: 0, window: 4 } });
trainerConformance({ name: 'GloVe', kernel: 'js', trainer: new GloveTrainer(), options: { dim: 16, epochs: 50, minCount: 1, window: 4 } });
// doc2vec's word vectors come from the interleaved skip-gram training
trainerConformance({ name: 'doc2vec PV-DBOW + words', kernel: 'wasm', trainer: new Doc2VecTrainer(), options: { dbowWords: true, dim: 16, epochs: 5, minCount: 1, sample: 0, window: 4 } });
