/**
 * `--output FILE [--to FORMAT]` for commands that write a new word-vector space (debias, retrofit,
 * project-out): the flags, the format checked before any work, and the atomic write.
 */
import type { Command } from 'commander';
import { formatFromPath, parseFormat, VECTOR_FORMATS, writeVectors, type VectorFormat } from '../vectors/formats/index.js';
import type { KeyedVectors } from '../vectors/keyed-vectors.js';

export interface VectorsOutputOptions {
  readonly output?: string;
  readonly to?: string;
}

export function withVectorsOutput(cmd: Command, required = true): Command {
  const desc = 'the new vectors file, usable as --model (.bin word2vec binary, .vec, .ekv, .txt word2vec text; .gz compresses)';
  (required ? cmd.requiredOption('-o, --output <file>', desc) : cmd.option('-o, --output <file>', desc));
  return cmd.option('--to <format>', `${VECTOR_FORMATS.join(' | ')} (default: from the file name)`);
}

/** The output format (validated now, so a bad name fails before the work). */
export function vectorsOutputFormat(opts: VectorsOutputOptions): VectorFormat | undefined {
  if (opts.output === undefined) return undefined;
  return opts.to === undefined ? formatFromPath(opts.output) : parseFormat(opts.to, 'to');
}

export async function writeVectorsOutput(kv: KeyedVectors, path: string, format: VectorFormat): Promise<{ output: string; format: VectorFormat; rows: number; dim: number }> {
  await writeVectors(kv, path, format);
  return { output: path, format, rows: kv.size, dim: kv.dim };
}
