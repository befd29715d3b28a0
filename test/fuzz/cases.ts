/**
 * The seeded generator of malformed inputs for every parser (see fuzz.test.ts and fuzz-all.ts). Each parser
 * has a small valid seed input; a case is the seed with one mutation applied, labelled with what a correct
 * parser does with it: `reject` (a typed EmbedkitError), `accept` (it parses, and the result passes the
 * parser's invariants), or `any` (either, but an accepted result must still pass the invariants).
 * Structured mutations (the issue's list: float32 overflow, hex literals, huge declared sizes, invalid UTF-8
 * keys, NUL bytes, truncated gzip, ids that are objects, deep metadata …) come first in each parser's list;
 * seeded random byte-level mutations fill it up. Same seed, same cases.
 */
import { crc32, gzipSync } from 'node:zlib';
import { seededRandom } from '../../src/learn/random.js';

/** `meaningless`: data on which no score means anything (one class, one row …): an error, or a null score. */
export type Expect = 'reject' | 'accept' | 'any' | 'meaningless';

export interface FuzzFile {
  /** Path inside the case folder. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface FuzzCase {
  readonly id: string;
  readonly parser: ParserName;
  readonly mutation: string;
  readonly files: readonly FuzzFile[];
  /** What the parser reads (a file or a folder), relative to the case folder. */
  readonly main: string;
  readonly expect: Expect;
  /** Parser-specific settings (e.g. `skipBadRows`). */
  readonly options?: Readonly<Record<string, unknown>>;
}

export const PARSERS = [
  'word2vec-text',
  'glove-text',
  'word2vec-bin',
  'ekv',
  'vectors-gzip',
  'wink-json',
  'records-lines',
  'records-jsonl',
  'records-csv',
  'ingest-jsonl',
  'ingest-csv',
  'eval-word-similarity',
  'eval-analogy',
  'eval-sts',
  'eval-pair-classification',
  'eval-classification',
  'eval-clustering',
  'eval-retrieval',
  'eval-reranking',
  'eval-results',
  'sif-reference',
  'frequencies',
  'npy',
  'train-corpus',
  'match-table',
  'adapter-data',
] as const;
export type ParserName = (typeof PARSERS)[number];

/** The vocabulary of every seed (the fuzz worker's tiny word-vector model knows these words). */
export const VOCAB = ['the', 'cat', 'dog', 'king', 'queen', 'man', 'woman', 'paris', 'france', 'rome', 'italy', 'apple', 'fruit', 'car', 'road', 'sun', 'moon', 'water', 'fire', 'tree'];
export const SEED_DIM = 4;

const enc = new TextEncoder();
const bytes = (s: string): Uint8Array => enc.encode(s);
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));

function seedVectors(): number[][] {
  const rand = seededRandom(7);
  return VOCAB.map(() => Array.from({ length: SEED_DIM }, () => Math.round((rand() * 2 - 1) * 1e4) / 1e4));
}

function sentences(n: number, rand: () => number): string[] {
  return Array.from({ length: n }, () => Array.from({ length: 3 + Math.floor(rand() * 5) }, () => VOCAB[Math.floor(rand() * VOCAB.length)]!).join(' '));
}

// ---------------------------------------------------------------- mutation helpers on text

const lines = (text: string): string[] => text.split('\n');

/** Replaces token `tok` (space-separated) of line `line`. */
function setToken(text: string, line: number, tok: number, value: string, sep = ' '): string {
  const ls = lines(text);
  const parts = ls[line]!.split(sep);
  parts[tok] = value;
  ls[line] = parts.join(sep);
  return ls.join('\n');
}

function setLine(text: string, line: number, value: string): string {
  const ls = lines(text);
  ls[line] = value;
  return ls.join('\n');
}

function utf16le(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(`\ufeff${text}`, 'utf16le'));
}

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0x0a, 0x0a, 0x0a, 0xff, 0xd8, 0x20, 0x41, 0x42, 0x0a]);

/** A text with line `line` replaced by raw bytes. */
function withRawLine(text: string, line: number, raw: Uint8Array): Uint8Array {
  const ls = lines(text);
  const before = ls.slice(0, line).join('\n');
  const after = ls.slice(line + 1).join('\n');
  return concat(bytes(before + (line > 0 ? '\n' : '')), raw, bytes(line < ls.length - 1 ? `\n${after}` : ''));
}

/** Mutations every text parser gets: encodings and binary data. */
function encodingMutations(text: string, line: number, latin1: Expect = 'reject'): Mutation[] {
  const ls = lines(text);
  const l = ls[line]!;
  return [
    ['invalid UTF-8 byte 0xff', withRawLine(text, line, concat(bytes(l.slice(0, 2)), Uint8Array.of(0xff), bytes(l.slice(2)))), latin1],
    ['Latin-1 é (0xe9)', withRawLine(text, line, concat(bytes(l.slice(0, 3)), Uint8Array.of(0xe9), bytes(l.slice(3)))), latin1],
    ['UTF-8 encoded surrogate (ed a0 80)', withRawLine(text, line, concat(bytes(l.slice(0, 2)), Uint8Array.of(0xed, 0xa0, 0x80), bytes(l.slice(2)))), latin1],
    ['NUL byte in a line', withRawLine(text, line, concat(bytes(l.slice(0, 2)), Uint8Array.of(0), bytes(l.slice(2)))), 'reject'],
    ['UTF-16 with BOM', utf16le(text), 'reject'],
    ['PNG image', PNG, 'reject'],
    ['CRLF line ends', bytes(text.replace(/\n/g, '\r\n')), 'accept'],
  ];
}

type Mutation = readonly [name: string, content: Uint8Array | string, expect: Expect, options?: Readonly<Record<string, unknown>>];

// ---------------------------------------------------------------- random byte-level mutations

function randomMutation(seed: Uint8Array, rand: () => number): [string, Uint8Array] {
  const b = Buffer.from(seed);
  const at = (): number => Math.floor(rand() * Math.max(1, b.length));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  switch (Math.floor(rand() * 10)) {
    case 0: {
      const n = at();
      return [`truncate at byte ${n}`, Uint8Array.from(b.subarray(0, n))];
    }
    case 1: {
      const i = at();
      const v = Math.floor(rand() * 256);
      const c = Buffer.from(b);
      if (c.length > 0) c[i] = v;
      return [`byte ${i} set to 0x${v.toString(16)}`, Uint8Array.from(c)];
    }
    case 2: {
      const i = at();
      const junk = Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 8) }, () => Math.floor(rand() * 256)));
      return [`${junk.length} random bytes inserted at ${i}`, concat(b.subarray(0, i), junk, b.subarray(i))];
    }
    case 3: {
      const i = at();
      const n = 1 + Math.floor(rand() * 20);
      return [`${n} bytes deleted at ${i}`, concat(b.subarray(0, i), b.subarray(i + n))];
    }
    case 4: {
      const i = at();
      const n = 1 + Math.floor(rand() * 40);
      return [`${n} bytes duplicated at ${i}`, concat(b.subarray(0, i + n), b.subarray(i, i + n), b.subarray(i + n))];
    }
    case 5: {
      const i = at();
      const t = pick(['\n', '\r', '\t', ' ', '"', ',', '{', '}', '[', ']', ':', '\\', '-', '.', 'e', '0']);
      return [`${JSON.stringify(t)} inserted at ${i}`, concat(b.subarray(0, i), bytes(t), b.subarray(i))];
    }
    case 6: {
      const i = at();
      const t = pick(['1e39', '-1e39', '3.5e38', '0x10', 'NaN', 'Infinity', '1e400', '-0', '99999999999999999999', '1e-400', '']);
      return [`${JSON.stringify(t)} inserted at ${i}`, concat(b.subarray(0, i), bytes(t), b.subarray(i))];
    }
    case 7: {
      const ls = b.toString('latin1').split('\n');
      const i = Math.floor(rand() * ls.length);
      const j = Math.floor(rand() * ls.length);
      [ls[i], ls[j]] = [ls[j]!, ls[i]!];
      return [`lines ${i + 1} and ${j + 1} swapped`, Uint8Array.from(Buffer.from(ls.join('\n'), 'latin1'))];
    }
    case 8: {
      const ls = b.toString('latin1').split('\n');
      const i = Math.floor(rand() * ls.length);
      ls.splice(i, 1);
      return [`line ${i + 1} deleted`, Uint8Array.from(Buffer.from(ls.join('\n'), 'latin1'))];
    }
    default: {
      const i = at();
      const v = pick([0x00, 0x80, 0xc3, 0xe2, 0xed, 0xf0, 0xf4, 0xf8, 0xfe, 0xff]);
      return [`byte 0x${v.toString(16)} inserted at ${i}`, concat(b.subarray(0, i), Uint8Array.of(v), b.subarray(i))];
    }
  }
}

// ---------------------------------------------------------------- seeds and structured mutations per parser

interface ParserSeeds {
  /** The main file name (or folder) the parser reads. */
  readonly main: string;
  /** For folder parsers: the other files of the seed (the main file is the one mutated). */
  readonly extra?: readonly FuzzFile[];
  /** Path of the mutated file inside the case folder (default `main`). */
  readonly mutated?: string;
  readonly seed: Uint8Array;
  readonly structured: readonly Mutation[];
}

const VALUE_BAD = ['1e39', '-1e39', '3.5e38', '0x10', '0b11', '0o7', 'NaN', 'Infinity', '-Infinity', '1e', '--1', '1.2.3', '1,5', '+-1', '\u221e', '1e400'];
const VALUE_OK = ['1e-50', '-0', '+1.5', '.5', '5.', '1E3', '3.4e38'];
const HEADER_BAD = ['999999999 999999', '4294967295 6', '40 2147483648', `0 ${SEED_DIM}`, `${VOCAB.length} 0`, `-1 ${SEED_DIM}`, `99999999999999999999 ${SEED_DIM}`, `${VOCAB.length + 1} ${SEED_DIM}`, `${VOCAB.length - 1} ${SEED_DIM}`, `${VOCAB.length}`, `0x14 ${SEED_DIM}`];

function vectorText(header: boolean): string {
  const vs = seedVectors();
  return (header ? `${VOCAB.length} ${SEED_DIM}\n` : '') + VOCAB.map((w, i) => `${w} ${vs[i]!.join(' ')}`).join('\n') + '\n';
}

function textVectorMutations(header: boolean): Mutation[] {
  const text = vectorText(header);
  const row = header ? 3 : 2; // a row in the middle
  const out: Mutation[] = [['valid', text, 'accept'], ['trailing spaces', text.replace(/\n/g, ' \n'), 'accept'], ['no final newline', text.slice(0, -1), 'accept']];
  for (const v of VALUE_BAD) out.push([`value ${v}`, setToken(text, row, 2, v), 'reject']);
  for (const v of VALUE_OK) out.push([`value ${v}`, setToken(text, row, 2, v), 'accept']);
  if (header) for (const h of HEADER_BAD) out.push([`header ${JSON.stringify(h)}`, setLine(text, 0, h), 'reject']);
  else out.push(['first row "0 4"', `0 ${SEED_DIM}\n${text}`, 'reject']);
  const ls = lines(text);
  const rowWithKey = (i: number, key: readonly number[]): Uint8Array => concat(Uint8Array.from(key), bytes(` ${ls[i]!.split(' ').slice(1).join(' ')}`));
  const withKeys = (keys: ReadonlyMap<number, readonly number[]>): Uint8Array =>
    concat(...ls.flatMap((l, i) => [i === 0 ? new Uint8Array(0) : bytes('\n'), keys.has(i) ? rowWithKey(i, keys.get(i)!) : bytes(l)]));
  const key = (raw: readonly number[]): Uint8Array => withKeys(new Map([[row, [0x63, 0x61, ...raw]]]));
  // Two keys that decode to the same string under replacement decoding.
  const collide = withKeys(new Map([[row, [0x63, 0x61, 0xff]], [row + 1, [0x63, 0x61, 0xfe]]]));
  out.push(['key with invalid UTF-8', key([0xff]), 'reject']);
  out.push(['two keys colliding under U+FFFD', collide, 'reject']);
  out.push(['key with NUL', key([0x00]), 'reject']);
  out.push(['missing value', setLine(text, row, ls[row]!.split(' ').slice(0, -1).join(' ')), 'reject']);
  out.push(['extra value', setLine(text, row, `${ls[row]!} 0.5`), 'reject']);
  out.push(['empty line inside', setLine(text, row, ''), 'reject']);
  out.push(['duplicate key', setLine(text, row, `${VOCAB[0]} ${ls[row]!.split(' ').slice(1).join(' ')}`), 'any']);
  out.push(['empty file', '', 'reject']);
  out.push(['only whitespace', '  \n\n', 'reject']);
  if (header) out.push(['header only', `${VOCAB.length} ${SEED_DIM}\n`, 'reject']);
  out.push(['one row of 200,000 values (no header: GloVe)', `w ${'1 '.repeat(200_000)}\n`, 'accept']);
  out.push(...encodingMutations(text, row));
  return out;
}

function f32(v: number): Uint8Array {
  const b = Buffer.alloc(4);
  b.writeFloatLE(v, 0);
  return Uint8Array.from(b);
}

function binaryVectors(header = `${VOCAB.length} ${SEED_DIM}`, rowOf: (i: number) => Uint8Array = (i) => binaryRow(VOCAB[i]!, seedVectors()[i]!)): Uint8Array {
  return concat(bytes(`${header}\n`), ...VOCAB.map((_, i) => rowOf(i)));
}

function binaryRow(key: string | Uint8Array, values: readonly number[], newline = true): Uint8Array {
  return concat(typeof key === 'string' ? bytes(key) : key, bytes(' '), ...values.map(f32), newline ? bytes('\n') : new Uint8Array(0));
}

function word2vecBinMutations(): Mutation[] {
  const vs = seedVectors();
  const valid = binaryVectors();
  const out: Mutation[] = [['valid', valid, 'accept'], ['rows without newline', binaryVectors(undefined, (i) => binaryRow(VOCAB[i]!, vs[i]!, false)), 'accept']];
  for (const h of HEADER_BAD) out.push([`header ${JSON.stringify(h)}`, binaryVectors(h), 'reject']);
  for (const [name, v] of [['NaN', Number.NaN], ['Infinity', Number.POSITIVE_INFINITY], ['-Infinity', Number.NEGATIVE_INFINITY]] as const) {
    out.push([`value ${name}`, binaryVectors(undefined, (i) => binaryRow(VOCAB[i]!, i === 3 ? [v, 0, 0, 0] : vs[i]!)), 'reject']);
  }
  out.push(['key with invalid UTF-8', binaryVectors(undefined, (i) => binaryRow(i === 3 ? Uint8Array.of(0x63, 0x61, 0xff) : VOCAB[i]!, vs[i]!)), 'reject']);
  out.push(['two keys colliding under U+FFFD', binaryVectors(undefined, (i) => binaryRow(i === 3 ? Uint8Array.of(0x63, 0x61, 0xff) : i === 4 ? Uint8Array.of(0x63, 0x61, 0xfe) : VOCAB[i]!, vs[i]!)), 'reject']);
  out.push(['empty key', binaryVectors(undefined, (i) => binaryRow(i === 3 ? '' : VOCAB[i]!, vs[i]!)), 'reject']);
  for (const frac of [0.1, 0.5, 0.9, 0.99]) out.push([`truncated at ${frac * 100}%`, valid.subarray(0, Math.floor(valid.length * frac)), 'reject']);
  out.push(['trailing garbage', concat(valid, bytes('garbage')), 'reject']);
  out.push(['header only', bytes(`${VOCAB.length} ${SEED_DIM}\n`), 'reject']);
  out.push(['empty file', new Uint8Array(0), 'reject']);
  out.push(['header without newline', bytes(`${VOCAB.length} ${SEED_DIM}`), 'reject']);
  out.push(['PNG image with a header', concat(bytes(`2 ${SEED_DIM}\n`), PNG), 'reject']);
  return out;
}

/** An ekv file built byte by byte (the layout of src/vectors/formats/ekv.ts), for crafted damage. */
export function ekvBytes(keys: readonly Uint8Array[], values: Float32Array, dim: number, patch?: (parts: { header: Buffer; matrix: Buffer }) => void): Uint8Array {
  const rows = keys.length;
  let slots = 1;
  while (slots < rows * 2) slots *= 2;
  const offsets = new Uint32Array(rows + 1);
  let total = 0;
  keys.forEach((k, i) => {
    total += k.length;
    offsets[i + 1] = total;
  });
  const blob = Buffer.concat(keys);
  const table = new Int32Array(slots).fill(-1);
  keys.forEach((k, i) => {
    let h = 0x811c9dc5;
    for (const c of k) h = Math.imul(h ^ c, 0x01000193) >>> 0;
    let s = h & (slots - 1);
    while (table[s] !== -1) s = (s + 1) & (slots - 1);
    table[s] = i;
  });
  const header = Buffer.alloc(64);
  header.write('EMBKVEC\0', 0, 'latin1');
  header.writeUInt32LE(2, 8);
  header.writeUInt32LE(rows, 12);
  header.writeUInt32LE(dim, 16);
  header.writeBigUInt64LE(BigInt(blob.length), 24);
  header.writeUInt32LE(slots, 36);
  const matrix = Buffer.from(Float32Array.from(values).buffer);
  patch?.({ header, matrix });
  const body = [matrix, Buffer.from(offsets.buffer), Buffer.from(table.buffer), blob];
  let crc = 0;
  for (const p of body) crc = crc32(p, crc);
  if (header.readUInt32LE(32) === 0) header.writeUInt32LE(crc, 32);
  return Uint8Array.from(Buffer.concat([header, ...body]));
}

function ekvMutations(): Mutation[] {
  const keys = VOCAB.map((w) => bytes(w));
  const values = Float32Array.from(seedVectors().flat());
  const valid = ekvBytes(keys, values, SEED_DIM);
  const out: Mutation[] = [['valid', valid, 'accept']];
  const header = (name: string, at: number, v: number): void => {
    const b = Buffer.from(valid);
    b.writeUInt32LE(v, at);
    out.push([name, Uint8Array.from(b), 'reject']);
  };
  header('rows 0xffffffff', 12, 0xffffffff);
  header('dim 0xffffffff', 16, 0xffffffff);
  header('dim 0', 16, 0);
  header('version 3', 8, 3);
  header('slots 7', 36, 7);
  header('checksum off by one', 32, Buffer.from(valid).readUInt32LE(32) ^ 1);
  for (const v of [Number.POSITIVE_INFINITY, Number.NaN]) {
    out.push([`value ${v} (checksum recomputed)`, ekvBytes(keys, Float32Array.from(values, (x, i) => (i === 5 ? v : x)), SEED_DIM), 'reject']);
  }
  out.push(['key with invalid UTF-8 (checksum recomputed)', ekvBytes(keys.map((k, i) => (i === 3 ? Uint8Array.of(0x63, 0x61, 0xff) : k)), values, SEED_DIM), 'reject']);
  out.push(['duplicate keys (checksum recomputed)', ekvBytes(keys.map((k, i) => (i === 3 ? keys[2]! : k)), values, SEED_DIM), 'reject']);
  for (const frac of [0.05, 0.5, 0.99]) out.push([`truncated at ${frac * 100}%`, valid.subarray(0, Math.floor(valid.length * frac)), 'reject']);
  out.push(['bad magic', concat(bytes('EMBKVEX\0'), valid.subarray(8)), 'reject']);
  return out;
}

function gzipMutations(): Mutation[] {
  const text = vectorText(true);
  const gz = gzipSync(text);
  const out: Mutation[] = [['valid', gz, 'accept'], ['glove text', gzipSync(vectorText(false)), 'accept']];
  for (const frac of [0.2, 0.5, 0.9]) out.push([`truncated at ${frac * 100}%`, gz.subarray(0, Math.floor(gz.length * frac)), 'reject']);
  out.push(['trailer cut (4 bytes)', gz.subarray(0, gz.length - 4), 'reject']);
  out.push(['gzip header only', gz.subarray(0, 10), 'reject']);
  const corrupt = Buffer.from(gz);
  corrupt[Math.floor(gz.length / 2)]! ^= 0x55;
  out.push(['corrupt deflate data', Uint8Array.from(corrupt), 'reject']);
  const badCrc = Buffer.from(gz);
  badCrc[gz.length - 6]! ^= 0xff;
  out.push(['wrong CRC in the trailer', Uint8Array.from(badCrc), 'reject']);
  out.push(['two members', concat(gzipSync(text.slice(0, 40)), gzipSync(text.slice(40))), 'accept']);
  out.push(['value 1e39 inside', gzipSync(setToken(text, 3, 2, '1e39')), 'reject']);
  out.push(['header 999999999 999999 inside', gzipSync(setLine(text, 0, '999999999 999999')), 'reject']);
  out.push(['gzip of a PNG', gzipSync(PNG), 'reject']);
  out.push(['gzip of nothing', gzipSync(''), 'reject']);
  return out;
}

function winkJson(opts: { dim?: string; words?: string; value?: string; extra?: string } = {}): string {
  const vs = seedVectors();
  const words = opts.words ?? JSON.stringify(VOCAB);
  const vectors = VOCAB.map((w, i) => `${JSON.stringify(w)}:[${(i === 3 && opts.value !== undefined ? [opts.value, ...vs[i]!.slice(1)] : vs[i]!).join(',')},1,${i}]`).join(',');
  return `{"precision":4,"dimensions":${opts.dim ?? SEED_DIM},${opts.extra ?? ''}"words":${words},"vectors":{${vectors}},"unkVector":[0,0,0,0]}`;
}

function winkMutations(): Mutation[] {
  const out: Mutation[] = [['valid', winkJson(), 'accept']];
  for (const v of ['1e39', '-1e39', '3.5e38', '0x10', 'NaN', '1e400', '"1"', 'null']) out.push([`value ${v}`, winkJson({ value: v }), 'reject']);
  for (const d of ['1e9', '0', '-1', '"4"', '4.5', '2147483648', '99999999999']) out.push([`dimensions ${d}`, winkJson({ dim: d }), 'reject']);
  out.push(['words not an array', winkJson({ words: '"cat"' }), 'reject']);
  out.push(['a word without a vector', winkJson({ words: JSON.stringify([...VOCAB, 'zebra']) }), 'reject']);
  out.push(['lone surrogate in a word', winkJson({ words: JSON.stringify(VOCAB).replace('"cat"', '"c\\ud800t"') }), 'reject']);
  out.push(['deeply nested unknown field', winkJson({ extra: `"x":${'['.repeat(100_000)}${']'.repeat(100_000)},` }), 'any']);
  out.push(['truncated', winkJson().slice(0, 300), 'reject']);
  out.push(['not JSON', 'hello', 'reject']);
  out.push(['empty file', '', 'reject']);
  return out;
}

function recordSeedsJsonl(): string {
  const rand = seededRandom(11);
  return sentences(12, rand).map((t, i) => JSON.stringify({ id: `d${i}`, text: t, topic: i % 3 === 0 ? 'a' : 'b', year: 2000 + i })).join('\n') + '\n';
}

function jsonlLine(text: string, line: number, obj: string): string {
  return setLine(text, line, obj);
}

function recordJsonlMutations(ingest: boolean): Mutation[] {
  const text = recordSeedsJsonl();
  const out: Mutation[] = [['valid', text, 'accept']];
  const bad = (name: string, obj: string, embedExpect: Expect = 'reject'): void => {
    const e = ingest ? 'reject' : embedExpect;
    out.push([name, jsonlLine(text, 4, obj), e]);
    if (ingest && e === 'reject') out.push([`${name} (skipBadRows)`, jsonlLine(text, 4, obj), 'accept', { skipBadRows: true }]);
  };
  bad('id is an object', '{"id":{"a":1},"text":"the cat"}');
  bad('id is an array', '{"id":[1,2],"text":"the cat"}');
  bad('id is null', '{"id":null,"text":"the cat"}');
  bad('id is true', '{"id":true,"text":"the cat"}');
  bad('id is 1e400', '{"id":1e400,"text":"the cat"}');
  bad('id is empty', '{"id":"","text":"the cat"}');
  bad('id with a lone surrogate', '{"id":"d\\ud800","text":"the cat"}');
  bad('text missing', '{"id":"x"}');
  bad('text is a number', '{"id":"x","text":5}');
  bad('text is null', '{"id":"x","text":null}');
  bad('text is an array', '{"id":"x","text":["the"]}');
  bad('text is empty', '{"id":"x","text":""}', 'accept');
  bad('text is blank', '{"id":"x","text":"   "}', 'accept');
  bad('text with a lone surrogate', '{"id":"x","text":"the \\udc00 cat"}');
  bad('invalid JSON', '{"id":"x","text":"the cat"');
  bad('a JSON array', '["x","the cat"]');
  bad('a JSON string', '"the cat"');
  bad('duplicate id', '{"id":"d0","text":"the cat"}', 'accept');
  bad('metadata nested 100 deep', `{"id":"x","text":"the cat","m":${'{"a":'.repeat(100)}1${'}'.repeat(100)}}`, 'accept');
  bad('metadata nested 100000 deep', `{"id":"x","text":"the cat","m":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, 'any');
  bad('metadata with a lone surrogate', '{"id":"x","text":"the cat","m":"\\ud83d"}', 'any');
  bad('metadata key with a lone surrogate', '{"id":"x","text":"the cat","\\ud83d":1}', 'any');
  if (ingest) out.push(['metadata nested 20 deep', jsonlLine(text, 4, `{"id":"x","text":"the cat","m":${'{"a":'.repeat(20)}1${'}'.repeat(20)}}`), 'accept']);
  out.push(['blank lines', text.replace(/\n/g, '\n\n'), 'accept']);
  out.push(['id 12345678901234567890', jsonlLine(text, 4, '{"id":12345678901234567890,"text":"the cat"}'), 'any']);
  out.push(['empty file', '', ingest ? 'reject' : 'accept']);
  out.push(...encodingMutations(text, 4));
  return out;
}

function recordCsv(): string {
  const rand = seededRandom(12);
  return 'id,text,topic\n' + sentences(12, rand).map((t, i) => `d${i},"${t}",${i % 2 === 0 ? 'a' : 'b'}`).join('\n') + '\n';
}

function recordCsvMutations(ingest: boolean): Mutation[] {
  const text = recordCsv();
  const out: Mutation[] = [
    ['valid', text, 'accept'],
    ['BOM', `\ufeff${text}`, 'accept'],
    ['duplicate header name', setLine(text, 0, 'id,text,text'), 'reject'],
    ['duplicate header name (differs in case)', setLine(text, 0, 'id,text,Text'), 'accept'],
    ['no text column', setLine(text, 0, 'id,body,topic'), 'reject'],
    ['empty header name', setLine(text, 0, 'id,text,'), 'any'],
    ['unbalanced quote', setLine(text, 3, 'd2,"the cat,a'), 'reject'],
    ['quote inside a field', setLine(text, 3, 'd2,the "cat",a'), 'reject'],
    ['extra column', setLine(text, 3, 'd2,the cat,a,extra'), 'reject'],
    ['missing column', setLine(text, 3, 'd2,the cat'), 'reject'],
    ['empty text', setLine(text, 3, 'd2,,a'), ingest ? 'reject' : 'accept'],
    ['header only', 'id,text,topic\n', ingest ? 'reject' : 'accept'],
    ['empty file', '', ingest ? 'reject' : 'accept'],
    ['duplicate id', setLine(text, 3, 'd0,the cat,a'), ingest ? 'reject' : 'accept'],
    ['lone CR line ends', text.replace(/\n/g, '\r'), 'any'],
  ];
  if (ingest) {
    out.push(['empty text (skipBadRows)', setLine(text, 3, 'd2,,a'), 'accept', { skipBadRows: true }]);
    out.push(['duplicate id (skipBadRows)', setLine(text, 3, 'd0,the cat,a'), 'accept', { skipBadRows: true }]);
    out.push(['extra column (skipBadRows)', setLine(text, 3, 'd2,the cat,a,extra'), 'accept', { skipBadRows: true }]);
  }
  out.push(...encodingMutations(text, 3));
  return out;
}

function recordLinesMutations(): Mutation[] {
  const rand = seededRandom(13);
  const text = sentences(15, rand).join('\n') + '\n';
  return [
    ['valid', text, 'accept'],
    ['BOM', `\ufeff${text}`, 'accept'],
    ['empty file', '', 'accept'],
    ['blank lines', text.replace(/\n/g, '\n\n'), 'accept'],
    ['a 2 MB line', `${'cat '.repeat(500_000)}\n`, 'accept'],
    ['no final newline', text.slice(0, -1), 'accept'],
    ['latin1 with encoding latin1', withRawLine(text, 2, Uint8Array.of(0x63, 0x61, 0x66, 0xe9)), 'accept', { encoding: 'latin1' }],
    ...encodingMutations(text, 2),
  ];
}

function trainCorpusMutations(): Mutation[] {
  const rand = seededRandom(14);
  const text = sentences(20, rand).join('\n') + '\n';
  return [['valid', text, 'accept'], ['latin1 with encoding latin1', withRawLine(text, 2, Uint8Array.of(0x63, 0x61, 0x66, 0xe9)), 'accept', { encoding: 'latin1' }], ...encodingMutations(text, 2)];
}

// ---------------------------------------------------------------- evaluation data

function wordPairs(): string {
  const rand = seededRandom(21);
  return Array.from({ length: 15 }, (_, i) => `${VOCAB[i % VOCAB.length]}\t${VOCAB[(i * 7 + 3) % VOCAB.length]}\t${(rand() * 10).toFixed(2)}`).join('\n') + '\n';
}

function evalCommon(text: string, line: number): Mutation[] {
  const l = lines(text)[line]!;
  const at = l.indexOf(' ') > 0 ? l.indexOf(' ') : 2; // inside a sentence (JSON keys have no spaces)
  return [
    ['empty file', '', 'reject'],
    ['only blank lines', '\n\n\n', 'reject'],
    ['NUL byte in a line', withRawLine(text, line, concat(bytes('ab'), Uint8Array.of(0), bytes('cd\tx\ty'))), 'reject'],
    ['PNG image', PNG, 'reject'],
    ['UTF-16 with BOM', utf16le(text), 'reject'],
    ['Latin-1 é (0xe9), encoding auto', withRawLine(text, line, concat(bytes(l.slice(0, at)), Uint8Array.of(0xe9), bytes(l.slice(at)))), 'accept'],
    ['CRLF line ends', text.replace(/\n/g, '\r\n'), 'accept'],
  ];
}

function wordSimilarityMutations(): Mutation[] {
  const text = wordPairs();
  return [
    ['valid', text, 'accept'],
    ['gold score " "', setToken(text, 2, 2, ' ', '\t'), 'reject'],
    ['gold score empty', setToken(text, 2, 2, '', '\t'), 'reject'],
    ['gold score NaN', setToken(text, 2, 2, 'NaN', '\t'), 'reject'],
    ['gold score 0x10', setToken(text, 2, 2, '0x10', '\t'), 'reject'],
    ['gold score 1e400', setToken(text, 2, 2, '1e400', '\t'), 'reject'],
    ['gold score " " (skipBadRows)', setToken(text, 2, 2, ' ', '\t'), 'accept', { skipBadRows: true }],
    ['two columns', setLine(text, 2, 'cat\tdog'), 'reject'],
    ['all gold scores equal', text.replace(/\t[\d.]+$/gm, '\t5'), 'meaningless'],
    ['one row', lines(text)[0]!, 'meaningless'],
    ['unknown words only', 'zebra\tquokka\t3\nyak\tgnu\t4\n', 'meaningless'],
    ...evalCommon(text, 2),
  ];
}

function analogyText(): string {
  return ': capital\nking queen man woman\nparis france rome italy\nman woman king queen\n: gram\ncat dog sun moon\nwater fire tree road\n';
}

function analogyMutations(): Mutation[] {
  const text = analogyText();
  return [
    ['valid', text, 'accept'],
    ['three words', setLine(text, 2, 'paris france rome'), 'reject'],
    ['five words', setLine(text, 2, 'paris france rome italy x'), 'reject'],
    ['sections only', ': a\n: b\n', 'reject'],
    ['unknown words only', 'zebra quokka yak gnu\n', 'meaningless'],
    ...evalCommon(text, 2),
  ];
}

function stsTsv(binary: boolean): string {
  const rand = seededRandom(binary ? 31 : 32);
  const s = sentences(24, rand);
  return Array.from({ length: 12 }, (_, i) => `${s[2 * i]}\t${s[2 * i + 1]}\t${binary ? i % 2 : (rand() * 5).toFixed(2)}`).join('\n') + '\n';
}

function stsMutations(binary: boolean): Mutation[] {
  const text = stsTsv(binary);
  return [
    ['valid', text, 'accept'],
    ['gold score " "', setToken(text, 3, 2, ' ', '\t'), 'reject'],
    ['gold score 0x10', setToken(text, 3, 2, '0x10', '\t'), 'reject'],
    ['gold score Infinity', setToken(text, 3, 2, 'Infinity', '\t'), 'reject'],
    ['gold score " " (skipBadRows)', setToken(text, 3, 2, ' ', '\t'), 'accept', { skipBadRows: true }],
    [binary ? 'label 2' : 'gold score -1e400', setToken(text, 3, 2, binary ? '2' : '-1e400', '\t'), 'reject'],
    ['two columns', setLine(text, 3, 'the cat\tthe dog'), 'reject'],
    ['all gold scores equal', text.replace(/\t[\d.]+$/gm, '\t1'), 'meaningless'],
    ['one row', `${lines(text)[0]!}\n`, 'meaningless'],
    ['JSONL shape', '{"sentence1":"a","sentence2":"b","score":1}\n', 'reject'],
    ...evalCommon(text, 3),
  ];
}

function labeledTsv(): string {
  const rand = seededRandom(41);
  const s = sentences(24, rand);
  return s.map((t, i) => `${['pos', 'neg', 'mid'][i % 3]}\t${t}`).join('\n') + '\n';
}

function classificationMutations(clustering: boolean): Mutation[] {
  const text = labeledTsv();
  const oneClass = text.replace(/^(pos|neg|mid)\t/gm, 'pos\t');
  const out: Mutation[] = [
    ['valid', text, 'accept'],
    ['one class', oneClass, 'meaningless'],
    ['one row', `${lines(text)[0]!}\n`, 'meaningless'],
    ['three rows', lines(text).slice(0, 3).join('\n') + '\n', 'meaningless'],
    ['row without a tab', setLine(text, 3, 'pos the cat'), 'reject'],
    ['empty label', setLine(text, 3, '\tthe cat'), 'reject'],
    ['empty text', setLine(text, 3, 'pos\t'), 'reject'],
    ['every text unknown words', text.replace(/\t.*$/gm, '\tzebra quokka'), 'any'],
    ...evalCommon(text, 3),
  ];
  if (!clustering) {
    const train = lines(text).slice(0, 12).join('\n') + '\n';
    const test = lines(text).slice(12).join('\n');
    out.push(['with a train file', test, 'accept', { train }]);
    out.push(['empty train file', test, 'reject', { train: '' }]);
    out.push(['test labels absent from train', test.replace(/^mid\t/gm, 'other\t'), 'any', { train }]);
    out.push(['train labels absent from test', test.replace(/^mid\t/gm, 'pos\t'), 'any', { train }]);
    out.push(['one-class train', test, 'meaningless', { train: train.replace(/^(pos|neg|mid)\t/gm, 'pos\t') }]);
    out.push(['folds 1000', text, 'any', { folds: 1000 }]);
    out.push(['labeled CSV, malformed', 'text,category\n"the cat,pos\n', 'reject', { ext: '.csv' }]);
    out.push(['labeled CSV, duplicate header', 'text,text\nthe cat,pos\n', 'reject', { ext: '.csv' }]);
    out.push(['labeled CSV, ragged rows', `text,category\n${lines(text).slice(0, 10).map((l) => `"${l.split('\t')[1]}",${l.split('\t')[0]}`).join('\n')}\nthe cat\n`, 'reject', { ext: '.csv' }]);
    out.push(['labeled JSONL, label object', '{"text":"the cat","label":{"a":1}}\n{"text":"the dog","label":"b"}\n', 'reject', { ext: '.jsonl' }]);
  } else {
    out.push(['restarts 1000', text, 'any', { restarts: 1000 }]);
    out.push(['labeled CSV, malformed', 'text,category\n"the cat,pos\n', 'reject', { ext: '.csv' }]);
  }
  return out;
}

function beirSeed(): { corpus: string; queries: string; qrels: string } {
  const rand = seededRandom(51);
  const docs = sentences(10, rand);
  const qs = sentences(4, rand);
  return {
    corpus: docs.map((t, i) => JSON.stringify({ _id: `d${i}`, title: i % 2 === 0 ? 'title' : '', text: t })).join('\n') + '\n',
    queries: qs.map((t, i) => JSON.stringify({ _id: `q${i}`, text: t })).join('\n') + '\n',
    qrels: 'query-id\tcorpus-id\tscore\n' + qs.map((_, i) => `q${i}\td${(i * 3) % 10}\t1\nq${i}\td${(i * 3 + 1) % 10}\t2`).join('\n') + '\n',
  };
}

function retrievalMutations(): readonly [string, { corpus?: string; queries?: string; qrels?: string }, Expect, Readonly<Record<string, unknown>>?][] {
  const s = beirSeed();
  return [
    ['valid', {}, 'accept'],
    ['duplicate corpus id', { corpus: s.corpus + JSON.stringify({ _id: 'd0', text: 'the cat' }) + '\n' }, 'reject'],
    ['duplicate query id', { queries: s.queries + JSON.stringify({ _id: 'q0', text: 'the cat' }) + '\n' }, 'reject'],
    ['empty qrels', { qrels: '' }, 'reject'],
    ['qrels header only', { qrels: 'query-id\tcorpus-id\tscore\n' }, 'reject'],
    ['qrels score " "', { qrels: s.qrels.replace('q0\td0\t1', 'q0\td0\t ') }, 'reject'],
    ['qrels score 0x10', { qrels: s.qrels.replace('q0\td0\t1', 'q0\td0\t0x10') }, 'reject'],
    ['qrels naming unknown documents only', { qrels: 'query-id\tcorpus-id\tscore\nq0\tzz\t1\n' }, 'meaningless'],
    ['qrels naming unknown queries only', { qrels: 'query-id\tcorpus-id\tscore\nqq\td0\t1\n' }, 'meaningless'],
    ['all grades 0', { qrels: s.qrels.replace(/\t[12]$/gm, '\t0') }, 'meaningless'],
    ['corpus id is an object', { corpus: s.corpus + '{"_id":{"a":1},"text":"the cat"}\n' }, 'reject'],
    ['corpus row not JSON', { corpus: s.corpus + '{"_id":"x"\n' }, 'reject'],
    ['empty corpus', { corpus: '' }, 'reject'],
    ['empty queries', { queries: '' }, 'reject'],
    ['empty title and text', { corpus: s.corpus + '{"_id":"e","title":"","text":""}\n' }, 'any'],
    ['NUL in the corpus', { corpus: s.corpus.replace('title', 'ti\u0000tle') }, 'reject'],
  ];
}

function rerankingMutations(): Mutation[] {
  const rand = seededRandom(61);
  const s = sentences(30, rand);
  const text = Array.from({ length: 5 }, (_, i) => JSON.stringify({ query: s[i * 6], positive: [s[i * 6 + 1], s[i * 6 + 2]], negative: [s[i * 6 + 3], s[i * 6 + 4]] })).join('\n') + '\n';
  return [
    ['valid', text, 'accept'],
    ['empty positives', setLine(text, 2, '{"query":"the cat","positive":[],"negative":["a"]}'), 'reject'],
    ['positive not an array', setLine(text, 2, '{"query":"the cat","positive":"a","negative":["a"]}'), 'reject'],
    ['no negatives', setLine(text, 2, '{"query":"the cat","positive":["a"],"negative":[]}'), 'any'],
    ['query is null', setLine(text, 2, '{"query":null,"positive":["a"],"negative":["b"]}'), 'reject'],
    ['lone surrogate', setLine(text, 2, '{"query":"the \\ud800","positive":["a"],"negative":["b"]}'), 'any'],
    ...evalCommon(text, 2),
  ];
}

// ---------------------------------------------------------------- other files

function resultFile(o: Record<string, unknown> = {}): string {
  return JSON.stringify({ schema_version: 1, task_name: 'T', task_type: 'sts', scores: { test: [{ main_score: 0.5, spearman: 0.5 }] }, ...o });
}

function resultMutations(): Mutation[] {
  return [
    ['valid', resultFile(), 'accept'],
    ['main_score null', resultFile({ scores: { test: [{ main_score: null }] } }), 'accept'],
    ['main_score a string', resultFile({ scores: { test: [{ main_score: '0.5' }] } }), 'reject'],
    ['main_score an object', resultFile({ scores: { test: [{ main_score: { a: 1 } }] } }), 'reject'],
    ['scores null', resultFile({ scores: null }), 'reject'],
    ['scores a string', resultFile({ scores: 'x' }), 'reject'],
    ['scores an array', resultFile({ scores: [1] }), 'reject'],
    ['scores empty', resultFile({ scores: {} }), 'reject'],
    ['split not an array', resultFile({ scores: { test: 'x' } }), 'reject'],
    ['split holding null', resultFile({ scores: { test: [null] } }), 'reject'],
    ['task_name a number', resultFile({ task_name: 5 }), 'reject'],
    ['schema_version 2', resultFile({ schema_version: 2 }), 'reject'],
    ['JSON null', 'null', 'reject'],
    ['JSON array', '[]', 'reject'],
    ['not JSON', '{"task_name":', 'reject'],
    ['empty file', '', 'reject'],
    ['invalid UTF-8', concat(bytes('{"task_name":"T\xff'), Uint8Array.of(0xff), bytes('","scores":{"test":[{"main_score":0.5}]}}')), 'any'],
  ];
}

function sifReference(o: Record<string, unknown> = {}): string {
  const rand = seededRandom(71);
  const comp = Array.from({ length: SEED_DIM }, () => rand() - 0.5);
  const n = Math.hypot(...comp);
  return JSON.stringify({ format: 'embedkit-common-components', version: 1, pooling: 'sif', embedder: 'static:fuzz:sif', dim: SEED_DIM, a: 0.001, fittedOn: 20, weights: [1], components: [comp.map((x) => x / n)], ...o });
}

function sifMutations(): Mutation[] {
  const out: Mutation[] = [['valid', sifReference(), 'accept']];
  for (const d of ['"4"', '0', '-1', '1e9', '4.5', 'null', '3', '1e400']) out.push([`dim ${d}`, sifReference().replace(`"dim":${SEED_DIM}`, `"dim":${d}`), 'reject']);
  out.push(['component value 1e400', sifReference().replace(/("components":\[\[)[^,]+/, '$11e400'), 'reject']);
  out.push(['component value a string', sifReference().replace(/("components":\[\[)[^,]+/, '$1"0.5"'), 'reject']);
  out.push(['component value 1e39', sifReference().replace(/("components":\[\[)[^,]+/, '$11e39'), 'reject']);
  out.push(['weights a string', sifReference({ weights: 'x' }), 'reject']);
  out.push(['weight a string', sifReference({ weights: ['1'] }), 'reject']);
  out.push(['weight 1e400', sifReference().replace('"weights":[1]', '"weights":[1e400]'), 'reject']);
  out.push(['weights longer than components', sifReference({ weights: [1, 1] }), 'reject']);
  out.push(['pooling mean', sifReference({ pooling: 'mean' }), 'reject']);
  out.push(['wrong format tag', sifReference({ format: 'x' }), 'reject']);
  out.push(['components not arrays', sifReference({ components: [5] }), 'reject']);
  out.push(['JSON null', 'null', 'reject']);
  out.push(['not JSON', '{', 'reject']);
  out.push(['empty file', '', 'reject']);
  return out;
}

function frequencies(): string {
  return VOCAB.map((w, i) => `${w} ${1000 - i * 37}`).join('\n') + '\n';
}

function frequencyMutations(): Mutation[] {
  const text = frequencies();
  const out: Mutation[] = [['valid', text, 'accept'], ['tab separated', text.replace(/ /g, '\t'), 'accept']];
  for (const v of ['-1', 'abc', '0x10', 'NaN', 'Infinity', '1e400', '']) out.push([`count ${JSON.stringify(v)}`, setToken(text, 3, 1, v), 'reject']);
  out.push(['counts overflowing their sum', setToken(setToken(text, 3, 1, '1.5e308'), 4, 1, '1.5e308'), 'reject']);
  out.push(['all counts 0', text.replace(/ \d+$/gm, ' 0'), 'reject']);
  out.push(['three columns', setLine(text, 3, 'cat 3 4'), 'reject']);
  out.push(['fractional counts', text.replace(/ (\d+)$/gm, ' $1.5'), 'accept']);
  out.push(['empty file', '', 'reject']);
  out.push(...encodingMutations(text, 3));
  return out;
}

function npyBytes(rows: number, dim: number, shape = `(${rows}, ${dim})`, descr = '<f4', values?: Float32Array): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 11, ' ') + '\n';
  const head = Buffer.alloc(10);
  head[0] = 0x93;
  head.write('NUMPY', 1, 'latin1');
  head[6] = 1;
  head.writeUInt16LE(header.length, 8);
  const data = values ?? Float32Array.from({ length: rows * dim }, (_, i) => Math.sin(i));
  return concat(head, Buffer.from(header, 'latin1'), Buffer.from(data.buffer));
}

function npyMutations(): Mutation[] {
  const valid = npyBytes(5, SEED_DIM);
  const out: Mutation[] = [['valid', valid, 'accept']];
  out.push(['shape (999999999, 999999)', npyBytes(5, SEED_DIM, '(999999999, 999999)'), 'reject']);
  out.push(['shape 1-D', npyBytes(5, SEED_DIM, '(20,)'), 'accept']); // one row
  out.push(['shape 3-D', npyBytes(5, SEED_DIM, '(5, 2, 2)'), 'reject']);
  out.push(['shape (0, 4)', npyBytes(0, SEED_DIM, `(0, ${SEED_DIM})`), 'any']);
  out.push(['dtype <f8', npyBytes(5, SEED_DIM, undefined, '<f8'), 'reject']);
  out.push(['value NaN', npyBytes(5, SEED_DIM, undefined, undefined, Float32Array.from({ length: 20 }, (_, i) => (i === 3 ? Number.NaN : i))), 'any']);
  const v3 = Buffer.from(valid);
  v3[6] = 3;
  out.push(['version 3', Uint8Array.from(v3), 'reject']);
  const hl = Buffer.from(valid);
  hl.writeUInt16LE(0xffff, 8);
  out.push(['header length beyond the file', Uint8Array.from(hl), 'reject']);
  out.push(['truncated', valid.subarray(0, valid.length - 3), 'reject']);
  out.push(['bad magic', concat(bytes('XNUMPY'), valid.subarray(6)), 'reject']);
  out.push(['empty file', new Uint8Array(0), 'reject']);
  return out;
}

// ---------------------------------------------------------------- assembling the cases

function toBytes(c: Uint8Array | string): Uint8Array {
  return typeof c === 'string' ? bytes(c) : c;
}

// ---------------------------------------------------------------- matching tables, adapter training data

function matchTable(): string {
  return ['id,lemmas,category', 'r1,the cat,animal', 'r2,king queen,royal', 'r3,paris france,place', 'r4,sun moon,sky', 'r5,apple fruit,food'].join('\n') + '\n';
}

function matchTableMutations(): Mutation[] {
  const text = matchTable();
  return [
    ['valid', text, 'accept'],
    ...encodingMutations(text, 2),
    ['id given twice', setLine(text, 3, 'r2,paris france,place'), 'reject'],
    ['header only', 'id,lemmas,category\n', 'reject'],
    ['empty file', '', 'reject'],
    ['duplicate column', setLine(text, 0, 'id,lemmas,lemmas'), 'reject'],
    ['unclosed quote', setLine(text, 2, 'r2,"king queen,royal'), 'reject'],
    ['JSONL rows', '{"id":"r1","lemmas":"the cat"}\n{"id":"r2","lemmas":{"x":1}}\n', 'any', { ext: '.jsonl' }],
    ['JSONL invalid', '{"id":"r1","lemmas":"the cat"\n', 'reject', { ext: '.jsonl' }],
  ];
}

function adapterJsonl(): string {
  return Array.from({ length: 6 }, (_, i) => JSON.stringify({ anchor: `${VOCAB[i]} ${VOCAB[i + 1]}`, positive: `${VOCAB[i + 2]} ${VOCAB[i + 3]}`, negative: `${VOCAB[i + 5]}` })).join('\n') + '\n';
}

function adapterMutations(): Mutation[] {
  const text = adapterJsonl();
  const graded = Array.from({ length: 6 }, (_, i) => JSON.stringify({ text1: VOCAB[i], text2: VOCAB[i + 1], score: i / 2 })).join('\n') + '\n';
  return [
    ['valid triplets', text, 'accept'],
    ['valid graded pairs', graded, 'accept'],
    ...encodingMutations(text, 2),
    ['invalid JSON', setLine(text, 2, '{"anchor": "the cat", '), 'reject'],
    ['positive missing', setLine(text, 2, '{"anchor": "the cat"}'), 'reject'],
    ['positive a number', setLine(text, 2, '{"anchor": "the cat", "positive": 5}'), 'reject'],
    ['score a string', setLine(graded, 2, '{"text1": "a", "text2": "b", "score": "high"}'), 'reject'],
    ['score 1e999', setLine(graded, 2, '{"text1": "a", "text2": "b", "score": 1e999}'), 'reject'],
    ['an array line', setLine(text, 2, '[1, 2]'), 'reject'],
    ['empty file', '', 'reject'],
    ['STS TSV', 'the cat\tthe dog\t4.5\nsun\tmoon\t3\n', 'accept', { ext: '.tsv' }],
    ['STS TSV bad score', 'the cat\tthe dog\tx\nsun\tmoon\t3\n', 'reject', { ext: '.tsv' }],
  ];
}

function simple(main: string, seed: Uint8Array | string, structured: readonly Mutation[]): ParserSeeds {
  return { main, seed: toBytes(seed), structured };
}

function seedsOf(parser: ParserName): ParserSeeds {
  switch (parser) {
    case 'word2vec-text':
      return simple('vectors.txt', vectorText(true), textVectorMutations(true));
    case 'glove-text':
      return simple('glove.txt', vectorText(false), textVectorMutations(false));
    case 'word2vec-bin':
      return simple('vectors.bin', binaryVectors(), word2vecBinMutations());
    case 'ekv':
      return simple('vectors.ekv', ekvMutations()[0]![1], ekvMutations());
    case 'vectors-gzip':
      return simple('vectors.txt.gz', gzipSync(vectorText(true)), gzipMutations());
    case 'wink-json':
      return simple('wink.json', winkJson(), winkMutations());
    case 'records-lines':
      return simple('texts.txt', recordLinesMutations()[0]![1], recordLinesMutations());
    case 'records-jsonl':
      return simple('records.jsonl', recordSeedsJsonl(), recordJsonlMutations(false));
    case 'records-csv':
      return simple('records.csv', recordCsv(), recordCsvMutations(false));
    case 'ingest-jsonl':
      return simple('records.jsonl', recordSeedsJsonl(), recordJsonlMutations(true));
    case 'ingest-csv':
      return simple('records.csv', recordCsv(), recordCsvMutations(true));
    case 'eval-word-similarity':
      return simple('pairs.txt', wordPairs(), wordSimilarityMutations());
    case 'eval-analogy':
      return simple('questions.txt', analogyText(), analogyMutations());
    case 'eval-sts':
      return simple('sts.tsv', stsTsv(false), stsMutations(false));
    case 'eval-pair-classification':
      return simple('pairs.tsv', stsTsv(true), stsMutations(true));
    case 'eval-classification':
      return simple('labeled.tsv', labeledTsv(), classificationMutations(false));
    case 'eval-clustering':
      return simple('labeled.tsv', labeledTsv(), classificationMutations(true));
    case 'eval-retrieval': {
      const s = beirSeed();
      return { main: 'beir', mutated: 'beir/corpus.jsonl', extra: [{ name: 'beir/queries.jsonl', bytes: bytes(s.queries) }, { name: 'beir/qrels/test.tsv', bytes: bytes(s.qrels) }], seed: bytes(s.corpus), structured: [] };
    }
    case 'eval-reranking':
      return simple('reranking.jsonl', rerankingMutations()[0]![1], rerankingMutations());
    case 'eval-results':
      return { main: 'results', mutated: 'results/T.json', seed: bytes(resultFile()), structured: resultMutations() };
    case 'sif-reference':
      return simple('reference.json', sifReference(), sifMutations());
    case 'frequencies':
      return simple('frequencies.txt', frequencies(), frequencyMutations());
    case 'npy':
      return simple('matrix.npy', npyBytes(5, SEED_DIM), npyMutations());
    case 'train-corpus':
      return simple('corpus.txt', trainCorpusMutations()[0]![1], trainCorpusMutations());
    case 'match-table':
      return simple('rows.csv', matchTable(), matchTableMutations());
    case 'adapter-data':
      return simple('train.jsonl', adapterJsonl(), adapterMutations());
  }
}

function retrievalCases(): FuzzCase[] {
  const s = beirSeed();
  return retrievalMutations().map(([name, parts, expect, options], i) => ({
    id: `eval-retrieval/${i}`,
    parser: 'eval-retrieval' as const,
    mutation: name,
    main: 'beir',
    files: [
      { name: 'beir/corpus.jsonl', bytes: bytes(parts.corpus ?? s.corpus) },
      { name: 'beir/queries.jsonl', bytes: bytes(parts.queries ?? s.queries) },
      { name: 'beir/qrels/test.tsv', bytes: bytes(parts.qrels ?? s.qrels) },
    ],
    expect,
    ...(options !== undefined ? { options } : {}),
  }));
}

/** Every case of one parser: its structured mutations, then seeded random ones up to `total`. */
export function parserCases(parser: ParserName, total: number, seed = 1): FuzzCase[] {
  const s = seedsOf(parser);
  const mutated = s.mutated ?? s.main;
  const out: FuzzCase[] =
    parser === 'eval-retrieval'
      ? retrievalCases()
      : s.structured.map(([name, content, expect, options], i) => {
          const ext = options?.['ext'];
          const main = typeof ext === 'string' ? s.main.replace(/\.[^.]+$/, ext) : s.main;
          const file = typeof ext === 'string' ? mutated.replace(/\.[^.]+$/, ext) : mutated;
          return { id: `${parser}/${i}`, parser, mutation: name, main, files: [...(s.extra ?? []), { name: file, bytes: toBytes(content) }], expect, ...(options !== undefined ? { options } : {}) };
        });
  const rand = seededRandom(seed * 7919 + PARSERS.indexOf(parser));
  for (let i = out.length; i < total; i++) {
    const [name, content] = randomMutation(s.seed, rand);
    out.push({ id: `${parser}/${i}`, parser, mutation: `random: ${name}`, main: s.main, files: [...(s.extra ?? []), { name: mutated, bytes: content }], expect: 'any' });
  }
  return out;
}

/** Cases over every parser: `perParser` each (at least all structured ones). */
export function fuzzCases(perParser: number, seed = 1): FuzzCase[] {
  return PARSERS.flatMap((p) => parserCases(p, perParser, seed));
}
