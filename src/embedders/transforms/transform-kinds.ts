/**
 * Every transform kind that can be loaded from a spec. Adding a kind = one line here (its factory
 * validates the spec and re-creates the transform).
 */
import { EmbedkitError } from '../../errors.js';
import type { TransformFactory, TransformSpec, VectorTransform } from './vector-transform.js';
import { projectOutFromSpec } from './project-out.js';

const KINDS: Record<string, TransformFactory> = {
  'project-out': projectOutFromSpec,
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
