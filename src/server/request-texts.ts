/**
 * Texts from request bodies, checked against the server's limits: a string or an array of strings, at most
 * `maxInputs` of them and `maxChars` characters each. Token arrays (OpenAI accepts pre-tokenized input)
 * are refused with a message that says so.
 */
import type { Embedder } from '../embedders/embedder.js';
import { HttpError } from './http-errors.js';
import type { ServerSettings } from './server-options.js';

export function requestTexts(input: unknown, field: string, settings: ServerSettings): string[] {
  const list = typeof input === 'string' ? [input] : Array.isArray(input) ? input : undefined;
  if (list === undefined) throw new HttpError(400, `${field} must be a string or an array of strings`, 'invalid_type', field);
  if (list.length === 0) throw new HttpError(400, `${field} must not be empty`, 'empty_input', field);
  if (list.length > settings.maxInputs) throw new HttpError(400, `${field} has ${list.length} items; at most ${settings.maxInputs} per request`, 'too_many_inputs', field);
  list.forEach((t: unknown, i) => {
    if (typeof t === 'number' || Array.isArray(t)) {
      throw new HttpError(400, `${field}[${i}] is a token ${Array.isArray(t) ? 'array' : 'id'}: token input is not supported, send text (strings)`, 'token_input_unsupported', field);
    }
    if (typeof t !== 'string') throw new HttpError(400, `${field}[${i}] must be a string`, 'invalid_type', field);
    if (t.length > settings.maxChars) throw new HttpError(400, `${field}[${i}] has ${t.length} characters; at most ${settings.maxChars}`, 'input_too_long', field);
  });
  return list as string[];
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Model tokens in `texts` (0 when the embedder cannot count), counted in slices that yield to the event loop. */
export async function countTokens(embedder: Embedder, texts: readonly string[]): Promise<number> {
  if (embedder.countTokens === undefined) return 0;
  let n = 0;
  for (let i = 0; i < texts.length; i++) {
    n += embedder.countTokens(texts[i]!);
    if ((i & 63) === 63) await turn();
  }
  return n;
}
