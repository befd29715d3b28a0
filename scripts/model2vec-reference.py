#!/usr/bin/python3
"""
Golden values for embedkit's model2vec distillation and static embedder (test/embedders/model2vec.test.ts),
computed with numpy from the tiny random BERT of test/fixtures/onnx/bert-import (see
make-bert-import-fixtures.py), following model2vec's distill_from_model step by step:

- vocabulary in id order minus tokens matching r"\\[unused\\d+\\]" at their start (re.match);
- each token as [CLS] tok [SEP] through the float64 BertModel, mean over the 3 positions (no normalization);
- PCA to 16 components: centred, full SVD (what sklearn's PCA(svd_solver="full").fit_transform computes);
- Zipf/SIF weights sif / (sif + p_rank), sif = 1e-4; rows scaled; rounded to float16;
- StaticModel.encode: WordPiece ids without special tokens, [UNK] dropped, mean of rows, L2-normalized.

    python3 scripts/model2vec-reference.py   # → test/fixtures/embedders/model2vec-reference.{json,npy}
"""
import json
import os
import re
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bert_reference import Bert, read_safetensors, wordpiece_ids  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(REPO, 'test', 'fixtures', 'onnx', 'bert-import')
OUT = os.path.join(REPO, 'test', 'fixtures', 'embedders')
DIM = 16
SIF = 1e-4
TEXTS = ['the cat sat on the mat .', 'A man is playing a guitar!', '', 'zzzz qqqq', 'numbers 12 345 and symbols #@%', 'the quick brown fox jumps over the lazy dog']


def main():
    config = json.load(open(os.path.join(SRC, 'config.json')))
    tensors = {k: v.astype(np.float64) for k, v in read_safetensors(os.path.join(SRC, 'model.safetensors')).items() if v.dtype.kind == 'f'}
    bert = Bert(tensors, config)
    vocab = json.load(open(os.path.join(SRC, 'tokenizer.json')))['model']['vocab']
    by_id = sorted(vocab.items(), key=lambda kv: kv[1])
    pattern = re.compile(r'\[unused\d+\]')
    keep = [i for tok, i in by_id if not pattern.match(tok)]
    cls, sep, unk = vocab['[CLS]'], vocab['[SEP]'], vocab['[UNK]']
    raw = np.stack([bert.forward([cls, i, sep]).mean(0) for i in keep])
    centred = raw - raw.mean(0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    proj = centred @ vt[:DIM].T
    inv_rank = 1 / np.arange(2, len(keep) + 2)
    proba = inv_rank / inv_rank.sum()
    weights = SIF / (SIF + proba)
    table = (proj * weights[:, None]).astype(np.float16).astype(np.float32)
    new_id = {old: n for n, old in enumerate(keep)}
    out_texts = []
    for t in TEXTS:
        ids = [new_id[i] for i in wordpiece_ids(t, vocab) if i != unk]
        if ids:
            v = table[ids].astype(np.float64).mean(0)
            v = v / (np.linalg.norm(v) + 1e-32)
        else:
            v = np.zeros(DIM)
        out_texts.append({'text': t, 'ids': ids, 'embedding': [float('%.7g' % x) for x in v]})
    os.makedirs(OUT, exist_ok=True)
    np.save(os.path.join(OUT, 'model2vec-reference.npy'), table)
    json.dump({
        'generator': 'scripts/model2vec-reference.py (numpy %s)' % np.__version__,
        'dim': DIM,
        'sif_coefficient': SIF,
        'kept_ids': keep,
        'sif_weights_head': [float(x) for x in weights[:8]],
        'texts': out_texts,
    }, open(os.path.join(OUT, 'model2vec-reference.json'), 'w'))
    print(len(keep), 'tokens kept of', len(vocab))


if __name__ == '__main__':
    main()
