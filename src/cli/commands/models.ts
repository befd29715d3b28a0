import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { listModels } from '../../vectors/registry.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';

export function register(program: Command): void {
  const cmd = program.command('models').description('list the models embedkit knows by name');
  withExamples(withCommonOptions(cmd, { model: false }), ['embedkit models', 'embedkit models --json']);
  cmd.action((opts: CommonOptions) => {
    const ctx = new CommandContext(opts);
    const models = listModels().map((m) => ({ ...m, cached: existsSync(m.cachePath), cacheBytes: existsSync(m.cachePath) ? statSync(m.cachePath).size : 0 }));
    ctx.out({ models }, () =>
      models
        .map((m) => `${m.name.padEnd(12)} ${String(m.dim).padStart(4)}d ${m.size.toLocaleString('en-US').padStart(9)} words  ${m.cached ? 'cached' : 'not yet converted'}\n  ${m.description}\n  source: ${m.source}; license: ${m.license}`)
        .join('\n') + '\n\nAny word2vec/GloVe/fastText vector file (optionally .gz) also works: --model ./vectors.txt',
    );
  });
}
