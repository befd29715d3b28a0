/**
 * How the CLI spells what the core names: an option `maxLength` is `--max-length` here, an argument `name`
 * is `<name>`. Errors and warnings from the core name options; the CLI renders them for the command that
 * is running (set by main.ts before each action).
 */
import type { Command } from 'commander';
import { renameRefs, type EmbedkitError, type OptionRenamer } from '../errors.js';

let renamer: OptionRenamer = () => undefined;

/** The option → flag map of `cmd` (and its arguments as `<name>`). */
function commandRenamer(cmd: Command): OptionRenamer {
  const flags = new Map<string, string>();
  for (const o of cmd.options) if (o.long !== undefined) flags.set(o.attributeName(), o.long);
  for (const a of cmd.registeredArguments) flags.set(a.name(), `<${a.name()}>`);
  return (name) => flags.get(name);
}

/** Called before a command's action runs. */
export function useCommand(cmd: Command): void {
  renamer = commandRenamer(cmd);
}

/** A core message (warning, hint) with `option` references spelled as this command's flags. */
export function cliText(text: string): string {
  return renameRefs(text, renamer);
}

/** A core error as one CLI line (without the `embedkit: error:` prefix). */
export function cliErrorMessage(e: EmbedkitError): string {
  return e.format(renamer);
}
