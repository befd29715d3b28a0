/**
 * Filter → SQL for the two stores. Both follow `matchesFilter` (filter.ts): numbers compare numerically
 * and also match their decimal string, booleans match only booleans, ranges hold only for numbers.
 */
import { withoutStopWords } from '../text/stop-words.js';
import type { Filter, FilterCondition } from './types.js';

export interface SqlFragment {
  readonly sql: string;
  readonly params: unknown[];
}

/** SQLite (JSON1): metadata is a TEXT column of JSON. */
export function sqliteFilter(filter: Filter | undefined, column = 'metadata'): SqlFragment {
  if (filter === undefined || filter.length === 0) return { sql: '1', params: [] };
  const parts: string[] = [];
  const params: unknown[] = [];
  const eq = (path: string, v: string | number | boolean): string => {
    if (typeof v === 'boolean') {
      params.push(path);
      return `json_type(${column}, ?) = '${v ? 'true' : 'false'}'`;
    }
    if (typeof v === 'number') {
      params.push(path, path, v, path, path, String(v));
      return `((json_type(${column}, ?) IN ('integer','real') AND json_extract(${column}, ?) = ?) OR (json_type(${column}, ?) = 'text' AND json_extract(${column}, ?) = ?))`;
    }
    params.push(path, path, v);
    return `(json_type(${column}, ?) = 'text' AND json_extract(${column}, ?) = ?)`;
  };
  for (const c of filter) {
    const path = `$."${c.key}"`;
    if (c.op === 'eq') parts.push(eq(path, c.value));
    else if (c.op === 'in') parts.push(c.values.length === 0 ? '0' : `(${c.values.map((v) => eq(path, v)).join(' OR ')})`);
    else {
      params.push(path, path, c.value);
      parts.push(`(json_type(${column}, ?) IN ('integer','real') AND json_extract(${column}, ?) ${sqlOp(c)} ?)`);
    }
  }
  return { sql: parts.join(' AND '), params };
}

function sqlOp(c: FilterCondition): string {
  return c.op === 'gt' ? '>' : c.op === 'gte' ? '>=' : c.op === 'lt' ? '<' : '<=';
}

/** Postgres: metadata is JSONB; `$n` placeholders start after `offset` existing parameters. */
export function postgresFilter(filter: Filter | undefined, offset: number, column = 'metadata'): SqlFragment {
  if (filter === undefined || filter.length === 0) return { sql: 'TRUE', params: [] };
  const parts: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${offset + params.length}`;
  };
  const eq = (key: string, v: string | number | boolean): string => {
    const k = `${p(key)}::text`;
    const t = `jsonb_typeof(${column}->${k})`;
    if (typeof v === 'boolean') return `(CASE WHEN ${t} = 'boolean' THEN (${column}->>${k})::boolean = ${p(v)}::boolean ELSE FALSE END)`;
    if (typeof v === 'number') {
      return `(CASE WHEN ${t} = 'number' THEN (${column}->>${k})::float8 = ${p(v)}::float8 WHEN ${t} = 'string' THEN ${column}->>${k} = ${p(String(v))}::text ELSE FALSE END)`;
    }
    return `(CASE WHEN ${t} = 'string' THEN ${column}->>${k} = ${p(v)}::text ELSE FALSE END)`;
  };
  for (const c of filter) {
    if (c.op === 'eq') parts.push(eq(c.key, c.value));
    else if (c.op === 'in') parts.push(c.values.length === 0 ? 'FALSE' : `(${c.values.map((v) => eq(c.key, v)).join(' OR ')})`);
    else {
      const k = `${p(c.key)}::text`;
      parts.push(`(CASE WHEN jsonb_typeof(${column}->${k}) = 'number' THEN (${column}->>${k})::float8 ${sqlOp(c)} ${p(c.value)}::float8 ELSE FALSE END)`);
    }
  }
  return { sql: parts.join(' AND '), params };
}

/**
 * Words of a free-text query as an FTS5 OR-query of quoted terms (no operator injection), English stop
 * words dropped (as Postgres' `english` configuration does), unless the query has nothing else.
 */
export function fts5Query(text: string): string | undefined {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (words === null || words.length === 0) return undefined;
  return withoutStopWords([...new Set(words.map((w) => w.toLowerCase()))]).map((w) => `"${w}"`).join(' OR ');
}
