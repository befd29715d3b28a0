#!/usr/bin/env node
/**
 * The `embedkit` command line. User errors print one line and exit 1; `--verbose` adds the stack trace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { isEmbedkitError } from '../errors.js';
import { fsFailure } from '../io/fs-failure.js';
import { packageRoot } from '../paths.js';
import { COMMANDS } from './commands/index.js';
import { handleInterrupts } from './interrupt.js';
import { finishOutput } from './context.js';
import { cliErrorMessage, useCommand } from './surface.js';

function version(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function buildProgram(): Command {
  const program = new Command('embedkit')
    .description('Text embeddings on your machine: word vectors, sentence embeddings, search, evaluation.')
    .version(version())
    .exitOverride()
    // options after a subcommand are the subcommand's (`concepts fit --concepts F`: both take --concepts)
    .enablePositionalOptions()
    .configureOutput({ writeErr: (s) => process.stderr.write(s.startsWith('error:') ? `embedkit: ${s.trimEnd()} (see --help)\n` : s) });
  for (const register of COMMANDS) register(program);
  // Core errors and warnings name options; they are rendered with the running command's flags.
  program.hook('preAction', (_program, actionCommand) => useCommand(actionCommand));
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes('--verbose');
  try {
    await buildProgram().parseAsync(argv);
    finishOutput();
    return 0;
  } catch (e) {
    finishOutput();
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1; // commander already printed its line
    // A system error (disk full, permission …) that no writer wrapped is still the environment, not a bug.
    const sys = e as { path?: unknown; syscall?: unknown };
    e = fsFailure(e, typeof sys.path === 'string' ? sys.path : `system call ${String(sys.syscall ?? '?')}`, 'system call failed');
    if (isEmbedkitError(e)) {
      process.stderr.write(`embedkit: error: ${cliErrorMessage(e)}\n`);
      if (verbose && e.stack !== undefined) process.stderr.write(`${e.stack}\n`);
      return 1;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    process.stderr.write(`embedkit: internal error: ${err.message}${verbose ? '' : ' (run with --verbose for details)'}\n`);
    if (verbose && err.stack !== undefined) process.stderr.write(`${err.stack}\n`);
    return 2;
  }
}

handleInterrupts();
// `embedkit … | head`: a reader that stops early is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
process.exitCode = await main(process.argv);
