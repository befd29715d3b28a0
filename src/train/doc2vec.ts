/**
 * doc2vec PV-DBOW (Le & Mikolov 2014): every document gets a vector trained to predict its words with
 * negative sampling (the skip-gram step with the document vector as input); optionally interleaved with
 * skip-gram word training (`dbowWords`, gensim's `dbow_words=1`). `inferVector` embeds an unseen document
 * by training only its vector against the frozen output weights.
 */
import { KeyedVectors } from '../vectors/keyed-vectors.js';
import type { Corpus } from './corpus.js';
import { SgnsKernel, seedState } from './sgns-kernel.js';
import { initUniform, tableSize } from './sgns-runner.js';
import { checkNumber, type Trainer, type TrainResult } from './trainer.js';
import { unigramTable, type Vocabulary } from './vocabulary.js';
import { resolveSgns, trainSgns, type Word2VecOptions } from './word2vec.js';

export interface Doc2VecOptions extends Omit<Word2VecOptions, 'architecture'> {
  /** Also train skip-gram word vectors, interleaved (default false: word vectors stay random). */
  readonly dbowWords?: boolean;
}

export interface InferOptions {
  /** Passes over the document (default: the training epochs). */
  readonly epochs?: number;
  /** Initial learning rate, decaying linearly (default: the training rate). */
  readonly lr?: number;
  /** Seed of the initial vector (default: the training seed). */
  readonly seed?: number;
}

/** What `inferVector` needs: the vocabulary, the output weights and the sampling tables. */
export class Doc2VecModel {
  readonly vocab: Vocabulary;
  readonly dim: number;
  /** Output weights, `vocab × dim`. */
  readonly syn1: Float32Array;
  private readonly table: Int32Array;
  private readonly keep: Float32Array;

  constructor(
    vocab: Vocabulary,
    dim: number,
    syn1: Float32Array,
    readonly negative: number,
    sample: number,
    readonly epochs: number,
    readonly lr: number,
    readonly seed: number,
  ) {
    this.vocab = vocab;
    this.dim = dim;
    this.syn1 = syn1;
    this.table = unigramTable(vocab.counts, 0.75, tableSize(vocab.size));
    this.keep = vocab.keepProbabilities(sample);
  }

  /** A vector for an unseen document (tokens outside the vocabulary are ignored). Deterministic for a seed. */
  inferVector(tokens: readonly string[], opts: InferOptions = {}): Float32Array {
    const epochs = checkNumber('epochs', opts.epochs ?? this.epochs, 1, 100_000, true);
    const lr = checkNumber('lr', opts.lr ?? this.lr, Number.MIN_VALUE, 10);
    const seed = opts.seed ?? this.seed;
    // the kernel copies output weights only on update; inference never updates them
    const kernel = new SgnsKernel(this.dim, this.syn1, this.table, this.negative, seedState(seed, 0x1f3));
    const vec = new Float32Array(this.dim);
    initUniform(vec, this.dim, seed, 0xd0c);
    const ids: number[] = [];
    for (const t of tokens) {
      const i = this.vocab.indexOf(t);
      if (i >= 0) ids.push(i);
    }
    if (ids.length === 0) return vec;
    const total = epochs * ids.length;
    let done = 0;
    for (let e = 0; e < epochs; e++) {
      for (const id of ids) {
        const alpha = Math.max(lr * 1e-4, lr * (1 - done / total));
        done++;
        const p = this.keep[id]!;
        if (p < 1 && p <= kernel.nextFloat()) continue;
        kernel.pair(vec, 0, id, alpha, false);
      }
    }
    return vec;
  }
}

export interface Doc2VecResult extends TrainResult {
  /** One vector per document; keys are document numbers in corpus order ("0", "1", …). */
  readonly docVectors: KeyedVectors;
  readonly model: Doc2VecModel;
}

export class Doc2VecTrainer implements Trainer<Doc2VecOptions, Doc2VecResult> {
  readonly algorithm = 'doc2vec' as const;

  async train(corpus: Corpus, opts: Doc2VecOptions = {}): Promise<Doc2VecResult> {
    const r = resolveSgns({ ...opts, epochs: opts.epochs ?? 10 }, 0.025);
    let docKeys: string[] = [];
    return trainSgns(
      'doc2vec',
      corpus,
      opts,
      r,
      'dbow',
      opts.dbowWords === true,
      (_vocab, prepared) => {
        docKeys = Array.from({ length: prepared.documents }, (_, i) => String(i));
        return docKeys;
      },
      (run, prepared, stats) => ({
        vectors: new KeyedVectors(prepared.vocab.words, new Float32Array(run.syn0), r.dim),
        docVectors: new KeyedVectors(docKeys, new Float32Array(run.docs!), r.dim),
        vocab: prepared.vocab,
        model: new Doc2VecModel(prepared.vocab, r.dim, new Float32Array(run.syn1), r.negative, r.sample, r.epochs, r.lr, r.seed),
        stats,
      }),
    );
  }
}

export function trainDoc2Vec(corpus: Corpus, opts: Doc2VecOptions = {}): Promise<Doc2VecResult> {
  return new Doc2VecTrainer().train(corpus, opts);
}
