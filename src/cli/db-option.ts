/**
 * `--db PATH|postgres://…` for every collection command: the flag, and running a command with the store
 * it names (closed afterwards).
 */
import { Option, type Command } from 'commander';
import { openStore } from '../collections/open-store.js';
import type { VectorStore } from '../collections/types.js';
import type { CommandContext, CommonOptions } from './context.js';

export interface DbOptions extends CommonOptions {
  readonly db?: string;
}

export function withDbOption(cmd: Command): Command {
  return cmd.addOption(new Option('--db <path|url>', 'collections folder or postgres:// URL (default: $EMBEDKIT_DB or ~/.local/share/embedkit)'));
}

export async function withStore<T>(ctx: CommandContext, opts: DbOptions, fn: (store: VectorStore) => Promise<T>): Promise<T> {
  const store = await openStore(opts.db, { onWarning: ctx.warn, onStatus: ctx.status });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
