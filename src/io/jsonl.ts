import { FormatError } from '../errors.js';

/** Parses one JSONL line that must hold a JSON object; errors name the file and line. */
export function parseJsonObjectLine(text: string, path: string, line: number): Record<string, unknown> {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    throw new FormatError(path, 'invalid JSON', { line, expected: 'one JSON object per line', received: e instanceof Error ? e.message : String(e) });
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    throw new FormatError(path, 'not an object', { line, expected: 'a JSON object', received: Array.isArray(obj) ? 'an array' : typeof obj });
  }
  return obj as Record<string, unknown>;
}
