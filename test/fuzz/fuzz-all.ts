/**
 * `npm run fuzz`: every generated case (≥ 1,000 over all parsers), with counts per parser and verdict, and
 * each failure listed. Options: `--per-parser N` (default 50), `--seed N`, `--json FILE` (results as JSON).
 * Does nothing unless started with `--run` (the test runner loads every file under test/).
 */
import { writeFileSync } from 'node:fs';
import { fuzzCases } from './cases.js';
import { countTable, runCases } from './runner.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const cases = fuzzCases(arg('--per-parser', 50), arg('--seed', 1));
  const started = Date.now();
  const results = await runCases(cases, {
    onResult: (r, done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${done}/${total}`);
      if (r.verdict !== 'clean-error' && r.verdict !== 'accepted') process.stderr.write(`${process.stderr.isTTY ? '\r' : ''}${r.verdict}: ${r.c.id} (${r.c.mutation}): ${r.detail}\n`);
    },
  });
  process.stdout.write(`\n${countTable(results)}\n\n${results.length} cases in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  const j = process.argv.indexOf('--json');
  if (j >= 0) writeFileSync(process.argv[j + 1]!, JSON.stringify(results.map((r) => ({ id: r.c.id, parser: r.c.parser, mutation: r.c.mutation, expect: r.c.expect, verdict: r.verdict, detail: r.detail })), null, 1));
  const bad = results.filter((r) => r.verdict !== 'clean-error' && r.verdict !== 'accepted').length;
  process.exitCode = bad === 0 ? 0 : 1;
}

if (process.argv.includes('--run')) await main();
