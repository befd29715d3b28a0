/**
 * Texts from an input file for the analysis commands (`depth --corpus`, `concepts --input`, `anchors`,
 * `plot`): lines, JSONL or CSV through the record reader and its flags (`--text-field`, `--format`, …).
 * Blank texts are left out; each record keeps its line for reports.
 */
import type { Command } from 'commander';
import { EmbedkitError } from '../errors.js';
import { RECORD_OPTIONS } from '../io/record-options.js';
import { readAllRecords, type InputRecord } from '../io/records.js';
import { addSpecOptions, specValues } from './option-flags.js';

export function withTextInputOptions(cmd: Command): Command {
  return addSpecOptions(cmd, RECORD_OPTIONS);
}

/** The non-blank records of `path`; `option` names the flag that gave it (for the empty-input error). */
export async function readInputTexts(path: string, opts: object, option: string): Promise<InputRecord[]> {
  const records = (await readAllRecords(path, specValues(RECORD_OPTIONS, opts))).filter((r) => r.text.trim().length > 0);
  if (records.length === 0) throw new EmbedkitError('EMPTY_INPUT', `no texts in \`${option}\``, { expected: 'at least one non-blank text', received: '0', where: path });
  return records;
}
