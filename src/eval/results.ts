/**
 * Result files in MTEB's layout — `<dir>/<model>/<Task>.json` with `task_name`, `scores: {split:
 * [{main_score, …metrics, hf_subset, languages}]}`, `evaluation_time` — plus our version, the model
 * description and the sha256 of every data file read. Never NaN: undefined metrics are `null` (the
 * caller warned). Also the markdown summary and side-by-side comparison of two result folders.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { promises as fsp } from 'node:fs';
import { basename, join } from 'node:path';
import { EmbedkitError } from '../errors.js';
import type { EmbedderInfo } from '../embedders/embedder.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { packageRoot } from '../paths.js';
import type { Metrics, MetricValue, TaskResult, TaskType } from './types.js';

function embedkitVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Replaces non-finite numbers by null (recursively), calling `onNull(path)` for each. */
export function sanitizeMetrics(m: Record<string, unknown>, onNull: (key: string) => void, prefix = ''): Metrics {
  const out: Metrics = {};
  for (const [k, v] of Object.entries(m)) {
    if (typeof v === 'number') {
      if (Number.isFinite(v)) out[k] = v;
      else {
        out[k] = null;
        onNull(prefix + k);
      }
    } else if (typeof v === 'object' && v !== null) {
      out[k] = sanitizeMetrics(v as Record<string, unknown>, onNull, `${prefix}${k}.`) as Record<string, MetricValue>;
    } else if (v === null) out[k] = null;
  }
  return out;
}

/** Folder name for a model: a registry name as is, a path by its file name; unsafe characters become `_`. */
function modelDirName(model: string): string {
  const name = existsSync(model) ? basename(model) : model;
  return name.replace(/[\\/:*?"<>|\s]+/g, '__').replace(/^\.+/, '_') || 'model';
}

const short = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 8);

/**
 * The embedder settings that change vectors, as a folder suffix, so runs of one model with other settings
 * do not overwrite each other: `glove-100d` (mean pooling, the default), `glove-100d@sif`,
 * `all-MiniLM-L6-v2@mean-norm-d256-prompt3fa2c1d0`. Empty for a word-vector model with mean pooling.
 */
export function settingsKey(info: EmbedderInfo | { readonly model: string }): string {
  if (!('kind' in info)) return '';
  const parts: string[] = [];
  if (info.kind === 'static') {
    if (info.pooling !== 'mean') parts.push(info.pooling);
    if (info.pooling !== 'mean' && info.reference !== undefined) parts.push(`ref${info.reference.replace(/^\w+@/, '').slice(0, 8)}`);
  } else if (info.kind === 'onnx') {
    parts.push(info.pooling);
  }
  if (info.normalize && (info.kind !== 'onnx' || parts.length > 0)) parts.push('norm');
  if (info.kind === 'onnx') {
    if (info.variant !== undefined && info.variant !== 'default') parts.push(info.variant);
    if (info.precision !== undefined && info.precision !== 'float32') parts.push(info.precision);
  }
  if ((info.kind === 'onnx' || info.kind === 'remote') && info.truncateDim !== undefined) parts.push(`d${info.truncateDim}`);
  if (info.prompt !== undefined && info.prompt !== '') parts.push(`prompt${short(info.prompt)}`);
  if (info.transforms !== undefined && info.transforms.length > 0) parts.push(`t${short(info.transforms.join('+'))}`);
  return parts.join('-');
}

/** The result folder of a model run: `<model>` or `<model>@<settings>` (see `settingsKey`). */
export function resultDirName(model: string, info: EmbedderInfo | { readonly model: string }): string {
  const key = settingsKey(info);
  return key === '' ? modelDirName(model) : `${modelDirName(model)}@${key}`;
}

/** Version of the result file layout; readers refuse newer ones. */
export const RESULT_SCHEMA_VERSION = 1;

export interface ResultFile {
  readonly schema_version: typeof RESULT_SCHEMA_VERSION;
  readonly task_name: string;
  readonly task_type: TaskType;
  readonly dataset_revision: string;
  readonly dataset_checksum: Readonly<Record<string, string>>;
  readonly embedkit_version: string;
  readonly evaluation_time: number;
  readonly kg_co2_emissions: null;
  readonly model: EmbedderInfo | { readonly model: string };
  readonly scores: Record<string, Record<string, unknown>[]>;
}

export function toResultFile(r: TaskResult, model: EmbedderInfo | { readonly model: string }): ResultFile {
  const revision = createHash('sha256');
  for (const k of Object.keys(r.checksums).sort()) revision.update(`${k}\u0000${r.checksums[k]}\n`);
  return {
    schema_version: RESULT_SCHEMA_VERSION,
    task_name: r.task,
    task_type: r.type,
    dataset_revision: revision.digest('hex'),
    dataset_checksum: r.checksums,
    embedkit_version: embedkitVersion(),
    evaluation_time: r.evaluationTime,
    kg_co2_emissions: null,
    model,
    scores: { [r.split]: [{ main_score: r.mainScore, ...r.metrics, hf_subset: 'default', languages: ['eng-Latn'] }] },
  };
}

/** Writes one file per task (atomically); returns their paths. */
export async function writeResultFiles(dir: string, model: string, info: EmbedderInfo | { readonly model: string }, results: readonly TaskResult[]): Promise<string[]> {
  const folder = join(dir, resultDirName(model, info));
  const paths: string[] = [];
  for (const r of results) {
    const path = join(folder, `${r.task.replace(/[\\/:*?"<>|\s]+/g, '_')}.json`);
    await writeFileAtomic(path, JSON.stringify(toResultFile(r, info), null, 2) + '\n');
    paths.push(path);
  }
  return paths;
}

const fmt = (v: MetricValue | undefined): string => (v === null || v === undefined ? '—' : v.toFixed(4));

function mainMetricName(r: TaskResult): string {
  const hit = Object.entries(r.metrics).find(([, v]) => v === r.mainScore && r.mainScore !== null);
  return hit?.[0] ?? 'main_score';
}

/** Markdown table: task, type, main score (metric name), seconds. */
export function summaryTable(results: readonly TaskResult[]): string {
  const lines = ['| Task | Type | Main score | Metric | Time (s) |', '|---|---|---:|---|---:|'];
  for (const r of results) lines.push(`| ${r.task} | ${r.type} | ${fmt(r.mainScore)} | ${mainMetricName(r)} | ${r.evaluationTime.toFixed(1)} |`);
  return lines.join('\n');
}

export interface StoredResult {
  readonly task: string;
  readonly type: string;
  readonly split: string;
  readonly mainScore: MetricValue;
  /** Share of the task's items the model could score (word tasks: words in the vocabulary), when known. */
  readonly coverage?: number;
}

/** Reads every `*.json` result file of a folder (a model folder, or a folder holding one model folder). */
export async function readResultFolder(dir: string): Promise<Map<string, StoredResult>> {
  let entries: string[];
  try {
    entries = await fsp.readdir(dir);
  } catch (e) {
    throw new EmbedkitError('FILE_NOT_FOUND', 'results folder', { where: dir, cause: e });
  }
  let files = entries.filter((f) => f.endsWith('.json'));
  if (files.length === 0) {
    const subdirs: string[] = [];
    for (const e of entries) if ((await fsp.stat(join(dir, e))).isDirectory()) subdirs.push(e);
    if (subdirs.length === 1) return readResultFolder(join(dir, subdirs[0]!));
    throw new EmbedkitError('EMPTY_INPUT', 'results folder', { expected: 'result files <Task>.json (or one model folder holding them)', received: subdirs.length > 1 ? `${subdirs.length} model folders` : 'none', where: dir });
  }
  files = files.sort();
  const out = new Map<string, StoredResult>();
  for (const f of files) {
    const path = join(dir, f);
    const r = parseResultFile(await fsp.readFile(path, 'utf8').catch((e: unknown) => {
      throw new EmbedkitError('FILE_NOT_FOUND', 'result file', { where: path, received: e instanceof Error ? e.message : String(e) });
    }), path);
    out.set(r.task, r);
  }
  return out;
}

/** One result file, checked field by field (a wrong type is an error naming the file and field). */
export function parseResultFile(text: string, path: string): StoredResult {
  const bad = (field: string, expected: string, received: unknown): EmbedkitError =>
    new EmbedkitError('FORMAT_ERROR', `result file field ${field}`, { expected, received: received === undefined ? 'nothing' : (JSON.stringify(received) ?? String(received)).slice(0, 80), where: path });
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch (e) {
    throw new EmbedkitError('FORMAT_ERROR', 'result file', { expected: 'JSON', received: e instanceof Error ? e.message : String(e), where: path });
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw bad('(top level)', 'a JSON object', Array.isArray(o) ? 'an array' : o);
  const r = o as Record<string, unknown>;
  const version = r['schema_version'];
  if (version !== undefined && version !== RESULT_SCHEMA_VERSION) throw bad('schema_version', `${RESULT_SCHEMA_VERSION} (or none, written before versions)`, version);
  if (typeof r['task_name'] !== 'string') throw bad('task_name', 'a string', r['task_name']);
  if (r['task_type'] !== undefined && typeof r['task_type'] !== 'string') throw bad('task_type', 'a string', r['task_type']);
  const scores = r['scores'];
  if (typeof scores !== 'object' || scores === null || Array.isArray(scores)) throw bad('scores', 'an object {split: [{main_score, …}]}', scores);
  const split = Object.keys(scores)[0];
  if (split === undefined) throw bad('scores', 'at least one split', scores);
  const entries = (scores as Record<string, unknown>)[split];
  if (!Array.isArray(entries) || entries.length === 0) throw bad(`scores.${split}`, 'a non-empty array', entries);
  const first = entries[0] as unknown;
  if (typeof first !== 'object' || first === null || Array.isArray(first)) throw bad(`scores.${split}[0]`, 'an object with main_score', first);
  const ms = (first as Record<string, unknown>)['main_score'];
  if (ms !== null && (typeof ms !== 'number' || !Number.isFinite(ms))) throw bad(`scores.${split}[0].main_score`, 'a number or null', ms);
  const m = first as Record<string, unknown>;
  const coverage = typeof m['coverage'] === 'number' ? m['coverage'] : typeof m['oov_ratio'] === 'number' ? 1 - m['oov_ratio'] : undefined;
  return { task: r['task_name'], type: typeof r['task_type'] === 'string' ? r['task_type'] : '', split, mainScore: ms, ...(coverage !== undefined && Number.isFinite(coverage) ? { coverage } : {}) };
}

const pct = (v: number | undefined): string => (v === undefined ? '—' : `${(100 * v).toFixed(1)}%`);

/**
 * Side-by-side markdown table of two result folders' main scores (Δ = B − A); with coverage columns when
 * a task reports how much of it the model could score (word tasks: a score over fewer words is not the same
 * score).
 */
export function compareTable(a: ReadonlyMap<string, StoredResult>, b: ReadonlyMap<string, StoredResult>, nameA: string, nameB: string): string {
  const tasks = [...new Set([...a.keys(), ...b.keys()])].sort();
  const withCoverage = tasks.some((t) => a.get(t)?.coverage !== undefined || b.get(t)?.coverage !== undefined);
  const head = withCoverage ? `| Task | Type | ${nameA} | ${nameB} | Δ | coverage ${nameA} | coverage ${nameB} |` : `| Task | Type | ${nameA} | ${nameB} | Δ |`;
  const lines = [head, withCoverage ? '|---|---|---:|---:|---:|---:|---:|' : '|---|---|---:|---:|---:|'];
  for (const t of tasks) {
    const x = a.get(t)?.mainScore ?? null;
    const y = b.get(t)?.mainScore ?? null;
    const delta = x !== null && y !== null ? `${y - x >= 0 ? '+' : ''}${(y - x).toFixed(4)}` : '—';
    const cov = withCoverage ? ` ${pct(a.get(t)?.coverage)} | ${pct(b.get(t)?.coverage)} |` : '';
    lines.push(`| ${t} | ${a.get(t)?.type || b.get(t)?.type || ''} | ${fmt(x)} | ${fmt(y)} | ${delta} |${cov}`);
  }
  return lines.join('\n');
}

export function compareJson(a: ReadonlyMap<string, StoredResult>, b: ReadonlyMap<string, StoredResult>): { task: string; a: MetricValue; b: MetricValue; delta: MetricValue; coverageA: number | null; coverageB: number | null }[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort().map((t) => {
    const x = a.get(t)?.mainScore ?? null;
    const y = b.get(t)?.mainScore ?? null;
    return { task: t, a: x, b: y, delta: x !== null && y !== null ? y - x : null, coverageA: a.get(t)?.coverage ?? null, coverageB: b.get(t)?.coverage ?? null };
  });
}
