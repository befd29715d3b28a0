/**
 * A word tokenizer compatible with how the GloVe 6B vectors were trained (Stanford PTB tokenizer, then
 * lower-cased): punctuation is split off, clitics become their own tokens (`don't` → `do n't`,
 * `can't` → `ca n't`, `john's` → `john 's`), numbers keep their inner `.`/`,` (`3.50`, `1,000`).
 *
 * Vocabulary-aware: given `isKnown`, a chunk the vocabulary has as one token (`u.s.`, `e-mail`, `mr.`,
 * `:)`) is kept whole; an unknown hyphenated or slashed compound is split into its parts.
 */

export interface TokenizeOptions {
  /** Lower-case the text (GloVe 6B is uncased). Default true. */
  readonly lowercase?: boolean;
  /** Vocabulary membership test, used to keep known multi-character tokens whole. */
  readonly isKnown?: (token: string) => boolean;
}

const LEADING = new Set(['"', "'", '(', '[', '{', '<', '`', '¿', '¡', '«', '“', '‘']);
const TRAILING = new Set(['"', "'", ')', ']', '}', '>', '.', ',', ';', ':', '!', '?', '»', '”', '’', '…']);
const CLITIC = /^(.+?)('s|'m|'d|'ll|'re|'ve|n't)$/;
const PIECES = /-{2,}|\.{3,}|\d+(?:[.,:]\d+)*|[\p{L}\p{M}\p{N}_]+(?:'[\p{L}]+)?|[^\s\p{L}\p{M}\p{N}_]/gu;

function normalizeQuotes(s: string): string {
  return s.replace(/[‘’‛′]/g, "'").replace(/[“”„″]/g, '"').replace(/[‐‑‒–—―]/g, (c) => (c === '—' || c === '―' ? '--' : '-'));
}

export function tokenize(text: string, opts: TokenizeOptions = {}): string[] {
  const lower = opts.lowercase ?? true;
  const known = opts.isKnown;
  const src = normalizeQuotes(lower ? text.toLowerCase() : text);
  const out: string[] = [];
  for (const chunk of src.split(/\s+/)) {
    if (chunk.length === 0) continue;
    if (known !== undefined && known(chunk)) {
      out.push(chunk);
      continue;
    }
    splitChunk(chunk, known, out);
  }
  return out;
}

function splitChunk(chunk: string, known: ((t: string) => boolean) | undefined, out: string[]): void {
  let start = 0;
  let end = chunk.length;
  // leading punctuation
  while (start < end && LEADING.has(chunk[start]!)) {
    if (chunk.startsWith('``', start)) {
      out.push('``');
      start += 2;
    } else out.push(chunk[start++]!);
  }
  // trailing punctuation, kept in order
  const trailing: string[] = [];
  while (end > start) {
    const core = chunk.slice(start, end);
    if (known !== undefined && known(core)) break; // `u.s.`, `mr.`, `etc.`
    if (core.endsWith('...')) {
      trailing.unshift('...');
      end -= 3;
      continue;
    }
    const c = chunk[end - 1]!;
    if (!TRAILING.has(c)) break;
    // a final period after an abbreviation-like core (`u.s.`) stays when unknown vocab is not given
    if (c === '.' && known === undefined && /^(?:\p{L}\.)+\p{L}$/u.test(core.slice(0, -1))) break;
    trailing.unshift(c);
    end--;
  }
  if (end > start) splitCore(chunk.slice(start, end), known, out);
  for (const t of trailing) out.push(t);
}

function splitCore(core: string, known: ((t: string) => boolean) | undefined, out: string[]): void {
  if (known !== undefined && known(core)) {
    out.push(core);
    return;
  }
  const clitic = CLITIC.exec(core);
  if (clitic !== null) {
    splitCore(clitic[1]!, known, out);
    out.push(clitic[2]!);
    return;
  }
  if (known === undefined && /^[\p{L}\p{N}]+(?:[-/][\p{L}\p{N}]+)+$/u.test(core)) {
    out.push(core); // without a vocabulary, keep compounds whole as the PTB tokenizer does
    return;
  }
  if (/^(?:\p{L}\.)+$/u.test(core)) {
    out.push(core); // initialisms: u.s.
    return;
  }
  for (const m of core.matchAll(PIECES)) {
    const piece = m[0];
    const cl = CLITIC.exec(piece);
    if (cl !== null && piece.includes("'")) {
      out.push(cl[1]!, cl[2]!);
    } else out.push(piece);
  }
}
