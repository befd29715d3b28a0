/** Shortest decimal text that reads back to the same float32 value. */
export function formatFloat32(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  for (let p = 6; p <= 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return String(Number(s));
  }
  return String(v);
}
