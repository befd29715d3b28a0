#!/usr/bin/env node
/**
 * Reproduces the numbers of docs/adapters.md with embedkit's library (build first: `npx tsc -p tsconfig.json`;
 * data root: $EMBEDKIT_DATA_DIR or ../shared/data):
 *
 *   node scripts/adapter-numbers.mjs [sts|retrieval|distill|matryoshka|merge ...] [--out docs/adapter-numbers.json]
 *
 * - sts:        STS-B: CoSENT adapter trained on sts-train (early stopping on sts-dev), Spearman on sts-test,
 *               for glove-100d (mean pooling) and minilm-l6;
 * - retrieval:  Cranfield (BEIR layout), split by query id: queries 1–112 train, 113–225 test; nDCG@10 on the
 *               test queries for the frozen model, an MNRL adapter without and with 4 mined hard negatives;
 * - distill:    glove-100d student + adapter trained on MiniLM's in-batch cosines over the STS-B train
 *               pairs; STS-B test Spearman, the fraction of the gap closed, sentences/s of both;
 * - matryoshka: minilm-l6 truncated to 32/64/128 dims: frozen, adapter without and with the Matryoshka loss
 *               (STS-B CoSENT; Cranfield MNRL);
 * - merge:      STS and Cranfield adapters on glove-100d: each single-task adapter, the average, Self
 *               Positioning (coefficients learned on dev data), one adapter trained jointly; both tasks.
 * Training texts are embedded once per model (the encoders are frozen): a memo wraps each embedder.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lib = (p) => import(join(ROOT, 'dist', 'src', p));
const { createEmbedder } = await lib('embedders/create-embedder.js');
const { readAdapterData, retrievalExamples } = await lib('analysis/adapters/adapter-data.js');
const { adaptEmbedder } = await lib('analysis/adapters/adapt.js');
const { spearman } = await lib('eval/metrics/correlation.js');
const { queryMetricsAt } = await lib('eval/metrics/retrieval.js');
const { loadBeir } = await lib('eval/data/beir.js');
const { BadRows } = await lib('eval/data/read-data.js');
const { topKDotBatch } = await lib('math/top-k.js');
const { normalizeRows } = await lib('math/kernels.js');

const args = process.argv.slice(2);
const parts = args.filter((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--out');
const outIdx = args.indexOf('--out');
const OUT = outIdx >= 0 ? args[outIdx + 1] : join(ROOT, 'docs', 'adapter-numbers.json');
const DATA = process.env.EMBEDKIT_DATA_DIR ?? resolve(ROOT, '..', 'shared', 'data');
const results = existsSync(OUT) ? JSON.parse(readFileSync(OUT, 'utf8')) : {};
const save = (key, value) => {
  results[key] = { ...value, measured: new Date().toISOString() };
  writeFileSync(OUT, JSON.stringify(results, null, 2) + '\n');
  console.log(key, JSON.stringify(value, null, 1));
};
const r4 = (x) => Math.round(x * 1e4) / 1e4;

/** An embedder that embeds each distinct text once (the base encoders are frozen). */
function memo(e) {
  const cache = new Map();
  return {
    id: e.id, dim: e.dim, info: e.info, base: e,
    async embed(texts) {
      const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
      if (missing.length > 0) {
        const m = await e.embed(missing);
        missing.forEach((t, i) => cache.set(t, m.data.slice(i * m.dim, (i + 1) * m.dim)));
      }
      const out = new Float32Array(texts.length * e.dim);
      texts.forEach((t, i) => out.set(cache.get(t), i * e.dim));
      return { data: out, rows: texts.length, dim: e.dim };
    },
    dispose: () => e.dispose(),
  };
}
const models = {};
const model = async (name) => (models[name] ??= memo(await createEmbedder(name)));

const apply = (m, transform) => (transform === undefined ? m : transform.apply(m));
const truncate = (m, d) => {
  if (d === undefined || d >= m.dim) return m;
  const out = new Float32Array(m.rows * d);
  for (let r = 0; r < m.rows; r++) out.set(m.data.subarray(r * m.dim, r * m.dim + d), r * d);
  return { data: out, rows: m.rows, dim: d };
};

const sts = {
  train: join(DATA, 'sts-benchmark', 'sts-train.csv'),
  dev: join(DATA, 'sts-benchmark', 'sts-dev.csv'),
  test: join(DATA, 'sts-benchmark', 'sts-test.csv'),
};
const stsData = {};
const stsSplit = async (s) => (stsData[s] ??= await readAdapterData(sts[s]));

/** STS-B test Spearman of `e` (+ transform), optionally on the first `dims` dims. */
async function stsSpearman(e, transform, dims) {
  const t = await stsSplit('test');
  const a = truncate(apply(await e.embed(t.anchors), transform), dims);
  const b = truncate(apply(await e.embed(t.positives), transform), dims);
  const cos = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    let s = 0, na = 0, nb = 0;
    for (let j = 0; j < a.dim; j++) {
      const x = a.data[i * a.dim + j], y = b.data[i * a.dim + j];
      s += x * y; na += x * x; nb += y * y;
    }
    cos[i] = s / (Math.sqrt(na * nb) || 1);
  }
  return r4(spearman(cos, t.scores));
}

const CRAN = join(DATA, 'retrieval-cranfield', 'beir');
let cranData;
async function cranfield() {
  cranData ??= (await loadBeir(CRAN, 'test', 'cranfield', new BadRows(false, () => {}), 'auto')).data;
  return cranData;
}
const TRAIN_Q = '1-112';
const TEST_Q = '113-225';
const inRange = (spec) => { const [lo, hi] = spec.split('-').map(Number); return (id) => Number(id) >= lo && Number(id) <= hi; };

/** Mean nDCG@10 over the Cranfield test queries. */
async function cranNdcg(e, transform, dims) {
  const data = await cranfield();
  const queries = data.queries.filter((q) => inRange(TEST_Q)(q.id) && data.qrels.has(q.id));
  const c = truncate(apply(await e.embed(data.corpus.map((d) => d.text)), transform), dims);
  const q = truncate(apply(await e.embed(queries.map((x) => x.text)), transform), dims);
  const hits = topKDotBatch(normalizeRows(c.data, c.dim), c.dim, normalizeRows(q.data, q.dim), 10);
  let sum = 0;
  hits.forEach((h, i) => (sum += queryMetricsAt(Array.from(h.indices, (r) => data.corpus[r].id), data.qrels.get(queries[i].id), 10).ndcg));
  return r4(sum / queries.length);
}
async function cranTrain() {
  const data = await cranfield();
  return retrievalExamples(data, inRange(TRAIN_Q));
}

const STS_TRAIN = { glove: { learningRate: 5e-3, epochs: 30, patience: 3 }, minilm: { learningRate: 2e-4, epochs: 10, patience: 2 } };
const CRAN_TRAIN = { glove: { learningRate: 2e-3, epochs: 20, patience: 3, trainBatchSize: 32 }, minilm: { learningRate: 2e-4, epochs: 10, patience: 2, trainBatchSize: 32 } };
const summary = (r) => ({ epochs: r.training.epochs, bestEpoch: r.training.bestEpoch, seconds: r4(r.training.seconds), examplesPerSecond: Math.round((r.training.examples * r.training.epochs) / r.training.seconds) });

async function partSts() {
  const out = {};
  for (const [key, name] of [['glove', 'glove-100d'], ['minilm', 'minilm-l6']]) {
    const e = await model(name);
    const before = await stsSpearman(e);
    const r = await adaptEmbedder(e, await stsSplit('train'), { loss: 'cosent', dev: await stsSplit('dev'), ...STS_TRAIN[key] });
    const after = await stsSpearman(e, r.transform);
    out[name] = { frozen: before, cosentAdapter: after, gain: r4(after - before), training: summary(r) };
  }
  save('sts', { data: 'STS-B: train sts-train (5,749), early stopping on sts-dev (1,500), test sts-test (1,379)', adapter: 'linear', ...out });
}

async function partRetrieval() {
  const out = {};
  const train = await cranTrain();
  for (const [key, name] of [['glove', 'glove-100d'], ['minilm', 'minilm-l6']]) {
    const e = await model(name);
    const frozen = await cranNdcg(e);
    const row = { frozen };
    for (const hard of [0, 4]) {
      const r = await adaptEmbedder(e, train, { loss: 'mnrl', hardNegatives: hard, ...CRAN_TRAIN[key] });
      row[hard === 0 ? 'mnrl' : 'mnrlHard4'] = await cranNdcg(e, r.transform);
      row[hard === 0 ? 'trainingInBatch' : 'trainingHard4'] = summary(r);
    }
    out[name] = row;
  }
  save('retrieval', { data: `Cranfield BEIR: train queries ${TRAIN_Q} (${train.anchors.length} judged pairs; 10% held out for early stopping), test queries ${TEST_Q}, nDCG@10`, adapter: 'linear', ...out });
}

async function speed(e, texts, rounds = 3) {
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await e.embed(texts);
    best = Math.min(best, performance.now() - t0);
  }
  return Math.round(texts.length / (best / 1000));
}

async function partDistill() {
  const teacher = await model('minilm-l6');
  const student = await model('glove-100d');
  const teacherScore = await stsSpearman(teacher);
  const studentScore = await stsSpearman(student);
  const out = { teacher: teacherScore, student: studentScore };
  for (const [kind, extra] of [['linear', {}], ['mlp', { rank: 256 }]]) {
    const r = await adaptEmbedder(student, await stsSplit('train'), { loss: 'distill', teacher, adapter: kind, learningRate: 2e-3, epochs: 30, patience: 3, ...extra });
    const s = await stsSpearman(student, r.transform);
    out[kind] = { spearman: s, gapClosed: r4((s - studentScore) / (teacherScore - studentScore)), training: summary(r) };
    if (kind === 'linear') out.transform = r.transform;
  }
  // Speed: fresh embedders (no memo) on the STS-B test sentences.
  const texts = [...new Set((await stsSplit('test')).anchors)];
  const g = await createEmbedder('glove-100d');
  const m = await createEmbedder('minilm-l6');
  const { TransformedEmbedder } = await lib('embedders/transforms/transformed-embedder.js');
  const ga = new TransformedEmbedder(g, [out.transform]);
  out.sentencesPerSecond = { teacher: await speed(m, texts, 2), student: await speed(g, texts), studentWithAdapter: await speed(ga, texts) };
  delete out.transform;
  await g.dispose();
  await m.dispose();
  save('distill', { data: 'student glove-100d (mean) + adapter, teacher minilm-l6; MSE to the teacher in-batch cosines over the STS-B train pairs; STS-B test Spearman', ...out });
}

async function partMatryoshka() {
  const e = await model('minilm-l6');
  const dims = [32, 64, 128, 384];
  const rows = {};
  const stsTrain = await stsSplit('train');
  const stsDev = await stsSplit('dev');
  const cran = await cranTrain();
  const row = async (label, tSts, tCran) => {
    rows[label] = { sts: {}, cranfield: {} };
    for (const d of dims) {
      rows[label].sts[d] = await stsSpearman(e, tSts, d);
      rows[label].cranfield[d] = await cranNdcg(e, tCran, d);
    }
  };
  await row('frozen');
  const mrlTrain = { ...STS_TRAIN.minilm, epochs: 6 };
  const plainSts = await adaptEmbedder(e, stsTrain, { loss: 'cosent', dev: stsDev, ...mrlTrain });
  const mrlSts = await adaptEmbedder(e, stsTrain, { loss: 'cosent', dev: stsDev, matryoshka: ['32', '64', '128'], ...mrlTrain });
  const plainCran = await adaptEmbedder(e, cran, { loss: 'mnrl', hardNegatives: 4, ...CRAN_TRAIN.minilm });
  const mrlCran = await adaptEmbedder(e, cran, { loss: 'mnrl', hardNegatives: 4, matryoshka: ['32', '64', '128'], ...CRAN_TRAIN.minilm });
  await row('adapter', plainSts.transform, plainCran.transform);
  await row('adapterMatryoshka', mrlSts.transform, mrlCran.transform);
  save('matryoshka', { model: 'minilm-l6', data: 'STS-B test Spearman (CoSENT adapters) and Cranfield test-query nDCG@10 (MNRL, 4 hard negatives) at the first n dims', ...rows });
}

async function partMerge() {
  const { interpolateAdapters, selfPositioning } = await lib('analysis/adapters/merge-adapters.js');
  const { embedExamples } = await lib('analysis/adapters/adapt.js');
  const { trainAdapterTasks } = await lib('train/adapters/train-adapter.js');
  const { adapterTransform } = await lib('analysis/adapters/adapter-transform.js');
  const e = await model('glove-100d');
  const data = await cranfield();
  const cranTrainQ = retrievalExamples(data, inRange('1-100'));
  const cranDevQ = retrievalExamples(data, inRange('101-112'));
  const stsTrain = await stsSplit('train');
  const stsDev = await stsSplit('dev');
  const stsDevSmall = { ...stsDev, anchors: stsDev.anchors.slice(0, 500), positives: stsDev.positives.slice(0, 500), scores: stsDev.scores.slice(0, 500) };
  const sts = await adaptEmbedder(e, stsTrain, { loss: 'cosent', dev: stsDev, ...STS_TRAIN.glove });
  const cran = await adaptEmbedder(e, cranTrainQ, { loss: 'mnrl', hardNegatives: 4, ...CRAN_TRAIN.glove });
  const rows = {};
  const row = async (label, t, extra = {}) => (rows[label] = { sts: await stsSpearman(e, t), cranfield: await cranNdcg(e, t), ...extra });
  await row('frozen');
  await row('stsAdapter', sts.transform);
  await row('cranfieldAdapter', cran.transform);
  await row('average', interpolateAdapters([sts.transform, cran.transform]), { coefficients: [0.5, 0.5] });
  await row('sum', interpolateAdapters([sts.transform, cran.transform], [1, 1]), { coefficients: [1, 1] });
  const sp = await selfPositioning(e, [sts.transform, cran.transform], [{ data: stsDevSmall, loss: 'cosent' }, { data: cranDevQ, loss: 'mnrl', hardNegatives: 4 }], { steps: 40, learningRate: 0.05 });
  await row('selfPositioning', sp.transform, { coefficients: sp.coefficients.map(r4), devLoss: [r4(sp.loss[0]), r4(sp.loss.at(-1))] });
  const tasks = [
    { examples: await embedExamples(e, stsTrain, 'cosent', 0), loss: 'cosent', dev: await embedExamples(e, stsDev, 'cosent', 0) },
    { examples: await embedExamples(e, cranTrainQ, 'mnrl', 4), loss: 'mnrl', hardNegatives: 4, dev: await embedExamples(e, cranDevQ, 'mnrl', 4) },
  ];
  const joint = trainAdapterTasks(tasks, { shape: { kind: 'linear', dim: e.dim, width: 0 }, learningRate: 3e-3, epochs: 30, patience: 3, batchSize: 32 });
  await row('joint', adapterTransform(joint.shape, joint.parameters), { epochs: joint.epochs, bestEpoch: joint.bestEpoch });
  save('merge', {
    model: 'glove-100d',
    data: 'STS task: CoSENT on sts-train (early stop sts-dev); retrieval task: MNRL + 4 hard negatives on Cranfield queries 1-100 (10% held out); Self Positioning dev: first 500 sts-dev pairs + Cranfield queries 101-112; joint: both training sets, interleaved batches, early stop on sts-dev + queries 101-112; test: STS-B test Spearman, Cranfield queries 113-225 nDCG@10',
    ...rows,
  });
}

const PARTS = { sts: partSts, retrieval: partRetrieval, distill: partDistill, matryoshka: partMatryoshka, merge: partMerge };
for (const p of parts.length > 0 ? parts : Object.keys(PARTS)) {
  if (PARTS[p] === undefined) throw new Error(`unknown part ${p}`);
  await PARTS[p]();
}
for (const m of Object.values(models)) await m.dispose();
