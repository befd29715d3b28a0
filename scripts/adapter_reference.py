"""Reference values for the adapter losses (test/train/adapters.test.ts): numpy forward passes written
independently of src/train/adapters (vectorized), gradients by central differences in float64.
Run: python3 scripts/adapter_reference.py > test/fixtures/train/adapter-golden.json"""
import json
import numpy as np

rng = np.random.default_rng(7)
dim, width, n, extra = 6, 3, 4, 2
xa = rng.normal(size=(n, dim))
xb = rng.normal(size=(n + extra, dim))
scores = np.array([4.5, 1.0, 3.0, 2.0])
teacher_a = rng.normal(size=(n, 5))
teacher_b = rng.normal(size=(n, 5))


def unit(m):
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def adapter(kind, p, x):
    if kind == 'linear':
        D = p[: dim * dim].reshape(dim, dim); b = p[dim * dim:]
        return x + x @ D + b
    if kind == 'low-rank':
        A = p[: dim * width].reshape(dim, width); B = p[dim * width:].reshape(width, dim)
        return x + (x @ A) @ B
    o = 0
    W1 = p[o:o + dim * width].reshape(dim, width); o += dim * width
    b1 = p[o:o + width]; o += width
    W2 = p[o:o + width * dim].reshape(width, dim); o += width * dim
    b2 = p[o:o + dim]
    return x + np.maximum(0, x @ W1 + b1) @ W2 + b2


def loss_at(name, ya, yb, use, scale=20.0):
    a = unit(ya[:, :use]); b = unit(yb[:, :use])
    if name == 'mnrl':
        s = scale * a @ b.T
        lse = np.log(np.exp(s - s.max(axis=1, keepdims=True)).sum(axis=1)) + s.max(axis=1)
        return float(np.mean(lse - np.diag(s)))
    if name == 'cosent':
        c = np.sum(a * b[:n], axis=1)
        terms = [scale * (c[j] - c[i]) for i in range(n) for j in range(n) if scores[i] > scores[j]]
        return float(np.log(1 + np.sum(np.exp(terms))))
    t = unit(teacher_a) @ unit(teacher_b).T
    s = a @ b[:n].T
    return float(np.mean((s - t) ** 2))


def total(kind, name, p, dims):
    ya = adapter(kind, p, xa)
    yb = adapter(kind, p, xb if name == 'mnrl' else xb[:n])
    uses = sorted(set([d for d in dims if d < dim] + [dim]))
    return sum(loss_at(name, ya, yb, u) for u in uses)


sizes = {'linear': dim * dim + dim, 'low-rank': 2 * dim * width, 'mlp': 2 * dim * width + width + dim}
cases = []
for kind in ['linear', 'low-rank', 'mlp']:
    p = rng.normal(scale=0.3, size=sizes[kind])
    for name in ['mnrl', 'cosent', 'distill']:
        for dims in [[], [2, 4]]:
            f = total(kind, name, p, dims)
            g = np.zeros_like(p)
            h = 1e-6
            for i in range(len(p)):
                e = np.zeros_like(p); e[i] = h
                g[i] = (total(kind, name, p + e, dims) - total(kind, name, p - e, dims)) / (2 * h)
            cases.append({'kind': kind, 'loss': name, 'matryoshka': dims, 'params': p.tolist(), 'value': f, 'grad': g.tolist()})

print(json.dumps({'dim': dim, 'width': width, 'n': n, 'xa': xa.ravel().tolist(), 'xb': xb.ravel().tolist(), 'scores': scores.tolist(),
                  'teacherA': teacher_a.ravel().tolist(), 'teacherB': teacher_b.ravel().tolist(), 'cases': cases}))
