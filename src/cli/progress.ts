/**
 * Progress for long jobs: a bar on stderr when it is a TTY, nothing otherwise (logs and pipes stay clean).
 */
import cliProgress from 'cli-progress';
import { progressDisabled } from '../config.js';

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

const SILENT: Progress = { update: () => {}, stop: () => {} };

export function createProgress(label: string, total: number, unit = 'items'): Progress {
  if (process.stderr.isTTY !== true || progressDisabled()) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {duration_formatted} | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let stopped = false;
  return {
    update(done: number, newTotal?: number) {
      if (stopped) return;
      if (newTotal !== undefined && newTotal !== bar.getTotal()) bar.setTotal(newTotal);
      bar.update(done);
    },
    stop() {
      if (!stopped) {
        stopped = true;
        bar.stop();
      }
    },
  };
}
