/**
 * SESA concept weights as a file: `{"names": [...], "weights": [...], "bias": b}` (one weight per concept,
 * on the raw products p̂ₐ[c]·p̂_b[c]; sesa.ts). Written atomically; validated on read, and against the
 * concept space it is used with (same concepts, same order).
 */
import { EmbedkitError, FormatError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { readJsonFile } from '../../io/json-file.js';
import type { ConceptWeights } from './sesa.js';

export async function saveConceptWeights(path: string, w: ConceptWeights): Promise<void> {
  await writeFileAtomic(path, JSON.stringify({ names: w.names, weights: Array.from(w.weights), bias: w.bias }, null, 1) + '\n');
}

/** Reads a weights file; with `names` (the space's concepts), they must be the file's, in order. */
export function readConceptWeights(path: string, names?: readonly string[]): ConceptWeights {
  const doc = readJsonFile(path, 'concept weights file', '{"names": [...], "weights": [...], "bias": number}');
  const d = doc as Record<string, unknown> | null;
  if (typeof d !== 'object' || d === null || Array.isArray(d)) throw new FormatError(path, 'concept weights', { expected: 'a JSON object', received: Array.isArray(d) ? 'an array' : String(d) });
  const fileNames = d['names'];
  const weights = d['weights'];
  const bias = d['bias'];
  if (!Array.isArray(fileNames) || !fileNames.every((n): n is string => typeof n === 'string')) throw new FormatError(path, 'field names', { expected: 'a list of concept names', received: JSON.stringify(fileNames)?.slice(0, 60) ?? 'nothing' });
  if (!Array.isArray(weights) || weights.length !== fileNames.length || !weights.every((w): w is number => typeof w === 'number' && Number.isFinite(w))) {
    throw new FormatError(path, 'field weights', { expected: `${fileNames.length} finite numbers (one per concept)`, received: JSON.stringify(weights)?.slice(0, 60) ?? 'nothing' });
  }
  if (typeof bias !== 'number' || !Number.isFinite(bias)) throw new FormatError(path, 'field bias', { expected: 'a finite number', received: JSON.stringify(bias) ?? 'nothing' });
  if (names !== undefined && (names.length !== fileNames.length || names.some((n, i) => n !== fileNames[i]))) {
    throw new EmbedkitError('BAD_ARGUMENT', 'concept weights', { expected: `weights for the concepts ${names.join(', ')}`, received: `weights for ${fileNames.join(', ')}`, where: path, hint: 'fit the weights with the same concepts file' });
  }
  return { names: fileNames, weights: Float64Array.from(weights), bias };
}
