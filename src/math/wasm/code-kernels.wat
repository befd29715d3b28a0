;; SIMD kernels over packed code rows (see code-scan.ts): int8 codes against int16 weights (Int8Index's
;; asymmetric scan) and Hamming distances of bit codes (BinaryIndex). Compiled by scripts/build-wasm.mjs
;; into code-kernels-wasm.ts (base64). Every instance owns its memory: the codes stay there for the life
;; of the index.
(module
  (memory (export "memory") 1)

  ;; Horizontal sum of the four i32 lanes.
  (func $hsum (param $v v128) (result i32)
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))
      (i32.add (i32x4.extract_lane 2 (local.get $v)) (i32x4.extract_lane 3 (local.get $v)))))

  ;; out[r] = sum_k codes[r*dp + k] * w[k] (i32) for r < n (n multiple of 4); dp (bytes per row) multiple of 16.
  ;; codes: i8, row-major; w: i16 (dp of them). Products and sums fit i32 while |w| * 127 * dp < 2^31.
  (func (export "dot_i8_i16") (param $codes i32) (param $n i32) (param $dp i32) (param $w i32) (param $out i32)
    (local $r i32) (local $k i32) (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $w0 v128) (local $w1 v128) (local $c v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $o i32)
    (local.set $r (i32.const 0))
    (block $rDone
      (loop $rLoop
        (br_if $rDone (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $p0 (i32.add (local.get $codes) (i32.mul (local.get $r) (local.get $dp))))
        (local.set $p1 (i32.add (local.get $p0) (local.get $dp)))
        (local.set $p2 (i32.add (local.get $p1) (local.get $dp)))
        (local.set $p3 (i32.add (local.get $p2) (local.get $dp)))
        (local.set $a0 (v128.const i32x4 0 0 0 0)) (local.set $a1 (v128.const i32x4 0 0 0 0))
        (local.set $a2 (v128.const i32x4 0 0 0 0)) (local.set $a3 (v128.const i32x4 0 0 0 0))
        (local.set $k (i32.const 0))
        (block $kDone
          (loop $kLoop
            (br_if $kDone (i32.ge_u (local.get $k) (local.get $dp)))
            (local.set $w0 (v128.load (i32.add (local.get $w) (i32.shl (local.get $k) (i32.const 1)))))
            (local.set $w1 (v128.load offset=16 (i32.add (local.get $w) (i32.shl (local.get $k) (i32.const 1)))))
            (local.set $c (v128.load (i32.add (local.get $p0) (local.get $k))))
            (local.set $a0 (i32x4.add (local.get $a0) (i32x4.add
              (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $c)) (local.get $w0))
              (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $c)) (local.get $w1)))))
            (local.set $c (v128.load (i32.add (local.get $p1) (local.get $k))))
            (local.set $a1 (i32x4.add (local.get $a1) (i32x4.add
              (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $c)) (local.get $w0))
              (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $c)) (local.get $w1)))))
            (local.set $c (v128.load (i32.add (local.get $p2) (local.get $k))))
            (local.set $a2 (i32x4.add (local.get $a2) (i32x4.add
              (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $c)) (local.get $w0))
              (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $c)) (local.get $w1)))))
            (local.set $c (v128.load (i32.add (local.get $p3) (local.get $k))))
            (local.set $a3 (i32x4.add (local.get $a3) (i32x4.add
              (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $c)) (local.get $w0))
              (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $c)) (local.get $w1)))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $kLoop)))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2))))
        (i32.store (local.get $o) (call $hsum (local.get $a0)))
        (i32.store offset=4 (local.get $o) (call $hsum (local.get $a1)))
        (i32.store offset=8 (local.get $o) (call $hsum (local.get $a2)))
        (i32.store offset=12 (local.get $o) (call $hsum (local.get $a3)))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $rLoop))))
;; out[r] = popcount(codes[r] XOR q) over `bytes` bytes (multiple of 16) for r < n (n multiple of 4).
  (func (export "hamming") (param $codes i32) (param $n i32) (param $bytes i32) (param $q i32) (param $out i32)
    (local $r i32) (local $k i32) (local $p i32) (local $acc v128) (local $x v128)
    (local.set $r (i32.const 0))
    (block $rDone
      (loop $rLoop
        (br_if $rDone (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $p (i32.add (local.get $codes) (i32.mul (local.get $r) (local.get $bytes))))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $k (i32.const 0))
        (block $kDone
          (loop $kLoop
            (br_if $kDone (i32.ge_u (local.get $k) (local.get $bytes)))
            (local.set $x (i8x16.popcnt (v128.xor
              (v128.load (i32.add (local.get $p) (local.get $k)))
              (v128.load (i32.add (local.get $q) (local.get $k))))))
            (local.set $acc (i32x4.add (local.get $acc)
              (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $x)))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $kLoop)))
        (i32.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2))) (call $hsum (local.get $acc)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rLoop))))
)
