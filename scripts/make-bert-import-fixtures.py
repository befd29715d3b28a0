#!/usr/bin/python3
"""
Tiny random BERT in safetensors for embedkit's BERT → ONNX builder tests, and its numpy reference outputs.

    python3 scripts/make-bert-import-fixtures.py      # → test/fixtures/onnx/bert-import/ + bert-import-reference.json

The folder is what `importBertFolder` takes: config.json (BertModel, 3 layers, hidden 32, 4 heads, FFN 64,
vocab 1000 — the vocabulary of the committed tiny-bert tokenizer), model.safetensors with mixed dtypes
(word embeddings F16, position embeddings BF16, the rest F32, plus the I64 `position_ids` buffer real
checkpoints carry), tokenizer.json (tiny-bert's), and sentence-transformers files (mean pooling + Normalize,
max_seq_length 32). Reference values (scripts/bert_reference.py, float64): token ids from an independent
WordPiece, last_hidden_state of one text, mean-pooled normalized embeddings for every text at depth 1, 2, 3,
the int8 variant's embeddings (onnxruntime's dynamic quantization re-done in numpy, per-channel weights),
and one quantized weight with its per-column scales.
"""
import json
import os
import shutil
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bert_reference import Bert, mean_normalized, quantize_weight_int8, wordpiece_ids, write_safetensors  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC_TOK = os.path.join(REPO, 'test', 'fixtures', 'onnx', 'tiny-bert')
OUT = os.path.join(REPO, 'test', 'fixtures', 'onnx', 'bert-import')
REF = os.path.join(REPO, 'test', 'fixtures', 'onnx', 'bert-import-reference.json')

CONFIG = {
    'architectures': ['BertModel'],
    'model_type': 'bert',
    'vocab_size': 1000,
    'hidden_size': 32,
    'num_hidden_layers': 3,
    'num_attention_heads': 4,
    'intermediate_size': 64,
    'max_position_embeddings': 64,
    'type_vocab_size': 2,
    'hidden_act': 'gelu',
    'layer_norm_eps': 1e-12,
    'pad_token_id': 0,
    'position_embedding_type': 'absolute',
}

TEXTS = [
    'the cat sat on the mat .',
    'A man is playing a guitar!',
    'Résumé of the naïve café owner',
    '',
    'hello',
    'the quick brown fox jumps over the lazy dog and keeps running far away from the river',
    'numbers 12 345 and symbols #@%',
]


def r(v):
    return [float('%.7g' % x) for x in np.asarray(v).ravel()]


def main():
    rng = np.random.default_rng(20240611)
    H, I, V, P, L = CONFIG['hidden_size'], CONFIG['intermediate_size'], CONFIG['vocab_size'], CONFIG['max_position_embeddings'], CONFIG['num_hidden_layers']

    def w(*shape, s=0.3):
        return (rng.standard_normal(shape) * s).astype(np.float32)

    t = {}
    t['embeddings.word_embeddings.weight'] = w(V, H, s=0.5).astype(np.float16)
    t['embeddings.position_embeddings.weight'] = w(P, H, s=0.2)  # stored as BF16 below
    t['embeddings.token_type_embeddings.weight'] = w(2, H, s=0.2)
    t['embeddings.LayerNorm.weight'] = (1 + w(H, s=0.1))
    t['embeddings.LayerNorm.bias'] = w(H, s=0.1)
    t['embeddings.position_ids'] = np.arange(P, dtype=np.int64).reshape(1, P)
    for l in range(L):
        p = 'encoder.layer.%d.' % l
        for name in ('attention.self.query', 'attention.self.key', 'attention.self.value', 'attention.output.dense'):
            t[p + name + '.weight'] = w(H, H)
            t[p + name + '.bias'] = w(H, s=0.1)
        t[p + 'attention.output.LayerNorm.weight'] = 1 + w(H, s=0.1)
        t[p + 'attention.output.LayerNorm.bias'] = w(H, s=0.1)
        t[p + 'intermediate.dense.weight'] = w(I, H)
        t[p + 'intermediate.dense.bias'] = w(I, s=0.1)
        t[p + 'output.dense.weight'] = w(H, I, s=0.2)
        t[p + 'output.dense.bias'] = w(H, s=0.1)
        t[p + 'output.LayerNorm.weight'] = 1 + w(H, s=0.1)
        t[p + 'output.LayerNorm.bias'] = w(H, s=0.1)

    # BF16 = the top 16 bits of float32 (truncation of the random values is fine: the reference reads them back)
    pos = t['embeddings.position_embeddings.weight']
    pos_bf16 = (pos.view(np.uint32) >> 16).astype(np.uint16)
    t['embeddings.position_embeddings.weight'] = (pos_bf16.astype(np.uint32) << 16).view(np.float32)

    if os.path.exists(OUT):
        shutil.rmtree(OUT)
    os.makedirs(os.path.join(OUT, '1_Pooling'))
    # write: the BF16 tensor needs its own dtype tag, so build the file with a raw override
    tensors = dict(t)
    tensors['embeddings.position_embeddings.weight'] = pos_bf16
    write_safetensors_mixed(os.path.join(OUT, 'model.safetensors'), tensors, bf16={'embeddings.position_embeddings.weight'})
    json.dump(CONFIG, open(os.path.join(OUT, 'config.json'), 'w'), indent=2)
    for f in ('tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json'):
        shutil.copy(os.path.join(SRC_TOK, f), os.path.join(OUT, f))
    json.dump([
        {'idx': 0, 'name': '0', 'path': '', 'type': 'sentence_transformers.models.Transformer'},
        {'idx': 1, 'name': '1', 'path': '1_Pooling', 'type': 'sentence_transformers.models.Pooling'},
        {'idx': 2, 'name': '2', 'path': '2_Normalize', 'type': 'sentence_transformers.models.Normalize'},
    ], open(os.path.join(OUT, 'modules.json'), 'w'), indent=2)
    json.dump({'word_embedding_dimension': H, 'pooling_mode_cls_token': False, 'pooling_mode_mean_tokens': True, 'pooling_mode_max_tokens': False,
               'pooling_mode_mean_sqrt_len_tokens': False}, open(os.path.join(OUT, '1_Pooling', 'config.json'), 'w'), indent=2)
    json.dump({'max_seq_length': 32, 'do_lower_case': False}, open(os.path.join(OUT, 'sentence_bert_config.json'), 'w'), indent=2)

    vocab = json.load(open(os.path.join(SRC_TOK, 'tokenizer.json')))['model']['vocab']
    cls, sep = vocab['[CLS]'], vocab['[SEP]']
    weights = {k: (v.astype(np.float32) if v.dtype == np.float16 else v) for k, v in t.items() if k != 'embeddings.position_ids'}
    bert = Bert(weights, CONFIG)
    texts = []
    for text in TEXTS:
        ids = [cls] + wordpiece_ids(text, vocab)[:30] + [sep]
        entry = {'text': text, 'ids': ids}
        for depth in (1, 2, 3):
            entry['mean_normalized_l%d' % depth] = r(mean_normalized(bert.forward(ids, layers=depth)))
        entry['int8_mean_normalized'] = r(mean_normalized(bert.forward(ids, quantized=True)))
        texts.append(entry)
    first = bert.forward(texts[0]['ids'])
    q, scale = quantize_weight_int8(t['encoder.layer.0.attention.self.query.weight'].T)
    ref = {
        'generator': 'scripts/make-bert-import-fixtures.py (numpy %s, float64 reference)' % np.__version__,
        'config': CONFIG,
        'texts': texts,
        'last_hidden_state_text0': r(first),
        'layer0_query_int8': {'scales': [float(x) for x in scale], 'values': q.ravel().tolist()},
    }
    json.dump(ref, open(REF, 'w'))
    print('wrote', OUT, 'and', REF)


def write_safetensors_mixed(path, tensors, bf16):
    """write_safetensors with some uint16 arrays tagged BF16."""
    import struct
    rev = {np.dtype(np.float64): 'F64', np.dtype(np.float32): 'F32', np.dtype(np.float16): 'F16', np.dtype(np.int64): 'I64'}
    header, blobs, at = {'__metadata__': {'format': 'pt'}}, [], 0
    for name, arr in tensors.items():
        arr = np.ascontiguousarray(arr)
        raw = arr.tobytes()
        header[name] = {'dtype': 'BF16' if name in bf16 else rev[arr.dtype], 'shape': list(arr.shape), 'data_offsets': [at, at + len(raw)]}
        blobs.append(raw)
        at += len(raw)
    h = json.dumps(header, separators=(',', ':')).encode('utf-8')
    h += b' ' * ((8 - (8 + len(h)) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h)))
        f.write(h)
        for raw in blobs:
            f.write(raw)


if __name__ == '__main__':
    main()
