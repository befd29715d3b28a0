/**
 * Task declarations for the evaluation sets of the data root (see ../shared/data/MANIFEST.md). A
 * declaration says what a task is — type, main score, files, split, license, citation — never how it runs.
 * Names follow MTEB where MTEB has the set.
 */
import { EmbedkitError } from '../errors.js';
import { defineTask } from './define-task.js';
import type { DataFormat, Suite, TaskDeclaration, TaskType } from './types.js';

const MAIN_SCORE: Record<TaskType, string> = {
  'word-similarity': 'spearman',
  analogy: 'accuracy',
  sts: 'cosine_spearman',
  'pair-classification': 'cosine_ap',
  classification: 'accuracy',
  clustering: 'v_measure',
  retrieval: 'ndcg_at_10',
  reranking: 'map',
};

export function mainScoreOf(type: TaskType): string {
  return MAIN_SCORE[type];
}

const WS_LICENSE = 'research use; see word-similarity/SOURCE.md (WS-353: CC BY 4.0, MEN: CC BY 2.0 per GluonNLP)';
const KIM = 'classification-senteval-kim';

function wordSim(name: string, file: string, description: string, citation: string): TaskDeclaration {
  return { name, type: 'word-similarity', description, mainScore: 'spearman', format: 'word-pairs', files: { test: `word-similarity/${file}` }, split: 'test', suites: ['word', 'all'], license: WS_LICENSE, citation };
}

/** A declaration with the type's main score and the test split unless told otherwise. */
function declare(type: TaskType, name: string, format: DataFormat, files: Record<string, string>, suites: Suite[], description: string, license: string, citation: string, extra: Partial<TaskDeclaration> = {}): TaskDeclaration {
  return { name, type, description, mainScore: MAIN_SCORE[type], format, files, split: 'test', suites, license, citation, ...extra };
}

/** A split of the STS Benchmark as shipped. */
function stsb(name: string, split: 'test' | 'dev', pairs: string, suites: Suite[], citation: string): TaskDeclaration {
  const description = `STS Benchmark ${split} split, ${pairs} pairs${split === 'test' ? ', gold 0–5' : ''}`;
  const license = 'scores CC BY-SA 4.0; sentences per-source licenses (sts-benchmark/LICENSE.txt)';
  return declare('sts', name, 'stsb', { test: `sts-benchmark/sts-${split}.csv` }, suites, description, license, citation, { split });
}

function senteval(name: string, files: Record<string, string>, description: string, citation: string, extra: Partial<TaskDeclaration> = {}): TaskDeclaration {
  return { name, type: 'classification', description, mainScore: 'accuracy', format: 'file-per-label', files, split: 'test', suites: ['sentence', 'all'], license: 'research use (original distributors; see classification-senteval-kim/SOURCE.md)', citation, ...extra };
}

const DECLARATIONS: readonly TaskDeclaration[] = [
  wordSim('WS353', 'EN-WS-353-ALL.txt', 'WordSim-353, all 353 pairs (relatedness and similarity)', 'Finkelstein et al. (2002), Placing search in context: the concept revisited, ACM TOIS'),
  wordSim('WS353-SIM', 'EN-WS-353-SIM.txt', 'WordSim-353 similarity subset (Agirre et al. 2009), 203 pairs', 'Agirre et al. (2009), A study on similarity and relatedness using distributional and WordNet-based approaches, NAACL'),
  wordSim('WS353-REL', 'EN-WS-353-REL.txt', 'WordSim-353 relatedness subset (Agirre et al. 2009), 252 pairs', 'Agirre et al. (2009), NAACL'),
  wordSim('MEN', 'EN-MEN-TR-3k.txt', 'MEN, 3,000 pairs', 'Bruni, Tran & Baroni (2014), Multimodal distributional semantics, JAIR'),
  wordSim('RG65', 'EN-RG-65.txt', 'Rubenstein & Goodenough, 65 noun pairs', 'Rubenstein & Goodenough (1965), Contextual correlates of synonymy, CACM'),
  wordSim('MC30', 'EN-MC-30.txt', 'Miller & Charles, 30 noun pairs', 'Miller & Charles (1991), Contextual correlates of semantic similarity, LCP'),
  wordSim('MTurk771', 'EN-MTurk-771.txt', 'MTurk-771 relatedness, 771 pairs', 'Halawi, Dror, Gabrilovich & Koren (2012), Large-scale learning of word relatedness with constraints, KDD'),
  declare('analogy', 'GoogleAnalogy', 'questions-words', { test: 'word-analogy/questions-words.txt' }, ['word', 'all'],
    'word2vec questions-words.txt: 19,544 questions in 14 sections (5 semantic, 9 syntactic)',
    'Apache-2.0 (word2vec project)',
    'Mikolov, Chen, Corrado & Dean (2013), Efficient Estimation of Word Representations in Vector Space, ICLR workshop'),
  declare('analogy', 'BATS', 'bats', { folder: 'word-analogy/BATS_3.0' }, ['all'],
    'BATS 3.0: 40 categories × 50 word pairs; every ordered pair of pairs in a category is a question (98,000)',
    'none stated (research dataset; cite the paper)',
    'Gladkova, Drozd & Matsuoka (2016), Analogy-based detection of morphological and semantic relations with word embeddings, NAACL SRW'),
  stsb('STSBenchmark', 'test', '1,379', ['sts', 'sentence', 'all'], 'Cer, Diab, Agirre, Lopez-Gazpio & Specia (2017), SemEval-2017 Task 1, SemEval'),
  stsb('STSBenchmark-dev', 'dev', '1,500', ['all'], 'Cer et al. (2017), SemEval'),
  declare('sts', 'SICK-R', 'sick', { test: 'sts-sick/SICK.txt' }, ['sts', 'sentence', 'all'],
    'SICK relatedness, all 9,840 pairs (as MTEB evaluates SICK-R)',
    'CC BY-NC-SA 3.0 (evaluation only)',
    'Marelli et al. (2014), A SICK cure for the evaluation of compositional distributional semantic models, LREC'),
  declare('sts', 'SICK-R-SemEval', 'sick', { test: 'sts-sick/SICK_test_annotated.txt' }, ['all'],
    'SICK relatedness, SemEval-2014 test split (4,927 pairs)',
    'CC BY-NC-SA 3.0 (evaluation only)',
    'Marelli et al. (2014), SemEval-2014 Task 1, SemEval'),
  declare('pair-classification', 'SICK-E-Pairs', 'sick-entailment', { test: 'sts-sick/SICK_test_annotated.txt' }, ['sentence', 'all'],
    'SICK entailment as pair classification: ENTAILMENT = 1, NEUTRAL/CONTRADICTION = 0 (SemEval test split)',
    'CC BY-NC-SA 3.0 (evaluation only)',
    'Marelli et al. (2014), SemEval-2014 Task 1, SemEval'),
  declare('classification', 'SST2', 'label-space', { train: `${KIM}/stsa.binary.train`, test: `${KIM}/stsa.binary.test` }, ['sentence', 'all'],
    'Stanford Sentiment Treebank, binary, sentence level: train 6,920 / test 1,821',
    'research use (no explicit license)',
    'Socher et al. (2013), Recursive deep models for semantic compositionality over a sentiment treebank, EMNLP'),
  senteval('MR', { positive: `${KIM}/raw/rt-polarity.pos`, negative: `${KIM}/raw/rt-polarity.neg` }, 'Movie-review sentiment, 10,662 sentences (Latin-1); 10-fold CV', 'Pang & Lee (2005), Seeing stars, ACL', { encoding: 'latin1' }),
  senteval('CR', { positive: `${KIM}/raw/custrev.pos`, negative: `${KIM}/raw/custrev.neg` }, 'Customer-review sentiment, 3,775 sentences; 10-fold CV', 'Hu & Liu (2004), Mining and summarizing customer reviews, KDD'),
  senteval('SUBJ', { subjective: `${KIM}/raw/subj.subjective`, objective: `${KIM}/raw/subj.objective` }, 'Subjectivity, 10,000 sentences (Latin-1); 10-fold CV', 'Pang & Lee (2004), A sentimental education, ACL', { encoding: 'latin1' }),
  senteval('MPQA', { positive: `${KIM}/raw/mpqa.pos`, negative: `${KIM}/raw/mpqa.neg` }, 'MPQA opinion polarity, 10,606 phrases; 10-fold CV', 'Wiebe, Wilson & Cardie (2005), Annotating expressions of opinions and emotions in language, LRE'),
  declare('classification', 'TREC', 'trec', { train: `${KIM}/raw/TREC.train`, test: `${KIM}/raw/TREC.test` }, ['sentence', 'all'],
    'TREC question type, 6 coarse classes: train 5,452 / test 500',
    'research use (Li & Roth, UIUC CogComp)',
    'Li & Roth (2002), Learning question classifiers, COLING'),
  declare('classification', 'Banking77Classification', 'text-category-csv', { train: 'classification-banking77/train.csv', test: 'classification-banking77/test.csv' }, ['sentence', 'all'],
    'Banking77 intents, 77 classes: train 10,003 / test 3,080; MTEB protocol (10 × 8 training examples per intent)',
    'CC BY 4.0',
    'Casanueva et al. (2020), Efficient Intent Detection with Dual Sentence Encoders, NLP4ConvAI',
    // MTEB's protocol (AbsTaskClassification defaults): 10 experiments × 8 training examples per intent
    { evalOptions: { samplesPerLabel: 8, experiments: 10 } }),
  declare('clustering', 'Banking77Clustering', 'text-category-csv', { test: 'classification-banking77/test.csv' }, ['sentence', 'all'],
    'Banking77 test queries clustered into 77 intents',
    'CC BY 4.0',
    'Casanueva et al. (2020), NLP4ConvAI'),
  declare('clustering', 'TRECClustering', 'trec', { test: `${KIM}/raw/TREC.test` }, ['sentence', 'all'],
    'TREC test questions clustered into the 6 coarse types',
    'research use (Li & Roth, UIUC CogComp)',
    'Li & Roth (2002), COLING'),
  declare('retrieval', 'Cranfield', 'beir', { folder: 'retrieval-cranfield/beir' }, ['sentence', 'all'],
    'Cranfield collection in BEIR layout: 1,400 abstracts, 225 queries, graded judgments 1–4',
    'none stated (long-standing free research collection)',
    'Cleverdon (1967), The Cranfield tests on index language devices, Aslib Proceedings'),
];

/** Every declared task, validated (`defineTask`). */
export const TASKS: readonly TaskDeclaration[] = DECLARATIONS.map(defineTask);

export function findTask(name: string): TaskDeclaration {
  const t = TASKS.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (t === undefined) {
    throw new EmbedkitError('BAD_OPTION', 'tasks', { expected: `task names: ${TASKS.map((x) => x.name).join(', ')}`, received: JSON.stringify(name), where: 'tasks' });
  }
  return t;
}

export function suiteTasks(suite: Suite): TaskDeclaration[] {
  return TASKS.filter((t) => t.suites.includes(suite));
}
