/**
 * Collection names and the default database location.
 */
import { EmbedkitError } from '../errors.js';

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

/** Names become file names and SQL identifiers: letters, digits, `_`, `-`; 1–63 characters; no path parts. */
export function validateCollectionName(name: string): string {
  if (!NAME_RE.test(name)) {
    throw new EmbedkitError('BAD_ARGUMENT', 'collection name', {
      expected: 'letters, digits, "_" or "-", starting with a letter or digit, at most 63 characters',
      received: JSON.stringify(name),
      where: 'name',
    });
  }
  return name;
}

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}
