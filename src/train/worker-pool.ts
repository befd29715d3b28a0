/**
 * Starts one worker thread per configuration, calls `tick` every 250 ms while they run (progress,
 * checkpoints) and once more at the end; any thread failing stops all of them.
 */
import { Worker } from 'node:worker_threads';
import { EmbedkitError } from '../errors.js';

export async function runWorkers<C>(script: URL, configs: readonly C[], tick: () => void): Promise<void> {
  const workers: Worker[] = [];
  const timer = setInterval(tick, 250);
  try {
    await Promise.all(
      configs.map(
        (cfg, t) =>
          new Promise<void>((resolve, reject) => {
            const w = new Worker(script, { workerData: cfg });
            workers.push(w);
            w.once('error', (e) => reject(new EmbedkitError('IO_ERROR', `training thread ${t} failed`, { received: e.message, cause: e })));
            w.once('exit', (code) => (code === 0 ? resolve() : reject(new EmbedkitError('IO_ERROR', `training thread ${t} exited`, { received: `exit code ${code}` }))));
          }),
      ),
    );
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw e;
  } finally {
    clearInterval(timer);
  }
  tick();
}

/** Start of thread `t`'s slice when `length` items are split over `threads`. */
export function sliceStart(t: number, length: number, threads: number): number {
  return Math.floor((t * length) / threads);
}
