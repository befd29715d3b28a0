#!/usr/bin/env python3
"""Golden values for test/collections/golden.test.ts, computed independently with numpy.

Writes test/fixtures/collections/{golden-data.npy, golden-queries.npy, golden.json}:
- cosine top-5 of each query over the data (float64 math),
- int8 calibration (per-dimension min and step = (max - min) / 255) and codes
  clip(floor((x - min) / step + 0.5) - 128, -128, 127) of the raw data,
- binary codes: bit d set when x_d > mean_d (means of the raw data), packed little-endian into uint32 words.
Run: python3 scripts/collections_golden.py
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'collections')
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(20261126)
dim, n, nq = 16, 200, 4
centres = rng.normal(size=(5, dim))
data = (centres[rng.integers(0, 5, size=n)] + 0.4 * rng.normal(size=(n, dim))).astype(np.float32)
queries = (data[rng.integers(0, n, size=nq)] + 0.2 * rng.normal(size=(nq, dim))).astype(np.float32)
np.save(os.path.join(OUT, 'golden-data.npy'), data)
np.save(os.path.join(OUT, 'golden-queries.npy'), queries)

d64 = data.astype(np.float64)
unit = d64 / np.linalg.norm(d64, axis=1, keepdims=True)
q64 = queries.astype(np.float64)
qunit = q64 / np.linalg.norm(q64, axis=1, keepdims=True)
scores = qunit @ unit.T
top = []
for i in range(nq):
    order = np.lexsort((np.arange(n), -scores[i]))[:5]
    top.append({'indices': order.tolist(), 'scores': scores[i, order].tolist()})

mn = data.min(axis=0)
step = ((data.max(axis=0).astype(np.float64) - mn.astype(np.float64)) / 255).astype(np.float32)
codes = np.clip(np.floor((d64 - mn.astype(np.float64)) / step.astype(np.float64) + 0.5) - 128, -128, 127).astype(np.int8)

mean = (d64.sum(axis=0) / n).astype(np.float32)
bits = (data > mean).astype(np.uint64)
words = np.zeros(n, dtype=np.uint64)
for d in range(dim):
    words |= bits[:, d] << np.uint64(d)

with open(os.path.join(OUT, 'golden.json'), 'w') as f:
    json.dump({
        'dim': dim,
        'top5': top,
        'int8': {'min': mn.tolist(), 'step': step.tolist(), 'codes': codes.reshape(-1).tolist()},
        'binary': {'thresholds': mean.tolist(), 'words': [int(w) for w in words]},
    }, f)
print('wrote', OUT)
