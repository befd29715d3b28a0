/**
 * Task declarations are validated data: `defineTask` checks every field's type and value, rejects keys it
 * does not know (a misspelt `mainscore` is an error, not a silently ignored field), checks that inline data
 * matches the task type, and freezes the result.
 */
import { EmbedkitError } from '../errors.js';
import { DATA_FORMATS, SUITES, TASK_TYPES, type TaskDeclaration } from './types.js';

const REQUIRED = ['name', 'type', 'description', 'mainScore', 'format', 'files', 'split', 'suites', 'license', 'citation'] as const;
const OPTIONAL = ['encoding', 'inline', 'evalOptions'] as const;
const KEYS: ReadonlySet<string> = new Set<string>([...REQUIRED, ...OPTIONAL]);

function fail(name: string, field: string, expected: string, received: unknown): EmbedkitError {
  return new EmbedkitError('BAD_ARGUMENT', `task declaration ${JSON.stringify(name)}`, { expected: `${field}: ${expected}`, received: typeof received === 'string' ? JSON.stringify(received) : typeof received, where: field });
}

export function defineTask(decl: TaskDeclaration): TaskDeclaration {
  const o = decl as unknown as Record<string, unknown>;
  if (typeof o !== 'object' || o === null) throw new EmbedkitError('BAD_ARGUMENT', 'task declaration', { expected: 'an object', received: typeof o });
  const name = typeof o['name'] === 'string' ? o['name'] : '?';
  for (const key of Object.keys(o)) if (!KEYS.has(key)) throw fail(name, key, `a known key (${[...KEYS].join(', ')})`, `unknown key ${key}`);
  for (const key of REQUIRED) if (o[key] === undefined) throw fail(name, key, 'a value', undefined);
  for (const key of ['name', 'description', 'mainScore', 'split', 'license', 'citation'] as const) {
    if (typeof o[key] !== 'string') throw fail(name, key, 'a string', o[key]);
  }
  if (name.length === 0 || /[\\/:*?"<>|]/.test(name)) throw fail(name, 'name', 'a non-empty name usable as a file name', name);
  if (!TASK_TYPES.includes(decl.type)) throw fail(name, 'type', TASK_TYPES.join('|'), decl.type);
  if (!DATA_FORMATS.includes(decl.format)) throw fail(name, 'format', DATA_FORMATS.join('|'), decl.format);
  if (!Array.isArray(decl.suites) || !decl.suites.every((s) => SUITES.includes(s))) throw fail(name, 'suites', `a list of ${SUITES.join('|')}`, decl.suites);
  if (typeof decl.files !== 'object' || decl.files === null || !Object.values(decl.files).every((f) => typeof f === 'string' && f.length > 0)) {
    throw fail(name, 'files', 'an object of role → relative path', decl.files);
  }
  if (decl.encoding !== undefined && decl.encoding !== 'utf8' && decl.encoding !== 'latin1') throw fail(name, 'encoding', 'utf8|latin1', decl.encoding);
  if (decl.format === 'inline') {
    if (decl.inline === undefined) throw fail(name, 'inline', 'the task data (format inline)', undefined);
    if (Object.keys(decl.files).length > 0) throw fail(name, 'files', 'none (format inline)', 'files');
    if (decl.inline.type !== decl.type) throw fail(name, 'inline.type', decl.type, decl.inline.type);
  } else if (decl.inline !== undefined) {
    throw fail(name, 'inline', 'nothing unless format is inline', 'data');
  }
  return Object.freeze({ ...decl, files: Object.freeze({ ...decl.files }), suites: Object.freeze([...decl.suites]) });
}
