/**
 * `embedkit anchors`: k semantic anchors of a corpus, a .npy matrix or a collection — k-means centroids of
 * the unit vectors, each described by its nearest vocabulary words and its closest members
 * (src/analysis/decode/anchors.ts).
 */
import { Option, type Command } from 'commander';
import { anchorOptions, ANCHOR_OPTIONS } from '../../analysis/decode/decode-options.js';
import { decodeVocabulary } from '../../analysis/decode/decode-vocabulary.js';
import { semanticAnchors } from '../../analysis/decode/anchors.js';
import type { Embedder } from '../../embedders/embedder.js';
import { DEFAULT_MODEL } from '../../vectors/load.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { round } from '../format-neighbors.js';
import { columns, shorten } from '../format-report.js';
import { loadCollectionEmbedder } from '../load-model.js';
import { addSpecOptions, givenSpecValues } from '../option-flags.js';
import { readSourceRows, sourceEmbedder, withVectorSourceOptions, type VectorSourceOptions } from '../vector-source.js';

interface Opts extends CommonOptions, VectorSourceOptions {
  readonly tokens?: string;
}

export function register(program: Command): void {
  const cmd = program.command('anchors').description('k semantic anchors of a corpus, a .npy matrix or a collection: k-means centroids described by their nearest words and closest members');
  withVectorSourceOptions(cmd);
  addSpecOptions(cmd, ANCHOR_OPTIONS, { short: { k: '-k' } });
  cmd
    .option('--tokens <dir>', "describe anchors with the token embeddings of this ONNX model folder (default: the model's own vocabulary)")
    .addOption(new Option('-m, --model <name|path>', `model that embeds --input and whose vocabulary describes the anchors (default ${DEFAULT_MODEL}; for a collection: its own model)`));
  withExamples(withCommonOptions(cmd, { model: false }), [
    'embedkit anchors --input data/sample/docs.jsonl -k 5',
    'embedkit anchors --collection notes -k 8 --top-words 8 --json',
    'embedkit anchors --vectors docs.npy --labels titles.txt -k 10 --restrict-vocab 50000',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext(opts);
    const o = anchorOptions(givenSpecValues(ANCHOR_OPTIONS, opts));
    const model = opts.model ?? DEFAULT_MODEL;
    let embedder: Embedder | undefined;
    const getEmbedder = sourceEmbedder(ctx, { ...opts, model });
    try {
      const rows = await readSourceRows(ctx, opts, async () => (embedder ??= await getEmbedder()));
      embedder ??= rows.manifest !== undefined ? await loadCollectionEmbedder(ctx, rows.manifest, opts.model) : await getEmbedder();
      const vocab = decodeVocabulary(embedder, opts.tokens !== undefined ? { tokens: opts.tokens } : {});
      const r = semanticAnchors(rows.matrix, vocab.vectors, o);
      const anchors = r.anchors.map((a) => ({
        size: a.size,
        cohesion: round(a.cohesion),
        words: a.words.map((key, j) => ({ key, score: round(a.wordScores[j]!) })),
        members: Array.from(a.members, (index, j) => ({ index, ...(rows.ids?.[index] !== undefined ? { id: rows.ids[index] } : {}), ...(rows.labels !== undefined ? { text: rows.labels[index]! } : {}), score: round(a.memberScores[j]!) })),
      }));
      ctx.out({ source: rows.source, rows: rows.matrix.rows, vocabulary: { kind: vocab.kind, source: vocab.source }, inertia: r.inertia, anchors }, () =>
        [
          `${anchors.length} anchors of ${rows.matrix.rows} vectors (${rows.source}), described by ${vocab.kind} of ${vocab.source}:`,
          ...anchors.map((a, i) =>
            [
              `${String(i + 1).padStart(3)}. ${a.words.map((w) => w.key).join(', ')}`,
              `     ${a.size} members, cohesion ${a.cohesion.toFixed(3)}`,
              ...(a.members.length > 0 ? [columns(a.members.map((m) => [m.score.toFixed(3), m.text !== undefined ? shorten(m.text, 90) : `row ${m.index}`]), '       ')] : []),
            ].join('\n'),
          ),
        ].join('\n'),
      );
    } finally {
      await embedder?.dispose();
    }
  });
}
