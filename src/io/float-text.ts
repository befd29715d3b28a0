/** Shortest decimal text that reads back to the same float32 value. */
export function formatFloat32(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  for (let p = 6; p <= 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return String(Number(s));
  }
  return String(v);
}

/** Why `parseFloat32` refused a token: a subject (`non-numeric value` / `value beyond the float32 range`) and what was read. */
export function float32Problem(s: string): { readonly subject: string; readonly received: string } {
  const v = Number(s);
  if (s.length > 0 && Number.isFinite(v) && !isNonDecimal(s)) return { subject: 'value beyond the float32 range', received: `${JSON.stringify(s)} (float32 holds at most ±3.4028235e38)` };
  return { subject: 'non-numeric value', received: `${JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s)}, not a decimal number` };
}

function isNonDecimal(s: string): boolean {
  if (s.length < 2 || s.charCodeAt(0) !== 48) return false;
  const c = s.charCodeAt(1) | 32;
  return c === 120 || c === 111 || c === 98; // 0x…, 0o…, 0b…
}

/**
 * A decimal number as the float32 value stored, or NaN for anything else: hex / octal / binary literals,
 * `Infinity`, `NaN`, empty text, and values that overflow float32 (`1e39`, `3.5e38`).
 */
export function parseFloat32(s: string): number {
  if (s.length === 0 || isNonDecimal(s)) return Number.NaN;
  const f = Math.fround(Number(s));
  return Number.isFinite(f) ? f : Number.NaN;
}

/** A finite decimal number (double), or NaN: rejects empty text, hex / octal / binary literals, `Infinity`, overflow. */
export function parseDecimal(s: string): number {
  const t = s.trim();
  if (t.length === 0 || isNonDecimal(t.replace(/^[+-]/, ''))) return Number.NaN;
  const v = Number(t);
  return Number.isFinite(v) ? v : Number.NaN;
}
