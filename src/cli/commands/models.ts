import type { Command } from 'commander';
import { namedModels } from '../../embedders/named-models.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';

export function register(program: Command): void {
  const cmd = program.command('models').description('list the models embedkit knows by name (built from npm packages, no download)');
  withExamples(withCommonOptions(cmd, { model: false }), ['embedkit models', 'embedkit models --json']);
  cmd.action((opts: CommonOptions) => {
    const ctx = new CommandContext(opts);
    const models = namedModels();
    ctx.out({ models }, () =>
      models
        .map(
          (m) =>
            `${m.name.padEnd(12)} ${m.kind.padEnd(7)} ${String(m.dim).padStart(4)}d ${m.size.toLocaleString('en-US').padStart(9)} ${m.kind === 'static' ? 'words ' : 'tokens'}  ${m.cached ? 'cached' : 'not yet converted'}  (default for ${m.level}-level work)` +
            `${m.aliases.length > 0 ? `\n  aliases: ${m.aliases.join(', ')}` : ''}\n  ${m.description}\n  source: ${m.source}; license: ${m.license}`,
        )
        .join('\n') + '\n\nAlso: any word2vec/GloVe/fastText vector file (.gz ok), a Hugging Face–style ONNX folder, a model2vec folder, or openai:MODEL.',
    );
  });
}
