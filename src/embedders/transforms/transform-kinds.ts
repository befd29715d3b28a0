/**
 * Every transform kind that can be loaded from a spec. Adding a kind = one line here (its factory
 * validates the spec and re-creates the transform).
 */
import { EmbedkitError } from '../../errors.js';
import { linearMapFromSpec } from '../../analysis/alignment/linear-map.js';
import { abttFromSpec } from '../../analysis/isotropy/abtt-transform.js';
import { centerFromSpec } from '../../analysis/isotropy/center-transform.js';
import { whitenFromSpec } from '../../analysis/isotropy/whiten-transform.js';
import type { TransformFactory, TransformSpec, VectorTransform } from './vector-transform.js';

const KINDS: Record<string, TransformFactory> = {
  // kind: factory — one line per kind, e.g.  center: centerFromSpec,
  center: centerFromSpec,
  abtt: abttFromSpec,
  whiten: whitenFromSpec,
  'linear-map': linearMapFromSpec,
};

export function transformKinds(): string[] {
  return Object.keys(KINDS).sort();
}

export function transformFromSpec(spec: TransformSpec, where: string): VectorTransform {
  const make = KINDS[spec.kind];
  if (make === undefined) {
    throw new EmbedkitError('UNSUPPORTED', `transform kind ${JSON.stringify(spec.kind)}`, { expected: transformKinds().join(', ') || 'a known kind', received: spec.kind, where });
  }
  return make(spec, where);
}
