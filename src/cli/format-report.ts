/**
 * Small helpers for the human reports of the analysis commands: p-values, signed numbers, aligned
 * columns, shortened texts.
 */

/** A p-value readably: 0.0023, 7.8e-5; null as "—". */
export function formatP(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '—';
  return p >= 1e-3 ? p.toPrecision(2) : p.toExponential(1);
}

/** `x` with `digits` decimals and an explicit sign for positives (a column of signed values aligns). */
export function signed(x: number, digits = 4): string {
  return `${x >= 0 ? ' ' : ''}${x.toFixed(digits)}`;
}

/** Rows of cells as left-aligned columns, two spaces apart (the last column is not padded). */
export function columns(rows: readonly (readonly string[])[], indent = '  '): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** A text cut to `max` characters (with an ellipsis), on one line. */
export function shorten(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
