#!/usr/bin/env python3
"""Independent reference values for embedkit's direction removal (numpy only; no embedkit code).

A tiny seeded vocabulary (8 words x 6 dims) and:
  sets      - defining sets [[a, b, c], [d, e, f], [g, h]]: unit vectors centred per set, SVD of the stacked
              rows (sklearn PCA), first 2 components; component signs: largest-magnitude coordinate positive,
              then the first flipped to point towards the first word of the sets;
  projected - every vector with that 2-d span projected out (x - B^T B x), and the unit-length variant.
Writes test/fixtures/analysis/directions-golden.json.
"""
import json, os
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rng = np.random.default_rng(20261130)
words = list('abcdefgh')
V = rng.normal(size=(8, 6)).astype(np.float32).astype(np.float64)
idx = {w: i for i, w in enumerate(words)}
sets = [['a', 'b', 'c'], ['d', 'e', 'f'], ['g', 'h']]
rows, ref = [], np.zeros(6)
for s in sets:
    U = np.array([V[idx[w]] / np.linalg.norm(V[idx[w]]) for w in s])
    m = U.mean(0)
    rows += list(U - m)
    ref += U[0] - m
X = np.array(rows)
X = X - X.mean(0)
_, S, Vt = np.linalg.svd(X, full_matrices=False)
B = Vt[:2].copy()
for k in range(2):
    if B[k][np.argmax(np.abs(B[k]))] < 0: B[k] = -B[k]
if ref @ B[0] < 0: B[0] = -B[0]
P = V - (V @ B.T) @ B
out = {
    'words': words,
    'vectors': V.tolist(),
    'sets': sets,
    'basis': B.tolist(),
    'explained_variance_ratio': (S[:2] ** 2 / (S ** 2).sum()).tolist(),
    'projected': P.tolist(),
    'projected_unit': (P / np.linalg.norm(P, axis=1, keepdims=True)).tolist(),
}
dst = os.path.join(ROOT, 'test', 'fixtures', 'analysis', 'directions-golden.json')
with open(dst, 'w') as f:
    json.dump(out, f)
print('wrote', dst)
