/**
 * The bounded min-heap behind every exact top-k, and its struct-of-arrays result.
 */

/** Struct-of-arrays result, best first. */
export interface TopK {
  readonly indices: Int32Array;
  readonly scores: Float32Array;
}

/** A bounded min-heap keeping the `k` largest scores seen. */
export class TopKHeap {
  readonly k: number;
  private readonly s: Float32Array;
  private readonly ix: Int32Array;
  private n = 0;

  constructor(k: number) {
    this.k = k;
    this.s = new Float32Array(k);
    this.ix = new Int32Array(k);
  }

  get size(): number {
    return this.n;
  }

  /** Smallest kept score, or -Infinity while the heap is not full. Callers test `score > threshold` first. */
  get threshold(): number {
    return this.n < this.k ? -Infinity : this.s[0]!;
  }

  reset(): void {
    this.n = 0;
  }

  push(score: number, index: number): void {
    const k = this.k;
    if (k === 0) return;
    const s = this.s;
    const ix = this.ix;
    if (this.n < k) {
      // sift up
      let i = this.n++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (s[p]! <= score) break;
        s[i] = s[p]!;
        ix[i] = ix[p]!;
        i = p;
      }
      s[i] = score;
      ix[i] = index;
      return;
    }
    if (score <= s[0]!) return;
    // replace root, sift down
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= k) break;
      const r = l + 1;
      const c = r < k && s[r]! < s[l]! ? r : l;
      if (s[c]! >= score) break;
      s[i] = s[c]!;
      ix[i] = ix[c]!;
      i = c;
    }
    s[i] = score;
    ix[i] = index;
  }

  /** Results sorted best first (ties broken by lower index). */
  result(): TopK {
    const n = this.n;
    const order = Array.from({ length: n }, (_, i) => i);
    const s = this.s;
    const ix = this.ix;
    order.sort((a, b) => s[b]! - s[a]! || ix[a]! - ix[b]!);
    const indices = new Int32Array(n);
    const scores = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      indices[i] = ix[order[i]!]!;
      scores[i] = s[order[i]!]!;
    }
    return { indices, scores };
  }
}
