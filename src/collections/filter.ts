/**
 * Metadata filters: `key=value`, `key!=…` is not supported; `key in a,b,c`, `key>n`, `key>=n`, `key<n`,
 * `key<=n`. Conditions are ANDed. `matchesFilter` is the reference semantics the SQL translations follow:
 * equality compares numbers numerically and strings exactly (`key=5` matches 5 and "5"), `true`/`false`
 * match booleans; ranges hold only for numeric values.
 */
import { EmbedkitError } from '../errors.js';
import type { Filter, FilterCondition, Metadata } from './types.js';

const KEY_RE = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

function validateFilterKey(key: string): string {
  if (!KEY_RE.test(key)) {
    throw new EmbedkitError('BAD_OPTION', '`filter` key', { expected: 'a metadata key of letters, digits, "_", ".", "-"', received: JSON.stringify(key), where: 'filter' });
  }
  return key;
}

function scalar(raw: string): string | number | boolean {
  const t = raw.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t.length > 0 && Number.isFinite(Number(t))) return Number(t);
  return t.replace(/^"(.*)"$/, '$1');
}

/** Parses one filter expression. */
export function parseFilterExpression(expr: string): FilterCondition {
  const inMatch = /^\s*([^\s=<>!]+)\s+in\s+(.+)$/i.exec(expr);
  if (inMatch !== null) {
    const values = inMatch[2]!.split(',').map(scalar);
    return { key: validateFilterKey(inMatch[1]!), op: 'in', values };
  }
  const m = /^\s*([^\s=<>!]+)\s*(>=|<=|>|<|=)\s*(.*)$/.exec(expr);
  if (m === null) {
    throw new EmbedkitError('BAD_OPTION', 'filter', { expected: "'key=value', 'key in a,b', 'key>=n', 'key<n' …", received: JSON.stringify(expr), where: 'filter' });
  }
  const key = validateFilterKey(m[1]!);
  const op = m[2]!;
  if (op === '=') return { key, op: 'eq', value: scalar(m[3]!) };
  const n = Number(m[3]!.trim());
  if (m[3]!.trim().length === 0 || !Number.isFinite(n)) {
    throw new EmbedkitError('BAD_OPTION', 'filter', { expected: `a number after ${op}`, received: JSON.stringify(m[3]), where: expr });
  }
  return { key, op: op === '>' ? 'gt' : op === '>=' ? 'gte' : op === '<' ? 'lt' : 'lte', value: n };
}

export function parseFilter(exprs: readonly string[] | undefined): Filter | undefined {
  if (exprs === undefined || exprs.length === 0) return undefined;
  return exprs.map(parseFilterExpression);
}

function lookup(metadata: Metadata, key: string): unknown {
  return metadata[key];
}

function equals(v: unknown, want: string | number | boolean): boolean {
  if (typeof want === 'number') return (typeof v === 'number' && v === want) || (typeof v === 'string' && v === String(want));
  return v === want;
}

function matchesCondition(metadata: Metadata, c: FilterCondition): boolean {
  const v = lookup(metadata, c.key);
  switch (c.op) {
    case 'eq':
      return equals(v, c.value);
    case 'in':
      return c.values.some((w) => equals(v, w));
    default: {
      if (typeof v !== 'number') return false;
      return c.op === 'gt' ? v > c.value : c.op === 'gte' ? v >= c.value : c.op === 'lt' ? v < c.value : v <= c.value;
    }
  }
}

export function matchesFilter(metadata: Metadata, filter: Filter | undefined): boolean {
  return filter === undefined || filter.every((c) => matchesCondition(metadata, c));
}

