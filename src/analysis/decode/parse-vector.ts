/**
 * A vector written as text — a JSON array (`[0.1, -2, 3e-4]`) or numbers separated by commas and/or
 * whitespace — validated: every entry a finite number, the expected dimension when given.
 */
import { EmbedkitError } from '../../errors.js';

export function parseVector(text: string, opts: { dim?: number; where?: string } = {}): Float32Array {
  const where = opts.where ?? 'vector';
  const t = text.trim();
  let parts: unknown[];
  if (t.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(t);
      if (!Array.isArray(v)) throw new Error('not an array');
      parts = v;
    } catch (e) {
      throw new EmbedkitError('BAD_ARGUMENT', 'vector', { expected: 'a JSON array of numbers', received: e instanceof Error ? e.message : String(e), where });
    }
  } else {
    parts = t.length === 0 ? [] : t.split(/[\s,]+/).filter((s) => s.length > 0);
  }
  if (parts.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'vector', { expected: 'at least one number', received: 'nothing', where });
  const out = new Float32Array(parts.length);
  parts.forEach((p, i) => {
    const v = typeof p === 'number' ? p : typeof p === 'string' && p.trim() !== '' ? Number(p) : NaN;
    if (!Number.isFinite(v)) throw new EmbedkitError('BAD_ARGUMENT', 'vector entry', { expected: 'a finite number', received: JSON.stringify(p), where: `${where}[${i}]` });
    out[i] = v;
  });
  if (opts.dim !== undefined && out.length !== opts.dim) {
    throw new EmbedkitError('DIM_MISMATCH', 'vector', { expected: `${opts.dim} numbers`, received: `${out.length}`, where });
  }
  return out;
}
