/**
 * JSON schemas from option declarations: an HTTP route validates the same options the library and the CLI
 * do, and a new declaration reaches the server with no change here. Options marked `local` (files, network
 * addresses, credentials) are left out: a request from the network cannot name them.
 */
import type { OptionSpec, OptionSpecs } from '../options/option-spec.js';

export type JsonSchema = Readonly<Record<string, unknown>>;

/** The schema of one declaration's value in a JSON body. */
export function schemaOf(spec: OptionSpec): JsonSchema {
  const description = spec.description;
  switch (spec.type) {
    case 'int':
      return { type: 'integer', minimum: spec.min, ...(Number.isFinite(spec.max) ? { maximum: spec.max } : {}), description };
    case 'number':
      return { type: 'number', ...(Number.isFinite(spec.min) ? { minimum: spec.min } : {}), ...(Number.isFinite(spec.max) ? { maximum: spec.max } : {}), description };
    case 'string':
      return { type: 'string', minLength: 1, maxLength: 4096, description };
    case 'boolean':
      return { type: 'boolean', description };
    case 'choice':
      return { type: 'string', enum: [...spec.choices], description };
    case 'list':
      return { anyOf: [{ type: 'string', maxLength: 4096 }, { type: 'array', maxItems: 256, items: { type: 'string', maxLength: 4096 } }], description };
  }
}

export interface PropertiesOptions {
  /** Declarations to leave out (handled by the route itself). */
  readonly omit?: readonly string[];
  /** Replaces a declaration's schema (e.g. a tighter maximum from a server limit). */
  readonly override?: Readonly<Record<string, JsonSchema>>;
}

/** `properties` for a body schema: one per declaration and one per alias. */
export function propertiesFromOptions(specs: OptionSpecs, opts: PropertiesOptions = {}): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.local === true || opts.omit?.includes(name)) continue;
    const schema = opts.override?.[name] ?? schemaOf(spec);
    out[name] = schema;
    for (const alias of spec.aliases ?? []) out[alias] = schema;
  }
  return out;
}

/** The declared names a body may carry (aliases included), local ones left out. */
export function acceptedNames(specs: OptionSpecs): string[] {
  return Object.entries(specs).flatMap(([name, spec]) => (spec.local === true ? [] : [name, ...(spec.aliases ?? [])]));
}
