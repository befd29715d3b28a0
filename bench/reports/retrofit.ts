/**
 * Retrofitting report (docs/retrofitting.md): word similarity and analogy on `--model` (default
 * glove-100d) before and after retrofitting (Faruqui et al. 2015, 10 iterations, α = 1, β = 1/degree) to
 * WordNet synonyms, synonyms + hypernyms + hyponyms, and the hierarchy-aware lexicon; plus the
 * sibling-vs-cousin check on WordNet's noun hierarchy.
 *   node dist/bench/reports/retrofit.js [--model glove-100d] [--json out.json]
 */
import { writeFileSync } from 'node:fs';
import { hierarchyLexicon } from '../../src/analysis/retrofit/hierarchy.js';
import { retrofit } from '../../src/analysis/retrofit/retrofit.js';
import { taxonomyCheck, taxonomyTriples } from '../../src/analysis/retrofit/taxonomy-check.js';
import { loadWordNet } from '../../src/analysis/retrofit/wordnet.js';
import { wordnetLexicon } from '../../src/analysis/retrofit/wordnet-lexicon.js';
import type { Lexicon } from '../../src/analysis/retrofit/lexicon.js';
import { loadVectors } from '../../src/vectors/load.js';
import { flags, fmt, markdown, signed, wordScores, WORD_SIM_TASKS } from './common.js';

const f = flags();
const model = f.get('model') ?? 'glove-100d';
const kv = await loadVectors(model);
const wn = await loadWordNet();
const lexicons: [string, Lexicon][] = [
  ['synonyms', wordnetLexicon(wn, ['synonym'])],
  ['+hypernyms/hyponyms', wordnetLexicon(wn, ['synonym', 'hypernym', 'hyponym'])],
  ['hierarchy-aware (ancestors d≤2, siblings, decay 0.5)', hierarchyLexicon(wn)],
];
const tasks = [...WORD_SIM_TASKS, 'GoogleAnalogy'];
const triples = taxonomyTriples(wn, kv, { count: 2000, seed: 1 });
const results: Record<string, { scores: Record<string, number>; taxonomy: ReturnType<typeof taxonomyCheck>; retrofitted?: number; edges?: number; seconds?: number }> = {};
results['original'] = { scores: await wordScores(kv, tasks), taxonomy: taxonomyCheck(kv, triples) };
for (const [name, lex] of lexicons) {
  const t0 = performance.now();
  const r = retrofit(kv, lex);
  const seconds = (performance.now() - t0) / 1000;
  results[name] = { scores: await wordScores(r.vectors, tasks), taxonomy: taxonomyCheck(r.vectors, triples), retrofitted: r.retrofitted, edges: r.edges, seconds };
  process.stderr.write(`${name}: ${r.retrofitted} words moved, ${r.edges} edges, ${seconds.toFixed(1)} s\n`);
}
const names = Object.keys(results);
const base = results['original']!.scores;
console.log(`### ${model}: Spearman (word similarity) and accuracy (Google analogy, 3CosAdd, first 300,000 rows)\n`);
console.log(markdown(['task', ...names], tasks.map((t) => [t, ...names.map((n) => (n === 'original' ? fmt(base[t]!) : `${fmt(results[n]!.scores[t]!)} (${signed(results[n]!.scores[t]! - base[t]!, 1)})`))])));
console.log(`\n### WordNet noun hierarchy: ${triples.length} (word, sibling, cousin) triples\n`);
console.log(markdown(['space', 'mean cos(word, sibling)', 'mean cos(word, cousin)', 'margin', 'sibling closer'], names.map((n) => {
  const t = results[n]!.taxonomy;
  return [n, fmt(t.siblingCosine), fmt(t.cousinCosine), fmt(t.siblingCosine - t.cousinCosine), `${(t.siblingCloser * 100).toFixed(1)}%`];
})));
console.log(`\n${names.filter((n) => n !== 'original').map((n) => `${n}: ${results[n]!.retrofitted} words moved over ${results[n]!.edges} edges in ${results[n]!.seconds!.toFixed(1)} s`).join('; ')}`);
const out = f.get('json');
if (out !== undefined) writeFileSync(out, JSON.stringify({ model, results }, null, 1));
