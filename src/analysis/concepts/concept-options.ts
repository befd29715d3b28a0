/**
 * The options of concept spaces, match explanations and SESA fitting, declared once (library, CLI and
 * server). The concept definitions, texts and weight files are inputs, not options.
 */
import { choiceOption, intOption, numberOption } from '../../options/option-spec.js';

export const CONCEPT_OPTIONS = {
  aggregate: choiceOption(['centroid', 'max'] as const, "a word-list concept as the mean of its words' unit vectors (centroid, default) or its best-matching word (max)"),
  top: intOption(1, 100_000, 'concepts listed per text (default 5 in the report, all in JSON)'),
} as const;

export const SESA_OPTIONS = {
  threshold: numberOption(-1e9, 1e9, 'a pair matches when its score is at least this (default 0.5: 0/1 labels; e.g. 3 for STS scores 0–5)'),
  c: numberOption(1e-9, 1e9, 'inverse L2 strength of the logistic regression (default 1)'),
} as const;
