/** The options of data–text matching, declared once (library and CLI validate them the same way). */
import { choiceOption, intOption, numberOption, stringOption } from '../../options/option-spec.js';
import { validateOptions } from '../../options/validate.js';
import { ROW_TEXTS, type RowText } from './embed-match.js';

export type MatchMethod = 'embed' | 'graph';
export const MATCH_METHODS: readonly MatchMethod[] = ['embed', 'graph'];

export const MATCH_OPTIONS = {
  k: intOption(1, 10_000, 'texts returned per row', { default: 5 }),
  method: choiceOption(MATCH_METHODS, 'embed: a pretrained model embeds rows and texts; graph: word2vec on random walks over a row–value–token–text graph', { default: 'embed' }),
  leftId: stringOption('column holding the row ids (default: a column named id when present, else the row number)', { valueName: 'column' }),
  rightId: stringOption('field holding the text ids (default: a field named id when present, else the line number)', { valueName: 'field' }),
  rightText: stringOption('field / column holding the texts (default text)', { valueName: 'field' }),
  rowText: choiceOption(ROW_TEXTS, 'embed: a row as one text (`column: value; …`) or its cells embedded one by one and averaged', { default: 'serialize' }),
  walks: intOption(1, 1000, 'graph: random walks started from every node', { default: 10 }),
  walkLength: intOption(2, 1000, 'graph: nodes per walk', { default: 20 }),
  graphDim: intOption(2, 2048, 'graph: size of the node vectors', { default: 100 }),
  graphEpochs: intOption(1, 1000, 'graph: word2vec passes over the walks', { default: 5 }),
  maxTextShare: numberOption(0, 1, 'graph: tokens in more than this share of the texts are left out of the graph', { default: 0.1 }),
  seed: intOption(0, 2 ** 31 - 1, 'graph: random seed (walks and training)', { default: 1 }),
} as const;

export interface MatchSettings {
  readonly k: number;
  readonly method: MatchMethod;
  readonly leftId?: string;
  readonly rightId?: string;
  readonly rightText?: string;
  readonly rowText: RowText;
  readonly walks: number;
  readonly walkLength: number;
  readonly graphDim: number;
  readonly graphEpochs: number;
  readonly maxTextShare: number;
  readonly seed: number;
}

export function matchSettings(raw: Readonly<Record<string, unknown>>): MatchSettings {
  const o = validateOptions(MATCH_OPTIONS, raw);
  return {
    k: o.k ?? 5,
    method: o.method ?? 'embed',
    ...(o.leftId !== undefined ? { leftId: o.leftId } : {}),
    ...(o.rightId !== undefined ? { rightId: o.rightId } : {}),
    ...(o.rightText !== undefined ? { rightText: o.rightText } : {}),
    rowText: o.rowText ?? 'serialize',
    walks: o.walks ?? 10,
    walkLength: o.walkLength ?? 20,
    graphDim: o.graphDim ?? 100,
    graphEpochs: o.graphEpochs ?? 5,
    maxTextShare: o.maxTextShare ?? 0.1,
    seed: o.seed ?? 1,
  };
}
