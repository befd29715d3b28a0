/**
 * Declarative options: every option a library call, a CLI command or an HTTP route accepts is declared once
 * (name, type, range, description) and validated by one function, `validateOptions`. Surfaces derive their
 * spellings from the declarations (the CLI: `--max-length <n>`; the server: JSON schema properties), and
 * errors name the option (`where: 'maxLength'`), never a surface's spelling.
 */

interface BaseSpec<T> {
  readonly description: string;
  /** The value used when the option is not given (shown in help; applied by `withDefaults`). */
  readonly default?: T;
  /** Older names still accepted (e.g. `field` for `textField`). */
  readonly aliases?: readonly string[];
  /** Placeholder in help texts, e.g. `n`, `file`. */
  readonly valueName?: string;
  /** Names a local file, a network address or a credential: surfaces reachable over a network (the HTTP server) do not take it. */
  readonly local?: boolean;
}

export interface IntSpec extends BaseSpec<number> {
  readonly type: 'int';
  readonly min: number;
  readonly max: number;
}

export interface NumberSpec extends BaseSpec<number> {
  readonly type: 'number';
  readonly min: number;
  readonly max: number;
}

export interface StringSpec extends BaseSpec<string> {
  readonly type: 'string';
}

export interface BooleanSpec extends BaseSpec<boolean> {
  readonly type: 'boolean';
}

export interface ChoiceSpec<T extends string = string> extends BaseSpec<T> {
  readonly type: 'choice';
  readonly choices: readonly T[];
}

/** Several values: an array, or one string of comma-separated values. */
export interface ListSpec extends BaseSpec<readonly string[]> {
  readonly type: 'list';
}

export type OptionSpec = IntSpec | NumberSpec | StringSpec | BooleanSpec | ChoiceSpec | ListSpec;
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** The value type a spec validates to. */
export type ValueOf<S> = S extends ChoiceSpec<infer T> ? T : S extends IntSpec | NumberSpec ? number : S extends StringSpec ? string : S extends BooleanSpec ? boolean : S extends ListSpec ? readonly string[] : never;

/** Validated values: only the options that were given. */
export type OptionValues<S extends OptionSpecs> = { -readonly [K in keyof S]?: ValueOf<S[K]> };

type Extra<T> = Omit<BaseSpec<T>, 'description'>;

export function intOption(min: number, max: number, description: string, extra: Extra<number> = {}): IntSpec {
  return { type: 'int', min, max, description, ...extra };
}

export function numberOption(min: number, max: number, description: string, extra: Extra<number> = {}): NumberSpec {
  return { type: 'number', min, max, description, ...extra };
}

export function stringOption(description: string, extra: Extra<string> = {}): StringSpec {
  return { type: 'string', description, ...extra };
}

export function booleanOption(description: string, extra: Extra<boolean> = {}): BooleanSpec {
  return { type: 'boolean', description, ...extra };
}

export function choiceOption<const T extends string>(choices: readonly T[], description: string, extra: Extra<T> = {}): ChoiceSpec<T> {
  return { type: 'choice', choices, description, ...extra };
}

export function listOption(description: string, extra: Extra<readonly string[]> = {}): ListSpec {
  return { type: 'list', description, ...extra };
}

/** What a spec accepts, in words (for errors and help). */
export function describeSpec(spec: OptionSpec): string {
  const range = (min: number, max: number, what: string): string =>
    max === Number.POSITIVE_INFINITY ? `${what} ≥ ${min}` : min === Number.NEGATIVE_INFINITY ? `${what} ≤ ${max}` : `${what} in ${min}–${max}`;
  switch (spec.type) {
    case 'int':
      return range(spec.min, spec.max, 'an integer');
    case 'number':
      return range(spec.min, spec.max, 'a number');
    case 'string':
      return 'a non-empty string';
    case 'boolean':
      return 'true or false';
    case 'choice':
      return spec.choices.join('|');
    case 'list':
      return 'a comma-separated list';
  }
}
