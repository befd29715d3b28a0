/**
 * Every trainer by algorithm name: surfaces train through the `Trainer` interface, never through a
 * particular trainer's function.
 */
import { Doc2VecTrainer, type Doc2VecOptions, type Doc2VecResult } from './doc2vec.js';
import { GloveTrainer, type GloveOptions, type GloveResult } from './glove.js';
import type { Trainer, TrainAlgorithm } from './trainer.js';
import { Word2VecTrainer, type Word2VecOptions, type Word2VecResult } from './word2vec.js';

export interface TrainerOptionsOf {
  readonly word2vec: Word2VecOptions;
  readonly glove: GloveOptions;
  readonly doc2vec: Doc2VecOptions;
}

export interface TrainerResultOf {
  readonly word2vec: Word2VecResult;
  readonly glove: GloveResult;
  readonly doc2vec: Doc2VecResult;
}

const TRAINERS: { readonly [A in TrainAlgorithm]: () => Trainer<TrainerOptionsOf[A], TrainerResultOf[A]> } = {
  word2vec: () => new Word2VecTrainer(),
  glove: () => new GloveTrainer(),
  doc2vec: () => new Doc2VecTrainer(),
};

export function createTrainer<A extends TrainAlgorithm>(algorithm: A): Trainer<TrainerOptionsOf[A], TrainerResultOf[A]> {
  return TRAINERS[algorithm]();
}
