#!/usr/bin/env python3
"""Independent reference values for embedkit's retrofitting (numpy only; no embedkit code).

Faruqui et al. (2015) as the original retrofit.py does it: vectors normalized as v / sqrt(|v|^2 + 1e-6);
for num_iters sweeps, for each word with neighbours in the vocabulary (here in vocabulary order, where
retrofit.py visits a Python set), in place:
    q_i = (alpha * qhat_i + sum_j beta_ij q_j) / (alpha + sum_j beta_ij),  beta_ij = w_ij / sum_j w_ij
(with unit weights and alpha = 1 this is retrofit.py's (n qhat + sum q_j) / 2n).
A seeded vocabulary of 7 words x 5 dims and an edge list (undirected, some weighted, one neighbour out of
vocabulary); cases: default, 3 iterations with alpha = 2, and constant beta = 0.5 (beta_ij = 0.5 w_ij).
Writes test/fixtures/analysis/retrofit-golden.json, and the tiny WordNet-format taxonomy
test/fixtures/analysis/wordnet/{data,index}.noun (entity > animal/beast > dog, cat; entity > plant > tree).
"""
import json, os
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rng = np.random.default_rng(2015)
words = ['cat', 'dog', 'pet', 'car', 'truck', 'vehicle', 'lonely']
V = rng.normal(size=(7, 5)).astype(np.float32).astype(np.float64)
edges = [('cat', 'dog', 1.0), ('cat', 'pet', 2.0), ('dog', 'pet', 1.0), ('car', 'truck', 1.0), ('car', 'vehicle', 0.5),
         ('truck', 'vehicle', 1.0), ('dog', 'wolf', 1.0)]
idx = {w: i for i, w in enumerate(words)}
nbrs = {i: {} for i in range(len(words))}
for a, b, w in edges:
    if a in idx and b in idx:
        nbrs[idx[a]][idx[b]] = max(w, nbrs[idx[a]].get(idx[b], 0))
        nbrs[idx[b]][idx[a]] = max(w, nbrs[idx[b]].get(idx[a], 0))

def retrofit(iters=10, alpha=1.0, beta=None):
    Q = V / np.sqrt((V ** 2).sum(1, keepdims=True) + 1e-6)
    Qhat = Q.copy()
    for _ in range(iters):
        for i in range(len(words)):
            nb = nbrs[i]
            if not nb: continue
            tot = sum(nb.values())
            b = {j: (w / tot if beta is None else beta * w) for j, w in nb.items()}
            Q[i] = (alpha * Qhat[i] + sum(bj * Q[j] for j, bj in b.items())) / (alpha + sum(b.values()))
    return Q

out = {'words': words, 'vectors': V.tolist(), 'edges': edges,
       'default': retrofit().tolist(), 'alpha2_iter3': retrofit(3, 2.0).tolist(), 'beta05': retrofit(beta=0.5).tolist()}
dst = os.path.join(ROOT, 'test', 'fixtures', 'analysis', 'retrofit-golden.json')
with open(dst, 'w') as f:
    json.dump(out, f)
print('wrote', dst)

WN = os.path.join(ROOT, 'test', 'fixtures', 'analysis', 'wordnet')
os.makedirs(WN, exist_ok=True)
with open(os.path.join(WN, 'data.noun'), 'w') as f:
    f.write('  1 This software and database is being provided to you, the LICENSEE (test fixture header)\n00000001 03 n 01 entity 0 002 ~ 00000002 n 0000 ~ 00000005 n 0000 | that which exists  \n00000002 05 n 02 animal 0 beast 0 003 @ 00000001 n 0000 ~ 00000003 n 0000 ~ 00000004 n 0000 | a living organism  \n00000003 05 n 03 dog 0 domestic_dog 0 Canis_familiaris 0 001 @ 00000002 n 0000 | a canine  \n00000004 05 n 01 cat 0 001 @ 00000002 n 0000 | a feline  \n00000005 03 n 01 plant 0 002 @ 00000001 n 0000 ~ 00000006 n 0000 | a living thing lacking locomotion  \n00000006 20 n 01 tree 0 001 @ 00000005 n 0000 | a tall plant  \n')
with open(os.path.join(WN, 'index.noun'), 'w') as f:
    f.write('  1 This software and database is being provided to you, the LICENSEE (test fixture header)\nanimal n 1 2 @ ~ 1 0 00000002  \nbeast n 1 2 @ ~ 1 0 00000002  \ncat n 1 1 @ 1 0 00000004  \ndog n 1 1 @ 1 0 00000003  \ndomestic_dog n 1 1 @ 1 0 00000003  \nentity n 1 1 ~ 1 0 00000001  \nplant n 1 2 @ ~ 1 0 00000005  \ntree n 1 1 @ 1 0 00000006  \ncanis_familiaris n 1 1 @ 1 0 00000003  \n')
