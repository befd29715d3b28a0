/**
 * Every transform kind that can be loaded from a spec. Adding a kind = one line here (its factory
 * validates the spec and re-creates the transform). The ops live beside this file; fitting them (which
 * directions, which mean, which map) lives on the analysis floor.
 */
import { EmbedkitError } from '../../errors.js';
import { abttFromSpec } from './abtt.js';
import { centerFromSpec } from './center.js';
import { linearMapFromSpec } from './linear-map.js';
import { projectOutFromSpec } from './project-out.js';
import type { TransformFactory, TransformSpec, VectorTransform } from './vector-transform.js';
import { whitenFromSpec } from './whiten.js';

const KINDS: Record<string, TransformFactory> = {
  'project-out': projectOutFromSpec,
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
