#!/usr/bin/python3
"""
Builds tiny random-weight transformer models for embedkit's ONNX tests, reproducibly, with Debian's
python3-torch and python3-onnx only (no HF transformers / tokenizers needed), and writes torch reference
outputs next to them.

    /usr/bin/python3 scripts/make-tiny-models.py                # test fixtures → test/fixtures/onnx/
    /usr/bin/python3 scripts/make-tiny-models.py --minilm DIR   # all-MiniLM-L6-v2-shaped bench model (not committed)

Writes Hugging Face-style folders:
- tiny-bert/: BERT encoder (2 layers, hidden 32, 4 heads), WordPiece tokenizer.json (uncased), sentence-
  transformers files (modules.json with Pooling(mean) + Normalize, sentence_bert_config.json max_seq_length 24,
  config_sentence_transformers.json with prompts), onnx/model.onnx and onnx/model_quantized.onnx (dynamic
  int8 quantization done here with the onnx graph API, same scheme as onnxruntime's quantize_dynamic).
- tiny-decoder/: causal decoder (2 layers, pre-LN, learned positions fed by position_ids), cased WordPiece
  tokenizer that appends </s>, left padding, last-token pooling + Normalize.
- reference.json: token ids from an independent Python WordPiece implementation (BERT's basic tokenizer +
  greedy longest match, as in the original BERT code) and torch eager outputs, one text at a time (no padding):
  every pooling mode, raw and normalized, Matryoshka-truncated dims, prompts, chunked long inputs, quantized
  precisions (sentence-transformers' quantize_embeddings semantics, re-implemented in numpy).
"""
import argparse
import collections
import json
import math
import os
import shutil
import sys
import unicodedata

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# ---------------------------------------------------------------------------------------------------------
# WordPiece tokenization (reference implementation, independent of @huggingface/tokenizers)


def is_whitespace(c):
    return c in (' ', '\t', '\n', '\r') or unicodedata.category(c) == 'Zs'


def is_control(c):
    if c in ('\t', '\n', '\r'):
        return False
    return unicodedata.category(c).startswith('C')


def is_punctuation(c):
    cp = ord(c)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(c).startswith('P')


def is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def basic_tokenize(text, lowercase):
    out = []
    for c in text:
        cp = ord(c)
        if cp == 0 or cp == 0xFFFD or is_control(c):
            continue
        if is_whitespace(c):
            out.append(' ')
        elif is_cjk(cp):
            out.append(' ' + c + ' ')
        else:
            out.append(c)
    text = ''.join(out)
    if lowercase:
        text = ''.join(c for c in unicodedata.normalize('NFD', text) if unicodedata.category(c) != 'Mn').lower()
    words = []
    for chunk in text.split():
        cur = ''
        for c in chunk:
            if is_punctuation(c):
                if cur:
                    words.append(cur)
                    cur = ''
                words.append(c)
            else:
                cur += c
        if cur:
            words.append(cur)
    return words


def wordpiece(words, vocab, unk='[UNK]', max_chars=100):
    ids = []
    for w in words:
        if len(w) > max_chars:
            ids.append(vocab[unk])
            continue
        pieces, start, bad = [], 0, False
        while start < len(w):
            end, cur = len(w), None
            while start < end:
                sub = w[start:end] if start == 0 else '##' + w[start:end]
                if sub in vocab:
                    cur = sub
                    break
                end -= 1
            if cur is None:
                bad = True
                break
            pieces.append(vocab[cur])
            start = end
        ids.extend([vocab[unk]] if bad else pieces)
    return ids


def build_vocab(specials, corpus_words, size, lowercase, extra_chars=''):
    """specials, then single characters and ## characters, frequent words, frequent suffixes; padded to `size`."""
    vocab = collections.OrderedDict()
    for s in specials:
        vocab[s] = len(vocab)
    chars = sorted(set(''.join(corpus_words)) | set('abcdefghijklmnopqrstuvwxyz0123456789.,;:!?\'"-()') | set(extra_chars))
    if not lowercase:
        chars = sorted(set(chars) | set('ABCDEFGHIJKLMNOPQRSTUVWXYZ'))
    for c in chars:
        vocab.setdefault(c, len(vocab))
    for c in chars:
        if not is_punctuation(c) and not is_cjk(ord(c)):
            vocab.setdefault('##' + c, len(vocab))
    counts = collections.Counter(corpus_words)
    suffixes = collections.Counter()
    for w, n in counts.items():
        for k in (2, 3, 4):
            if len(w) > k + 2:
                suffixes['##' + w[-k:]] += n
    words = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if len(w) > 1]
    sufs = [s for s, _ in sorted(suffixes.items(), key=lambda kv: (-kv[1], kv[0]))]
    wi = si = 0
    while len(vocab) < size and (wi < len(words) or si < len(sufs)):
        # roughly three whole words per suffix piece
        if wi < len(words) and (si >= len(sufs) or wi < 3 * (si + 1)):
            vocab.setdefault(words[wi], len(vocab))
            wi += 1
        else:
            vocab.setdefault(sufs[si], len(vocab))
            si += 1
    i = 0
    while len(vocab) < size:
        vocab.setdefault('[unused%d]' % i, len(vocab))
        i += 1
    return vocab


def tokenizer_json(vocab, specials, lowercase, prefix_tokens, suffix_tokens, unk):
    def special(tok):
        return {'SpecialToken': {'id': tok, 'type_id': 0}}

    single = [special(t) for t in prefix_tokens] + [{'Sequence': {'id': 'A', 'type_id': 0}}] + [special(t) for t in suffix_tokens]
    pair = single + [{'Sequence': {'id': 'B', 'type_id': 1}}] + [{'SpecialToken': {'id': t, 'type_id': 1}} for t in suffix_tokens]
    used = list(dict.fromkeys(prefix_tokens + suffix_tokens))
    return {
        'version': '1.0',
        'truncation': None,
        'padding': None,
        'added_tokens': [
            {'id': vocab[s], 'content': s, 'single_word': False, 'lstrip': False, 'rstrip': False, 'normalized': False, 'special': True}
            for s in specials
        ],
        'normalizer': {'type': 'BertNormalizer', 'clean_text': True, 'handle_chinese_chars': True, 'strip_accents': None, 'lowercase': lowercase},
        'pre_tokenizer': {'type': 'BertPreTokenizer'},
        'post_processor': {
            'type': 'TemplateProcessing',
            'single': single,
            'pair': pair,
            'special_tokens': {t: {'id': t, 'ids': [vocab[t]], 'tokens': [t]} for t in used},
        },
        'decoder': {'type': 'WordPiece', 'prefix': '##', 'cleanup': True},
        'model': {'type': 'WordPiece', 'unk_token': unk, 'continuing_subword_prefix': '##', 'max_input_chars_per_word': 100, 'vocab': dict(vocab)},
    }


# ---------------------------------------------------------------------------------------------------------
# Models (plain torch.nn: BERT encoder, pre-LN causal decoder)

NEG = -1e9


class Attention(torch.nn.Module):
    def __init__(self, hidden, heads):
        super().__init__()
        self.heads, self.hd = heads, hidden // heads
        self.q, self.k, self.v, self.o = (torch.nn.Linear(hidden, hidden) for _ in range(4))

    def forward(self, x, bias):
        b, s, h = x.shape
        split = lambda t: t.view(b, s, self.heads, self.hd).transpose(1, 2)
        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.hd) + bias
        ctx = torch.matmul(torch.softmax(scores, dim=-1), v).transpose(1, 2).reshape(b, s, h)
        return self.o(ctx)


class BertLayer(torch.nn.Module):
    def __init__(self, hidden, heads, ffn):
        super().__init__()
        self.att = Attention(hidden, heads)
        self.ln1 = torch.nn.LayerNorm(hidden, eps=1e-12)
        self.ff1, self.ff2 = torch.nn.Linear(hidden, ffn), torch.nn.Linear(ffn, hidden)
        self.ln2 = torch.nn.LayerNorm(hidden, eps=1e-12)

    def forward(self, x, bias):
        x = self.ln1(x + self.att(x, bias))
        return self.ln2(x + self.ff2(torch.nn.functional.gelu(self.ff1(x))))


class TinyBert(torch.nn.Module):
    def __init__(self, vocab, hidden, layers, heads, ffn, positions):
        super().__init__()
        self.word = torch.nn.Embedding(vocab, hidden)
        self.pos = torch.nn.Embedding(positions, hidden)
        self.tok_type = torch.nn.Embedding(2, hidden)
        self.ln = torch.nn.LayerNorm(hidden, eps=1e-12)
        self.layers = torch.nn.ModuleList(BertLayer(hidden, heads, ffn) for _ in range(layers))

    def forward(self, input_ids, attention_mask, token_type_ids):
        s = input_ids.shape[1]
        pos = torch.arange(s, dtype=torch.long).unsqueeze(0)
        x = self.ln(self.word(input_ids) + self.pos(pos) + self.tok_type(token_type_ids))
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * NEG
        for layer in self.layers:
            x = layer(x, bias)
        return x


class DecoderLayer(torch.nn.Module):
    def __init__(self, hidden, heads, ffn):
        super().__init__()
        self.ln1, self.ln2 = torch.nn.LayerNorm(hidden), torch.nn.LayerNorm(hidden)
        self.att = Attention(hidden, heads)
        self.ff1, self.ff2 = torch.nn.Linear(hidden, ffn), torch.nn.Linear(ffn, hidden)

    def forward(self, x, bias):
        x = x + self.att(self.ln1(x), bias)
        return x + self.ff2(torch.nn.functional.silu(self.ff1(self.ln2(x))))


class TinyDecoder(torch.nn.Module):
    def __init__(self, vocab, hidden, layers, heads, ffn, positions):
        super().__init__()
        self.word = torch.nn.Embedding(vocab, hidden)
        self.pos = torch.nn.Embedding(positions, hidden)
        self.layers = torch.nn.ModuleList(DecoderLayer(hidden, heads, ffn) for _ in range(layers))
        self.ln = torch.nn.LayerNorm(hidden)

    def forward(self, input_ids, attention_mask, position_ids):
        s = input_ids.shape[1]
        x = self.word(input_ids) + self.pos(position_ids)
        causal = torch.tril(torch.ones(s, s, dtype=torch.bool))[None, None, :, :]
        allowed = causal & attention_mask[:, None, None, :].to(torch.bool)
        bias = (1.0 - allowed.to(x.dtype)) * NEG
        for layer in self.layers:
            x = layer(x, bias)
        return self.ln(x)


def randomize_norms(model, gen):
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, torch.nn.LayerNorm):
                m.weight.copy_(1 + 0.2 * torch.randn(m.weight.shape, generator=gen))
                m.bias.copy_(0.1 * torch.randn(m.bias.shape, generator=gen))


def export(model, path, names, dummy):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    axes = {n: {0: 'batch', 1: 'sequence'} for n in names}
    axes['last_hidden_state'] = {0: 'batch', 1: 'sequence'}
    torch.onnx.export(model, dummy, path, input_names=names, output_names=['last_hidden_state'], dynamic_axes=axes, opset_version=14, do_constant_folding=True)


def quantize_dynamic(src, dst):
    """Dynamic int8 quantization of every MatMul with a constant 2-D weight, like onnxruntime's
    quantize_dynamic: activations → DynamicQuantizeLinear (uint8), weights → int8 (symmetric, per tensor),
    MatMulInteger → Cast → Mul by scale_a · scale_w."""
    m = onnx.load(src)
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    nodes = []
    for n in g.node:
        w = inits.get(n.input[1]) if n.op_type == 'MatMul' else None
        if w is None or len(w.dims) != 2:
            nodes.append(n)
            continue
        wf = numpy_helper.to_array(w).astype(np.float32)
        scale = max(float(np.abs(wf).max()), 1e-8) / 127.0
        wq = np.clip(np.round(wf / scale), -127, 127).astype(np.int8)
        base = n.output[0] + '_q'
        g.initializer.extend([
            numpy_helper.from_array(wq, base + '_w'),
            numpy_helper.from_array(np.array(scale, dtype=np.float32), base + '_ws'),
            numpy_helper.from_array(np.array(0, dtype=np.int8), base + '_wz'),
        ])
        nodes += [
            helper.make_node('DynamicQuantizeLinear', [n.input[0]], [base + '_a', base + '_as', base + '_az']),
            helper.make_node('MatMulInteger', [base + '_a', base + '_w', base + '_az', base + '_wz'], [base + '_i32']),
            helper.make_node('Cast', [base + '_i32'], [base + '_f'], to=TensorProto.FLOAT),
            helper.make_node('Mul', [base + '_as', base + '_ws'], [base + '_s']),
            helper.make_node('Mul', [base + '_f', base + '_s'], [n.output[0]]),
        ]
    used = {i for n in nodes for i in n.input}
    keep = [i for i in g.initializer if i.name in used]
    del g.node[:]
    g.node.extend(nodes)
    del g.initializer[:]
    g.initializer.extend(keep)
    onnx.checker.check_model(m)
    onnx.save(m, dst)


# ---------------------------------------------------------------------------------------------------------
# Reference computations (sentence-transformers semantics)


def pool(h, mask, mode):
    """h: seq × hidden (one text, no padding), mask: seq (1 = pooled)."""
    m = mask.astype(np.float64)[:, None]
    if mode == 'cls':
        return h[np.argmax(mask)]
    if mode == 'last':
        return h[len(mask) - 1 - np.argmax(mask[::-1])]
    if mode == 'mean':
        return (h * m).sum(0) / max(m.sum(), 1e-9)
    if mode == 'weightedmean':
        w = np.cumsum(mask).astype(np.float64)[:, None] * m
        return (h * w).sum(0) / max(w.sum(), 1e-9)
    if mode == 'max':
        return np.where(m > 0, h, -1e9).max(0)
    raise ValueError(mode)


def normalize(v):
    return v / max(np.linalg.norm(v), 1e-12)


def st_quantize(emb, precision):
    emb = emb.astype(np.float32)
    if precision in ('int8', 'uint8'):
        ranges = np.vstack((np.min(emb, axis=0), np.max(emb, axis=0)))
        starts = ranges[0, :]
        steps = (ranges[1, :] - ranges[0, :]) / 255
        if precision == 'uint8':
            return ((emb - starts) / steps).astype(np.uint8)
        return ((emb - starts) / steps - 128).astype(np.int8)
    if precision == 'binary':
        return (np.packbits(emb > 0).reshape(emb.shape[0], -1) - 128).astype(np.int8)
    if precision == 'ubinary':
        return np.packbits(emb > 0).reshape(emb.shape[0], -1)
    raise ValueError(precision)


def r(v):
    return [float('%.8g' % x) for x in np.asarray(v, dtype=np.float64).ravel()]


TEXTS = [
    {'text': 'A man is playing a guitar.'},
    {'text': 'The quick brown fox jumps over the lazy dog!'},
    {'text': 'Café déjà vu: naïve coöperation, résumé.'},
    {'text': 'unbelievably interesting tokenization of words'},
    {'text': ''},
    {'text': '   \t\n  '},
    {'text': 'emoji 😀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 math letters 🚀'},
    {'text': '中文 and 日本語 text mixed with English'},
    {'text': 'Two sentences here. And a second, shorter one?'},
    {'text': 'x'},
    {'text': 'A woman is slicing an onion in the kitchen while the radio plays an old song about the sea.'},
    {'repeat': 'the cat sat on the mat and looked at the dog ', 'times': 2300},
]


def expand(t):
    return t['text'] if 'text' in t else t['repeat'] * t['times']


def sample_words(lowercase):
    with open(os.path.join(REPO, 'data', 'sample', 'sentences.txt'), encoding='utf-8') as f:
        lines = f.read().split('\n')
    words = []
    for line in lines:
        words.extend(basic_tokenize(line, lowercase))
    for t in TEXTS[:4]:
        words.extend(basic_tokenize(expand(t), lowercase)[:3])
    return words


def write_json(path, obj, indent=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(obj, f, ensure_ascii=False, indent=indent)
        f.write('\n')


def write_modules(d):
    """sentence-transformers stage manifest: Transformer → Pooling → Normalize."""
    write_json(os.path.join(d, 'modules.json'), [
        {'idx': 0, 'name': '0', 'path': '', 'type': 'sentence_transformers.models.Transformer'},
        {'idx': 1, 'name': '1', 'path': '1_Pooling', 'type': 'sentence_transformers.models.Pooling'},
        {'idx': 2, 'name': '2', 'path': '2_Normalize', 'type': 'sentence_transformers.models.Normalize'}], indent=2)
    os.makedirs(os.path.join(d, '2_Normalize'), exist_ok=True)


def content_ids(text, vocab, lowercase, unk):
    return wordpiece(basic_tokenize(text, lowercase), vocab, unk)


def run_one(model, ids, kind):
    x = torch.tensor([ids], dtype=torch.long)
    mask = torch.ones_like(x)
    with torch.no_grad():
        if kind == 'bert':
            h = model(x, mask, torch.zeros_like(x))
        else:
            h = model(x, mask, torch.arange(len(ids), dtype=torch.long).unsqueeze(0))
    return h[0].numpy().astype(np.float64)


def windows(n, w, overlap):
    """Start offsets of overlapping windows of w content tokens covering n tokens (the last one ends at n)."""
    if n <= w:
        return [0]
    stride = w - overlap
    starts = list(range(0, n - w, stride))
    starts.append(n - w)
    return starts


def make_bert(out, seed=1234):
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    specials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']
    vocab = build_vocab(specials, sample_words(True), 1000, True, extra_chars='中文日本語')
    cfg = dict(vocab=len(vocab), hidden=32, layers=2, heads=4, ffn=64, positions=64)
    model = TinyBert(**cfg).eval()
    randomize_norms(model, gen)
    max_seq = 24
    d = os.path.join(out, 'tiny-bert')
    shutil.rmtree(d, ignore_errors=True)
    write_json(os.path.join(d, 'config.json'), {
        'architectures': ['BertModel'], 'model_type': 'bert', 'vocab_size': len(vocab), 'hidden_size': cfg['hidden'],
        'num_hidden_layers': cfg['layers'], 'num_attention_heads': cfg['heads'], 'intermediate_size': cfg['ffn'],
        'max_position_embeddings': cfg['positions'], 'type_vocab_size': 2, 'hidden_act': 'gelu', 'layer_norm_eps': 1e-12,
        'pad_token_id': 0}, indent=2)
    write_json(os.path.join(d, 'tokenizer.json'), tokenizer_json(vocab, specials, True, ['[CLS]'], ['[SEP]'], '[UNK]'))
    write_json(os.path.join(d, 'tokenizer_config.json'), {
        'tokenizer_class': 'BertTokenizer', 'do_lower_case': True, 'model_max_length': 512, 'padding_side': 'right',
        'cls_token': '[CLS]', 'sep_token': '[SEP]', 'pad_token': '[PAD]', 'unk_token': '[UNK]', 'mask_token': '[MASK]',
        'clean_up_tokenization_spaces': True}, indent=2)
    write_json(os.path.join(d, 'special_tokens_map.json'), {'cls_token': '[CLS]', 'sep_token': '[SEP]', 'pad_token': '[PAD]', 'unk_token': '[UNK]', 'mask_token': '[MASK]'}, indent=2)
    write_modules(d)
    write_json(os.path.join(d, '1_Pooling', 'config.json'), {
        'word_embedding_dimension': cfg['hidden'], 'pooling_mode_cls_token': False, 'pooling_mode_mean_tokens': True,
        'pooling_mode_max_tokens': False, 'pooling_mode_mean_sqrt_len_tokens': False, 'pooling_mode_weightedmean_tokens': False,
        'pooling_mode_lasttoken': False, 'include_prompt': True}, indent=2)
    write_json(os.path.join(d, 'sentence_bert_config.json'), {'max_seq_length': max_seq, 'do_lower_case': False}, indent=2)
    write_json(os.path.join(d, 'config_sentence_transformers.json'), {
        '__version__': {'sentence_transformers': '3.0.1'}, 'prompts': {'query': 'query: ', 'passage': 'passage: '},
        'default_prompt_name': None, 'similarity_fn_name': 'cosine'}, indent=2)
    onnx_path = os.path.join(d, 'onnx', 'model.onnx')
    dummy = torch.tensor([[2, 10, 11, 3]], dtype=torch.long)
    export(model, onnx_path, ['input_ids', 'attention_mask', 'token_type_ids'], (dummy, torch.ones_like(dummy), torch.zeros_like(dummy)))
    quantize_dynamic(onnx_path, os.path.join(d, 'onnx', 'model_quantized.onnx'))

    # references
    prefix, suffix = [vocab['[CLS]']], [vocab['[SEP]']]
    w = max_seq - 2
    overlap = 4
    items = []
    for t in TEXTS:
        text = expand(t)
        c = content_ids(text, vocab, True, '[UNK]')
        ids = prefix + c[:w] + suffix
        h = run_one(model, ids, 'bert')
        mask = np.ones(len(ids), dtype=np.int64)
        pooled = {mode: pool(h, mask, mode) for mode in ('cls', 'mean', 'max', 'last', 'weightedmean')}
        q_ids = prefix + content_ids('query: ' + text, vocab, True, '[UNK]')[:w] + suffix
        hq = run_one(model, q_ids, 'bert')
        query_mean = pool(hq, np.ones(len(q_ids), dtype=np.int64), 'mean')
        # chunked: overlapping windows of content tokens, each window pooled (mean), weighted by its token count
        acc, total = np.zeros(cfg['hidden']), 0
        for s in windows(len(c), w, overlap):
            win = c[s:s + w]
            hw = run_one(model, prefix + win + suffix, 'bert')
            acc += max(len(win), 1) * pool(hw, np.ones(len(win) + 2, dtype=np.int64), 'mean')
            total += max(len(win), 1)
        chunk_mean = acc / max(total, 1)
        items.append({
            **t,
            'ids': ids,
            'truncated': len(c) > w,
            'pooled': {k: r(v) for k, v in pooled.items()},
            'normalized': {k: r(normalize(v)) for k, v in pooled.items()},
            'mean_truncate_16': r(normalize(normalize(pooled['mean'])[:16])),
            'mean_truncate_8_raw': r(pooled['mean'][:8]),
            'query_ids': q_ids,
            'query_mean_normalized': r(normalize(query_mean)),
            'chunk_windows': len(windows(len(c), w, overlap)),
            'chunk_mean_normalized': r(normalize(chunk_mean)),
        })
    emb = np.array([it['normalized']['mean'] for it in items], dtype=np.float32)
    quantized = {p: st_quantize(emb, p).astype(np.int64).tolist() for p in ('int8', 'uint8', 'binary', 'ubinary')}
    return {'model': 'tiny-bert', 'max_seq_length': max_seq, 'chunk_overlap': overlap, 'hidden': cfg['hidden'], 'vocab_size': len(vocab),
            'texts': items, 'quantized_mean_normalized': quantized}


def make_decoder(out, seed=4321):
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    specials = ['<pad>', '<unk>', '<s>', '</s>']
    vocab = build_vocab(specials, sample_words(False), 1200, False, extra_chars='中文日本語')
    cfg = dict(vocab=len(vocab), hidden=32, layers=2, heads=4, ffn=64, positions=64)
    model = TinyDecoder(**cfg).eval()
    randomize_norms(model, gen)
    max_seq = 20
    d = os.path.join(out, 'tiny-decoder')
    shutil.rmtree(d, ignore_errors=True)
    write_json(os.path.join(d, 'config.json'), {
        'architectures': ['TinyDecoderModel'], 'model_type': 'tiny-decoder', 'vocab_size': len(vocab), 'hidden_size': cfg['hidden'],
        'num_hidden_layers': cfg['layers'], 'num_attention_heads': cfg['heads'], 'intermediate_size': cfg['ffn'],
        'max_position_embeddings': cfg['positions'], 'pad_token_id': 0, 'eos_token_id': vocab['</s>']}, indent=2)
    write_json(os.path.join(d, 'tokenizer.json'), tokenizer_json(vocab, specials, False, [], ['</s>'], '<unk>'))
    write_json(os.path.join(d, 'tokenizer_config.json'), {
        'tokenizer_class': 'PreTrainedTokenizerFast', 'model_max_length': max_seq, 'padding_side': 'left',
        'pad_token': '<pad>', 'eos_token': '</s>', 'unk_token': '<unk>', 'bos_token': '<s>'}, indent=2)
    write_modules(d)
    write_json(os.path.join(d, '1_Pooling', 'config.json'), {
        'word_embedding_dimension': cfg['hidden'], 'pooling_mode_cls_token': False, 'pooling_mode_mean_tokens': False,
        'pooling_mode_max_tokens': False, 'pooling_mode_mean_sqrt_len_tokens': False, 'pooling_mode_weightedmean_tokens': False,
        'pooling_mode_lasttoken': True, 'include_prompt': True}, indent=2)
    write_json(os.path.join(d, 'config_sentence_transformers.json'), {
        'prompts': {'query': 'Instruct: find similar text\nQuery: ', 'document': ''}, 'default_prompt_name': None, 'similarity_fn_name': 'cosine'}, indent=2)
    dummy = torch.tensor([[10, 11, 12, 3]], dtype=torch.long)
    export(model, os.path.join(d, 'model.onnx'), ['input_ids', 'attention_mask', 'position_ids'],
           (dummy, torch.ones_like(dummy), torch.arange(4, dtype=torch.long).unsqueeze(0)))
    suffix = [vocab['</s>']]
    w = max_seq - 1
    items = []
    for t in TEXTS:
        text = expand(t)
        c = content_ids(text, vocab, False, '<unk>')
        ids = c[:w] + suffix
        h = run_one(model, ids, 'decoder')
        mask = np.ones(len(ids), dtype=np.int64)
        pooled = {mode: pool(h, mask, mode) for mode in ('last', 'mean', 'weightedmean', 'cls')}
        items.append({**t, 'ids': ids, 'truncated': len(c) > w, 'pooled': {k: r(v) for k, v in pooled.items()},
                      'normalized': {k: r(normalize(v)) for k, v in pooled.items()}})
    return {'model': 'tiny-decoder', 'max_seq_length': max_seq, 'hidden': cfg['hidden'], 'vocab_size': len(vocab), 'texts': items}


def make_minilm(d, seed=7):
    """all-MiniLM-L6-v2-shaped random BERT for the benchmark: 6 layers, hidden 384, 12 heads, FFN 1536,
    vocab 30,522, 512 positions. Vocabulary from the sample corpus and STS-B sentences so token counts are
    realistic; writes onnx/model.onnx, onnx/model_quantized.onnx and a torch state dict for the torch peer."""
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    data = os.environ.get('EMBEDKIT_DATA_DIR', os.path.join(REPO, '..', 'shared', 'data'))
    words = sample_words(True)
    sts = os.path.join(data, 'sts-benchmark', 'sts-train.csv')
    if os.path.exists(sts):
        with open(sts, encoding='utf-8') as f:
            for line in f:
                parts = line.rstrip('\n').split('\t')
                for s in parts[5:7]:
                    words.extend(basic_tokenize(s, True))
    specials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']
    vocab = build_vocab(specials, words, 30522, True)
    cfg = dict(vocab=30522, hidden=384, layers=6, heads=12, ffn=1536, positions=512)
    model = TinyBert(**cfg).eval()
    with torch.no_grad():
        for p in model.parameters():
            if p.dim() == 2:
                p.normal_(0, 0.02, generator=gen)
    shutil.rmtree(d, ignore_errors=True)
    write_json(os.path.join(d, 'config.json'), {
        'architectures': ['BertModel'], 'model_type': 'bert', 'vocab_size': 30522, 'hidden_size': 384, 'num_hidden_layers': 6,
        'num_attention_heads': 12, 'intermediate_size': 1536, 'max_position_embeddings': 512, 'type_vocab_size': 2,
        'hidden_act': 'gelu', 'layer_norm_eps': 1e-12, 'pad_token_id': 0}, indent=2)
    write_json(os.path.join(d, 'tokenizer.json'), tokenizer_json(vocab, specials, True, ['[CLS]'], ['[SEP]'], '[UNK]'))
    write_json(os.path.join(d, 'tokenizer_config.json'), {
        'tokenizer_class': 'BertTokenizer', 'do_lower_case': True, 'model_max_length': 512, 'padding_side': 'right',
        'cls_token': '[CLS]', 'sep_token': '[SEP]', 'pad_token': '[PAD]', 'unk_token': '[UNK]', 'mask_token': '[MASK]'}, indent=2)
    write_modules(d)
    write_json(os.path.join(d, '1_Pooling', 'config.json'), {'word_embedding_dimension': 384, 'pooling_mode_mean_tokens': True}, indent=2)
    write_json(os.path.join(d, 'sentence_bert_config.json'), {'max_seq_length': 256, 'do_lower_case': False}, indent=2)
    onnx_path = os.path.join(d, 'onnx', 'model.onnx')
    dummy = torch.tensor([[2, 10, 11, 3]], dtype=torch.long)
    export(model, onnx_path, ['input_ids', 'attention_mask', 'token_type_ids'], (dummy, torch.ones_like(dummy), torch.zeros_like(dummy)))
    quantize_dynamic(onnx_path, os.path.join(d, 'onnx', 'model_quantized.onnx'))
    torch.save(model.state_dict(), os.path.join(d, 'torch_state.pt'))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default=os.path.join(REPO, 'test', 'fixtures', 'onnx'))
    ap.add_argument('--minilm', help='write the all-MiniLM-L6-v2-shaped benchmark model to this folder instead')
    a = ap.parse_args()
    torch.set_num_threads(1)
    if a.minilm:
        make_minilm(a.minilm)
        return
    ref = {'generator': 'scripts/make-tiny-models.py', 'torch': torch.__version__, 'onnx': onnx.__version__,
           'tiny-bert': make_bert(a.out), 'tiny-decoder': make_decoder(a.out)}
    write_json(os.path.join(a.out, 'reference.json'), ref)
    total = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(a.out) for f in fs)
    print('wrote %s (%.2f MB)' % (a.out, total / 1e6), file=sys.stderr)


if __name__ == '__main__':
    main()
