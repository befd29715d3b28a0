/**
 * The CLI's one progress module: a bar on stderr when it is a TTY, nothing otherwise (logs and pipes stay
 * clean). A custom format may show extra fields (`{epoch}`, `{loss}` …) passed with each update.
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
}

const SILENT: Progress = { update: () => {}, stop: () => {} };

/** Whether bars are drawn at all (a TTY on stderr and not turned off). */
export function progressShown(): boolean {
  return process.stderr.isTTY === true && !progressDisabled();
}

export function createProgress(label: string, total: number, unit = 'items', opts: ProgressOptions = {}): Progress {
  if (!progressShown()) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: opts.format ?? `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {duration_formatted} | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: opts.fps ?? 10,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, opts.fields);
  let stopped = false;
  return {
    update(done: number, newTotal?: number, fields?: ProgressFields) {
      if (stopped) return;
      if (newTotal !== undefined && newTotal !== bar.getTotal()) bar.setTotal(newTotal);
      bar.update(done, fields);
    },
    stop() {
      if (!stopped) {
        stopped = true;
        bar.stop();
      }
    },
  };
}
