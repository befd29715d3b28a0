/**
 * Matching tables and text: row reading and serialization, the row–value–token–text graph and its walks,
 * MRR / P@1, both methods on a small case with an obvious answer, the WordNet task, and `embedkit match`.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { embedMatch } from '../../src/analysis/matching/embed-match.js';
import { buildMatchGraph, graphMatch, randomWalks } from '../../src/analysis/matching/graph-match.js';
import { matchScores } from '../../src/analysis/matching/match-result.js';
import { readMatchTexts, readTableRows, serializeRow, tableRows, type MatchText, type TableRow } from '../../src/analysis/matching/table.js';
import { glossDefinition, wordnetMatchingTask } from '../../src/analysis/matching/wordnet-matching.js';
import { createEmbedder } from '../../src/embedders/create-embedder.js';
import { cosine } from '../../src/math/kernels.js';
import { row } from '../../src/math/matrix.js';
import { lastJson, oneErrorLine, runCli, tempDir } from '../helpers.js';

const ROWS: TableRow[] = [
  { id: 'r1', cells: [['name', 'Lionel Messi'], ['country', 'Argentina'], ['sport', 'football']] },
  { id: 'r2', cells: [['name', 'Serena Williams'], ['country', 'USA'], ['sport', 'tennis']] },
  { id: 'r3', cells: [['name', 'Usain Bolt'], ['country', 'Jamaica'], ['sport', 'sprinting']] },
  { id: 'r4', cells: [['name', 'Magnus Carlsen'], ['country', 'Norway'], ['sport', 'chess']] },
];
const TEXTS: MatchText[] = [
  { id: 'a', text: 'Bolt, the sprinting champion from Jamaica, set world records.' },
  { id: 'b', text: 'Williams, a tennis champion from the USA, won many titles.' },
  { id: 'c', text: 'Carlsen from Norway became the chess world champion.' },
  { id: 'd', text: 'Messi from Argentina won the football World Cup.' },
];
const GOLD = new Map([['r1', 'd'], ['r2', 'b'], ['r3', 'a'], ['r4', 'c']]);

describe('table rows and texts', () => {
  it('serializes a row as column: value pairs', () => {
    assert.equal(serializeRow(ROWS[0]!), 'name: Lionel Messi; country: Argentina; sport: football');
  });

  it('takes ids from the id column, a named column or the row number, and rejects repeated or missing ids', () => {
    const recs = [{ fields: { id: 'x', a: '1', b: '' }, line: 2 }, { fields: { id: 'y', a: '2', b: 'z' }, line: 3 }];
    assert.deepEqual(tableRows(recs, 'f.csv'), [{ id: 'x', cells: [['a', '1']] }, { id: 'y', cells: [['a', '2'], ['b', 'z']] }]);
    assert.deepEqual(tableRows(recs, 'f.csv', 'a').map((r) => r.id), ['1', '2']);
    assert.deepEqual(tableRows([{ fields: { a: 'p' }, line: 2 }, { fields: { a: 'q' }, line: 3 }], 'f.csv').map((r) => r.id), ['1', '2']);
    assert.throws(() => tableRows(recs, 'f.csv', 'sku'), (e: Error) => /sku/.test(e.message) && /f\.csv/.test(e.message));
    assert.throws(() => tableRows([...recs, { fields: { id: 'x', a: '3', b: '' }, line: 4 }], 'f.csv'), /"x" twice/);
  });

  it('reads CSV and JSONL tables and text files', async () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir.path, 'rows.csv'), 'sku,title,color\n7,"Chair, oak",brown\n8,Lamp,white\n');
      writeFileSync(join(dir.path, 'rows.jsonl'), '{"id": 1, "tags": ["a", "b"], "n": 3}\n\n{"id": 2, "tags": [], "n": null}\n');
      writeFileSync(join(dir.path, 'texts.jsonl'), '{"doc": "d1", "body": "an oak chair"}\n{"doc": "d2", "body": "a white lamp"}\n');
      assert.deepEqual(await readTableRows(join(dir.path, 'rows.csv'), 'sku'), [{ id: '7', cells: [['title', 'Chair, oak'], ['color', 'brown']] }, { id: '8', cells: [['title', 'Lamp'], ['color', 'white']] }]);
      assert.deepEqual(await readTableRows(join(dir.path, 'rows.jsonl')), [{ id: '1', cells: [['tags', 'a, b'], ['n', '3']] }, { id: '2', cells: [] }]);
      assert.deepEqual(await readMatchTexts(join(dir.path, 'texts.jsonl'), { idField: 'doc', textField: 'body' }), [{ id: 'd1', text: 'an oak chair' }, { id: 'd2', text: 'a white lamp' }]);
    } finally {
      dir.cleanup();
    }
  });
});

describe('MRR and P@1', () => {
  it('averages reciprocal ranks of the gold text (0 when it is not returned) over rows with a gold text', () => {
    const m = matchScores(
      [
        { left: 'r1', results: [{ id: 'd', score: 0.9 }, { id: 'a', score: 0.1 }] },
        { left: 'r2', results: [{ id: 'a', score: 0.9 }, { id: 'b', score: 0.5 }] },
        { left: 'r3', results: [{ id: 'b', score: 0.9 }, { id: 'c', score: 0.5 }] },
        { left: 'r9', results: [{ id: 'b', score: 0.9 }] },
      ],
      GOLD,
    );
    assert.deepEqual(m, { mrr: (1 + 0.5 + 0) / 3, precisionAt1: 1 / 3, rows: 3 });
  });
});

describe('the matching graph', () => {
  it('links rows to values, values and texts to the tokens both sides share, and no hub tokens', () => {
    const rows: TableRow[] = [{ id: 'x', cells: [['a', 'red apple'], ['b', 'fruit']] }, { id: 'y', cells: [['a', 'green pear'], ['b', 'fruit']] }];
    const texts: MatchText[] = [{ id: 'p', text: 'A red apple.' }, { id: 'q', text: 'A green pear.' }, { id: 'r', text: 'A banana.' }];
    const g = buildMatchGraph(rows, texts, 0.5);
    // nodes: 2 rows, 3 texts, 3 values (red apple, fruit, green pear), tokens red/apple/green/pear ("a" is in every text, "fruit" in none)
    assert.deepEqual(g.names, ['r0', 'r1', 'p0', 'p1', 'p2', 'v0', 'v1', 'v2', 't0', 't1', 't2', 't3']);
    const nb = (name: string): string[] => [...g.neighbors[g.names.indexOf(name)]!].map((i) => g.names[i]!).sort();
    assert.deepEqual(nb('r0'), ['v0', 'v1']);
    assert.deepEqual(nb('v1'), ['r0', 'r1']);
    assert.deepEqual(nb('p0'), ['t0', 't1']);
    assert.deepEqual(nb('p2'), []);
    assert.deepEqual(nb('t0'), ['p0', 'v0']);
    const walks = randomWalks(g, 3, 6, 7);
    assert.equal(walks.length, 3 * (g.names.length - 1)); // p2 has no neighbour
    for (const w of walks) {
      assert.equal(w.length, 6);
      for (let s = 1; s < w.length; s++) assert.ok(nb(w[s - 1]!).includes(w[s]!), `${w[s - 1]} → ${w[s]}`);
    }
    assert.deepEqual(randomWalks(g, 3, 6, 7), walks);
  });

  it('matches rows to the texts that share their values (word2vec on walks)', async () => {
    const matches = await graphMatch(ROWS, TEXTS, { k: 4, seed: 3, threads: 1, walks: 40, epochs: 10, dim: 32, maxTextShare: 0.5 });
    assert.equal(matches.length, 4);
    assert.deepEqual(matches.map((m) => m.results.length), [4, 4, 4, 4]);
    assert.equal(matchScores(matches, GOLD).precisionAt1, 1);
  });
});

describe('the embedding baseline', () => {
  it('matches serialized rows and averaged cells; cells mode is the mean of unit cell vectors', async () => {
    const e = await createEmbedder('glove-100d');
    try {
      const serialized = await embedMatch(e, ROWS, TEXTS, { k: 2 });
      assert.equal(matchScores(serialized, GOLD).precisionAt1, 1);
      const cells = await embedMatch(e, ROWS, TEXTS, { k: 4, rowText: 'columns' });
      assert.equal(matchScores(cells, GOLD).precisionAt1, 1);
      // recompute r1 → d by hand
      const m = await e.embed([...ROWS[0]!.cells.map(([c, v]) => `${c}: ${v}`), TEXTS[3]!.text]);
      const mean = new Float32Array(m.dim);
      for (let i = 0; i < 3; i++) {
        const v = row(m, i);
        const n = Math.hypot(...v);
        v.forEach((x, j) => (mean[j]! += x / n / 3));
      }
      const best = cells[0]!.results.find((r) => r.id === 'd')!;
      assert.ok(Math.abs(best.score - cosine(mean, row(m, 3))) < 1e-5);
    } finally {
      await e.dispose();
    }
  });
});

describe('the WordNet matching task', () => {
  it('keeps the definition of a gloss', () => {
    assert.equal(glossDefinition('a member of the genus Canis; "the dog barked all night"'), 'a member of the genus Canis');
    assert.equal(glossDefinition('true bugs'), 'true bugs');
  });

  it('builds rows of lemmas, category and hypernyms, each with its own definition as gold', async () => {
    const t = await wordnetMatchingTask({ size: 30, seed: 5 });
    assert.equal(t.rows.length, 30);
    assert.equal(t.texts.length, 30);
    assert.deepEqual(new Set(t.gold.values()).size, 30);
    for (const r of t.rows) {
      assert.deepEqual(r.cells.map(([c]) => c), ['lemmas', 'category', 'hypernyms']);
      assert.match(r.id, /^n:\d{8}$/);
      assert.doesNotMatch(r.cells[1]![1], /noun\.|unknown/);
      assert.ok(r.cells[2]![1].length > 0);
    }
    const dog = await wordnetMatchingTask({ size: 30, seed: 5 });
    assert.deepEqual(dog.texts, t.texts);
  });
});

describe('embedkit match', () => {
  it('prints {matches: [{left, results: [{id, score}]}]} with --json, for both methods', async () => {
    const dir = tempDir();
    try {
      const left = join(dir.path, 'rows.csv');
      const right = join(dir.path, 'texts.jsonl');
      writeFileSync(left, 'player,name,country,sport\n' + ROWS.map((r) => [r.id, ...r.cells.map(([, v]) => v)].join(',')).join('\n') + '\n');
      writeFileSync(right, TEXTS.map((t) => JSON.stringify({ key: t.id, text: t.text })).join('\n') + '\n');
      const r = await runCli(['match', '--left', left, '--right', right, '--left-id', 'player', '--right-id', 'key', '-k', '2', '--model', 'glove-100d', '--json']);
      assert.equal(r.code, 0, r.stderr);
      const j = lastJson<{ matches: { left: string; results: { id: string; score: number }[] }[] }>(r.stdout);
      assert.deepEqual(Object.keys(j), ['matches']);
      assert.deepEqual(j.matches.map((m) => [m.left, m.results[0]!.id, m.results.length]), [['r1', 'd', 2], ['r2', 'b', 2], ['r3', 'a', 2], ['r4', 'c', 2]]);
      for (const m of j.matches) assert.deepEqual(Object.keys(m.results[0]!), ['id', 'score']);
      const g = await runCli(['match', '--left', left, '--right', right, '--left-id', 'player', '--right-id', 'key', '--method', 'graph', '--walks', '5', '--json']);
      assert.equal(g.code, 0, g.stderr);
      assert.equal(lastJson<{ matches: unknown[] }>(g.stdout).matches.length, 4);
      const bad = await runCli(['match', '--left', left, '--right', right, '--left-id', 'sku']);
      assert.equal(bad.code, 1);
      oneErrorLine(bad.stderr);
      assert.match(bad.stderr, /sku/);
    } finally {
      dir.cleanup();
    }
  });
});
