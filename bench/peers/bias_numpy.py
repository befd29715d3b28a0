#!/usr/bin/env python3
"""numpy peer for bench/bias.bench.ts.
  weat  - WEAT 1 (25/25 target words, 25/25 attributes) on the given rows: cosine matrix, s(w,A,B), effect size,
          and the p-value from 10,000 random partitions two ways: `loop` as sent-bias's weat.py (np.random.shuffle
          and a sum per permutation) and `vectorized` (one argsort of a 10,000 x 50 random matrix);
  debias- debiaswe's hard debias over the whole matrix (float32 as debiaswe): normalize, neutralize every row not in
          the gender-specific set, normalize, equalize the case variants of the pairs, normalize.
Input: vectors .npy (float32), a JSON file {words, weat: {X, Y, A, B} row lists, direction, specific: [...], equalize: [...]}.
Prints JSON {name: seconds, ...}."""
import json, sys, time
import numpy as np

V = np.load(sys.argv[1])
cfg = json.load(open(sys.argv[2]))
out = {}

def weat_core(X, Y, A, B):
    M = V[X + Y]; Au = V[A]; Bu = V[B]
    M = M / np.linalg.norm(M, axis=1, keepdims=True)
    Au = Au / np.linalg.norm(Au, axis=1, keepdims=True)
    Bu = Bu / np.linalg.norm(Bu, axis=1, keepdims=True)
    s = (M @ Au.T).mean(1) - (M @ Bu.T).mean(1)
    es = (s[:len(X)].mean() - s[len(X):].mean()) / np.std(s)
    return s, es

w = cfg['weat']
X, Y, A, B = w['X'], w['Y'], w['A'], w['B']
n = 10000
t = time.perf_counter()
s, es = weat_core(X, Y, A, B)
obs = s[:len(X)].sum(); XY = np.arange(len(s)); hits = 0
rng = np.random.default_rng(0)
for _ in range(n):
    rng.shuffle(XY)
    if s[XY[:len(X)]].sum() >= obs: hits += 1
out['weat_loop'] = time.perf_counter() - t
out['weat_loop_p'] = (1 + hits) / (1 + n)
t = time.perf_counter()
s, es = weat_core(X, Y, A, B)
perm = np.argsort(rng.random((n, len(s))), axis=1)[:, :len(X)]
hits = int((s[perm].sum(1) >= obs).sum())
out['weat_vectorized'] = time.perf_counter() - t
out['weat_vectorized_p'] = (1 + hits) / (1 + n)
out['effect_size'] = float(es)

words = cfg['words']
index = {x: i for i, x in enumerate(words)}
g = np.array(cfg['direction'], dtype=np.float32)
specific = set(cfg['specific'])
t = time.perf_counter()
E = V / np.linalg.norm(V, axis=1, keepdims=True)
mask = np.array([x not in specific for x in words])
E[mask] -= np.outer(E[mask] @ g, g) / (g @ g)
E /= np.linalg.norm(E, axis=1, keepdims=True)
cands, seen = [], set()
for e1, e2 in cfg['equalize']:
    for p in [(e1.lower(), e2.lower()), (e1.title(), e2.title()), (e1.upper(), e2.upper())]:
        if p not in seen: seen.add(p); cands.append(p)
for a, b in cands:
    if a in index and b in index:
        va, vb = E[index[a]], E[index[b]]
        m = (va + vb) / 2
        y = m - g * (m @ g) / (g @ g)
        z = np.sqrt(1 - np.linalg.norm(y) ** 2)
        if (va - vb) @ g < 0: z = -z
        E[index[a]] = z * g + y; E[index[b]] = -z * g + y
E /= np.linalg.norm(E, axis=1, keepdims=True)
out['debias'] = time.perf_counter() - t
out['debias_sample'] = E[index['nurse']].tolist()
print(json.dumps(out))
