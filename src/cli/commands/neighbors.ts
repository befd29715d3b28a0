import type { Command } from 'commander';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, intOption, type CommonOptions } from '../context.js';
import { loadModelVectors } from '../load-model.js';
import { formatNeighbors, neighborsJson } from '../format-neighbors.js';

interface Opts extends CommonOptions {
  readonly k?: string;
  readonly restrictVocab?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('neighbors')
    .alias('neighbours')
    .description('nearest words by cosine similarity')
    .argument('<word>', 'query word (case falls back to lower case)')
    .option('-k, --top-k <n>', 'how many neighbours', '10')
    .option('--restrict-vocab <n>', 'search only the N most frequent words');
  withExamples(withCommonOptions(cmd), ['embedkit neighbors king', 'embedkit neighbors paris -k 5 --json']);
  cmd.action(async (word: string, opts: Opts & { topK?: string }) => {
    const ctx = new CommandContext(opts);
    const topK = intOption('topK', opts.topK, 10, 1, 100_000);
    const restrict = opts.restrictVocab === undefined ? undefined : intOption('restrictVocab', opts.restrictVocab, 0);
    const kv = await loadModelVectors(ctx, opts.model);
    const res = kv.mostSimilar({ positive: [word], topK, ...(restrict !== undefined ? { restrictVocab: restrict } : {}) });
    ctx.out(neighborsJson(word, res), () => formatNeighbors(`Nearest to "${word}":`, res));
  });
}
