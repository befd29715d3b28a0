#!/usr/bin/env python3
"""Builds the static-embedder fixtures and their reference outputs with an independent numpy
implementation of mean pooling, SIF (Arora et al. 2017) and uSIF (Ethayarajh 2018).

Writes test/fixtures/static/{vectors.txt, sentences.txt, reference.json}. Deterministic (seeded).
Run: python3 scripts/make-static-fixtures.py
"""
import json
import os
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'static')
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(20261126)

words = ('the of and to a in is it that was for on are with as he be at by this had not but from or have an they which one you were her all she there would their we him been has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three').split()
words = list(dict.fromkeys(words))[:120]
V, D = len(words), 8
vecs = rng.normal(size=(V, D)).astype(np.float32)
# a shared direction, like the common component real embeddings have
vecs += np.float32(0.8) * rng.normal(size=(1, D)).astype(np.float32)
vecs = vecs.astype(np.float32)

with open(os.path.join(OUT, 'vectors.txt'), 'w') as f:
    f.write(f'{V} {D}\n')
    for w, v in zip(words, vecs):
        f.write(w + ' ' + ' '.join(repr(float(x)) for x in v) + '\n')
vecs = np.array([[np.float32(float(repr(float(x)))) for x in v] for v in vecs], dtype=np.float32)

sentences = []
for i in range(48):
    n = int(rng.integers(3, 12))
    # Zipf-ish choice so frequent words appear more often
    idx = np.minimum((rng.zipf(1.3, size=n) - 1), V - 1)
    toks = [words[j] for j in idx]
    if i % 7 == 0:
        toks.append('unknownword')
    sentences.append(' '.join(toks))
sentences.append('zzz qqq')  # no known word -> zero vector
with open(os.path.join(OUT, 'sentences.txt'), 'w') as f:
    f.write('\n'.join(sentences) + '\n')

index = {w: i for i, w in enumerate(words)}
H = sum(1.0 / r for r in range(1, V + 1))
prob = np.array([1.0 / ((r + 1) * H) for r in range(V)])


def rows_of(s):
    return [index[t] for t in s.split() if t in index]


def pooled(weights, src):
    X = np.zeros((len(sentences), D))
    for i, s in enumerate(sentences):
        r = rows_of(s)
        if r:
            X[i] = np.mean(src[r] * weights[r][:, None], axis=0)
    return X


def remove(X, m, weighted):
    U, S, Vt = np.linalg.svd(X, full_matrices=False)
    S2 = S[:m] ** 2
    lam = S2 / S2.sum() if weighted else np.ones(m)
    for i in range(m):
        u = Vt[i]
        X = X - lam[i] * np.outer(X @ u, u)
    return X


mean = pooled(np.ones(V), vecs.astype(np.float64))

a_sif = 1e-3
sif = remove(pooled(a_sif / (a_sif + prob), vecs.astype(np.float64)), 1, False)

n = 11
threshold = 1 - (1 - 1 / V) ** n
alpha = np.sum(prob > threshold) / V
a_usif = (1 - alpha) / (alpha * 0.5 * V)
unit = vecs.astype(np.float64) / np.linalg.norm(vecs.astype(np.float64), axis=1, keepdims=True)
usif = remove(pooled(a_usif / (0.5 * a_usif + prob), unit), 5, True)

json.dump({
    'note': 'independent numpy reference (scripts/make-static-fixtures.py)',
    'zipfProbabilities': prob[:5].tolist(),
    'usifA': a_usif,
    'mean': mean.tolist(),
    'sif': sif.tolist(),
    'usif': usif.tolist(),
}, open(os.path.join(OUT, 'reference.json'), 'w'))
print('wrote', OUT, V, 'words', len(sentences), 'sentences; usif a =', a_usif)
