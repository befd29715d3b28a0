/**
 * Labeled texts for classification and clustering: TSV `label<TAB>text`, JSONL `{text, label}`,
 * SST's `label sentence`, one one-text-a-line file per label (MR/CR/SUBJ/MPQA), TREC's
 * `COARSE:fine question` (coarse label), and CSV with a header `text,category` (Banking77).
 */
import { csvRows } from '../../io/records.js';
import type { LabeledTexts } from '../types.js';
import { BadRows, jsonRow, shortText, type DataFile } from './read-data.js';

class LabeledBuilder {
  readonly texts: string[] = [];
  readonly labels: string[] = [];
  add(label: string, text: string): void {
    this.labels.push(label);
    this.texts.push(text);
  }
}

export function parseLabelTsv(file: DataFile, bad: BadRows): LabeledTexts {
  const out = new LabeledBuilder();
  for (const { text, line } of file.lines) {
    if (text.trim().length === 0) continue;
    const tab = text.indexOf('\t');
    if (tab <= 0 || tab === text.length - 1) {
      bad.report(file.path, line, 'labeled row', '`label<TAB>text`', shortText(text));
      continue;
    }
    out.add(text.slice(0, tab).trim(), text.slice(tab + 1));
  }
  return out;
}

export function parseLabeledJsonl(file: DataFile, bad: BadRows): LabeledTexts {
  const out = new LabeledBuilder();
  for (const { text, line } of file.lines) {
    if (text.trim().length === 0) continue;
    const r = jsonRow(file, line, text, bad, 'labeled JSONL row');
    if (r === undefined) continue;
    const t = r['text'];
    const l = r['label'];
    if (typeof t !== 'string' || (typeof l !== 'string' && typeof l !== 'number')) {
      bad.report(file.path, line, 'labeled JSONL row', '{"text": string, "label": string|number}', shortText(text));
      continue;
    }
    out.add(String(l), t);
  }
  return out;
}

/** SST (`stsa.binary.*`): the label is the first space-separated token. */
export function parseLabelSpace(file: DataFile, bad: BadRows): LabeledTexts {
  const out = new LabeledBuilder();
  for (const { text, line } of file.lines) {
    if (text.trim().length === 0) continue;
    const m = /^(\S+)\s+(.*\S.*)$/.exec(text);
    if (m === null) {
      bad.report(file.path, line, 'labeled row', '`label sentence`', shortText(text));
      continue;
    }
    out.add(m[1]!, m[2]!);
  }
  return out;
}

/** A one-text-a-line file whose every non-empty line gets `label`, appended to `into`. */
export function parseOneLabel(file: DataFile, label: string, into?: LabeledTexts): LabeledTexts {
  const out = new LabeledBuilder();
  if (into !== undefined) for (let i = 0; i < into.texts.length; i++) out.add(into.labels[i]!, into.texts[i]!);
  for (const { text } of file.lines) if (text.trim().length > 0) out.add(label, text);
  return out;
}

/** TREC: `COARSE:fine question…`; the coarse class is the label. */
export function parseTrec(file: DataFile, bad: BadRows): LabeledTexts {
  const out = new LabeledBuilder();
  for (const { text, line } of file.lines) {
    if (text.trim().length === 0) continue;
    const m = /^([A-Z]+):(\S+)\s+(.*\S.*)$/.exec(text);
    if (m === null) {
      bad.report(file.path, line, 'TREC row', '`COARSE:fine question`', shortText(text));
      continue;
    }
    out.add(m[1]!, m[3]!);
  }
  return out;
}

/** CSV with a header naming `text` and `category` (or `label`) columns. */
export function parseTextCategoryCsv(file: DataFile, bad: BadRows): LabeledTexts {
  const out = new LabeledBuilder();
  const { header, rows } = csvRows(file.lines.map((l) => l.text).join('\n'), file.path, { relaxColumnCount: true });
  const labelColumn = header.includes('category') ? 'category' : 'label';
  if (!header.includes('text') || !header.includes(labelColumn)) {
    bad.report(file.path, 1, 'CSV header', 'columns `text` and `category` (or `label`)', shortText(header.join(',')));
    return out;
  }
  for (const { fields, line } of rows) {
    const t = fields['text'];
    const l = fields[labelColumn];
    if (t === undefined || l === undefined || l.trim() === '') {
      bad.report(file.path, line, 'CSV row', `fields text and ${labelColumn}`, shortText(Object.values(fields).join(',')));
      continue;
    }
    out.add(l, t);
  }
  return out;
}
