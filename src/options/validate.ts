/**
 * The one option validator. Values may come typed (library, JSON bodies) or as strings (command lines,
 * query strings): numbers are parsed strictly (decimal only: `0x10`, `1e999`, `12abc` are errors), booleans
 * from `true`/`false`, lists from comma-separated text. Every failure is a BAD_OPTION naming the option.
 */
import { EmbedkitError } from '../errors.js';
import { describeSpec, type OptionSpec, type OptionSpecs, type OptionValues } from './option-spec.js';

const INT_TEXT = /^[+-]?\d+$/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function bad(name: string, spec: OptionSpec, raw: unknown): EmbedkitError {
  let received: string;
  try {
    received = JSON.stringify(raw) ?? String(raw);
  } catch {
    received = String(raw);
  }
  if (received.length > 80) received = `${received.slice(0, 77)}...`;
  return new EmbedkitError('BAD_OPTION', name, { expected: describeSpec(spec), received, where: name });
}

function toNumber(raw: unknown, pattern: RegExp): number | undefined {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string' && pattern.test(raw.trim())) return Number(raw.trim());
  return undefined;
}

/** Validates one value against its spec. */
export function validateOption(name: string, spec: OptionSpec, raw: unknown): unknown {
  switch (spec.type) {
    case 'int': {
      const n = toNumber(raw, INT_TEXT);
      if (n === undefined || !Number.isSafeInteger(n) || n < spec.min || n > spec.max) throw bad(name, spec, raw);
      return n;
    }
    case 'number': {
      const n = toNumber(raw, NUMBER_TEXT);
      if (n === undefined || !Number.isFinite(n) || n < spec.min || n > spec.max) throw bad(name, spec, raw);
      return n;
    }
    case 'string':
      if (typeof raw !== 'string' || raw.length === 0) throw bad(name, spec, raw);
      return raw;
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      throw bad(name, spec, raw);
    case 'choice':
      if (typeof raw !== 'string' || !spec.choices.includes(raw)) throw bad(name, spec, raw);
      return raw;
    case 'list': {
      const items = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw : undefined;
      if (items === undefined || !items.every((x): x is string => typeof x === 'string')) throw bad(name, spec, raw);
      const out = items.map((x) => x.trim()).filter((x) => x.length > 0);
      if (out.length === 0) throw bad(name, spec, raw);
      return out;
    }
  }
}

export interface ValidateOptions {
  /** Names not declared: an error (default) or ignored. */
  readonly unknown?: 'error' | 'ignore';
}

/**
 * Validates the given options (`undefined` values count as not given); aliases are folded into their
 * option's name (giving both is an error). Returns only the options that were given.
 */
export function validateOptions<S extends OptionSpecs>(specs: S, raw: Readonly<Record<string, unknown>>, opts: ValidateOptions = {}): OptionValues<S> {
  const out: Record<string, unknown> = {};
  const aliasOf = new Map<string, string>();
  for (const [name, spec] of Object.entries(specs)) for (const a of spec.aliases ?? []) aliasOf.set(a, name);
  const seenFrom = new Map<string, string>();
  for (const [given, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const name = specs[given] !== undefined ? given : aliasOf.get(given);
    if (name === undefined) {
      if (opts.unknown === 'ignore') continue;
      throw new EmbedkitError('BAD_OPTION', given, { expected: `one of ${Object.keys(specs).join(', ')}`, received: `unknown option ${JSON.stringify(given)}`, where: given });
    }
    const prev = seenFrom.get(name);
    if (prev !== undefined) throw new EmbedkitError('BAD_OPTION', name, { expected: `one of \`${prev}\` and \`${given}\` (they are the same option)`, received: 'both', where: given });
    seenFrom.set(name, given);
    out[name] = validateOption(given, specs[name]!, value);
  }
  return out as OptionValues<S>;
}

/** Values with each spec's default filled in where the option was not given. */
export function withDefaults<S extends OptionSpecs>(specs: S, values: OptionValues<S>): OptionValues<S> {
  const out: Record<string, unknown> = { ...values };
  for (const [name, spec] of Object.entries(specs)) if (out[name] === undefined && spec.default !== undefined) out[name] = spec.default;
  return out as OptionValues<S>;
}

/** An option that only applies together with another choice: a BAD_OPTION when it was given anyway. */
export function onlyWith(option: string, given: unknown, needed: string): void {
  if (given !== undefined) throw new EmbedkitError('BAD_OPTION', option, { expected: `only with ${needed}`, received: JSON.stringify(given) ?? String(given), where: option });
}
