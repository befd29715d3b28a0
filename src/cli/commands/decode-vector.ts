/**
 * `embedkit decode-vector`: the vocabulary entries nearest to any vector — given as numbers, rows of a
 * .npy file, or the embedding of a text — in a word-vector space or an encoder's token embeddings (the
 * "pseudo-word" view) (src/analysis/decode).
 */
import type { Command } from 'commander';
import { DECODE_OPTIONS } from '../../analysis/decode/decode-options.js';
import { decodeVocabulary, type DecodeVocabulary } from '../../analysis/decode/decode-vocabulary.js';
import { decodeVectors, meanVector } from '../../analysis/decode/nearest-words.js';
import { parseVector } from '../../analysis/decode/parse-vector.js';
import { loadTokenEmbeddings } from '../../analysis/decode/token-embeddings.js';
import type { Embedder } from '../../embedders/embedder.js';
import { EmbedkitError } from '../../errors.js';
import { readNpy } from '../../io/npy.js';
import type { Matrix } from '../../math/matrix.js';
import { onlyWith } from '../../options/validate.js';
import { tokenize } from '../../text/tokenize.js';
import { withCommonOptions, withExamples } from '../common-options.js';
import { CommandContext, type CommonOptions } from '../context.js';
import { embedderOptionsFrom, withEmbedderOptions } from '../embedder-options.js';
import { round } from '../format-neighbors.js';
import { shorten } from '../format-report.js';
import { readInputTexts } from '../input-texts.js';
import { loadModelEmbedder } from '../load-model.js';
import { addSpecOptions, specValues } from '../option-flags.js';

interface Opts extends CommonOptions {
  readonly vector?: string;
  readonly vectors?: string;
  readonly text?: string[];
  readonly tokens?: string;
  readonly subtractMean?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function register(program: Command): void {
  const cmd = program
    .command('decode-vector')
    .description('the nearest vocabulary words (or encoder tokens) of any vector: numbers, .npy rows, or the embedding of a text')
    .option('--vector <numbers>', 'one vector: a JSON array "[0.1, -2, …]" or numbers separated by commas or spaces')
    .option('--vectors <file.npy>', 'every row of a .npy matrix')
    .option('-t, --text <text>', 'the embedding of a text (repeatable)', collect, [])
    .option('--tokens <dir>', "decode against the token embeddings of this ONNX model folder (default: the model's own vocabulary)")
    .option('--subtract-mean <file>', 'texts whose mean embedding is subtracted from every vector first (removes the direction all texts share)');
  addSpecOptions(cmd, DECODE_OPTIONS, { short: { topK: '-k' } });
  withEmbedderOptions(cmd);
  withExamples(withCommonOptions(cmd), [
    'embedkit decode-vector --text "the chef baked bread" -k 5 --exclude-input',
    'embedkit decode-vector --vectors centroids.npy --restrict-vocab 50000 --json',
    'embedkit decode-vector --model ./all-MiniLM-L6-v2 --text "a cat on a mat"   # nearest input tokens',
    'embedkit decode-vector --vector "[0.1, -0.3, …]" --model ./vectors.bin',
    'embedkit decode-vector --text "stock markets fell" --subtract-mean data/sample/sentences.txt',
  ]);
  cmd.action(async (opts: Opts) => {
    const ctx = new CommandContext(opts);
    const o = specValues(DECODE_OPTIONS, opts);
    const texts = opts.text ?? [];
    const inputs = [opts.vector !== undefined, opts.vectors !== undefined, texts.length > 0].filter(Boolean).length;
    if (inputs !== 1) throw new EmbedkitError('BAD_OPTION', 'vector', { expected: 'one of `vector`, `vectors`, `text`', received: inputs === 0 ? 'none' : 'several' });
    if (texts.length === 0) onlyWith('excludeInput', o.excludeInput, '`text`');
    const needEmbedder = texts.length > 0 || opts.subtractMean !== undefined || opts.tokens === undefined;
    let embedder: Embedder | undefined;
    try {
      embedder = needEmbedder ? await loadModelEmbedder(ctx, opts.model, embedderOptionsFrom(opts)) : undefined;
      const vocab: DecodeVocabulary =
        embedder !== undefined ? decodeVocabulary(embedder, opts.tokens !== undefined ? { tokens: opts.tokens } : {}) : { vectors: loadTokenEmbeddings(opts.tokens!).vectors, kind: 'tokens', source: opts.tokens! };
      let m: Matrix;
      let labels: string[];
      if (texts.length > 0) {
        m = await embedder!.embed(texts);
        labels = texts;
      } else if (opts.vectors !== undefined) {
        m = readNpy(opts.vectors);
        labels = Array.from({ length: m.rows }, (_, i) => `row ${i}`);
      } else {
        const v = parseVector(opts.vector!, { dim: vocab.vectors.dim, where: 'vector' });
        m = { data: v, rows: 1, dim: v.length };
        labels = ['vector'];
      }
      const subtract = opts.subtractMean !== undefined ? meanVector(await embedder!.embed((await readInputTexts(opts.subtractMean, {}, 'subtractMean')).map((r) => r.text))) : undefined;
      const decoded = decodeVectors(vocab.vectors, m, {
        ...(o.topK !== undefined ? { topK: o.topK } : {}),
        ...(o.restrictVocab !== undefined ? { restrictVocab: o.restrictVocab } : {}),
        ...(o.excludeInput === true ? { excludeEach: texts.map((t) => tokenize(t)) } : {}),
        ...(subtract !== undefined ? { subtract } : {}),
      });
      const results = decoded.map((d, i) => ({ input: texts.length > 0 ? texts[i]! : opts.vectors !== undefined ? i : 'vector', words: d.words.map((key, j) => ({ key, score: round(d.scores[j]!) })) }));
      ctx.out({ vocabulary: { kind: vocab.kind, source: vocab.source, size: vocab.vectors.size }, results }, () =>
        results.map((r, i) => `${shorten(labels[i]!)} → ${r.words.map((w) => `${w.key} ${w.score.toFixed(3)}`).join(', ')}`).join('\n'),
      );
    } finally {
      await embedder?.dispose();
    }
  });
}
