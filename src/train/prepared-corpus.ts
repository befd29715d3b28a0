/**
 * One tokenizing pass over a corpus: counts words and writes the token stream with provisional ids to a
 * temp file; then the vocabulary is chosen (minCount / maxVocab) and the stream is re-encoded with final
 * ids, dropping out-of-vocabulary tokens. Every trainer reads the encoded stream (fast, bounded memory)
 * instead of re-tokenizing text each epoch.
 */
import { mkdtempSync, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbedkitError } from '../errors.js';
import { fsFailure } from '../io/fs-failure.js';
import { sweepStaleTemps, trackTemp } from '../io/temp-files.js';
import { iterateCorpus, type Corpus } from './corpus.js';
import { END_OF_STREAM, IdReader, IdWriter } from './id-stream.js';
import { selectVocabulary, type Vocabulary, type VocabularyOptions } from './vocabulary.js';

export interface PrepareOptions extends VocabularyOptions {
  /** Folder for the temp files (default: the OS temp folder). */
  readonly tmpDir?: string;
  /** Called now and then with the documents and tokens read so far. */
  readonly onProgress?: (documents: number, tokens: number) => void;
}

export interface PreparedCorpus {
  readonly vocab: Vocabulary;
  /** The encoded int32 stream (see id-stream.ts). */
  readonly idsPath: string;
  /** Values in the stream: document markers + in-vocabulary tokens. */
  readonly length: number;
  readonly documents: number;
  /** Tokens read before the vocabulary cut. */
  readonly rawTokens: number;
  /** Removes the temp files. */
  dispose(): Promise<void>;
}

/** Temp folders are `embedkit-train-PID-XXXXXX`: a folder whose process is gone was left by a killed run. */
const TEMP_PREFIX = 'embedkit-train-';

function trainTempPid(name: string): number | undefined {
  const m = /^embedkit-train-(\d+)-[^-]+$/.exec(name);
  return m === null ? undefined : Number(m[1]);
}

export async function prepareCorpus(corpus: Corpus, opts: PrepareOptions = {}): Promise<PreparedCorpus> {
  const base = opts.tmpDir ?? tmpdir();
  sweepStaleTemps(base, trainTempPid);
  let dir: string;
  try {
    dir = mkdtempSync(join(base, `${TEMP_PREFIX}${process.pid}-`));
  } catch (e) {
    throw fsFailure(e, base, 'cannot create a temp folder for the encoded corpus');
  }
  const untrack = trackTemp(dir);
  const dispose = async (): Promise<void> => {
    await fsp.rm(dir, { recursive: true, force: true });
    untrack();
  };
  try {
    const rawPath = join(dir, 'provisional.i32');
    const ids = new Map<string, number>();
    const words: string[] = [];
    let counts = new Float64Array(1 << 16);
    const raw = new IdWriter(rawPath);
    let documents = 0;
    let rawTokens = 0;
    try {
      for await (const doc of iterateCorpus(corpus)) {
        raw.push(-(documents + 1));
        documents++;
        for (const t of doc) {
          let id = ids.get(t);
          if (id === undefined) {
            id = words.length;
            ids.set(t, id);
            words.push(t);
            if (id === counts.length) {
              const grown = new Float64Array(counts.length * 2);
              grown.set(counts);
              counts = grown;
            }
          }
          counts[id]!++;
          raw.push(id);
        }
        rawTokens += doc.length;
        if ((documents & 1023) === 0) opts.onProgress?.(documents, rawTokens);
      }
    } finally {
      raw.close();
    }
    opts.onProgress?.(documents, rawTokens);
    const { vocab, remap } = selectVocabulary(words, counts.subarray(0, words.length), opts);
    ids.clear();
    if (vocab.size === 0) {
      throw new EmbedkitError('EMPTY_INPUT', 'training vocabulary', {
        expected: `at least one word seen ≥ ${opts.minCount ?? 5} times`,
        received: `${rawTokens} tokens, ${words.length} distinct, none frequent enough`,
        hint: 'lower `minCount` or give more text',
      });
    }
    const idsPath = join(dir, 'corpus.i32');
    const reader = new IdReader(rawPath);
    const out = new IdWriter(idsPath);
    try {
      for (let v = reader.next(); v !== END_OF_STREAM; v = reader.next()) {
        if (v < 0) out.push(v);
        else {
          const r = remap[v]!;
          if (r >= 0) out.push(r);
        }
      }
    } finally {
      reader.close();
      out.close();
    }
    await fsp.rm(rawPath, { force: true });
    return { vocab, idsPath, length: out.length, documents, rawTokens, dispose };
  } catch (e) {
    await dispose();
    throw fsFailure(e, dir, 'cannot write the encoded corpus (a temp file of 4 bytes per token)');
  }
}
