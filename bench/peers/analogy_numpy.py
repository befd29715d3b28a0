#!/usr/bin/env python3
"""numpy peer for bench/eval-analogy.bench.ts: Google analogy (3CosAdd, question words excluded) over the
first `limit` rows of a unit-length matrix, two ways:
  naive  - gensim-style: one query vector per question (b - a + c, normalized), scored against the whole
           vocabulary with batched sgemm (blocks of 256 questions), question words masked, argmax;
  words  - the same algorithm as embedkit: similarities of the distinct question words to every vocabulary
           word (one sgemm per block of 256 vocabulary rows), then S[b] + S[c] - S[a] per question.
Input: a .npy unit matrix (rows x dim, float32) and a .npy int32 array (n x 3) of question rows.
Prints JSON {method: {"seconds": s, "predictions": [...]}}."""
import json, sys, time
import numpy as np

def naive(U, Q):
    out = np.empty(len(Q), dtype=np.int64)
    for s in range(0, len(Q), 256):
        q = Q[s:s + 256]
        v = U[q[:, 1]] - U[q[:, 0]] + U[q[:, 2]]
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        S = v @ U.T
        r = np.arange(len(q))
        for k in range(3):
            S[r, q[:, k]] = -np.inf
        out[s:s + 256] = np.argmax(S, axis=1)
    return out

def words(U, Q, block=4096):
    uniq, inv = np.unique(Q, return_inverse=True)
    inv = inv.reshape(Q.shape)
    W = U[uniq]
    best = np.full(len(Q), -np.inf, dtype=np.float32)
    arg = np.zeros(len(Q), dtype=np.int64)
    r = np.arange(len(Q))
    for r0 in range(0, U.shape[0], block):
        S = W @ U[r0:r0 + block].T  # words x block
        sc = S[inv[:, 1]] + S[inv[:, 2]] - S[inv[:, 0]]
        for k in range(3):
            j = Q[:, k] - r0
            m = (j >= 0) & (j < S.shape[1])
            sc[r[m], j[m]] = -np.inf
        a = np.argmax(sc, axis=1)
        v = sc[r, a]
        better = v > best
        best[better] = v[better]
        arg[better] = a[better] + r0
    return arg

if __name__ == '__main__':
    U = np.load(sys.argv[1])
    Q = np.load(sys.argv[2]).astype(np.int64)
    methods = sys.argv[3].split(',') if len(sys.argv) > 3 else ['naive', 'words']
    res = {}
    for name in methods:
        t = time.perf_counter()
        p = naive(U, Q) if name == 'naive' else words(U, Q)
        res[name] = {'seconds': time.perf_counter() - t, 'predictions': p.tolist()}
    print(json.dumps(res))
