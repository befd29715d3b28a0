/**
 * What every command gets: output in human or `--json` form, warnings on stderr, progress bars on a TTY.
 */
import { validateOption } from '../options/validate.js';
import { createProgress, type Progress, type ProgressOptions } from './progress.js';
import { cliText } from './surface.js';

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
    const text = cliText(message);
    this.warnings.push(text);
    process.stderr.write(`embedkit: warning: ${text}\n`);
  };

  /** Info line on stderr, only in text mode with --verbose. */
  info(message: string): void {
    if (this.verbose) process.stderr.write(`embedkit: ${message}\n`);
  }

  progress(label: string, total: number, unit = 'items', opts: ProgressOptions = {}): Progress {
    return createProgress(label, total, unit, opts);
  }

  /** Runs `work` with a progress bar (TTY only), stopped however `work` ends. */
  async withProgress<T>(label: string, total: number, unit: string, work: (bar: Progress) => T | Promise<T>): Promise<T> {
    const bar = createProgress(label, total, unit);
    try {
      return await work(bar);
    } finally {
      bar.stop();
    }
  }
}

/** JSON never carries NaN/Infinity: they become null. Typed arrays become plain arrays. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (value instanceof Float32Array || value instanceof Float64Array || value instanceof Int32Array) return Array.from(value);
  return value;
}

/** An integer option (by its option name: errors name it, the CLI renders the flag), with a fallback. */
export function intOption(name: string, value: string | number | undefined, fallback: number, min = 1, max = Number.POSITIVE_INFINITY): number {
  if (value === undefined) return fallback;
  return validateOption(name, { type: 'int', min, max, description: name }, value) as number;
}

/** A string option that must be one of `allowed` (by its option name), with a fallback. */
export function choiceOption<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  return validateOption(name, { type: 'choice', choices: allowed, description: name }, value) as T;
}
