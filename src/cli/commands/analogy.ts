import type { Command } from 'commander';
import type { AnalogyMethod } from '../../vectors/keyed-vectors.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { choiceOption, CommandContext, intOption, type CommonOptions } from '../context.js';
import { loadModelVectors } from '../load-model.js';
import { formatNeighbors, neighborsJson } from '../format-neighbors.js';

interface Opts extends CommonOptions {
  readonly method?: string;
  readonly topK?: string;
  readonly restrictVocab?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('analogy')
    .description('A is to B as C is to ? (3CosAdd or 3CosMul; A, B, C are excluded from answers)')
    .argument('<a>')
    .argument('<b>')
    .argument('<c>')
    .option('--method <add|mul>', '3CosAdd (add) or 3CosMul (mul)', 'add')
    .option('-k, --top-k <n>', 'how many answers', '5')
    .option('--restrict-vocab <n>', 'answer only from the N most frequent words');
  withExamples(withCommonOptions(cmd), ['embedkit analogy man king woman', 'embedkit analogy paris france tokyo --method mul --json']);
  cmd.action(async (a: string, b: string, c: string, opts: Opts) => {
    const ctx = new CommandContext(opts);
    const method = choiceOption<AnalogyMethod>('--method', opts.method, ['add', 'mul'], 'add');
    const topK = intOption('topK', opts.topK, 5, 1, 100_000);
    const restrict = opts.restrictVocab === undefined ? undefined : intOption('restrictVocab', opts.restrictVocab, 1);
    const kv = await loadModelVectors(ctx, opts.model);
    const res = kv.analogy(a, b, c, { method, topK, ...(restrict !== undefined ? { restrictVocab: restrict } : {}) });
    ctx.out({ ...neighborsJson({ a, b, c, method }, res) }, () => formatNeighbors(`${a} : ${b} :: ${c} : ?   (3Cos${method === 'add' ? 'Add' : 'Mul'})`, res));
  });
}
