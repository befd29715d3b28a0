/**
 * `--data-dir DIR` for every command that reads the shared data root (evaluation sets, bias word lists):
 * the flag, and its value with the `EMBEDKIT_DATA_DIR` fallback.
 */
import type { Command } from 'commander';
import { dataDirSetting } from '../config.js';
import { EmbedkitError } from '../errors.js';

export interface DataDirOptions {
  readonly dataDir?: string;
}

export function withDataDirOption(cmd: Command, what = 'the evaluation sets'): Command {
  return cmd.option('--data-dir <dir>', `folder holding ${what} (default: $EMBEDKIT_DATA_DIR)`);
}

/** The data root: `--data-dir`, else `$EMBEDKIT_DATA_DIR`, else undefined. */
export function dataDirOf(opts: DataDirOptions): string | undefined {
  return opts.dataDir ?? dataDirSetting();
}

/** The data root, required. */
export function requireDataDir(opts: DataDirOptions, what = 'the evaluation sets'): string {
  const dir = dataDirOf(opts);
  if (dir === undefined) throw new EmbedkitError('BAD_OPTION', 'dataDir', { expected: `the folder holding ${what} (or EMBEDKIT_DATA_DIR)`, received: 'neither', where: 'dataDir' });
  return dir;
}
