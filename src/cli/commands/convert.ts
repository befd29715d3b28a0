import type { Command } from 'commander';
import { formatFromPath, parseFormat, writeVectors } from '../../vectors/formats/index.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, intOption, type CommonOptions } from '../context.js';
import { loadModelVectors } from '../load-model.js';
import { loadVectors } from '../../vectors/load.js';
import { checkOutputPath } from '../../io/output-path.js';

interface Opts extends CommonOptions {
  readonly to?: string;
  readonly limit?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('convert')
    .description('convert word vectors between formats (IN may be a registry name such as glove-100d)')
    .argument('<in>', 'registry name or vectors file (word2vec text/binary, GloVe, fastText .vec, ekv; .gz ok)')
    .argument('<out>', 'output file (.gz compresses text formats)')
    .option('--to <format>', 'word2vec | word2vec-bin | glove | vec | ekv (default: from OUT extension)')
    .option('--limit <n>', 'keep only the first N rows');
  withExamples(withCommonOptions(cmd, { model: false }), [
    'embedkit convert glove-100d glove.100d.w2v.txt --to word2vec',
    'embedkit convert vectors.txt vectors.bin --to word2vec-bin --limit 50000',
  ]);
  cmd.action(async (input: string, output: string, opts: Opts) => {
    const ctx = new CommandContext(opts);
    const to = opts.to === undefined ? formatFromPath(output) : parseFormat(opts.to, 'to');
    const limit = opts.limit === undefined ? undefined : intOption('limit', opts.limit, 0);
    checkOutputPath(output, 'out');
    const kv = limit === undefined ? await loadModelVectors(ctx, input) : await loadVectors(input, { limit, onWarning: ctx.warn });
    await writeVectors(kv, output, to);
    ctx.out({ input, output, format: to, rows: kv.size, dim: kv.dim }, `Wrote ${kv.size.toLocaleString('en-US')} × ${kv.dim} vectors as ${to} → ${output}`);
  });
}
