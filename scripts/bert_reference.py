"""
Independent numpy reference for embedkit's BERT import (used only to produce golden test values, never at
run time): a safetensors reader/writer written from the format description, BERT's WordPiece tokenizer
(basic tokenizer + greedy longest-match-first, as in Google's original BERT code), a float64 BertModel
forward pass (Hugging Face semantics: post-LN, erf GELU, additive float32.min mask), mean pooling and
L2 normalization, and onnxruntime's dynamic int8 MatMul quantization re-done in numpy.
"""
import json
import struct
import unicodedata

import numpy as np

DTYPES = {'F64': np.float64, 'F32': np.float32, 'F16': np.float16, 'I64': np.int64, 'I32': np.int32, 'I8': np.int8, 'U8': np.uint8}


def read_safetensors(path):
    data = open(path, 'rb').read()
    (n,) = struct.unpack('<Q', data[:8])
    header = json.loads(data[8:8 + n].decode('utf-8'))
    base = 8 + n
    out = {}
    for name, t in header.items():
        if name == '__metadata__':
            continue
        b, e = t['data_offsets']
        if t['dtype'] == 'BF16':
            raw = np.frombuffer(data[base + b:base + e], dtype='<u2').astype(np.uint32) << 16
            arr = raw.view(np.float32)
        else:
            arr = np.frombuffer(data[base + b:base + e], dtype=np.dtype(DTYPES[t['dtype']]).newbyteorder('<'))
        out[name] = arr.reshape(t['shape'])
    return out


def write_safetensors(path, tensors, metadata=None):
    """Writes in insertion order (the format allows any order), header padded to 8 bytes."""
    rev = {np.dtype(v): k for k, v in DTYPES.items()}
    header, blobs, at = {}, [], 0
    if metadata:
        header['__metadata__'] = metadata
    for name, arr in tensors.items():
        arr = np.ascontiguousarray(arr)
        raw = arr.astype(arr.dtype.newbyteorder('<')).tobytes()
        header[name] = {'dtype': rev[arr.dtype], 'shape': list(arr.shape), 'data_offsets': [at, at + len(raw)]}
        blobs.append(raw)
        at += len(raw)
    h = json.dumps(header, separators=(',', ':')).encode('utf-8')
    h += b' ' * ((8 - (8 + len(h)) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h)))
        f.write(h)
        for raw in blobs:
            f.write(raw)


# ---------------------------------------------------------------------------------------------------------
# WordPiece (uncased BERT)

def _is_whitespace(c):
    return c in (' ', '\t', '\n', '\r') or unicodedata.category(c) == 'Zs'


def _is_control(c):
    return c not in ('\t', '\n', '\r') and unicodedata.category(c).startswith('C')


def _is_punct(c):
    cp = ord(c)
    return 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126 or unicodedata.category(c).startswith('P')


def _is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def basic_words(text):
    chars = []
    for c in text:
        cp = ord(c)
        if cp == 0 or cp == 0xFFFD or _is_control(c):
            continue
        chars.append(' ' if _is_whitespace(c) else (' %s ' % c if _is_cjk(cp) else c))
    text = ''.join(chars)
    # BertNormalizer: strip accents (NFD, drop non-spacing marks), then lower-case
    text = ''.join(c for c in unicodedata.normalize('NFD', text) if unicodedata.category(c) != 'Mn').lower()
    words = []
    for chunk in text.split():
        cur = ''
        for c in chunk:
            if _is_punct(c):
                if cur:
                    words.append(cur)
                words.append(c)
                cur = ''
            else:
                cur += c
        if cur:
            words.append(cur)
    return words


def wordpiece_ids(text, vocab, unk='[UNK]', max_chars=100):
    ids = []
    for w in basic_words(text):
        if len(w) > max_chars:
            ids.append(vocab[unk])
            continue
        start, pieces = 0, []
        while start < len(w):
            end, found = len(w), None
            while start < end:
                sub = w[start:end] if start == 0 else '##' + w[start:end]
                if sub in vocab:
                    found = sub
                    break
                end -= 1
            if found is None:
                pieces = None
                break
            pieces.append(vocab[found])
            start = end
        ids.extend([vocab[unk]] if pieces is None else pieces)
    return ids


# ---------------------------------------------------------------------------------------------------------
# BertModel forward (float64)

F32_MIN = float(np.finfo(np.float32).min)


def layer_norm(x, g, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


def gelu(x):
    from scipy.special import erf
    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


class Bert:
    def __init__(self, tensors, config, prefix=''):
        self.t = {k[len(prefix):]: np.asarray(v, dtype=np.float64) for k, v in tensors.items() if k.startswith(prefix)}
        self.c = config

    def linear(self, x, name, quantized=False):
        w, b = self.t[name + '.weight'], self.t[name + '.bias']
        if quantized:
            return dynamic_int8_matmul(x, w.T) + b
        return x @ w.T + b

    def forward(self, ids, layers=None, quantized=False):
        """One sequence (no padding): ids → last_hidden_state (seq × hidden)."""
        c, t = self.c, self.t
        ids = np.asarray(ids)
        n = len(ids)
        h = t['embeddings.word_embeddings.weight'][ids] + t['embeddings.position_embeddings.weight'][:n] + t['embeddings.token_type_embeddings.weight'][0]
        eps = c.get('layer_norm_eps', 1e-12)
        h = layer_norm(h, t['embeddings.LayerNorm.weight'], t['embeddings.LayerNorm.bias'], eps)
        heads = c['num_attention_heads']
        d = c['hidden_size'] // heads
        for l in range(layers or c['num_hidden_layers']):
            p = 'encoder.layer.%d.' % l
            q = self.linear(h, p + 'attention.self.query', quantized).reshape(n, heads, d).transpose(1, 0, 2)
            k = self.linear(h, p + 'attention.self.key', quantized).reshape(n, heads, d).transpose(1, 0, 2)
            v = self.linear(h, p + 'attention.self.value', quantized).reshape(n, heads, d).transpose(1, 0, 2)
            s = q @ k.transpose(0, 2, 1) / np.sqrt(d)
            s = s - s.max(-1, keepdims=True)
            a = np.exp(s)
            a /= a.sum(-1, keepdims=True)
            ctx = (a @ v).transpose(1, 0, 2).reshape(n, heads * d)
            h1 = layer_norm(self.linear(ctx, p + 'attention.output.dense', quantized) + h, t[p + 'attention.output.LayerNorm.weight'], t[p + 'attention.output.LayerNorm.bias'], eps)
            f = gelu(self.linear(h1, p + 'intermediate.dense', quantized))
            h = layer_norm(self.linear(f, p + 'output.dense', quantized) + h1, t[p + 'output.LayerNorm.weight'], t[p + 'output.LayerNorm.bias'], eps)
        return h


def mean_normalized(h):
    v = h.mean(0)
    return v / max(np.linalg.norm(v), 1e-12)


# ---------------------------------------------------------------------------------------------------------
# onnxruntime dynamic quantization, in numpy

def quantize_weight_int8(w):
    """Symmetric int8 per output column of an in × out weight (qmin=-127, qmax=127; onnxruntime's
    quantize_weight_per_channel on axis -1), scale in float32, round half to even."""
    w = np.asarray(w, dtype=np.float32)
    scales = np.zeros(w.shape[1], dtype=np.float32)
    q = np.zeros(w.shape, dtype=np.int8)
    for c in range(w.shape[1]):
        col = w[:, c]
        absmax = max(abs(min(float(col.min()), 0.0)), max(float(col.max()), 0.0))
        scale = np.float32(np.float32(2 * absmax) / np.float32(254))
        if scale < np.finfo(np.float32).tiny:
            scale = np.float32(1.0)
        scales[c] = scale
        q[:, c] = np.clip(np.round(col / scale), -127, 127).astype(np.int8)
    return q, scales


def dynamic_quantize_linear(x):
    """ONNX DynamicQuantizeLinear: uint8, scale over [min(0, x), max(0, x)], zero point rounded half to even."""
    x = np.asarray(x, dtype=np.float32)
    lo, hi = min(float(x.min()), 0.0), max(float(x.max()), 0.0)
    scale = np.float32((np.float32(hi) - np.float32(lo)) / np.float32(255))
    if scale == 0:
        scale = np.float32(1.0)
    zp = np.uint8(np.clip(np.round(np.float32(0) - np.float32(lo) / scale), 0, 255))
    q = np.clip(np.round(x / scale) + zp, 0, 255).astype(np.uint8)
    return q, scale, zp


def dynamic_int8_matmul(x, w_in_out):
    """x (float) · w (in × out) the way MatMulInteger + Cast + Mul computes it."""
    xq, xs, xz = dynamic_quantize_linear(x)
    wq, ws = quantize_weight_int8(w_in_out)
    acc = (xq.astype(np.int64) - int(xz)) @ wq.astype(np.int64)
    return acc.astype(np.float32) * (np.float32(xs) * ws).astype(np.float32)
