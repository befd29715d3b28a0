/**
 * A whole JSON file, read with the two user errors every JSON input shares: FILE_NOT_FOUND naming `what`
 * and the path, and a FormatError "not valid JSON" saying what was `expected`.
 */
import { readFileSync } from 'node:fs';
import { EmbedkitError, FormatError } from '../errors.js';

export function readJsonFile(path: string, what: string, expected: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new EmbedkitError('FILE_NOT_FOUND', what, { where: path, received: e instanceof Error ? e.message : String(e) });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new FormatError(path, 'not valid JSON', { expected, received: e instanceof Error ? e.message : String(e) });
  }
}
