/**
 * The error catalog. Every user-facing error has a stable `code`, and says what was expected, what was
 * received, and where (file, line, byte offset, or the option / field name). Errors never name a surface's
 * spelling of an option: they name the option (`maxLength`), and refer to options inside hints in backticks
 * (`` set `long` to "chunk" ``). Each surface renders them its own way with `format(rename)`: the CLI as
 * flags (`--max-length`), the HTTP server as JSON fields.
 */

export const ERROR_CATALOG = {
  BAD_OPTION: 'invalid option value',
  BAD_ARGUMENT: 'invalid argument',
  FILE_NOT_FOUND: 'file not found',
  FORMAT_ERROR: 'malformed file',
  CACHE_INVALID: 'invalid cache file',
  UNKNOWN_MODEL: 'unknown model',
  UNKNOWN_WORD: 'word not in vocabulary',
  DIM_MISMATCH: 'dimension mismatch',
  EMPTY_INPUT: 'empty input',
  MODEL_INCOMPLETE: 'model folder is incomplete',
  UNSUPPORTED: 'not supported',
  IO_ERROR: 'input/output failure',
  MODEL_FILES_DISAGREE: 'model files disagree',
  INFERENCE_FAILED: 'model inference failed',
  UNKNOWN_PROMPT: 'unknown prompt name',
  COLLECTION_NOT_FOUND: 'collection not found',
  COLLECTION_EXISTS: 'collection already exists',
  RECORD_NOT_FOUND: 'record not found',
  MODEL_MISMATCH: 'embedding model mismatch',
  DATABASE_ERROR: 'database error',
  COLLECTION_BUSY: 'collection is busy',
  DISK_FULL: 'disk full',
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export interface ErrorDetails {
  /** What the program expected, e.g. `"2 columns"`. */
  readonly expected?: string;
  /** What it found instead, e.g. `"3 columns"`. */
  readonly received?: string;
  /** Where: `file:line`, `file@byte 1234`, or a field / option name. */
  readonly where?: string;
  /** A short suggestion on how to fix it. */
  readonly hint?: string;
  readonly cause?: unknown;
}

/** How a surface spells an option: `maxLength` → `--max-length` (CLI); undefined when it is not an option there. */
export type OptionRenamer = (option: string) => string | undefined;

const KEEP: OptionRenamer = () => undefined;

/** Replaces `` `option` `` references by the surface's spelling (backticks kept when there is none). */
export function renameRefs(text: string, rename: OptionRenamer): string {
  return text.replace(/`([A-Za-z][A-Za-z0-9]*)`/g, (all, name: string) => rename(name) ?? all);
}

function compose(code: ErrorCode, subject: string, d: ErrorDetails, rename: OptionRenamer = KEEP): string {
  const subj = rename(subject) ?? renameRefs(subject, rename);
  let msg = subj.length > 0 ? `${ERROR_CATALOG[code]}: ${subj}` : ERROR_CATALOG[code];
  if (d.expected !== undefined || d.received !== undefined) {
    const parts: string[] = [];
    if (d.expected !== undefined) parts.push(`expected ${renameRefs(d.expected, rename)}`);
    if (d.received !== undefined) parts.push(`received ${renameRefs(d.received, rename)}`);
    msg += ` (${parts.join(', ')})`;
  }
  if (d.where !== undefined) msg += ` at ${rename(d.where) ?? d.where}`;
  if (d.hint !== undefined) msg += `; ${renameRefs(d.hint, rename)}`;
  // One line, whatever a file put in `received` (a header, a CSV parser's message …).
  return msg.replace(/\s*[\r\n]+\s*/g, ' ');
}

export class EmbedkitError extends Error {
  readonly code: ErrorCode;
  readonly expected: string | undefined;
  readonly received: string | undefined;
  readonly where: string | undefined;
  readonly hint: string | undefined;
  /** What the error is about: an option or field name, a file, a value. */
  readonly subject: string;

  constructor(code: ErrorCode, subject: string, details: ErrorDetails = {}) {
    super(compose(code, subject, details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'EmbedkitError';
    this.code = code;
    this.subject = subject;
    this.expected = details.expected;
    this.received = details.received;
    this.where = details.where;
    this.hint = details.hint;
  }

  /** The message with option names spelled the way a surface spells them (see `OptionRenamer`). */
  format(rename: OptionRenamer): string {
    return compose(this.code, this.subject, { ...(this.expected !== undefined ? { expected: this.expected } : {}), ...(this.received !== undefined ? { received: this.received } : {}), ...(this.where !== undefined ? { where: this.where } : {}), ...(this.hint !== undefined ? { hint: this.hint } : {}) }, rename);
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, expected: this.expected, received: this.received, where: this.where };
  }
}

/** A damaged or malformed file. `where` is `file:line` for text formats, `file@byte N` for binary ones. */
export class FormatError extends EmbedkitError {
  readonly file: string;
  readonly line: number | undefined;
  readonly byteOffset: number | undefined;

  constructor(
    file: string,
    subject: string,
    details: Omit<ErrorDetails, 'where'> & { line?: number; byteOffset?: number } = {},
  ) {
    const where =
      details.line !== undefined
        ? `${file}:${details.line}`
        : details.byteOffset !== undefined
          ? `${file}@byte ${details.byteOffset}`
          : file;
    super('FORMAT_ERROR', subject, { ...details, where });
    this.name = 'FormatError';
    this.file = file;
    this.line = details.line;
    this.byteOffset = details.byteOffset;
  }
}

export function isEmbedkitError(e: unknown): e is EmbedkitError {
  return e instanceof EmbedkitError;
}

/** Shorthand for an invalid option value. */
export function badOption(option: string, expected: string, received: unknown): EmbedkitError {
  return new EmbedkitError('BAD_OPTION', option, { expected, received: JSON.stringify(received) ?? String(received), where: option });
}
