/**
 * `embedkit serve`: the HTTP server (OpenAI-compatible embeddings, collections, word tools, metrics, the web
 * explorer) on the same core as the other commands. All logic lives in src/server/; this file parses
 * flags, starts it, and stops it gracefully on SIGTERM / SIGINT.
 */
import { releaseInterrupts } from '../interrupt.js';
import type { Command } from 'commander';
import { createServer } from '../../server/app.js';
import { SERVER_OPTIONS } from '../../server/server-options.js';
import { withExamples } from '../common-options.js';
import { CommandContext } from '../context.js';
import { withDbOption, type DbOptions } from '../db-option.js';
import { addSpecOptions, givenSpecValues } from '../option-flags.js';

type Opts = Omit<DbOptions, 'model'> & { readonly model?: string[] };

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function register(program: Command): void {
  const cmd = program
    .command('serve')
    .description('HTTP server: OpenAI-compatible /v1/embeddings, collections, word tools, /metrics and the web explorer at /')
    .option('-m, --model <[name=]ref>', 'a model to serve, repeatable: registry name, path (named by its folder), openai:MODEL, or name=ref (default glove-100d)', collect);
  addSpecOptions(cmd, SERVER_OPTIONS, { defaults: { host: '127.0.0.1', port: '8080' } });
  withExamples(withDbOption(cmd).option('--json', 'print the address as JSON when listening').option('--verbose', 'show stack traces and details on errors'), [
    'embedkit serve',
    'embedkit serve --model glove-100d --model minilm=./all-MiniLM-L6-v2 --port 8080',
    'EMBEDKIT_API_KEY=secret embedkit serve --host 0.0.0.0 --cors https://example.org',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext({ ...(opts.json !== undefined ? { json: opts.json } : {}), ...(opts.verbose !== undefined ? { verbose: opts.verbose } : {}) });
    const server = await createServer({
      models: opts.model ?? [],
      ...(opts.db !== undefined ? { db: opts.db } : {}),
      settings: givenSpecValues(SERVER_OPTIONS, opts),
      onWarning: ctx.warn,
    });
    const { url, host, port } = await server.listen();
    const models = (opts.model ?? ['glove-100d']).join(', ');
    ctx.out({ url, host, port, models: opts.model ?? ['glove-100d'] }, `embedkit serving ${models} at ${url} (explorer: ${url}/, API: ${url}/v1/embeddings; Ctrl-C stops)`);
    await new Promise<void>((resolve) => {
      const stop = (signal: string): void => {
        process.stderr.write(`embedkit: ${signal}: finishing in-flight requests…\n`);
        server.close().then(resolve, (e: unknown) => {
          process.stderr.write(`embedkit: error while stopping: ${e instanceof Error ? e.message : String(e)}\n`);
          resolve();
        });
      };
      releaseInterrupts(); // the server stops gracefully instead of exiting at once
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
  });
}
