/**
 * The options of the record reader, declared once for every command that reads texts (`embed`, `add`):
 * one spelling everywhere (`textField`), older spellings (`field`, `column`) kept as aliases.
 */
import { choiceOption, stringOption, type OptionValues } from '../options/option-spec.js';
import { RECORD_FORMATS } from './records.js';
import { TEXT_ENCODINGS } from './text-decoding.js';

export const RECORD_OPTIONS = {
  format: choiceOption(RECORD_FORMATS, 'input format (default: from the extension)', { valueName: 'lines|jsonl|csv' }),
  textField: stringOption('JSONL field / CSV column holding the text (default text)', { valueName: 'name', aliases: ['field', 'column'] }),
  idField: stringOption('JSONL field / CSV column holding the id', { valueName: 'name' }),
  encoding: choiceOption(TEXT_ENCODINGS, 'input encoding (default utf8: invalid UTF-8 is an error; auto: UTF-8, else Latin-1)', { valueName: 'utf8|latin1|auto' }),
} as const;

