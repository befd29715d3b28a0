/**
 * An embedder followed by a chain of vector transforms. Everything else (tokens, prompts, disposal) is the
 * base embedder's; `info` records the transforms by kind and content hash, so a collection built with a
 * transformed embedder is never queried with the plain one.
 */
import { createHash } from 'node:crypto';
import { EmbedkitError } from '../../errors.js';
import type { Matrix } from '../../math/matrix.js';
import type { EmbedOptions, Embedder, EmbedderInfo } from '../embedder.js';
import type { TransformSpec, VectorTransform } from './vector-transform.js';

/** `kind@hash8`: the hash covers the whole spec (parameters and arrays). */
export function describeTransform(spec: TransformSpec): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ kind: spec.kind, version: spec.version, inputDim: spec.inputDim, outputDim: spec.outputDim, params: spec.params }));
  for (const name of Object.keys(spec.arrays).sort()) {
    const a = spec.arrays[name]!;
    h.update(name);
    h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  return `${spec.kind}@${h.digest('hex').slice(0, 8)}`;
}

export class TransformedEmbedder implements Embedder {
  readonly id: string;
  readonly dim: number;
  readonly info: EmbedderInfo;
  /** The base embedder's token counter, when it has one. */
  readonly countTokens?: (text: string) => number;

  constructor(
    readonly base: Embedder,
    readonly transforms: readonly VectorTransform[],
  ) {
    let dim = base.dim;
    for (const [i, t] of transforms.entries()) {
      if (t.inputDim !== dim) {
        throw new EmbedkitError('DIM_MISMATCH', `transform ${i} (${t.kind})`, { expected: `input of ${dim} dims`, received: `${t.inputDim} dims`, where: 'transforms' });
      }
      dim = t.outputDim;
    }
    const names = transforms.map((t) => describeTransform(t.toSpec()));
    this.dim = dim;
    this.id = names.length === 0 ? base.id : `${base.id}+${names.join('+')}`;
    this.info = { ...base.info, id: this.id, dim, transforms: [...(base.info.transforms ?? []), ...names] } as EmbedderInfo;
    const count = base.countTokens;
    if (count !== undefined) this.countTokens = (text) => count.call(base, text);
  }

  async embed(texts: readonly string[], opts?: EmbedOptions): Promise<Matrix> {
    let m = await this.base.embed(texts, opts);
    for (const t of this.transforms) m = t.apply(m);
    return m;
  }

  dispose(): Promise<void> {
    return this.base.dispose();
  }
}
