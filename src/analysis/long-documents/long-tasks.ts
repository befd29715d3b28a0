/**
 * LongEmbed's two synthetic retrieval tasks (Zhu et al. 2024), generated at a given document length in
 * tokens of the evaluated model:
 * - `passkey` (personalized passkey retrieval): every document is the passkey filler with one sentence
 *   "<name>'s pass key is <n>. Remember it. <n> is the pass key for <name>." inserted at a random sentence
 *   boundary; the query is "What is the pass key for <name>?".
 * - `needle` (needle-in-a-haystack retrieval): every document is a span of a book (Moby-Dick) starting at a
 *   random sentence, with one fact "The best thing to do in <city> is <activity>." inserted at a random
 *   boundary; the query is "What is the best thing to do in <city>?".
 * Every query has exactly one relevant document (its own); the candidates are the task's documents of that
 * length. Names, numbers, cities, activities and positions come from a seeded generator.
 */
import { badOption } from '../../errors.js';
import { seededRandom, shuffle } from '../../learn/random.js';
import type { RetrievalData } from '../../eval/types.js';
import { PASSKEY_FILLER } from './haystacks.js';

export type LongTask = 'passkey' | 'needle';
export const LONG_TASKS: readonly LongTask[] = ['passkey', 'needle'];

/** How a document longer than the model reads is embedded (see evaluate-long-documents.ts). */
export type LongMethod = 'truncate' | 'chunk-mean' | 'max-sim';
export const LONG_METHODS: readonly LongMethod[] = ['truncate', 'chunk-mean', 'max-sim'];

const FIRST = ['Alice', 'Bruno', 'Chiara', 'Dmitri', 'Elena', 'Farid', 'Greta', 'Hiro', 'Ingrid', 'Jonas', 'Kemal', 'Lucia', 'Mateo', 'Nadia', 'Oskar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tariq', 'Ursula', 'Viktor', 'Wanda', 'Xavier', 'Yusuf', 'Zofia'];
const LAST = ['Abbott', 'Becker', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hansen', 'Ivanova', 'Jensen', 'Kowalski', 'Larsen', 'Moreau', 'Novak', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Schmidt', 'Tanaka', 'Urban', 'Varga', 'Weber', 'Xu', 'Yilmaz', 'Zimmermann'];
const CITIES = [
  'Lisbon', 'Oslo', 'Nairobi', 'Kyoto', 'Lima', 'Tbilisi', 'Montreal', 'Hanoi', 'Marrakesh', 'Reykjavik', 'Valparaiso', 'Tallinn', 'Cusco', 'Zanzibar', 'Bergen', 'Porto', 'Krakow', 'Seville', 'Ljubljana', 'Dubrovnik',
  'Salzburg', 'Granada', 'Bruges', 'Havana', 'Istanbul', 'Cairo', 'Mumbai', 'Jaipur', 'Bangkok', 'Seoul', 'Taipei', 'Manila', 'Sydney', 'Hobart', 'Auckland', 'Wellington', 'Vancouver', 'Quebec', 'Boston', 'Chicago',
  'Austin', 'Denver', 'Seattle', 'Anchorage', 'Honolulu', 'Oaxaca', 'Bogota', 'Quito', 'Santiago', 'Montevideo', 'Helsinki', 'Riga', 'Vilnius', 'Gdansk', 'Prague', 'Vienna', 'Budapest', 'Zagreb', 'Sofia', 'Athens',
];
const ACTIVITIES = [
  'to eat a sandwich in the park on a sunny day', 'to ride the old tram to the lighthouse', 'to swim in the cold lake at dawn', 'to climb the clock tower at sunset', 'to buy warm bread at the harbour market',
  'to watch the fishermen mend their nets', 'to cycle along the river to the botanical garden', 'to play chess with strangers in the main square', 'to hear the street violinists after dinner', 'to take the ferry to the island of goats',
  'to drink mint tea on a rooftop', 'to walk the city walls before breakfast', 'to sketch the cathedral from the bridge', 'to paddle a canoe through the canals', 'to visit the museum of forgotten toys',
  'to eat dumplings at the night market', 'to hike up the volcano with a guide', 'to listen to jazz in a cellar bar', 'to pick cherries in the orchards outside town', 'to fly a kite on the windy beach',
  'to read in the old library courtyard', 'to feed the pigeons by the fountain', 'to watch the puppet theatre on Sundays', 'to sail a small boat around the bay', 'to taste cheese at the monastery',
  'to dance at the midsummer festival', 'to ski down the northern slope', 'to photograph the murals in the harbour district', 'to soak in the hot springs at night', 'to tour the chocolate factory',
  'to eat grilled sardines by the water', 'to ride a bicycle across the salt flats', 'to watch the sunrise from the hill fort', 'to learn to make pottery in the old quarter', 'to sing karaoke with the locals',
  'to row across the reservoir', 'to browse the second-hand bookshops', 'to watch the tide come in over the sandbanks', 'to eat ice cream in the rose garden', 'to follow the lantern parade in autumn',
];

/** A generated task at one length: the retrieval data and where each needle went. */
export interface LongTaskData extends RetrievalData {
  readonly task: LongTask;
  readonly length: number;
  /** Tokens of each document (model tokenizer, no special tokens). */
  readonly documentTokens: readonly number[];
  /** Relative position of each document's needle (0 = start, 1 = end). */
  readonly depth: readonly number[];
}

export interface LongTaskOptions {
  readonly task: LongTask;
  /** Target document length in model tokens. */
  readonly length: number;
  /** Documents (= queries). */
  readonly documents: number;
  readonly seed: number;
  /** Model tokens of a text (no special tokens). */
  readonly countTokens: (text: string) => number;
  /** Haystack sentences for `needle` (e.g. `mobyDickSentences()`). */
  readonly haystack?: readonly string[];
}

/** Needle sentence and query of document `i`. */
function needleOf(task: LongTask, i: number, rand: () => number, people: readonly string[], places: readonly number[]): { needle: string; query: string } {
  if (task === 'passkey') {
    const name = people[i]!;
    const key = String(10000 + Math.floor(rand() * 90000));
    return { needle: `${name}'s pass key is ${key}. Remember it. ${key} is the pass key for ${name}.`, query: `What is the pass key for ${name}?` };
  }
  const city = CITIES[places[i]!]!;
  const activity = ACTIVITIES[Math.floor(rand() * ACTIVITIES.length)]!;
  return { needle: `The best thing to do in ${city} is ${activity}.`, query: `What is the best thing to do in ${city}?` };
}

export function maxDocuments(task: LongTask): number {
  return task === 'passkey' ? FIRST.length * LAST.length : CITIES.length;
}

/** Generates one task at one length. */
export function generateLongTask(o: LongTaskOptions): LongTaskData {
  if (!Number.isInteger(o.length) || o.length < 16) throw badOption('lengths', 'integers ≥ 16 (tokens)', o.length);
  if (!Number.isInteger(o.documents) || o.documents < 1 || o.documents > maxDocuments(o.task)) throw badOption('documents', `an integer in 1..${maxDocuments(o.task)} for ${o.task}`, o.documents);
  const filler = o.task === 'passkey' ? PASSKEY_FILLER : o.haystack;
  if (filler === undefined || filler.length === 0) throw badOption('haystack', 'haystack sentences for the needle task', 'none');
  const rand = seededRandom(o.seed * 1_000_003 + o.length * 7 + (o.task === 'needle' ? 1 : 0));
  const people = shuffle(FIRST.flatMap((f) => LAST.map((l) => `${f} ${l}`)), rand);
  const places = shuffle(Array.from(CITIES.keys()), rand);
  const tokenCache = new Map<number, number>();
  const tokensAt = (k: number): number => {
    let n = tokenCache.get(k);
    if (n === undefined) tokenCache.set(k, (n = o.countTokens(filler[k]!)));
    return n;
  };
  const corpus: { id: string; text: string }[] = [];
  const queries: { id: string; text: string }[] = [];
  const qrels = new Map<string, Map<string, number>>();
  const documentTokens: number[] = [];
  const depth: number[] = [];
  for (let i = 0; i < o.documents; i++) {
    const { needle, query } = needleOf(o.task, i, rand, people, places);
    const budget = o.length - o.countTokens(needle);
    // filler sentences in order from a random start (the passkey filler cycles), until the budget is used
    let k = o.task === 'passkey' ? 0 : Math.floor(rand() * filler.length);
    const sentences: string[] = [];
    let used = 0;
    while (used < budget) {
      const n = tokensAt(k);
      if (used + n > budget && used > 0) break;
      sentences.push(filler[k]!);
      used += n;
      k = (k + 1) % filler.length;
    }
    const at = Math.floor(rand() * (sentences.length + 1));
    sentences.splice(at, 0, needle);
    const text = sentences.join(' ');
    const id = `${o.task}-${o.length}-${i}`;
    corpus.push({ id, text });
    queries.push({ id: `q-${id}`, text: query });
    qrels.set(`q-${id}`, new Map([[id, 1]]));
    documentTokens.push(o.countTokens(text));
    depth.push(sentences.length > 1 ? at / (sentences.length - 1) : 0);
  }
  return { task: o.task, length: o.length, corpus, queries, qrels, documentTokens, depth };
}
