/**
 * A streaming training corpus: files or folders of text (gzip transparent), one document per line or one
 * per file, tokenized on the fly. The corpus is never held in one string: lines are read one at a time,
 * and a whole-file document is accumulated as a token list.
 *
 * A `Corpus` is any re-iterable source of token lists (each iteration starts again from the beginning),
 * so an in-memory array of sentences is a corpus too.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { tokenize } from '../text/tokenize.js';
import { EmbedkitError } from '../errors.js';
import { readLines } from '../io/line-reader.js';
import { openStream } from '../io/open-stream.js';
import type { TextEncodingChoice } from '../io/text-decoding.js';

/** Token lists, one per document (sentence, line or file). Iterating again restarts from the beginning. */
export type Corpus = AsyncIterable<readonly string[]> | Iterable<readonly string[]>;

/** `default`: the static embedder's GloVe-compatible tokenizer; `whitespace`: split on spaces (pre-tokenized text). */
export type CorpusTokenizer = 'default' | 'whitespace' | ((text: string) => string[]);

/** `line`: every line is a document; `file`: every file is one document. */
export type CorpusUnit = 'line' | 'file';

export const CORPUS_TOKENIZERS = ['default', 'whitespace'] as const;
export const CORPUS_UNITS: readonly CorpusUnit[] = ['line', 'file'];

export interface TextCorpusOptions {
  readonly unit?: CorpusUnit;
  readonly tokenizer?: CorpusTokenizer;
  /** Lower-case tokens (default true). */
  readonly lowercase?: boolean;
  /** Text encoding (default utf8: invalid UTF-8 is an error naming the file and line; `auto`: UTF-8, else Latin-1). */
  readonly encoding?: TextEncodingChoice;
}

const WS = /\s+/;

/** Builds the tokenizer function for a `CorpusTokenizer` setting. */
export function tokenizerFor(kind: CorpusTokenizer, lowercase = true): (text: string) => string[] {
  if (typeof kind === 'function') return kind;
  if (kind === 'whitespace') {
    return (text) => {
      const out: string[] = [];
      for (const t of (lowercase ? text.toLowerCase() : text).split(WS)) if (t.length > 0) out.push(t);
      return out;
    };
  }
  return (text) => tokenize(text, { lowercase });
}

/** Lists the files behind `inputs` (files as given; folders recursively, sorted, hidden entries skipped). */
export async function listCorpusFiles(inputs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (path: string, top: boolean): Promise<void> => {
    let st;
    try {
      st = await fsp.stat(path);
    } catch (e) {
      throw new EmbedkitError('FILE_NOT_FOUND', 'corpus input', { expected: 'a text file or a folder of text files', where: path, cause: e });
    }
    if (st.isDirectory()) {
      const names = (await fsp.readdir(path)).filter((n) => !n.startsWith('.')).sort();
      for (const n of names) await walk(join(path, n), false);
    } else if (st.isFile()) {
      out.push(path);
    } else if (top) {
      throw new EmbedkitError('FILE_NOT_FOUND', 'corpus input', { expected: 'a regular file or a folder', received: 'a special file', where: path });
    }
  };
  for (const p of inputs) await walk(p, true);
  if (out.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'corpus', { expected: 'at least one text file', received: 'no files', where: inputs.join(', ') });
  return out;
}

/** A corpus read from text files, re-read from disk on every iteration. */
export class TextCorpus implements AsyncIterable<string[]> {
  readonly inputs: readonly string[];
  readonly unit: CorpusUnit;
  private readonly split: (text: string) => string[];
  private readonly encoding: TextEncodingChoice;
  private files: string[] | undefined;

  constructor(inputs: string | readonly string[], opts: TextCorpusOptions = {}) {
    this.inputs = typeof inputs === 'string' ? [inputs] : inputs;
    this.unit = opts.unit ?? 'line';
    this.split = tokenizerFor(opts.tokenizer ?? 'default', opts.lowercase ?? true);
    this.encoding = opts.encoding ?? 'utf8';
  }

  /** The files read, in order. */
  async listFiles(): Promise<string[]> {
    this.files ??= await listCorpusFiles(this.inputs);
    return this.files;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string[]> {
    for (const file of await this.listFiles()) {
      const { stream } = await openStream(file, 'corpus file');
      if (this.unit === 'line') {
        for await (const { text } of readLines(stream, { encoding: this.encoding, file })) yield this.split(text);
      } else {
        const doc: string[] = [];
        for await (const { text } of readLines(stream, { encoding: this.encoding, file })) for (const t of this.split(text)) doc.push(t);
        yield doc;
      }
    }
  }
}

/** Iterates any corpus (sync or async) as async. */
export async function* iterateCorpus(corpus: Corpus): AsyncGenerator<readonly string[]> {
  if (Symbol.asyncIterator in corpus) {
    for await (const doc of corpus) yield doc;
  } else {
    for (const doc of corpus) yield doc;
  }
}
