import { Option, type Command } from 'commander';
import { DEFAULT_SENTENCE_MODEL, DEFAULT_WORD_MODEL } from '../embedders/named-models.js';

/**
 * Which default `--model` a command has: `word` (glove-100d: neighbours, analogies, word tasks), `sentence`
 * (minilm-l6: embedding texts, similarity, collections), `auto` (the command picks, e.g. by task), or none.
 */
export type ModelDefault = 'word' | 'sentence' | 'auto' | false;

/** Adds the options every command takes: --model, --json, --verbose. */
export function withCommonOptions(cmd: Command, opts: { model?: ModelDefault } = {}): Command {
  const kind = opts.model ?? 'word';
  if (kind !== false) {
    const opt = new Option('-m, --model <name|path>', 'registry name, vectors file, model folder or openai:MODEL');
    if (kind === 'word') opt.default(DEFAULT_WORD_MODEL);
    else if (kind === 'sentence') opt.default(DEFAULT_SENTENCE_MODEL);
    else opt.description += ` (default: ${DEFAULT_WORD_MODEL} for word tasks, ${DEFAULT_SENTENCE_MODEL} otherwise)`;
    cmd.addOption(opt);
  }
  return cmd.option('--json', 'machine-readable JSON on stdout').option('--verbose', 'show stack traces and details on errors');
}

/** Appends an "Examples:" block to a command's --help. */
export function withExamples(cmd: Command, examples: readonly string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
}
