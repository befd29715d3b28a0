/**
 * What every command gets: output in human or `--json` form, warnings on stderr, progress bars on a TTY.
 */
import { EmbedkitError } from '../errors.js';
import { createProgress, type Progress } from './progress.js';

export interface CommonOptions {
  readonly json?: boolean;
  readonly verbose?: boolean;
  readonly model?: string;
  readonly dataDir?: string;
}

export class CommandContext {
  readonly json: boolean;
  readonly verbose: boolean;
  readonly warnings: string[] = [];

  constructor(opts: CommonOptions) {
    this.json = opts.json === true;
    this.verbose = opts.verbose === true;
  }

  /** Prints `human` (text mode) or `value` as one JSON document on stdout (`--json`). */
  out(value: unknown, human: string | (() => string)): void {
    if (this.json) process.stdout.write(JSON.stringify(value, jsonReplacer) + '\n');
    else process.stdout.write((typeof human === 'string' ? human : human()) + '\n');
  }

  /** A warning line on stderr (also collected). */
  warn = (message: string): void => {
    this.warnings.push(message);
    process.stderr.write(`embedkit: warning: ${message}\n`);
  };

  /** Info line on stderr, only in text mode with --verbose. */
  info(message: string): void {
    if (this.verbose) process.stderr.write(`embedkit: ${message}\n`);
  }

  progress(label: string, total: number, unit = 'items'): Progress {
    return createProgress(label, total, unit);
  }
}

/** JSON never carries NaN/Infinity: they become null. Typed arrays become plain arrays. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (value instanceof Float32Array || value instanceof Float64Array || value instanceof Int32Array) return Array.from(value);
  return value;
}

/** Parses a positive integer option or throws BAD_OPTION naming it. */
export function intOption(name: string, value: string | number | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new EmbedkitError('BAD_OPTION', name, { expected: `an integer ≥ ${min}`, received: JSON.stringify(value), where: name });
  }
  return n;
}

/** Checks a string option against allowed values. */
export function choiceOption<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new EmbedkitError('BAD_OPTION', name, { expected: allowed.join('|'), received: JSON.stringify(value), where: name });
}
