/**
 * Loads the lexicon a retrofitting run names (retrofit-options.ts): WordNet relations, WordNet's noun
 * hierarchy, or a user file (edge list or Faruqui's adjacency lines).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hierarchyLexicon } from './hierarchy.js';
import { readAdjacencyLexicon, readEdgeList, type Lexicon } from './lexicon.js';
import type { LexiconSource } from './retrofit-options.js';
import { loadWordNet, WORDNET_FILES, wordnetDbPath, type WordNetPos } from './wordnet.js';
import { wordnetLexicon } from './wordnet-lexicon.js';

/** The parts of speech a WordNet folder has (a custom folder may hold only some; the package has all four). */
function partsIn(dir: string, wanted: readonly WordNetPos[]): WordNetPos[] {
  return wanted.filter((p) => existsSync(join(dir, `data.${WORDNET_FILES[p]}`)));
}

export async function loadLexicon(source: LexiconSource): Promise<Lexicon> {
  if (source.kind === 'file') return source.format === 'adjacency' ? readAdjacencyLexicon(source.path) : readEdgeList(source.path, { directed: source.directed });
  const dir = source.dir ?? wordnetDbPath();
  if (source.kind === 'hierarchy') return hierarchyLexicon(await loadWordNet(dir, ['n']), source.options);
  const parts = source.dir === undefined ? (['n', 'v', 'a', 'r'] as const) : partsIn(dir, ['n', 'v', 'a', 'r']);
  return wordnetLexicon(await loadWordNet(dir, parts.length > 0 ? parts : ['n']), source.relations);
}
