#!/usr/bin/env python3
"""Independent reference values for test/train/reference.test.ts (numpy only; no embedkit code).

Writes test/fixtures/train/reference.json:
- cooccurrence: GloVe's distance-weighted symmetric counts (window 3) on a tiny corpus, with the
  vocabulary ordered by count (desc), ties by first occurrence;
- sgns_step: one skip-gram negative-sampling update with exact sigmoid (two negatives, both the same word);
- glove_step: one AdaGrad step of GloVe on one co-occurrence entry;
- phrases: word2phrase scores of every bigram on a tiny corpus.
Run: python3 scripts/train_reference.py
"""
import json
import math
import os
from collections import Counter, defaultdict

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'train', 'reference.json')

# --- co-occurrence ---
docs = [
    "the cat sat on the mat".split(),
    "the dog sat on the log".split(),
    "a cat and a dog".split(),
]
counts = Counter()
first = {}
for d in docs:
    for t in d:
        counts[t] += 1
        first.setdefault(t, len(first))
vocab = sorted(counts, key=lambda w: (-counts[w], first[w]))
idx = {w: i for i, w in enumerate(vocab)}
window = 3
X = defaultdict(float)
for d in docs:
    ids = [idx[t] for t in d]
    for i, v in enumerate(ids):
        for dist in range(1, window + 1):
            if i - dist < 0:
                break
            u = ids[i - dist]
            X[(v, u)] += 1.0 / dist
            X[(u, v)] += 1.0 / dist
cooc = [[r, c, X[(r, c)]] for (r, c) in sorted(X)]

# --- one SGNS step ---
rng = np.random.default_rng(5)
dim = 8
syn0 = (rng.random((4, dim)) - 0.5).astype(np.float32)
syn1 = (rng.random((4, dim)) - 0.5).astype(np.float32)
inp, target, negword, alpha = 1, 2, 3, 0.5
x = syn0[inp].astype(np.float64)
s1 = syn1.astype(np.float64)
neu1e = np.zeros(dim)
loss = 0.0
for label, t in ((1, target), (0, negword), (0, negword)):
    f = float(x @ s1[t])
    sig = 1.0 / (1.0 + math.exp(-f))
    g = (label - sig) * alpha
    loss += -math.log(sig) if label == 1 else -math.log(1.0 - sig)
    neu1e += g * s1[t]
    s1[t] += g * x
x_new = x + neu1e

# --- one GloVe step ---
W = (rng.random((3, dim)) - 0.5) / dim
Wt = (rng.random((3, dim)) - 0.5) / dim
b = (rng.random(3) - 0.5) / dim
bt = (rng.random(3) - 0.5) / dim
W = W.astype(np.float32).astype(np.float64)
Wt = Wt.astype(np.float32).astype(np.float64)
b = b.astype(np.float32).astype(np.float64)
bt = bt.astype(np.float32).astype(np.float64)
r, c, xval, lr, xmax, a = 0, 2, 7.5, 0.05, 100.0, 0.75
diff = W[r] @ Wt[c] + b[r] + bt[c] - math.log(xval)
fdiff = (xval / xmax) ** a * diff
cost = 0.5 * fdiff * diff
fdiff *= lr
g1 = fdiff * Wt[c]
g2 = fdiff * W[r]
W1 = W.copy(); Wt1 = Wt.copy()
W1[r] = W[r] - g1 / np.sqrt(np.ones(dim))
Wt1[c] = Wt[c] - g2 / np.sqrt(np.ones(dim))
gW = 1 + g1 ** 2
gWt = 1 + g2 ** 2
b1 = b.copy(); bt1 = bt.copy()
b1[r] = b[r] - fdiff
bt1[c] = bt[c] - fdiff

# --- phrases (word2phrase score, minCount 2) ---
pdocs = [
    "i moved to new york last year".split(),
    "new york is big".split(),
    "the new car is in new york".split(),
    "york is old and new is young".split(),
]
uni = Counter(t for d in pdocs for t in d)
bi = Counter((d[i], d[i + 1]) for d in pdocs for i in range(len(d) - 1))
total = sum(len(d) for d in pdocs)
mc = 2
phr = {}
for (p, q), cab in bi.items():
    if cab < mc or uni[p] < mc or uni[q] < mc:
        continue
    phr[p + '_' + q] = (cab - mc) / (uni[p] * uni[q]) * total

json.dump({
    'cooccurrence': {'docs': [' '.join(d) for d in docs], 'window': window, 'vocab': vocab, 'entries': cooc},
    'sgns_step': {'dim': dim, 'syn0': syn0.tolist(), 'syn1': syn1.tolist(), 'input': inp, 'target': target, 'negative_word': negword,
                  'alpha': alpha, 'input_after': x_new.tolist(), 'syn1_after': s1.tolist(), 'loss': loss},
    'glove_step': {'dim': dim, 'W': W.tolist(), 'Wt': Wt.tolist(), 'b': b.tolist(), 'bt': bt.tolist(), 'row': r, 'col': c, 'x': xval,
                   'lr': lr, 'x_max': xmax, 'alpha': a, 'W_after': W1.tolist(), 'Wt_after': Wt1.tolist(), 'b_after': b1.tolist(),
                   'bt_after': bt1.tolist(), 'gW_after': gW.tolist(), 'gWt_after': gWt.tolist(), 'cost': cost},
    'phrases': {'docs': [' '.join(d) for d in pdocs], 'min_count': mc, 'threshold': 0, 'scores': phr},
}, open(OUT, 'w'), indent=1)
print('wrote', OUT)
