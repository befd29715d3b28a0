#!/usr/bin/python3
"""
Golden permutations of numpy's legacy random stream for src/learn/numpy-random.ts
(test/eval/mteb-classification.test.ts): np.random.seed(42), then successive np.random.shuffle calls on one
arange array — the way MTEB 1.x samples classification training sets — and, for comparison, MTEB 2.x's
RandomState(42).shuffle applied again to the previous permutation.

    python3 scripts/make-numpy-shuffle-golden.py   # → test/fixtures/eval/numpy-shuffle.json
"""
import json
import os

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    out = {'numpy': np.__version__}
    np.random.seed(42)
    idx = np.arange(1000)
    out['stream_n1000'] = []
    for _ in range(3):
        np.random.shuffle(idx)
        out['stream_n1000'].append(idx.tolist())
    # MTEB: every experiment re-seeds (mteb 1.x's Evaluator.__init__ calls np.random.seed(42); mteb 2.x
    # uses RandomState(42)), so each experiment applies the same seed-42 shuffle to the previous order
    idx = np.arange(1000)
    out['reseeded_n1000'] = []
    for _ in range(3):
        np.random.RandomState(42).shuffle(idx)
        out['reseeded_n1000'].append(idx.tolist())
    np.random.seed(42)
    idx = np.arange(10003)
    out['stream_n10003_head'] = []
    for _ in range(10):
        np.random.shuffle(idx)
        out['stream_n10003_head'].append(idx[:64].tolist())
    # raw MT19937 outputs: RandomState.bytes packs successive 32-bit outputs little-endian
    out['uint32_seed7'] = np.frombuffer(np.random.RandomState(7).bytes(32), dtype='<u4').tolist()
    json.dump(out, open(os.path.join(REPO, 'test', 'fixtures', 'eval', 'numpy-shuffle.json'), 'w'))


if __name__ == '__main__':
    main()
