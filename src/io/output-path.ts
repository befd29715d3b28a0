/**
 * Output paths are checked before long work starts (a training run must not end in "cannot write"): the
 * path is not a folder or a device, its folder exists or can be created, and a file can be created there.
 */
import { rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { EmbedkitError } from '../errors.js';
import { ensureDir, errnoCode, fsFailure } from './fs-failure.js';

function statOrUndefined(path: string, option: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return undefined;
    throw fsFailure(e, path, 'cannot use output path', `check \`${option}\``);
  }
}

/** Throws a clear error naming `option` unless a file can be written at `path` (creating its folder). */
export function checkOutputPath(path: string, option: string): void {
  const st = statOrUndefined(path, option);
  if (st !== undefined && !st.isFile()) {
    throw new EmbedkitError('BAD_OPTION', option, { expected: 'a file path', received: `${path} (${st.isDirectory() ? 'a folder' : 'not a regular file'})`, where: option });
  }
  probe(dirname(resolve(path)), basename(path), path, option);
}

/** Creates `dir` when missing and a file in it (then removes it); errors name `where` and `option`. */
function probe(dir: string, base: string, where: string, option: string): void {
  ensureDir(dir);
  // `.NAME.PID.probe.tmp`: the temp-name shape of atomic-write.ts, so a killed run's probe is swept too.
  const file = join(dir, `.${base}.${process.pid}.probe.tmp`);
  try {
    writeFileSync(file, '');
  } catch (e) {
    throw fsFailure(e, where, 'cannot write output', `check \`${option}\``);
  } finally {
    rmSync(file, { force: true });
  }
}

/** Throws a clear error naming `option` unless `dir` is a folder (created when missing) where files can be written. */
export function checkOutputDir(dir: string, option: string): void {
  const st = statOrUndefined(dir, option);
  if (st !== undefined && !st.isDirectory()) {
    throw new EmbedkitError('BAD_OPTION', option, { expected: 'a folder', received: `${dir} (a file)`, where: option });
  }
  probe(resolve(dir), 'embedkit', dir, option);
}
