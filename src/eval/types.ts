/**
 * Evaluation vocabulary: task types, task declarations (MTEB style: what a task is, separate from how it
 * runs), loaded data shapes and results.
 */
import type { Matrix } from '../math/matrix.js';
import type { KeyedVectors } from '../vectors/keyed-vectors.js';

export type TaskType = 'word-similarity' | 'analogy' | 'sts' | 'pair-classification' | 'classification' | 'clustering' | 'retrieval' | 'reranking';
export const TASK_TYPES: readonly TaskType[] = ['word-similarity', 'analogy', 'sts', 'pair-classification', 'classification', 'clustering', 'retrieval', 'reranking'];

export type Suite = 'word' | 'sts' | 'sentence' | 'all';
export const SUITES: readonly Suite[] = ['word', 'sts', 'sentence', 'all'];

/** How a task's files are laid out (one loader per format). */
export type DataFormat =
  | 'word-pairs' // w1 w2 score
  | 'questions-words' // word2vec analogy file
  | 'bats' // BATS 3.0 category folder: word<TAB>answer1/answer2
  | 'sts-tsv' // s1<TAB>s2<TAB>score
  | 'sts-jsonl' // {sentence1, sentence2, score}
  | 'stsb' // STS Benchmark as shipped
  | 'sick' // SICK files as shipped (header row; relatedness_score)
  | 'sick-entailment' // SICK as pair classification: ENTAILMENT = 1, else 0
  | 'pairs-tsv' // s1<TAB>s2<TAB>0|1
  | 'label-tsv' // label<TAB>text
  | 'labeled-jsonl' // {text, label}
  | 'label-space' // SST: "label sentence"
  | 'file-per-label' // one file per label (the role name), one text a line: MR, CR, SUBJ, MPQA
  | 'trec' // COARSE:fine question
  | 'text-category-csv' // CSV with header text,category
  | 'beir' // corpus.jsonl, queries.jsonl, qrels/<split>.tsv
  | 'reranking-jsonl' // {query, positive: [...], negative: [...]}
  | 'inline'; // data given in the declaration itself (`inline`), no files

export const DATA_FORMATS: readonly DataFormat[] = [
  'word-pairs',
  'questions-words',
  'bats',
  'sts-tsv',
  'sts-jsonl',
  'stsb',
  'sick',
  'sick-entailment',
  'pairs-tsv',
  'label-tsv',
  'labeled-jsonl',
  'label-space',
  'file-per-label',
  'trec',
  'text-category-csv',
  'beir',
  'reranking-jsonl',
  'inline',
];

export type Encoding = 'utf8' | 'latin1';

export interface TaskDeclaration {
  readonly name: string;
  readonly type: TaskType;
  readonly description: string;
  /** Metric key reported as `main_score`. */
  readonly mainScore: string;
  readonly format: DataFormat;
  /**
   * Files (or folders) relative to the data root, by role: `test` (the evaluated split), `train`
   * (classification), `folder` (BEIR, BATS); for `file-per-label` every role is a label name.
   */
  readonly files: Readonly<Record<string, string>>;
  /** Split name written in result files. */
  readonly split: string;
  readonly suites: readonly Suite[];
  readonly encoding?: Encoding;
  readonly license: string;
  readonly citation: string;
  /** Format `inline`: the data itself (small tasks: tests, examples, data built in code). */
  readonly inline?: TaskData;
  /** Evaluation settings the task's protocol fixes (e.g. MTEB's classification sampling); explicit options win. */
  readonly evalOptions?: Readonly<Pick<EvalOptions, 'samplesPerLabel' | 'experiments'>>;
}

export interface WordPairs {
  readonly w1: readonly string[];
  readonly w2: readonly string[];
  readonly gold: Float64Array;
}

export interface AnalogyQuestions {
  readonly sectionNames: readonly string[];
  /** Section of each question (index into `sectionNames`). */
  readonly section: Int32Array;
  readonly a: readonly string[];
  readonly b: readonly string[];
  readonly c: readonly string[];
  /** Accepted answers (Google: one; BATS: several). */
  readonly d: readonly (readonly string[])[];
  /** Sections counted as semantic (the rest are syntactic), when the set makes that split. */
  readonly semantic?: ReadonlySet<number>;
}

export interface SentencePairs {
  readonly s1: readonly string[];
  readonly s2: readonly string[];
  /** Gold similarity (sts) or 0/1 label (pair-classification). */
  readonly score: Float64Array;
}

export interface LabeledTexts {
  readonly texts: readonly string[];
  readonly labels: readonly string[];
}

export interface ClassificationData {
  readonly train?: LabeledTexts;
  readonly test: LabeledTexts;
}

export interface RetrievalData {
  readonly corpus: readonly { readonly id: string; readonly text: string }[];
  readonly queries: readonly { readonly id: string; readonly text: string }[];
  readonly qrels: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

export interface RerankingData {
  readonly samples: readonly { readonly query: string; readonly positive: readonly string[]; readonly negative: readonly string[] }[];
}

export type TaskData =
  | { readonly type: 'word-similarity'; readonly data: WordPairs }
  | { readonly type: 'analogy'; readonly data: AnalogyQuestions }
  | { readonly type: 'sts'; readonly data: SentencePairs }
  | { readonly type: 'pair-classification'; readonly data: SentencePairs }
  | { readonly type: 'classification'; readonly data: ClassificationData }
  | { readonly type: 'clustering'; readonly data: LabeledTexts }
  | { readonly type: 'retrieval'; readonly data: RetrievalData }
  | { readonly type: 'reranking'; readonly data: RerankingData };

/** The data shape of a task type. */
export type DataOf<T extends TaskType> = Extract<TaskData, { readonly type: T }>['data'];

/** A metric value; `null` where undefined (written instead of NaN, with a warning). */
export type MetricValue = number | null;
export type Metrics = Record<string, MetricValue | Record<string, MetricValue>>;

export interface TaskScores {
  readonly mainScore: number;
  readonly metrics: Record<string, number | Record<string, number>>;
}

export interface EvalOptions {
  /** Analogy: answer only from (and require questions within) the first N rows. Default 300,000. */
  readonly restrictVocab?: number;
  /** Word similarity: `skip` OOV pairs (default) or score them 0 (`dummy`). */
  readonly oov?: 'skip' | 'dummy';
  /** Analogy scoring methods (default both). */
  readonly analogyMethods?: readonly ('add' | 'mul')[];
  readonly seed?: number;
  /** Cross-validation folds for single-file classification (default 10). */
  readonly folds?: number;
  /**
   * Classification with a train split, MTEB's protocol: train on `samplesPerLabel` examples of each label
   * drawn from the train split (numpy's seeded stream, as MTEB), `experiments` times, and report the mean.
   * Unset: train on the whole train split once.
   */
  readonly samplesPerLabel?: number;
  /** Number of MTEB classification experiments (default 10 when `samplesPerLabel` is set). */
  readonly experiments?: number;
  /** k-means restarts (default 10). */
  readonly restarts?: number;
  readonly skipBadRows?: boolean;
  /** Overrides every data file's encoding (`auto`: UTF-8, else Latin-1). */
  readonly encoding?: Encoding | 'auto';
}

/** What a runner gets besides its data. */
export interface RunContext {
  /** Word vectors of the model, if it has them (static models). */
  readonly vectors: KeyedVectors | undefined;
  /** Embeds texts through the run's shared cache. */
  embed(texts: readonly string[]): Promise<Matrix>;
  readonly options: EvalOptions;
  warn(message: string): void;
  progress?(done: number, total: number): void;
}

export interface TaskResult {
  readonly task: string;
  readonly type: TaskType;
  readonly split: string;
  readonly mainScore: MetricValue;
  readonly metrics: Metrics;
  /** Seconds. */
  readonly evaluationTime: number;
  /** sha256 of each data file read, by path relative to the data root (or as given). */
  readonly checksums: Readonly<Record<string, string>>;
}
