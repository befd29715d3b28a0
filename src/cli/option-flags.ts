/**
 * Commander options from option declarations (src/options): `maxLength` becomes `--max-length <n>`,
 * booleans become switches, aliases become hidden flags. Values are read back by declaration name and
 * validated by the shared validator, so the CLI, the library and the server accept the same values.
 */
import { Option, type Command } from 'commander';
import type { OptionSpec, OptionSpecs, OptionValues } from '../options/option-spec.js';
import { validateOptions } from '../options/validate.js';

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function placeholder(spec: OptionSpec): string {
  if (spec.valueName !== undefined) return spec.valueName;
  if (spec.type === 'choice') return spec.choices.join('|');
  return spec.type === 'int' || spec.type === 'number' ? 'n' : spec.type === 'list' ? 'a,b' : 'value';
}

export interface FlagOverrides {
  /** Short flags, e.g. `{ k: '-k' }`. */
  readonly short?: Readonly<Record<string, string>>;
  /** Commander defaults shown in help and applied when absent (by name). */
  readonly defaults?: Readonly<Record<string, string>>;
  /** Replaces a declaration's description (by name). */
  readonly descriptions?: Readonly<Record<string, string>>;
}

/** Adds one flag per declaration (and hidden flags for its aliases). */
export function addSpecOptions(cmd: Command, specs: OptionSpecs, overrides: FlagOverrides = {}): Command {
  for (const [name, spec] of Object.entries(specs)) {
    const short = overrides.short?.[name];
    const long = `--${kebab(name)}`;
    const flags = spec.type === 'boolean' ? `${short !== undefined ? `${short}, ` : ''}${long}` : `${short !== undefined ? `${short}, ` : ''}${long} <${placeholder(spec)}>`;
    // Option references in descriptions (`dims`) are spelled as flags here.
    const opt = new Option(flags, (overrides.descriptions?.[name] ?? spec.description).replace(/`([A-Za-z][A-Za-z0-9]*)`/g, (_, ref: string) => `--${kebab(ref)}`));
    const dflt = overrides.defaults?.[name];
    if (dflt !== undefined) opt.default(dflt);
    cmd.addOption(opt);
    for (const alias of spec.aliases ?? []) {
      if (cmd.options.some((o) => o.attributeName() === alias)) continue;
      cmd.addOption(new Option(spec.type === 'boolean' ? `--${kebab(alias)}` : `--${kebab(alias)} <${placeholder(spec)}>`, `same as ${long}`).hideHelp());
    }
  }
  return cmd;
}

/** The values of the declared options (and their aliases) that were given, unvalidated. */
export function givenSpecValues(specs: OptionSpecs, parsed: object): Record<string, unknown> {
  const opts = parsed as Readonly<Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    for (const key of [name, ...(spec.aliases ?? [])]) if (opts[key] !== undefined) out[key] = opts[key];
  }
  return out;
}

/** The declared options' values, validated. */
export function specValues<S extends OptionSpecs>(specs: S, opts: object): OptionValues<S> {
  return validateOptions(specs, givenSpecValues(specs, opts));
}
