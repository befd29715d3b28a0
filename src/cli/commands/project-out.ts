/**
 * `embedkit project-out`: remove a direction or a subspace — from word pairs or defining sets (PCA), raw
 * vectors (.npy), or by INLP on word classes — from word vectors (`--output`) and/or as a transform file
 * (`--save-transform`) that `--remove-directions` applies to any embedder at encode time
 * (src/analysis/directions).
 */
import type { Command } from 'commander';
import { readWordClasses, readWordList, readWordPairs, readWordSets } from '../../analysis/bias/debiaswe-lists.js';
import { inlpWords, type InlpRound } from '../../analysis/directions/inlp.js';
import { projectOutVectors } from '../../analysis/directions/project-out.js';
import { PROJECT_OUT_OPTIONS, projectOutRun } from '../../analysis/directions/project-out-options.js';
import { subspaceFromSets, subspaceFromVectors, type Subspace } from '../../analysis/directions/subspace.js';
import { embedWords } from '../../analysis/directions/embedded-words.js';
import { resolveEmbedderKind } from '../../embedders/registry.js';
import { ProjectOutTransform } from '../../embedders/transforms/project-out.js';
import { saveTransforms } from '../../embedders/transforms/transform-file.js';
import { EmbedkitError } from '../../errors.js';
import { readNpy } from '../../io/npy.js';
import { onlyWith } from '../../options/validate.js';
import type { KeyedVectors } from '../../vectors/keyed-vectors.js';
import { DEFAULT_MODEL } from '../../vectors/load.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { columns } from '../format-report.js';
import { loadModelEmbedder, loadModelVectors } from '../load-model.js';
import { addSpecOptions, givenSpecValues } from '../option-flags.js';
import { vectorsOutputFormat, withVectorsOutput, writeVectorsOutput, type VectorsOutputOptions } from '../vectors-output.js';

interface Opts extends CommonOptions, VectorsOutputOptions {
  readonly pairs?: string;
  readonly sets?: string;
  readonly vectors?: string;
  readonly classes?: string;
  readonly keep?: string;
  readonly saveTransform?: string;
  readonly inlp?: boolean;
}

const INPUTS = ['pairs', 'sets', 'vectors', 'classes'] as const;

function removedSubspace(kv: (words: readonly (readonly string[])[]) => Promise<KeyedVectors>, opts: Opts, components: number | undefined): Promise<Subspace> | Subspace {
  if (opts.vectors !== undefined) {
    onlyWith('components', components, '`pairs` or `sets` (raw vectors are removed whole)');
    return subspaceFromVectors(readNpy(opts.vectors));
  }
  const sets = opts.pairs !== undefined ? readWordPairs(opts.pairs) : readWordSets(opts.sets!);
  return kv(sets).then((v) => subspaceFromSets(v, sets, components ?? 1));
}

export function register(program: Command): void {
  const cmd = program
    .command('project-out')
    .description('remove a direction or subspace (word pairs, defining sets, raw vectors, or INLP) from word vectors and/or save it as a transform for --remove-directions')
    .option('--pairs <file>', 'word pairs defining the direction, JSON [["she", "he"], …] (their first principal components; with a transformer model the words are embedded as texts)')
    .option('--sets <file>', 'defining sets, JSON [["jew", "christian", "muslim"], …] (their first principal components)')
    .option('--vectors <file.npy>', 'raw directions to remove (rows of a .npy matrix)')
    .option('--classes <file>', 'INLP: word classes, JSON {"female": [...], "male": [...]} or [[...], [...]]')
    .option('--keep <file>', 'words left unchanged in --output, JSON ["he", "she", …]')
    .option('--save-transform <file.json>', 'write the removal as a transform file (apply with --remove-directions on embed, search, collections …)');
  addSpecOptions(cmd, PROJECT_OUT_OPTIONS);
  withVectorsOutput(cmd, false);
  withExamples(withCommonOptions(cmd), [
    'embedkit project-out --pairs ../shared/data/bias-debiaswe/definitional_pairs.json --save-transform gender.json',
    'embedkit embed --input docs.txt --remove-directions gender.json --output docs.npy',
    'embedkit project-out --sets religion.json --components 2 --output glove-noreligion.bin --json',
    'embedkit project-out --inlp --classes gender-words.json --iterations 10 --save-transform gender-inlp.json',
    'embedkit project-out --model ./all-MiniLM-L6-v2 --pairs pairs.json --save-transform minilm-gender.json   # words embedded by the encoder',
    'embedkit project-out --vectors direction.npy --save-transform t.json   # raw directions: no model needed',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext(opts);
    const run = projectOutRun(givenSpecValues(PROJECT_OUT_OPTIONS, opts));
    const given = INPUTS.filter((k) => opts[k] !== undefined);
    const wanted = run.inlp !== undefined ? ['classes'] : ['pairs', 'sets', 'vectors'];
    if (given.length !== 1 || !wanted.includes(given[0]!)) {
      throw new EmbedkitError('BAD_OPTION', run.inlp !== undefined ? 'classes' : 'pairs', {
        expected: run.inlp !== undefined ? 'with `inlp`: `classes` (and nothing of `pairs`, `sets`, `vectors`)' : 'exactly one of `pairs`, `sets`, `vectors` (or `inlp` with `classes`)',
        received: given.length === 0 ? 'none' : given.map((g) => `\`${g}\``).join(', '),
      });
    }
    if (opts.output === undefined && opts.saveTransform === undefined) {
      throw new EmbedkitError('BAD_OPTION', 'output', { expected: '`output` (projected vectors) and/or `saveTransform` (a transform file)', received: 'neither' });
    }
    if (opts.keep !== undefined && opts.output === undefined) throw new EmbedkitError('BAD_OPTION', 'keep', { expected: 'only with `output`', received: opts.keep, where: 'keep' });
    const format = vectorsOutputFormat(opts);
    // word vectors: the whole vocabulary; any other model: the words of the pairs / sets / classes, embedded
    const wordVectors = (): boolean => resolveEmbedderKind(opts.model ?? DEFAULT_MODEL).kind === 'static';
    if ((opts.output !== undefined || opts.keep !== undefined) && !wordVectors()) {
      throw new EmbedkitError('BAD_OPTION', opts.output !== undefined ? 'output' : 'keep', { expected: 'a word-vector `model` (its vocabulary is rewritten); for other models use `saveTransform`', received: opts.model ?? '' });
    }
    let loaded: KeyedVectors | undefined;
    const kv = async (words: readonly (readonly string[])[] = []): Promise<KeyedVectors> => {
      if (loaded !== undefined) return loaded;
      if (wordVectors()) return (loaded = await loadModelVectors(ctx, opts.model));
      const embedder = await loadModelEmbedder(ctx, opts.model);
      try {
        return (loaded = await embedWords(embedder, words.flat()));
      } finally {
        await embedder.dispose();
      }
    };
    let subspace: Subspace;
    let transform: ProjectOutTransform;
    let inlpInfo: { rounds: readonly InlpRound[]; majorityAccuracy: number; classes: string[] } | undefined;
    if (run.inlp !== undefined) {
      onlyWith('components', run.components, '`pairs` or `sets` (INLP removes what its probes find)');
      const classes = readWordClasses(opts.classes!);
      const vectors = await kv(classes.classes);
      const bar = ctx.progress('INLP', run.inlp.iterations ?? 10, 'rounds');
      const r = inlpWords(vectors, classes.classes, { ...run.inlp, onProgress: (d) => bar.update(d) });
      bar.stop();
      if (r.missing.length > 0) ctx.warn(`${r.missing.length} class word(s) not in the vocabulary were left out: ${r.missing.slice(0, 10).join(', ')}${r.missing.length > 10 ? ', …' : ''}`);
      subspace = { basis: r.basis, count: r.removed, dim: r.dim, missing: r.missing };
      transform = r.transform;
      inlpInfo = { rounds: r.rounds, majorityAccuracy: r.majorityAccuracy, classes: classes.names };
    } else {
      subspace = await removedSubspace(kv, opts, run.components);
      if (subspace.missing.length > 0) ctx.warn(`${subspace.missing.length} word(s) not in the vocabulary (their sets were skipped): ${subspace.missing.slice(0, 10).join(', ')}${subspace.missing.length > 10 ? ', …' : ''}`);
      transform = new ProjectOutTransform(subspace, { normalize: run.normalize });
    }
    const written = opts.output !== undefined ? await writeVectorsOutput(projectOutVectors(await kv(), subspace, { normalize: run.normalize, ...(opts.keep !== undefined ? { keep: readWordList(opts.keep) } : {}) }), opts.output, format!) : undefined;
    if (opts.saveTransform !== undefined) await saveTransforms(opts.saveTransform, [transform]);
    const json = {
      components: subspace.count,
      dim: subspace.dim,
      normalize: run.normalize,
      missing: subspace.missing,
      ...(subspace.explainedVarianceRatio !== undefined ? { explainedVarianceRatio: Array.from(subspace.explainedVarianceRatio) } : {}),
      ...(inlpInfo !== undefined ? inlpInfo : {}),
      ...(written !== undefined ? written : {}),
      ...(opts.saveTransform !== undefined ? { transform: opts.saveTransform } : {}),
    };
    ctx.out(json, () => {
      const lines = [`Removed ${subspace.count} direction(s) of ${subspace.dim} dims${run.normalize ? ' (outputs unit length)' : ''}${subspace.missing.length > 0 ? `; ${subspace.missing.length} words missing` : ''}`];
      const rows: string[][] = [];
      if (subspace.explainedVarianceRatio !== undefined) rows.push(['explained variance', Array.from(subspace.explainedVarianceRatio, (v) => `${(v * 100).toFixed(1)}%`).join(', ')]);
      if (inlpInfo !== undefined) {
        rows.push(['classes', inlpInfo.classes.join(', ')]);
        rows.push(['held-out accuracy', `${inlpInfo.rounds.map((r) => r.testAccuracy.toFixed(3)).join(', ')} (majority ${inlpInfo.majorityAccuracy.toFixed(3)})`]);
      }
      if (written !== undefined) rows.push(['vectors', `${written.output} (${written.format})`]);
      if (opts.saveTransform !== undefined) rows.push(['transform', `${opts.saveTransform} (use with --remove-directions)`]);
      return [...lines, columns(rows)].join('\n');
    });
  });
}
