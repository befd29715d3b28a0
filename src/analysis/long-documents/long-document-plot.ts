/** The per-length plot of a long-document report: accuracy (nDCG@1) against length, one line per method, one panel per task. */
import type { TopLevelSpec } from 'vega-lite';
import type { LongDocumentReport } from './evaluate-long-documents.js';

export function longDocumentPlotSpec(report: LongDocumentReport): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `Synthetic long-document retrieval, ${report.model}${report.maxLength !== null ? ` (reads ${report.maxLength} tokens)` : ''}`,
    data: { values: report.rows.map((r) => ({ task: r.task, length: r.length, method: r.method, accuracy: r.ndcgAt1 })) },
    facet: { column: { field: 'task', type: 'nominal', title: null, sort: ['passkey', 'needle'] } },
    spec: {
      width: 260,
      height: 200,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'length', type: 'quantitative', scale: { type: 'log', base: 2 }, axis: { values: [...new Set(report.rows.map((r) => r.length))], labelFlush: true, labelOverlap: false }, title: 'document length (tokens)' },
        y: { field: 'accuracy', type: 'quantitative', scale: { domain: [0, 1] }, title: 'accuracy (nDCG@1)' },
        color: { field: 'method', type: 'nominal', sort: ['truncate', 'chunk-mean', 'max-sim'] },
      },
    },
  } as TopLevelSpec;
}
