/**
 * Temporary files and folders that a run creates and must not leave behind. Each is tracked while it
 * exists, so a surface that catches SIGINT/SIGTERM can remove them all synchronously before exiting
 * (`removeTrackedTemps`). Their names carry the creating process id, so files left by a run that was
 * killed outright (SIGKILL, power loss) are recognised and removed by the next run that writes to the
 * same place (`sweepStaleTemps`): a file whose process no longer exists, and that nobody has modified for a
 * minute (a process in another pid namespace sharing the folder is not visible to us), is stale.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { errnoCode } from './fs-failure.js';

const tracked = new Set<string>();

/** Tracks `path` (a file or a folder) until the returned function is called. */
export function trackTemp(path: string): () => void {
  tracked.add(path);
  return () => {
    tracked.delete(path);
  };
}

/** Removes every tracked temp file and folder now (synchronous: safe in a signal handler); returns them. */
export function removeTrackedTemps(): string[] {
  const removed: string[] = [];
  for (const p of tracked) {
    try {
      rmSync(p, { recursive: true, force: true });
      removed.push(p);
    } catch {
      // best effort: the process is about to exit
    }
  }
  tracked.clear();
  return removed;
}

/** Whether process `pid` exists (our own pid always does). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === 'EPERM'; // exists, owned by someone else
  }
}

/** A temp file modified this recently is never swept, whatever its pid says. */
const STALE_AFTER_MS = 60_000;

function untouchedFor(path: string, ms: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs >= ms;
  } catch {
    return false;
  }
}

/**
 * Removes entries of `dir` whose name `pidOf` recognises as a temp name of a process that no longer
 * exists (and that were not modified for `STALE_AFTER_MS`); returns the removed paths. Never throws (a
 * folder that cannot be listed has nothing to sweep).
 */
export function sweepStaleTemps(dir: string, pidOf: (name: string) => number | undefined): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = pidOf(name);
    if (pid === undefined || processAlive(pid) || !untouchedFor(join(dir, name), STALE_AFTER_MS)) continue;
    try {
      rmSync(join(dir, name), { recursive: true, force: true });
      removed.push(join(dir, name));
    } catch {
      // another run may be sweeping the same file
    }
  }
  return removed;
}
