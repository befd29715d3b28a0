import { Option, type Command } from 'commander';
import { DEFAULT_MODEL } from '../vectors/load.js';

/** Adds the options every command takes: --model, --json, --verbose. */
export function withCommonOptions(cmd: Command, opts: { model?: boolean } = {}): Command {
  if (opts.model !== false) cmd.addOption(new Option('-m, --model <name|path>', 'registry name or path to a model').default(DEFAULT_MODEL));
  return cmd.option('--json', 'machine-readable JSON on stdout').option('--verbose', 'show stack traces and details on errors');
}

/** Appends an "Examples:" block to a command's --help. */
export function withExamples(cmd: Command, examples: readonly string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
}
