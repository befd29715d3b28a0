/**
 * The CLI's one progress module. On a terminal: a bar on stderr; lines written while it runs (warnings,
 * status) go above it through `aboveProgress`, and results on stdout stop it first (`stopProgress`), so a
 * bar never overwrites or erases output. Without a terminal: no bar, but a long job prints a one-line
 * status on stderr now and then (every STATUS_INTERVAL_MS, never for jobs shorter than that), so logs show
 * it is alive. `EMBEDKIT_NO_PROGRESS=1` silences both. A custom format may show extra fields (`{epoch}`,
 * `{loss}` …) passed with each update.
 */
import cliProgress from 'cli-progress';
import { progressDisabled } from '../config.js';

export type ProgressFields = Readonly<Record<string, string | number>>;

export interface Progress {
  update(done: number, total?: number, fields?: ProgressFields): void;
  stop(): void;
}

export interface ProgressOptions {
  /** cli-progress format; default: `LABEL [bar] pct | done/total UNIT | elapsed | ETA`. */
  readonly format?: string;
  /** Initial values of the custom fields used in `format`. */
  readonly fields?: ProgressFields;
  readonly fps?: number;
  /** Without a terminal: a status line at most this often (default STATUS_INTERVAL_MS). */
  readonly statusIntervalMs?: number;
  /** Where status lines go (default stderr; tests pass their own). */
  readonly statusStream?: { write(s: string): unknown };
  /** Whether a bar may be drawn (default: `progressShown()`). */
  readonly tty?: boolean;
}

/** Without a terminal, a long job reports at most this often. */
export const STATUS_INTERVAL_MS = 15_000;

const SILENT: Progress = { update: () => {}, stop: () => {} };

/** Bars being drawn now. */
const active = new Set<cliProgress.SingleBar>();

/** Whether bars are drawn at all (a TTY on stderr and not turned off). */
export function progressShown(): boolean {
  return process.stderr.isTTY === true && !progressDisabled();
}

/** Writes a line to stderr without tearing a bar: the bar's line is cleared, the text written, the bar redrawn. */
export function aboveProgress(line: string): void {
  if (active.size === 0) {
    process.stderr.write(line);
    return;
  }
  process.stderr.write(`\r\x1b[2K${line}`);
  for (const bar of active) bar.render();
}

/** Stops (and clears) every bar: called before results are written. */
export function stopProgress(): void {
  for (const bar of [...active]) bar.stop();
  active.clear();
}

function elapsed(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** Status lines for runs without a terminal: label, progress, elapsed time, at most once an interval. */
function statusProgress(label: string, total: number, unit: string, opts: ProgressOptions): Progress {
  const out = opts.statusStream ?? process.stderr;
  const interval = opts.statusIntervalMs ?? STATUS_INTERVAL_MS;
  const started = Date.now();
  let last = started;
  let stopped = false;
  let max = total;
  return {
    update(done: number, newTotal?: number, fields?: ProgressFields) {
      if (stopped) return;
      if (newTotal !== undefined) max = newTotal;
      const now = Date.now();
      if (now - last < interval) return;
      last = now;
      const pct = max > 0 ? ` ${Math.min(100, Math.floor((100 * done) / max))}%` : '';
      const extra = fields === undefined ? '' : Object.entries(fields).filter(([k]) => k !== 'epochs').map(([k, v]) => `, ${k} ${v}`).join('');
      out.write(`embedkit: ${label}:${pct} (${done.toLocaleString('en-US')}${max > 0 ? `/${max.toLocaleString('en-US')}` : ''} ${unit}${extra}), ${elapsed(now - started)}\n`);
    },
    stop() {
      stopped = true;
    },
  };
}

export function createProgress(label: string, total: number, unit = 'items', opts: ProgressOptions = {}): Progress {
  if (progressDisabled()) return SILENT;
  if (!(opts.tty ?? progressShown())) return statusProgress(label, total, unit, opts);
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: opts.format ?? `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {duration_formatted} | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: opts.fps ?? 10,
      // Lines written above the bar clear it; redrawn on the next frame even when nothing changed.
      forceRedraw: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, opts.fields);
  active.add(bar);
  let stopped = false;
  return {
    update(done: number, newTotal?: number, fields?: ProgressFields) {
      if (stopped || !active.has(bar)) return;
      if (newTotal !== undefined && newTotal !== bar.getTotal()) bar.setTotal(newTotal);
      bar.update(done, fields);
    },
    stop() {
      if (!stopped) {
        stopped = true;
        if (active.delete(bar)) bar.stop();
      }
    },
  };
}
