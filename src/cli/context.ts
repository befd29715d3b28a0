/**
 * What every command gets: output in human or `--json` form, warnings on stderr, progress bars on a TTY.
 * Warnings are aggregated: a warning printed once is not printed again when it comes back with other
 * numbers (one per batch …); `finishOutput` ends the command with one line counting the repeats. Nothing
 * written here tears a progress bar (see progress.ts).
 */
import { progressDisabled } from '../config.js';
import { validateOption } from '../options/validate.js';
import { aboveProgress, createProgress, stopProgress, type Progress, type ProgressOptions } from './progress.js';
import { cliText } from './surface.js';

/** A warning's shape: its text with numbers blanked, so `3 of 256 texts …` and `5 of 256 texts …` are one warning. */
function shapeOf(message: string): string {
  return message.replace(/\d+(\.\d+)?/g, '#');
}

let current: CommandContext | undefined;

/** Ends the running command's output: one line per warning that repeated, with the count. */
export function finishOutput(): void {
  stopProgress();
  current?.flushRepeats();
  current = undefined;
}

export interface CommonOptions {
  readonly json?: boolean;
  readonly verbose?: boolean;
  readonly model?: string;
  readonly dataDir?: string;
}

export class CommandContext {
  readonly json: boolean;
  readonly verbose: boolean;
  /** Distinct warnings (a repeated warning is listed once; see `finishOutput`). */
  readonly warnings: string[] = [];
  private readonly repeats = new Map<string, { first: string; last: string; count: number }>();

  constructor(opts: CommonOptions) {
    this.json = opts.json === true;
    this.verbose = opts.verbose === true;
    current = this;
  }

  /** Prints `human` (text mode) or `value` as one JSON document on stdout (`--json`); progress bars stop first. */
  out(value: unknown, human: string | (() => string)): void {
    stopProgress();
    if (this.json) process.stdout.write(JSON.stringify(value, jsonReplacer) + '\n');
    else process.stdout.write((typeof human === 'string' ? human : human()) + '\n');
  }

  /** A warning line on stderr (also collected); a warning that repeats with other numbers is counted, not printed again. */
  warn = (message: string): void => {
    const text = cliText(message);
    const shape = shapeOf(text);
    const seen = this.repeats.get(shape);
    if (seen !== undefined) {
      seen.count++;
      seen.last = text;
      return;
    }
    this.repeats.set(shape, { first: text, last: text, count: 1 });
    this.warnings.push(text);
    aboveProgress(`embedkit: warning: ${text}\n`);
  };

  /** One line per warning that came back, with how often (called by `finishOutput`). */
  flushRepeats(): void {
    for (const r of this.repeats.values()) {
      if (r.count < 2) continue;
      process.stderr.write(`embedkit: warning: ${r.count} warnings like this one in all: ${r.first} (last: ${r.last})\n`);
    }
    this.repeats.clear();
  }

  /** Info line on stderr, only in text mode with --verbose. */
  info(message: string): void {
    if (this.verbose) aboveProgress(`embedkit: ${message}\n`);
  }

  /** A status line on stderr for a step that takes a while without progress of its own (off with EMBEDKIT_NO_PROGRESS=1). */
  status = (message: string): void => {
    if (!progressDisabled()) aboveProgress(`embedkit: ${cliText(message)}\n`);
  };

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
