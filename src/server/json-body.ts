/**
 * The JSON body parser: the bytes must be valid UTF-8 (no silent replacement characters), the JSON well
 * formed, free of prototype-poisoning keys (`__proto__`, `constructor.prototype`), and nested at most
 * `MAX_DEPTH` levels deep. Every failure is a 400 naming what was wrong.
 */
import sjson from 'secure-json-parse';
import { HttpError } from './http-errors.js';

export const MAX_DEPTH = 32;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Nesting depth of a parsed JSON value, counted without recursion; stops once past `limit`. */
function tooDeep(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
  }
  return false;
}

export function parseJsonBody(body: Buffer): unknown {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new HttpError(400, 'request body is not valid UTF-8', 'invalid_utf8');
  }
  if (text.trim().length === 0) throw new HttpError(400, 'empty request body: send a JSON object', 'invalid_json');
  let value: unknown;
  try {
    value = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (e) {
    const msg = e instanceof RangeError ? 'nested too deeply' : e instanceof Error ? e.message : String(e);
    throw new HttpError(400, `malformed JSON: ${msg}`, 'invalid_json');
  }
  if (tooDeep(value, MAX_DEPTH)) throw new HttpError(400, `JSON nested more than ${MAX_DEPTH} levels deep`, 'invalid_json');
  return value;
}
