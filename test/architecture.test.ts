/**
 * The house stays as drawn (docs/architecture.md): every import in src/ goes along an allowed arrow
 * between floors, there are no import cycles, only config.ts reads the environment, and the core neither
 * writes to the terminal nor names a CLI flag.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from './helpers.js';

const SRC = join(REPO_ROOT, 'src');

/** What each floor may import (besides itself). Base modules are files directly under src/. */
export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  errors: [],
  paths: [],
  config: ['errors'],
  math: ['config'],
  text: ['errors'],
  options: ['errors'],
  learn: ['errors', 'math'],
  io: ['errors', 'config', 'math', 'options', 'text'],
  vectors: ['errors', 'config', 'paths', 'math', 'io', 'text'],
  embedders: ['errors', 'config', 'paths', 'math', 'io', 'options', 'text', 'vectors'],
  eval: ['errors', 'config', 'paths', 'math', 'io', 'options', 'text', 'learn', 'vectors', 'embedders'],
  collections: ['errors', 'config', 'paths', 'math', 'io', 'options', 'text', 'vectors', 'embedders'],
  train: ['errors', 'config', 'paths', 'math', 'io', 'options', 'text', 'learn', 'vectors'],
  analysis: ['errors', 'config', 'paths', 'math', 'io', 'options', 'text', 'learn', 'vectors', 'embedders', 'eval', 'train'],
  // The `serve` command starts the server; the server never imports the CLI.
  cli: ['errors', 'config', 'paths', 'math', 'io', 'options', 'text', 'learn', 'vectors', 'embedders', 'eval', 'collections', 'train', 'analysis', 'server'],
  server: ['errors', 'config', 'paths', 'math', 'io', 'options', 'text', 'learn', 'vectors', 'embedders', 'eval', 'collections', 'train', 'analysis'],
  index: ['errors', 'config', 'paths', 'math', 'io', 'options', 'text', 'learn', 'vectors', 'embedders'],
};

/** Surfaces: the only floors allowed to write to the terminal, read argv, or name CLI flags. */
const SURFACES = new Set(['cli', 'server']);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function floorOf(file: string): string {
  const rel = relative(SRC, file).split('/');
  return rel.length === 1 ? rel[0]!.replace(/\.ts$/, '') : rel[0]!;
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly line: number;
}

/** Relative imports (static, `export … from`, dynamic `import()`), resolved to .ts files. */
function importsOf(file: string, text: string): Edge[] {
  const out: Edge[] = [];
  const re = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)'(\.{1,2}\/[^']+)'/g;
  for (const m of text.matchAll(re)) {
    const line = text.slice(0, m.index).split('\n').length;
    out.push({ from: file, to: resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')), line });
  }
  return out;
}

/** Text outside comments (string and template contents kept). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
}

const FILES = walk(SRC);
const TEXT = new Map(FILES.map((f) => [f, readFileSync(f, 'utf8')]));

describe('architecture', () => {
  it('every import goes along an allowed arrow', () => {
    const bad: string[] = [];
    for (const f of FILES) {
      const from = floorOf(f);
      const allowed = ALLOWED[from];
      assert.ok(allowed !== undefined, `src/${relative(SRC, f)}: floor "${from}" is not in the architecture (docs/architecture.md)`);
      for (const e of importsOf(f, TEXT.get(f)!)) {
        const to = floorOf(e.to);
        if (to !== from && !allowed.includes(to)) bad.push(`src/${relative(SRC, f)}:${e.line} imports ${to}/ (${from} may import ${allowed.join(', ') || 'nothing'})`);
        else if (from === 'cli' && to === 'server' && relative(SRC, f) !== 'cli/commands/serve.ts') bad.push(`src/${relative(SRC, f)}:${e.line} imports server/ (only cli/commands/serve.ts may)`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('has no import cycles', () => {
    const graph = new Map(FILES.map((f) => [f, importsOf(f, TEXT.get(f)!).map((e) => e.to)]));
    const state = new Map<string, 1 | 2>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]): void => {
      state.set(f, 1);
      for (const g of graph.get(f) ?? []) {
        if (state.get(g) === 1) cycles.push([...path.slice(path.indexOf(g)), g].map((p) => relative(SRC, p)).join(' → '));
        else if (state.get(g) === undefined && graph.has(g)) visit(g, [...path, g]);
      }
      state.set(f, 2);
    };
    for (const f of FILES) if (state.get(f) === undefined) visit(f, [f]);
    assert.deepEqual(cycles, []);
  });

  it('only config.ts reads the environment', () => {
    const readers = FILES.filter((f) => /process\.env\b/.test(code(TEXT.get(f)!)) && relative(SRC, f) !== 'config.ts');
    assert.deepEqual(readers.map((f) => relative(SRC, f)), []);
  });

  it('the core neither writes to the terminal nor names a CLI flag or command', () => {
    const bad: string[] = [];
    for (const f of FILES) {
      if (SURFACES.has(floorOf(f))) continue;
      const lines = code(TEXT.get(f)!).split('\n');
      lines.forEach((l, i) => {
        const where = `src/${relative(SRC, f)}:${i + 1}`;
        if (/process\.(stdout|stderr)\.write|console\.(log|error|warn|info)\(/.test(l)) bad.push(`${where} writes to the terminal`);
        for (const s of l.matchAll(/(['"`])((?:\\.|(?!\1).)*)\1/g)) {
          if (/(^|[\s(`'"])--[a-z][a-z-]+/.test(s[2]!)) bad.push(`${where} names a flag: ${s[0]}`);
          if (/\bembedkit (collection|add|search|embed|eval|train|similarity|neighbors|analogy|convert|models|demo|serve|import|distill)\b/.test(s[2]!)) bad.push(`${where} names a command: ${s[0]}`);
        }
      });
    }
    assert.deepEqual(bad, []);
  });
});
