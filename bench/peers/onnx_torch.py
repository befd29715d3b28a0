"""PyTorch eager peer for bench/onnx-encode.bench.ts.

    /usr/bin/python3 bench/peers/onnx_torch.py MODEL_DIR IDS.json OUT.npy THREADS BATCH

Runs the same random all-MiniLM-L6-v2-shaped BERT (the torch module from scripts/make-tiny-models.py, with the
weights that were exported to ONNX) over pre-tokenized ids (token ids are identical across implementations, see
test/onnx), sentence-transformers style: sort by length, batches, right padding, mean pooling, normalize.
Prints {"seconds": …} for the encode loop (tokenization excluded) and writes the embeddings in input order.
"""
import importlib.util
import json
import os
import sys
import time

import numpy as np
import torch

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('make_tiny_models', os.path.join(here, '..', '..', 'scripts', 'make-tiny-models.py'))
mtm = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mtm)

model_dir, ids_path, out_path, threads, batch = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
torch.set_num_threads(threads)
model = mtm.TinyBert(vocab=30522, hidden=384, layers=6, heads=12, ffn=1536, positions=512)
model.load_state_dict(torch.load(os.path.join(model_dir, 'torch_state.pt')))
model.eval()
with open(ids_path) as f:
    seqs = json.load(f)


def encode(seqs):
    out = np.zeros((len(seqs), 384), dtype=np.float32)
    order = sorted(range(len(seqs)), key=lambda i: -len(seqs[i]))
    with torch.inference_mode():
        for s in range(0, len(order), batch):
            idx = order[s:s + batch]
            L = len(seqs[idx[0]])
            ids = torch.zeros((len(idx), L), dtype=torch.long)
            mask = torch.zeros((len(idx), L), dtype=torch.long)
            for r, i in enumerate(idx):
                ids[r, :len(seqs[i])] = torch.tensor(seqs[i])
                mask[r, :len(seqs[i])] = 1
            h = model(ids, mask, torch.zeros_like(ids))
            m = mask.unsqueeze(-1).to(h.dtype)
            pooled = (h * m).sum(1) / m.sum(1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
            out[idx] = pooled.numpy()
    return out


encode(seqs[:64])  # warm-up
t = time.perf_counter()
emb = encode(seqs)
seconds = time.perf_counter() - t
np.save(out_path, emb)
print(json.dumps({'seconds': seconds, 'torch': torch.__version__, 'threads': threads}))
