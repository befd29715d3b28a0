/**
 * A State of the Union period as one option, declared once (the library, the CLI and the server validate
 * it the same way): `sotuYears` is `FROM-TO` (inclusive) or one `YEAR`, checked against the years the
 * package holds, so a period without addresses is an error naming the option.
 */
import { EmbedkitError } from '../../errors.js';
import { stringOption } from '../../options/option-spec.js';
import { validateOptions } from '../../options/validate.js';
import { sotuAddresses } from './sotu-corpus.js';

export const SOTU_OPTIONS = {
  sotuYears: stringOption('State of the Union addresses of these years, FROM-TO (inclusive) or YEAR: a period corpus for semantic change', { valueName: 'from-to' }),
} as const;

export interface SotuPeriod {
  readonly from: number;
  readonly to: number;
}

function bad(raw: string, expected: string): EmbedkitError {
  return new EmbedkitError('BAD_OPTION', 'sotuYears', { expected, received: JSON.stringify(raw), where: 'sotuYears' });
}

/** The period given, or undefined when `sotuYears` is absent. */
export async function sotuPeriod(raw: Readonly<Record<string, unknown>>): Promise<SotuPeriod | undefined> {
  const text = validateOptions(SOTU_OPTIONS, raw).sotuYears;
  if (text === undefined) return undefined;
  const m = /^\s*(\d{4})\s*(?:[-–]\s*(\d{4}))?\s*$/.exec(text);
  if (m === null) throw bad(text, 'FROM-TO or YEAR, e.g. 1790-1899');
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from > to) throw bad(text, 'FROM ≤ TO');
  const years = (await sotuAddresses()).map((a) => a.year);
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined || !years.some((y) => y >= from && y <= to)) throw bad(text, `years with addresses (${first ?? '?'}–${last ?? '?'})`);
  return { from, to };
}
