/**
 * Collection names and the default database location.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { EmbedkitError } from '../errors.js';

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

/** Names become file names and SQL identifiers: letters, digits, `_`, `-`; 1–63 characters; no path parts. */
export function validateCollectionName(name: string): string {
  if (!NAME_RE.test(name)) {
    throw new EmbedkitError('BAD_ARGUMENT', 'collection name', {
      expected: 'letters, digits, "_" or "-", starting with a letter or digit, at most 63 characters',
      received: JSON.stringify(name),
      where: 'NAME',
    });
  }
  return name;
}

/** `--db` value, else `$EMBEDKIT_DB`, else `$XDG_DATA_HOME/embedkit` or `~/.local/share/embedkit`. */
export function defaultDbLocation(given?: string): string {
  if (given !== undefined && given.length > 0) return given;
  const env = process.env['EMBEDKIT_DB'];
  if (env !== undefined && env.length > 0) return env;
  const xdg = process.env['XDG_DATA_HOME'];
  return join(xdg !== undefined && xdg.length > 0 ? xdg : join(homedir(), '.local', 'share'), 'embedkit');
}

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}
