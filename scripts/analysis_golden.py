#!/usr/bin/env python3
"""Independent reference values for embedkit's embedding-space analysis (numpy/scipy only; no embedkit code).

Writes test/fixtures/analysis/golden.json: inputs generated here (float32, fixed seed) and, computed by the
numpy re-implementations below,
  procrustes    - W = U Vt from svd(X.T @ Y) (row convention: X W ~ Y);
  lstsq         - np.linalg.lstsq (minimum norm), the ridge solution solve(X'X + l I, X'Y), lstsq with a
                  column of ones (intercept);
  muse          - MUSE's supervised pipeline re-written in numpy from its published procedure
                  (facebookresearch/MUSE: get_nn_avg_dist, get_candidates with csls_knn_10, build_dictionary
                  S2T&T2S with dico_max_rank, procrustes, mean-cosine criterion S2T top 10000, and
                  get_word_translation_accuracy precision@1/5/10 with nn and csls_knn_10, several
                  translations per source word);
  csls          - brute-force CSLS top-10 over a small pair of spaces;
  isoscore      - the steps of IsoScore/IsoScore.py (bcbi-edu/p_eickhoff_isoscore) with scikit-learn's PCA
                  written out (centre, SVD, project; np.cov of the projections);
  partition     - I(W) = min Z(c) / max Z(c), c = +/- eigenvectors of W'W (np.linalg.eigh), log-sum-exp;
  mean_cosine   - mean of cosine(i, j) over all i != j, brute force;
  abtt          - All-but-the-Top (Mu & Viswanath 2018, Algorithm 1) both variants (project v or v - mu);
  whiten        - BERT-whitening's compute_kernel_bias (np.cov, np.linalg.svd), kernel[:, :k], (x - mu) W
                  (column signs fixed: the largest-magnitude entry of each column of U positive);
  shift         - Hamilton et al. 2016: global = cosine distance after Procrustes on unit rows (second space
                  mapped onto the first), local = 1 - cos of second-order similarity vectors over the union of
                  both k-NN sets (k = 5), overlap = |N_a & N_b| / k.
Usage: python3 scripts/analysis_golden.py
"""
import json, os
import numpy as np
from scipy.special import logsumexp

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'analysis', 'golden.json')
rng = np.random.default_rng(20261130)
out = {}

def f32(a):
    return np.asarray(a, dtype=np.float32)

def mat(a):
    # float32 inputs are written in their shortest float32 form (JS reads them back with Math.fround)
    if np.asarray(a).dtype == np.float32:
        data = [float(str(x)) for x in np.asarray(a).ravel()]
    else:
        data = [float(x) for x in np.asarray(a, dtype=np.float64).ravel()]
    return {'rows': int(a.shape[0]), 'dim': int(a.shape[1]), 'data': data}

def vec(a):
    return [float(x) for x in np.asarray(a, dtype=np.float64).ravel()]

def random_orthogonal(d):
    q, r = np.linalg.qr(rng.standard_normal((d, d)))
    return q * np.sign(np.diag(r))

def unit(a):
    n = np.linalg.norm(a, axis=1, keepdims=True)
    return a / np.where(n > 0, n, 1)

# ---------------------------------------------------------------- procrustes / least squares
X = f32(rng.standard_normal((40, 6)))
Q = random_orthogonal(6)
Y = f32(X.astype(np.float64) @ Q + 0.05 * rng.standard_normal((40, 6)))
U, S, Vt = np.linalg.svd(X.astype(np.float64).T @ Y.astype(np.float64))
out['procrustes'] = {'x': mat(X), 'y': mat(Y), 'w': mat(U @ Vt)}

A = f32(rng.standard_normal((30, 5)))
B = f32(rng.standard_normal((30, 4)))
A64, B64 = A.astype(np.float64), B.astype(np.float64)
W_ls = np.linalg.lstsq(A64, B64, rcond=None)[0]
lam = 0.5
W_ridge = np.linalg.solve(A64.T @ A64 + lam * np.eye(5), A64.T @ B64)
Wb = np.linalg.lstsq(np.c_[A64, np.ones(30)], B64, rcond=None)[0]
# rank-deficient: a repeated column, minimum-norm solution
A_def = np.c_[A64[:, :3], A64[:, :1]]
W_def = np.linalg.lstsq(A_def, B64, rcond=None)[0]
out['lstsq'] = {'x': mat(A), 'y': mat(B), 'w': mat(W_ls), 'ridge': lam, 'wRidge': mat(W_ridge),
                'wIntercept': mat(Wb[:5]), 'bias': vec(Wb[5]), 'xDeficient': mat(A_def), 'wDeficient': mat(W_def)}

# ---------------------------------------------------------------- MUSE pipeline
def nn_avg_dist(emb, query, knn):
    s = query @ emb.T
    top = -np.sort(-s, axis=1)[:, :knn]
    return top.mean(1)

def get_candidates(emb1, emb2, max_rank, knn, avg1, avg2):
    n_src = min(max_rank, emb1.shape[0]) if max_rank > 0 else emb1.shape[0]
    scores = 2 * (emb1[:n_src] @ emb2.T) - avg1[:n_src][:, None] - avg2[None, :]
    order = np.argsort(-scores, axis=1, kind='stable')[:, :2]
    best = np.take_along_axis(scores, order, 1)
    pairs = np.c_[np.arange(n_src), order[:, 0]]
    diff = best[:, 0] - best[:, 1]
    reo = np.argsort(-diff, kind='stable')
    pairs, best = pairs[reo], best[reo]
    if max_rank > 0:
        keep = pairs.max(1) <= max_rank
        pairs, best = pairs[keep], best[keep]
    return pairs

def build_dictionary(src, tgt, max_rank, knn):
    avg_s = nn_avg_dist(tgt, src, knn)  # each source word: mean top-k to targets
    avg_t = nn_avg_dist(src, tgt, knn)
    s2t = get_candidates(src, tgt, max_rank, knn, avg_s, avg_t)
    t2s = get_candidates(tgt, src, max_rank, knn, avg_t, avg_s)[:, ::-1]
    mean_cos = float(np.mean(np.sum(src[s2t[:10000, 0]] * tgt[s2t[:10000, 1]], 1)))
    inter = sorted(set(map(tuple, s2t.tolist())) & set(map(tuple, t2s.tolist())))
    return np.array(inter, dtype=np.int64).reshape(-1, 2), mean_cos, avg_s, avg_t

def procrustes(src_emb, tgt_emb, dico):
    M = tgt_emb[dico[:, 1]].T @ src_emb[dico[:, 0]]
    U, S, Vt = np.linalg.svd(M)
    return U @ Vt  # column convention: W a

def translation_accuracy(src, tgt, dico, method, knn=10):
    src, tgt = unit(src), unit(tgt)
    query = src[dico[:, 0]]
    scores = query @ tgt.T
    if method == 'csls':
        a1 = nn_avg_dist(tgt, src, knn)
        a2 = nn_avg_dist(src, tgt, knn)
        scores = 2 * scores - a1[dico[:, 0]][:, None] - a2[None, :]
    top = np.argsort(-scores, axis=1, kind='stable')[:, :10]
    res = {}
    for k in (1, 5, 10):
        hit = (top[:, :k] == dico[:, 1][:, None]).sum(1)
        m = {}
        for i, s in enumerate(dico[:, 0]):
            m[s] = min(m.get(s, 0) + hit[i], 1)
        res[k] = float(np.mean(list(m.values())))
    return res

n, d = 300, 8
T = f32(rng.standard_normal((n, d)) * np.linspace(2, 0.5, d))
Qm = random_orthogonal(d)
perm = rng.permutation(n)  # source row i is target row perm[i]
S = f32(T.astype(np.float64)[perm] @ Qm + 0.35 * rng.standard_normal((n, d)))
inv = np.argsort(perm)
seed = np.array([[i, perm[i]] for i in range(0, 40)])
test_pairs = [[i, perm[i]] for i in range(200, 260)] + [[200, perm[201]], [210, perm[0]]]
test = np.array(sorted(test_pairs, key=lambda p: p[0]))
S64, T64 = S.astype(np.float64), T.astype(np.float64)
max_rank, knn, rounds = 150, 10, 2
dico = seed
history = []
W = None
for it in range(rounds + 1):
    if it > 0:
        dico = induced
    W = procrustes(S64, T64, dico)
    mapped = unit(S64 @ W.T)
    induced, mean_cos, avg_s, avg_t = build_dictionary(mapped, unit(T64), max_rank, knn)
    history.append({'dictionarySize': int(len(dico)), 'meanCosine': mean_cos,
                    'induced': induced.tolist(), 'rSourceHead': vec(avg_s[:20]), 'rTargetHead': vec(avg_t[:20])})
mapped_final = S64 @ W.T
out['muse'] = {
    'source': mat(S), 'target': mat(T), 'seed': seed.tolist(), 'test': test.tolist(),
    'maxRank': max_rank, 'k': knn, 'refinements': rounds, 'rounds': history,
    'wLast': mat(W.T),  # row convention
    'bliLast': {'nn': translation_accuracy(mapped_final, T64, test, 'nn'), 'csls': translation_accuracy(mapped_final, T64, test, 'csls')},
}

# brute-force CSLS top-10 on unit rows
q = f32(unit(rng.standard_normal((25, 5))))
kk = f32(unit(rng.standard_normal((70, 5))))
q64, kk64 = q.astype(np.float64), kk.astype(np.float64)
rq = nn_avg_dist(kk64, q64, 10)
rk = nn_avg_dist(q64, kk64, 10)
sc = 2 * (q64 @ kk64.T) - rq[:, None] - rk[None, :]
top = np.argsort(-sc, axis=1, kind='stable')[:, :10]
out['csls'] = {'queries': mat(q), 'keys': mat(kk), 'rQueries': vec(rq), 'rKeys': vec(rk),
               'top': top.tolist(), 'scores': [vec(sc[i, top[i]]) for i in range(len(q))]}

# ---------------------------------------------------------------- isotropy
def isoscore_steps(points_nm):
    # points: (n dims, m points), as the reference's input
    n = points_nm.shape[0]
    X = points_nm.T  # sklearn PCA input: samples x features
    Xc = X - X.mean(0)
    _, _, Vt = np.linalg.svd(Xc, full_matrices=False)
    rotated = (Xc @ Vt.T[:, :n]).T  # PCA(n_components=n).fit_transform, transposed back
    cov_diag = np.cov(rotated)[np.diag_indices(n)]
    normalized = cov_diag * np.sqrt(n) / np.linalg.norm(cov_diag)
    defect = np.linalg.norm(normalized - np.ones(n)) / np.sqrt(2 * (n - np.sqrt(n)))
    score = ((n - defect ** 2 * (n - np.sqrt(n))) ** 2 - n) / (n * (n - 1))
    return float(score), float(defect), cov_diag

iso_cases = []
for name, pts in [
    ('gaussian-anisotropic', rng.standard_normal((150, 10)) * np.linspace(3, 0.2, 10) + 5),
    ('isotropic', rng.standard_normal((300, 6))),
    ('near-line', np.outer(rng.standard_normal(100), rng.standard_normal(5)) + 0.01 * rng.standard_normal((100, 5))),
    ('square', rng.standard_normal((12, 12)) @ rng.standard_normal((12, 12))),
]:
    P = f32(pts)
    score, defect, var = isoscore_steps(P.astype(np.float64).T)
    iso_cases.append({'name': name, 'points': mat(P), 'score': score, 'defect': defect, 'variances': vec(np.sort(var)[::-1])})
out['isoscore'] = iso_cases

part_cases = []
for name, pts in [('offset', rng.standard_normal((150, 6)) * 0.5 + 0.8), ('centred', rng.standard_normal((150, 6))), ('large-norm', rng.standard_normal((80, 4)) * 40 + 100)]:
    P = f32(pts).astype(np.float64)
    _, vecs = np.linalg.eigh(P.T @ P)
    logz = [logsumexp(P @ vecs[:, i]) for i in range(P.shape[1])] + [logsumexp(-(P @ vecs[:, i])) for i in range(P.shape[1])]
    part_cases.append({'name': name, 'points': mat(f32(pts)), 'logRatio': float(min(logz) - max(logz)), 'ratio': float(np.exp(min(logz) - max(logz)))})
out['partition'] = part_cases

P = f32(rng.standard_normal((60, 7)) + 0.7)
P[5] = 0  # a zero vector counts with cosine 0
U_ = unit(P.astype(np.float64))
C = U_ @ U_.T
nn_ = P.shape[0]
out['meanCosine'] = {'points': mat(P), 'value': float((C.sum() - np.trace(C)) / (nn_ * (nn_ - 1)))}

# ---------------------------------------------------------------- transforms
V = f32(rng.standard_normal((200, 9)) * np.linspace(2.5, 0.3, 9) + np.linspace(-1, 1, 9))
V64 = V.astype(np.float64)
mu = V64.mean(0)
Vt_ = np.linalg.svd(V64 - mu, full_matrices=False)[2]
u = Vt_[:2]
new = f32(rng.standard_normal((15, 9)) + 0.3)
N64 = new.astype(np.float64)
out['abtt'] = {'fit': mat(V), 'apply': mat(new), 'components': 2,
               'paper': mat((N64 - mu) - (N64 @ u.T @ u)), 'centered': mat((N64 - mu) - ((N64 - mu) @ u.T @ u))}

cov = np.cov(V64.T)
Uc, Sc, _ = np.linalg.svd(cov)
for i in range(Uc.shape[1]):
    if Uc[np.argmax(np.abs(Uc[:, i])), i] < 0:
        Uc[:, i] *= -1
kernel = Uc @ np.diag(1 / np.sqrt(Sc))
k = 5
out['whiten'] = {'fit': mat(V), 'apply': mat(new), 'dims': k, 'mean': vec(mu), 'kernel': mat(kernel[:, :k]),
                 'output': mat((N64 - mu) @ kernel[:, :k]), 'fitCovariance': mat(np.cov(((V64 - mu) @ kernel).T))}

# ---------------------------------------------------------------- semantic shift
m, dd, kn = 80, 6, 5
Aa = f32(rng.standard_normal((m, dd)))
Rm = random_orthogonal(dd)
Bb = Aa.astype(np.float64) @ Rm
moved = [3, 17, 42]
for i in moved:
    Bb[i] = rng.standard_normal(dd) * 1.5
Bb = f32(Bb + 0.1 * rng.standard_normal((m, dd)))
ua, ub = unit(Aa.astype(np.float64)), unit(Bb.astype(np.float64))
U2, _, Vt2 = np.linalg.svd(ub.T @ ua)
mapped_b = unit(ub @ (U2 @ Vt2))
glob = 1 - np.sum(ua * mapped_b, 1)
def knn_sets(u):
    s = u @ u.T
    np.fill_diagonal(s, -np.inf)
    return np.argsort(-s, axis=1, kind='stable')[:, :kn]
na, nb = knn_sets(ua), knn_sets(ub)
local, overlap = [], []
for i in range(m):
    union = sorted(set(na[i]) | set(nb[i]))
    sa = ua[union] @ ua[i]
    sb = ub[union] @ ub[i]
    local.append(1 - sa @ sb / (np.linalg.norm(sa) * np.linalg.norm(sb)))
    overlap.append(len(set(na[i]) & set(nb[i])) / kn)
out['shift'] = {'a': mat(Aa), 'b': mat(Bb), 'k': kn, 'moved': moved, 'global': vec(glob), 'local': vec(local), 'overlap': vec(overlap)}

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, 'w') as f:
    json.dump(out, f)
print('wrote', OUT, os.path.getsize(OUT), 'bytes')
