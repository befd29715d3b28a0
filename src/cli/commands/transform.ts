/**
 * `embedkit transform fit|apply|info`: post-processing transforms (src/analysis/isotropy, applied by
 * src/embedders/transforms). `fit` fits centring, all-but-the-top or whitening on a vocabulary, embedded
 * texts or a `.npy` matrix and saves a transform file, which every embedding command takes as
 * `--transforms FILE` (and collections store); `apply` writes transformed word vectors or a transformed
 * `.npy`; `info` lists a file's chain.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { TRANSFORM_FIT_OPTIONS, fitTransform, transformFitRun } from '../../analysis/isotropy/transform-fit-options.js';
import { loadTransforms, saveTransforms } from '../../embedders/transforms/transform-file.js';
import { describeTransform } from '../../embedders/transforms/transformed-embedder.js';
import type { VectorTransform } from '../../embedders/transforms/vector-transform.js';
import { EmbedkitError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { encodeNpy, readNpy } from '../../io/npy.js';
import { formatFromPath, parseFormat, VECTOR_FORMATS, writeVectors } from '../../vectors/formats/index.js';
import { KeyedVectors } from '../../vectors/keyed-vectors.js';
import { DEFAULT_MODEL } from '../../vectors/load.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { loadModelVectors } from '../load-model.js';
import { applyTransformChain, describeMatrixInput, readMatrixInput, withMatrixInput, type MatrixInputOptions } from '../matrix-input.js';
import { addSpecOptions, givenSpecValues } from '../option-flags.js';

interface TransformSummary {
  readonly kind: string;
  readonly id: string;
  readonly inputDim: number;
  readonly outputDim: number;
  readonly params: Readonly<Record<string, unknown>>;
}

function summary(t: VectorTransform): TransformSummary {
  const spec = t.toSpec();
  return { kind: spec.kind, id: describeTransform(spec), inputDim: spec.inputDim, outputDim: spec.outputDim, params: spec.params };
}

function describe(s: TransformSummary): string {
  const params = Object.entries(s.params)
    .filter(([, v]) => !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(',') : String(v)}`);
  return `${s.id}  ${s.inputDim} → ${s.outputDim} dims${params.length > 0 ? `  (${params.join(', ')})` : ''}`;
}

function registerFit(transform: Command): void {
  const cmd = transform
    .command('fit')
    .description('fit centring, all-but-the-top (abtt) or whitening on a vocabulary, embedded texts or a .npy matrix, and save it as a transform file')
    .requiredOption('-o, --output <file.json>', 'the transform file (with --transforms: that chain followed by the new transform)');
  addSpecOptions(cmd, TRANSFORM_FIT_OPTIONS);
  withMatrixInput(cmd);
  withExamples(withCommonOptions(cmd, { model: false }), [
    'embedkit transform fit --kind abtt --output abtt.json                 # glove-100d vocabulary, D = 1',
    'embedkit transform fit --kind whiten --dims 64 --model ./all-MiniLM-L6-v2 --input sentences.txt --output whiten.json',
    'embedkit transform fit --kind center --vectors embeddings.npy --output center.json',
    'embedkit eval --suite word --transforms abtt.json',
  ]);
  cmd.action(async (opts: CommonOptions & MatrixInputOptions & { output: string }) => {
    const ctx = new CommandContext(opts);
    const run = transformFitRun(givenSpecValues(TRANSFORM_FIT_OPTIONS, opts));
    const input = await readMatrixInput(ctx, opts, run.limit);
    const fitted = await ctx.withProgress(`Fitting ${run.kind}`, 1, 'step', () => fitTransform(input.matrix, run));
    const before = input.transforms !== undefined ? loadTransforms(input.transforms) : [];
    await saveTransforms(opts.output, [...before, fitted]);
    const s = summary(fitted);
    ctx.out(
      { output: opts.output, transform: s, chain: before.length + 1, fittedOn: { input: input.kind, source: input.source, rows: input.matrix.rows, dim: input.matrix.dim, transforms: input.transforms ?? null } },
      `Fitted ${describe(s)} on ${describeMatrixInput(input)} (${input.matrix.rows.toLocaleString('en-US')} × ${input.matrix.dim}) → ${opts.output}` +
        (before.length > 0 ? ` (a chain of ${before.length + 1})` : ''),
    );
  });
}

interface ApplyOpts extends CommonOptions {
  readonly transforms: string;
  readonly model?: string;
  readonly vectors?: string;
  readonly output: string;
  readonly to?: string;
}

function registerApply(transform: Command): void {
  const cmd = transform
    .command('apply')
    .description('apply a transform file to word vectors (a new vectors file, usable as --model) or to a .npy matrix')
    .requiredOption('--transforms <file>', 'the transform file (from transform fit, align --save-transform, …)')
    .option('-m, --model <name|path>', `word vectors: registry name or file (default ${DEFAULT_MODEL})`)
    .option('--vectors <file.npy>', 'a .npy matrix instead of word vectors (the output is .npy)')
    .requiredOption('-o, --output <file>', 'word vectors: .bin, .vec, .ekv, .txt (.gz compresses); --vectors: .npy')
    .option('--to <format>', `word vectors: ${VECTOR_FORMATS.join(' | ')} (default: from the file name)`);
  withExamples(withCommonOptions(cmd, { model: false }), [
    'embedkit transform apply --transforms abtt.json --output glove-abtt.ekv && embedkit neighbors king --model glove-abtt.ekv',
    'embedkit transform apply --transforms whiten.json --vectors embeddings.npy --output whitened.npy',
  ]);
  cmd.action(async (opts: ApplyOpts) => {
    const ctx = new CommandContext(opts);
    const chain = loadTransforms(opts.transforms); // a bad file fails before any loading
    if (opts.vectors !== undefined) {
      if (opts.model !== undefined) throw new EmbedkitError('BAD_OPTION', 'vectors', { expected: 'not together with `model`', received: opts.vectors, where: 'vectors' });
      if (opts.to !== undefined) throw new EmbedkitError('BAD_OPTION', 'to', { expected: 'only with word vectors (`vectors` output is .npy)', received: opts.to, where: 'to' });
      if (!opts.output.toLowerCase().endsWith('.npy')) throw new EmbedkitError('BAD_OPTION', 'output', { expected: 'a .npy file (the input is a .npy matrix)', received: opts.output, where: 'output' });
      if (!existsSync(opts.vectors)) throw new EmbedkitError('FILE_NOT_FOUND', '.npy file', { where: opts.vectors });
      const out = applyTransformChain(chain, readNpy(opts.vectors), opts.transforms);
      await writeFileAtomic(opts.output, encodeNpy(out));
      ctx.out({ output: opts.output, rows: out.rows, dim: out.dim, transforms: chain.map(summary) }, `Transformed ${out.rows.toLocaleString('en-US')} rows (${chain.map((t) => t.kind).join(' → ')}) → ${opts.output} (${out.rows} × ${out.dim})`);
      return;
    }
    const format = opts.to === undefined ? formatFromPath(opts.output) : parseFormat(opts.to, 'to');
    const model = opts.model ?? DEFAULT_MODEL;
    const kv = await loadModelVectors(ctx, model);
    const out = applyTransformChain(chain, { data: kv.vectors, rows: kv.size, dim: kv.dim }, opts.transforms);
    await writeVectors(new KeyedVectors(kv.keys, out.data, out.dim), opts.output, format);
    ctx.out(
      { output: opts.output, format, rows: out.rows, dim: out.dim, model, transforms: chain.map(summary) },
      `Transformed ${model}: ${out.rows.toLocaleString('en-US')} words (${chain.map((t) => t.kind).join(' → ')}) → ${opts.output} (${format}, ${out.dim} dims)`,
    );
  });
}

function registerInfo(transform: Command): void {
  const cmd = transform.command('info').description("list a transform file's chain (kinds, dimensions, parameters)").argument('<file>', 'a transform file');
  withExamples(withCommonOptions(cmd, { model: false }), ['embedkit transform info abtt.json --json']);
  cmd.action((file: string, opts: CommonOptions) => {
    const ctx = new CommandContext(opts);
    const chain = loadTransforms(file).map(summary);
    const inputDim = chain[0]?.inputDim ?? null;
    const outputDim = chain[chain.length - 1]?.outputDim ?? null;
    ctx.out({ file, inputDim, outputDim, transforms: chain }, () =>
      [`${file}: ${chain.length} transform${chain.length === 1 ? '' : 's'}, ${inputDim ?? '?'} → ${outputDim ?? '?'} dims`, ...chain.map((s, i) => `  ${i + 1}. ${describe(s)}`)].join('\n'),
    );
  });
}

export function register(program: Command): void {
  const transform = program.command('transform').description('post-processing transforms (centring, all-but-the-top, whitening, alignment maps): fit, apply, info');
  registerFit(transform);
  registerApply(transform);
  registerInfo(transform);
}
