#!/usr/bin/env python3
"""Independent reference values for embedkit's TTE depth and rank-sum code (numpy/scipy only).

Writes, under test/fixtures/analysis/:
  depth-F.npy, depth-G.npy  - two small float32 corpora (G drawn more spread out than F), fixed seed
  depth-golden.json         - TTE depth as defined by Seegmiller & Preum (2023) and computed the way their
                              package tte_depth does (scipy cdist, self-distance excluded, divided by n-1):
                              cosine and chord depths of F w.r.t. F and of G w.r.t. F; Q(F,G) by Liu & Singh's
                              estimator (brute force double loop), tte_depth's pooled-rank q_score; and
                              scipy.stats.ranksums(depthF, depthG, alternative='greater'); ranksums on samples
                              with many ties for every alternative; scipy.stats.norm.sf / ndtr on a grid.
Usage: python3 scripts/depth_golden.py
"""
import json, os
import numpy as np
from scipy import stats
from scipy.spatial.distance import cdist

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'analysis')
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(20261201)

d = 16
center = rng.normal(size=d)
F = (center + 0.8 * rng.normal(size=(40, d))).astype(np.float32)
G = (center + 1.6 * rng.normal(size=(30, d)) + 0.5 * rng.normal(size=d)).astype(np.float32)
np.save(os.path.join(OUT, 'depth-F.npy'), F)
np.save(os.path.join(OUT, 'depth-G.npy'), G)
F64, G64 = F.astype(np.float64), G.astype(np.float64)

def depths(dist_ff, dist_fg):
    m = dist_ff.shape[0]
    df = 2.0 - (dist_ff.sum(axis=1) - np.diag(dist_ff)) / (m - 1)
    dg = 2.0 - dist_fg.mean(axis=0)
    return df, dg

cos_ff, cos_fg = cdist(F64, F64, 'cosine'), cdist(F64, G64, 'cosine')
cf, cg = depths(cos_ff, cos_fg)
ch_ff = np.sqrt(np.clip(2.0 * cos_ff, 0.0, None))
np.fill_diagonal(ch_ff, 0.0)
ch_fg = np.sqrt(np.clip(2.0 * cos_fg, 0.0, None))
hf, hg = depths(ch_ff, ch_fg)

def q_liu_singh(x, y):
    return float(np.mean([np.mean(x <= yj) for yj in y]))

def q_pooled(x, y):
    ranked = stats.rankdata(np.concatenate((x, y)))
    yr = ranked[len(x):]
    return float(np.mean([np.mean(ranked < r) for r in yr]))

def comparison(x, y):
    t = stats.ranksums(x, y, alternative='greater')
    ranks = stats.rankdata(np.concatenate((x, y)))
    return {'q': q_liu_singh(x, y), 'qPooled': q_pooled(x, y), 'w': float(t.statistic), 'p': float(t.pvalue),
            'rankSum': float(ranks[:len(x)].sum()), 'meanDepthF': float(x.mean()), 'meanDepthG': float(y.mean())}

out = {
    'cosine': {'depthF': cf.tolist(), 'depthG': cg.tolist(), 'median': int(np.argmax(cf)), **comparison(cf, cg)},
    'chord': {'depthF': hf.tolist(), 'depthG': hg.tolist(), 'median': int(np.argmax(hf)), **comparison(hf, hg)},
}

# rank-sum with ties, all alternatives
x = rng.integers(0, 6, size=25).astype(float)
y = rng.integers(1, 8, size=18).astype(float)
out['ranksums'] = {'x': x.tolist(), 'y': y.tolist(), 'ranks': stats.rankdata(np.concatenate((x, y))).tolist()}
for alt in ('two-sided', 'greater', 'less'):
    t = stats.ranksums(x, y, alternative=alt)
    out['ranksums'][alt] = {'statistic': float(t.statistic), 'pvalue': float(t.pvalue)}
# a large shift: a tiny p-value must keep its relative precision
x2 = rng.normal(size=300) + 1.5
y2 = rng.normal(size=200)
t = stats.ranksums(x2, y2, alternative='greater')
out['ranksumsLarge'] = {'x': x2.tolist(), 'y': y2.tolist(), 'statistic': float(t.statistic), 'pvalue': float(t.pvalue)}

z = np.round(np.arange(-9.0, 38.0, 0.173), 6)
out['normal'] = {'z': z.tolist(), 'sf': stats.norm.sf(z).tolist(), 'cdf': stats.norm.cdf(z).tolist()}
out['versions'] = {'numpy': np.__version__, 'scipy': __import__('scipy').__version__}

with open(os.path.join(OUT, 'depth-golden.json'), 'w') as fh:
    json.dump(out, fh, indent=1)
print('wrote', os.path.join(OUT, 'depth-golden.json'))
