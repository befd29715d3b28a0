#!/usr/bin/python3
"""
Golden files for embedkit's safetensors reader/writer and fp16/bf16 conversion (test/onnx/safetensors.test.ts).

    python3 scripts/make-safetensors-fixtures.py   # → test/fixtures/safetensors/

- all-dtypes.safetensors: one small tensor per dtype (F64 F32 F16 BF16 I64 I32 I16 I8 U8 BOOL), written in the
  order and header format embedkit's writer uses (element size descending, then name; compact JSON; header
  padded with spaces to 8 bytes), so the writer must reproduce it byte for byte.
- all-dtypes.json: the tensors' values (floats as float64 of the stored value; BF16 from its bits).
- half.json: float32 inputs (ties, subnormals, overflow, signed zeros) with numpy's float16 bits, and
  float16 bit patterns with their float32 values.
"""
import json
import os
import struct

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, 'test', 'fixtures', 'safetensors')
SIZE = {'F64': 8, 'F32': 4, 'F16': 2, 'BF16': 2, 'I64': 8, 'I32': 4, 'I16': 2, 'I8': 1, 'U8': 1, 'BOOL': 1}


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(5)
    bf_src = rng.standard_normal(6).astype(np.float32)
    bf_bits = (bf_src.view(np.uint32) >> 16).astype(np.uint16)
    tensors = {
        'f64': ('F64', np.array([[1.5, -2.25, 1e-300], [3.0, 0.0, -7.5]], dtype=np.float64)),
        'f32': ('F32', rng.standard_normal((3, 4)).astype(np.float32)),
        'f16': ('F16', np.array([0.1, -65504, 6.1e-5, 5.96e-8, 1.0, -0.0, 3.14159], dtype=np.float16)),
        'bf16': ('BF16', bf_bits.reshape(2, 3)),
        'i64': ('I64', np.array([0, -1, 2**40, -(2**31)], dtype=np.int64)),
        'i32': ('I32', np.array([[7, -8], [2**31 - 1, -(2**31)]], dtype=np.int32)),
        'i16': ('I16', np.array([1, -32768, 32767], dtype=np.int16)),
        'i8': ('I8', np.array([-128, 0, 127, 5, -5], dtype=np.int8)),
        'u8': ('U8', np.array([0, 255, 17], dtype=np.uint8)),
        'bool': ('BOOL', np.array([1, 0, 1, 1], dtype=np.uint8)),
        'empty': ('F32', np.zeros((0, 3), dtype=np.float32)),
    }
    names = sorted(tensors, key=lambda n: (-SIZE[tensors[n][0]], n))
    header = {'__metadata__': {'format': 'pt', 'note': 'embedkit fixture'}}
    blobs, at = [], 0
    for n in names:
        dtype, arr = tensors[n]
        raw = np.ascontiguousarray(arr).tobytes()
        header[n] = {'dtype': dtype, 'shape': list(arr.shape), 'data_offsets': [at, at + len(raw)]}
        blobs.append(raw)
        at += len(raw)
    h = json.dumps(header, separators=(',', ':'), ensure_ascii=False).encode('utf-8')
    h += b' ' * ((8 - (8 + len(h)) % 8) % 8)
    with open(os.path.join(OUT, 'all-dtypes.safetensors'), 'wb') as f:
        f.write(struct.pack('<Q', len(h)) + h + b''.join(blobs))

    values = {}
    for n, (dtype, arr) in tensors.items():
        if dtype == 'BF16':
            v = (arr.astype(np.uint32) << 16).view(np.float32).astype(np.float64)
            values[n] = {'dtype': dtype, 'shape': list(arr.shape), 'values': v.ravel().tolist(), 'bits': arr.ravel().tolist()}
        elif dtype == 'F16':
            values[n] = {'dtype': dtype, 'shape': list(arr.shape), 'values': arr.astype(np.float64).ravel().tolist(), 'bits': arr.view(np.uint16).ravel().tolist()}
        elif dtype == 'I64':
            values[n] = {'dtype': dtype, 'shape': list(arr.shape), 'values': [str(x) for x in arr.ravel()]}
        else:
            values[n] = {'dtype': dtype, 'shape': list(arr.shape), 'values': arr.astype(np.float64).ravel().tolist()}
    json.dump({'metadata': header['__metadata__'], 'tensors': values}, open(os.path.join(OUT, 'all-dtypes.json'), 'w'), indent=1)

    # float32 → float16 rounding (round to nearest even), incl. ties, subnormals, overflow
    special = [0.0, -0.0, 1.0, -1.0, 65504.0, 65519.99, 65520.0, 1e6, -1e6, 6.103515625e-05, 6.1e-05, 5.960464477539063e-08,
               2.980232238769531e-08, 2.9802326e-08, 1e-9, 1.0009765625, 1.00048828125, 1.00146484375, 0.333333333, 3.14159265,
               -2.7182818, 1e-4, 1234.5678, float('inf'), float('-inf')]
    rnd = rng.standard_normal(200) * np.exp(rng.uniform(-20, 12, 200))
    f32 = np.array(special + rnd.tolist(), dtype=np.float32)
    bits = f32.astype(np.float16).view(np.uint16)
    patterns = np.array(list(range(0, 65536, 97)) + [0x0001, 0x03ff, 0x0400, 0x7bff, 0x7c00, 0xfc00, 0x8001, 0x8000], dtype=np.uint16)
    json.dump({
        'encode': {'float32': [float(x) if np.isfinite(x) else str(x) for x in f32], 'bits': bits.tolist()},
        'decode': {'bits': patterns.tolist(), 'float32': [float(x) if np.isfinite(x) else str(x) for x in patterns.view(np.float16).astype(np.float32)]},
    }, open(os.path.join(OUT, 'half.json'), 'w'))
    print('wrote', OUT)


if __name__ == '__main__':
    main()
