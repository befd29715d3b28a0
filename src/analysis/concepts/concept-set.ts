/**
 * Named concepts: each a list of words (a skills list, a topic's vocabulary) or a short description.
 * Accepted JSON shapes (a file or a parsed value):
 *   { "cooking": ["recipe", "oven", "chef"], "finance": "money, banks and markets" }
 *   [ { "name": "cooking", "words": ["recipe", …] }, { "name": "finance", "description": "…" } ]
 *   { "concepts": [ … as above … ] }
 */
import { existsSync, readFileSync } from 'node:fs';
import { EmbedkitError, FormatError } from '../../errors.js';

export interface Concept {
  readonly name: string;
  /** Words (or short phrases) that stand for the concept. */
  readonly words?: readonly string[];
  /** A short description, embedded as one text. */
  readonly description?: string;
}

function fail(where: string, expected: string, received: string): never {
  throw new EmbedkitError('BAD_ARGUMENT', 'concept definition', { expected, received, where });
}

function conceptOf(name: string, value: unknown, where: string): Concept {
  if (name.trim().length === 0) fail(where, 'a non-empty concept name', JSON.stringify(name));
  if (typeof value === 'string') {
    if (value.trim().length === 0) fail(where, 'a non-empty description', '""');
    return { name, description: value };
  }
  if (Array.isArray(value)) {
    const words = value.map((w, i) => (typeof w === 'string' && w.trim().length > 0 ? w.trim() : fail(`${where}[${i}]`, 'a non-empty string', JSON.stringify(w))));
    if (words.length === 0) fail(where, 'at least one word', 'an empty list');
    return { name, words };
  }
  return fail(where, 'a list of words or a description string', JSON.stringify(value)?.slice(0, 60) ?? String(value));
}

/** Validates a parsed concept definition (see the module comment for the shapes). */
export function parseConcepts(value: unknown, where = 'concepts'): Concept[] {
  let list: Concept[];
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Array.isArray((value as Record<string, unknown>)['concepts'])) {
    return parseConcepts((value as Record<string, unknown>)['concepts'], `${where}.concepts`);
  }
  if (Array.isArray(value)) {
    list = value.map((item, i) => {
      const w = `${where}[${i}]`;
      if (item === null || typeof item !== 'object' || Array.isArray(item)) fail(w, '{"name", "words"} or {"name", "description"}', JSON.stringify(item)?.slice(0, 60) ?? String(item));
      const o = item as Record<string, unknown>;
      if (typeof o['name'] !== 'string') fail(`${w}.name`, 'a string', JSON.stringify(o['name']));
      const words = o['words'];
      const description = o['description'];
      if ((words === undefined) === (description === undefined)) fail(w, 'exactly one of "words" and "description"', Object.keys(o).join(', '));
      return conceptOf(o['name'] as string, words ?? description, `${w}.${words !== undefined ? 'words' : 'description'}`);
    });
  } else if (value !== null && typeof value === 'object') {
    list = Object.entries(value as Record<string, unknown>).map(([name, v]) => conceptOf(name, v, `${where}.${name}`));
  } else {
    return fail(where, 'an object or a list of concepts', JSON.stringify(value) ?? String(value));
  }
  if (list.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'concept definition', { expected: 'at least one concept', received: 'none', where });
  const seen = new Set<string>();
  for (const c of list) {
    if (seen.has(c.name)) fail(where, 'unique concept names', `${JSON.stringify(c.name)} twice`);
    seen.add(c.name);
  }
  return list;
}

/** Reads and validates a concepts JSON file. */
export function readConcepts(path: string): Concept[] {
  if (!existsSync(path)) throw new EmbedkitError('FILE_NOT_FOUND', 'concepts file', { where: path });
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new FormatError(path, 'not valid JSON', { expected: 'a JSON concept definition', received: e instanceof Error ? e.message : String(e) });
  }
  return parseConcepts(value, path);
}
