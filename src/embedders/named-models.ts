/**
 * Models embedkit knows by name, built from npm packages without any download: word vectors
 * (`glove-100d`, converted into the cache on first use) and the sentence encoder `minilm-l6`
 * (all-MiniLM-L6-v2 from safetensors, converted to ONNX on first use). Word-level commands default to
 * the first, sentence-level work to the second.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../config.js';
import { listModels, type ModelInfo } from '../vectors/registry.js';
import type { EmbedderKind } from './embedder.js';
import { MINILM_INFO, minilmFolderName } from './onnx/builtin-minilm.js';

/** Default model for word-level work (neighbours, analogies, word tasks, conversion). */
export const DEFAULT_WORD_MODEL = 'glove-100d';
/** Default model for sentence-level work (embedding texts, similarity, collections, sentence tasks). */
export const DEFAULT_SENTENCE_MODEL = 'minilm-l6';

/** A registry entry (`size`: words or tokens; `cachePath`: where the converted model lives once used). */
export interface NamedModel extends ModelInfo {
  readonly aliases: readonly string[];
  readonly kind: EmbedderKind;
  readonly level: 'word' | 'sentence';
  readonly cached: boolean;
}

/** The name `ref` stands for when it names the built-in sentence encoder (a name or an alias). */
export function minilmName(ref: string): string | undefined {
  return ref === MINILM_INFO.name || (MINILM_INFO.aliases as readonly string[]).includes(ref) ? MINILM_INFO.name : undefined;
}

export function namedModels(): NamedModel[] {
  const words: NamedModel[] = listModels().map((m) => ({ ...m, aliases: [], kind: 'static', level: 'word', cached: existsSync(m.cachePath) }));
  const minilm = join(cacheDir(), minilmFolderName());
  return [
    ...words,
    { ...MINILM_INFO, kind: 'onnx', level: 'sentence', size: 30_522, cachePath: minilm, cached: existsSync(join(minilm, 'onnx', 'model.onnx')) },
  ];
}

/** Every name and alias (for messages). */
export function namedModelNames(): string[] {
  return namedModels().flatMap((m) => [m.name, ...m.aliases]);
}
