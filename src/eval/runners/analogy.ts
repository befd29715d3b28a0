/**
 * Word analogy ("a : b :: c : d"), gensim's `evaluate_word_analogies` protocol:
 * - candidates and question words are restricted to the first `restrictVocab` rows (default 300,000);
 * - a question is answered when a, b, c and (one of) d are all in that range; the others are unanswered;
 * - the prediction is the best candidate other than a, b, c (3CosAdd; 3CosMul reported too);
 * - main score: 3CosAdd accuracy over answered questions; also accuracy over all questions, coverage,
 *   semantic / syntactic and per-section accuracy.
 * Needs the model's vocabulary (static word vectors).
 */
import { EmbedkitError } from '../../errors.js';
import { solveAnalogies, type AnalogyScoring } from '../analogy-solver.js';
import type { AnalogyQuestions, RunContext, TaskScores } from '../types.js';

export const DEFAULT_RESTRICT_VOCAB = 300_000;

export async function runAnalogy(data: AnalogyQuestions, ctx: RunContext): Promise<TaskScores> {
  const kv = ctx.vectors;
  if (kv === undefined) {
    throw new EmbedkitError('UNSUPPORTED', 'analogy evaluation', { expected: 'a word-vector model (it needs a vocabulary to answer from)', received: 'an embedder without one' });
  }
  const limit = Math.min(kv.size, ctx.options.restrictVocab ?? DEFAULT_RESTRICT_VOCAB);
  const methods: readonly AnalogyScoring[] = ctx.options.analogyMethods ?? ['add', 'mul'];
  const total = data.a.length;
  const look = (w: string): number => {
    const i = kv.indexOf(w);
    return i >= 0 && i < limit ? i : -1;
  };
  const answered: number[] = [];
  const qa: number[] = [];
  const qb: number[] = [];
  const qc: number[] = [];
  const expected: Set<number>[] = [];
  for (let q = 0; q < total; q++) {
    const a = look(data.a[q]!);
    const b = look(data.b[q]!);
    const c = look(data.c[q]!);
    const d = new Set(data.d[q]!.map(look).filter((i) => i >= 0));
    if (a < 0 || b < 0 || c < 0 || d.size === 0) continue;
    answered.push(q);
    qa.push(a);
    qb.push(b);
    qc.push(c);
    expected.push(d);
  }
  const predictions = solveAnalogies(kv.unitVectors(), kv.dim, { a: Int32Array.from(qa), b: Int32Array.from(qb), c: Int32Array.from(qc) }, {
    limit,
    methods,
    ...(ctx.progress !== undefined ? { onProgress: ctx.progress } : {}),
  });
  const sections = data.sectionNames.length;
  const metrics: Record<string, number | Record<string, number>> = {
    questions: total,
    answered: answered.length,
    coverage: total === 0 ? 0 : answered.length / total,
    restrict_vocab: limit,
  };
  let main = NaN;
  for (const method of methods) {
    const pred = predictions[method]!;
    const okBySection = new Float64Array(sections);
    const answeredBySection = new Float64Array(sections);
    let ok = 0;
    let semOk = 0;
    let semN = 0;
    let synOk = 0;
    let synN = 0;
    answered.forEach((q, i) => {
      const s = data.section[q]!;
      const hit = expected[i]!.has(pred[i]!) ? 1 : 0;
      ok += hit;
      okBySection[s]! += hit;
      answeredBySection[s]!++;
      if (data.semantic?.has(s) === true) {
        semOk += hit;
        semN++;
      } else {
        synOk += hit;
        synN++;
      }
    });
    const prefix = method === 'add' ? '' : '3cosmul_';
    const acc = ok / answered.length;
    if (method === 'add') main = acc;
    metrics[`${prefix}accuracy`] = acc;
    metrics[`${prefix}accuracy_all`] = ok / total;
    metrics[`${prefix}correct`] = ok;
    if (data.semantic !== undefined) {
      metrics[`${prefix}semantic_accuracy`] = semOk / semN;
      metrics[`${prefix}syntactic_accuracy`] = synOk / synN;
    }
    const per: Record<string, number> = {};
    data.sectionNames.forEach((name, s) => (per[name] = okBySection[s]! / answeredBySection[s]!));
    metrics[`${prefix}sections`] = per;
  }
  if (!methods.includes('add')) main = metrics['3cosmul_accuracy'] as number;
  return { mainScore: main, metrics };
}
