#!/usr/bin/env python3
"""Independent reference values for long-document scoring and matching metrics (numpy only; no embedkit code).

Writes test/fixtures/analysis/long-matching-golden.json: inputs generated here (float32, fixed seed) and
  truncate    - cosine of each query with each text's first window;
  chunk_mean  - cosine with the token-weighted mean of a text's (unnormalized) windows;
  max_sim     - the best cosine of each query with any one of a text's windows;
  ndcg1/ndcg10 per method, one relevant text per query (binary gains, log2 discount);
  match       - for a rows x texts cosine matrix: top-k by score, MRR within k and P@1 against gold.
Usage: python3 scripts/long_matching_golden.py
"""
import json, os
import numpy as np

rng = np.random.default_rng(15)
dim, texts, queries = 8, 5, 4
counts = [1, 3, 2, 4, 2]
owner = np.repeat(np.arange(texts), counts)
W = rng.standard_normal((len(owner), dim)).astype(np.float32)
weight = rng.integers(1, 20, size=len(owner)).astype(np.float64)
Q = rng.standard_normal((queries, dim)).astype(np.float32)

unit = lambda m: m / np.linalg.norm(m, axis=1, keepdims=True)
Qn = unit(Q.astype(np.float64))
first = np.stack([W[np.where(owner == t)[0][0]] for t in range(texts)]).astype(np.float64)
mean = np.stack([(W[owner == t] * weight[owner == t, None]).sum(0) / weight[owner == t].sum() for t in range(texts)])
scores = {
    'truncate': Qn @ unit(first).T,
    'chunk-mean': Qn @ unit(mean).T,
    'max-sim': np.stack([[(Qn[i] @ unit(W[owner == t].astype(np.float64)).T).max() for t in range(texts)] for i in range(queries)]),
}

# relevant text of each query: the best text of a different method each (so the methods' scores differ)
gold = [int(np.argmax(scores['max-sim'][0])), int(np.argmax(scores['truncate'][1])), int(np.argmax(scores['chunk-mean'][2])), int(np.argsort(-scores['max-sim'][3])[2])]

def ndcg(s, k):
    out = []
    for i, g in enumerate(gold):
        order = np.argsort(-s[i], kind='stable')
        rank = int(np.where(order == g)[0][0])
        out.append(1 / np.log2(rank + 2) if rank < k else 0.0)
    return float(np.mean(out))

rows, k = 6, 3
S = unit(rng.standard_normal((rows, dim))) @ unit(rng.standard_normal((7, dim))).T
match_gold = [int(np.argmax(S[0])), int(np.argsort(-S[1])[1]), int(np.argsort(-S[2])[2]), int(np.argsort(-S[3])[5]), int(np.argmax(S[4])), 6]
top = np.argsort(-S, axis=1, kind='stable')[:, :k]
rr = [1 / (list(top[r]).index(g) + 1) if g in top[r] else 0.0 for r, g in enumerate(match_gold)]
out = {
    'windows': W.tolist(), 'owner': owner.tolist(), 'weight': weight.tolist(), 'queries': Q.tolist(), 'gold': gold,
    'scores': {m: s.tolist() for m, s in scores.items()},
    'ndcg_at_1': {m: ndcg(s, 1) for m, s in scores.items()},
    'ndcg_at_10': {m: ndcg(s, 10) for m, s in scores.items()},
    'match': {'scores': S.tolist(), 'k': k, 'gold': match_gold, 'top': top.tolist(), 'mrr': float(np.mean(rr)), 'p1': float(np.mean(top[:, 0] == np.array(match_gold)))},
}
path = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'analysis', 'long-matching-golden.json')
with open(path, 'w') as f:
    json.dump(out, f, indent=1)
print('wrote', path, {m: (out['ndcg_at_1'][m], out['ndcg_at_10'][m]) for m in scores}, out['match']['mrr'], out['match']['p1'])
