;; SIMD kernels for skip-gram negative sampling (see src/train/wasm-kernel.ts). All pointers are byte
;; offsets into the imported shared memory; row lengths are `bytes` = dim * 4 and must be multiples of 16.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; dst[0..bytes) = 0
  (func (export "zero") (param $dst i32) (param $bytes i32)
    (local $k i32)
    (block $b (loop $l
      (br_if $b (i32.ge_u (local.get $k) (local.get $bytes)))
      (v128.store (i32.add (local.get $dst) (local.get $k)) (v128.const i32x4 0 0 0 0))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (br $l))))

  ;; dst += a * src
  (func (export "axpy") (param $dst i32) (param $src i32) (param $bytes i32) (param $a f32)
    (local $k i32) (local $av v128)
    (local.set $av (f32x4.splat (local.get $a)))
    (block $b (loop $l
      (br_if $b (i32.ge_u (local.get $k) (local.get $bytes)))
      (v128.store (i32.add (local.get $dst) (local.get $k))
        (f32x4.add (v128.load (i32.add (local.get $dst) (local.get $k)))
                   (f32x4.mul (local.get $av) (v128.load (i32.add (local.get $src) (local.get $k))))))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (br $l))))

  ;; dst *= a
  (func (export "scale") (param $dst i32) (param $bytes i32) (param $a f32)
    (local $k i32) (local $av v128)
    (local.set $av (f32x4.splat (local.get $a)))
    (block $b (loop $l
      (br_if $b (i32.ge_u (local.get $k) (local.get $bytes)))
      (v128.store (i32.add (local.get $dst) (local.get $k))
        (f32x4.mul (local.get $av) (v128.load (i32.add (local.get $dst) (local.get $k)))))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (br $l))))

  ;; One SGNS step. targets[0] is the positive (label 1), targets[1..n) negatives (label 0). The input
  ;; gradient accumulates in neu1e (zeroed first); output rows are updated when updateOut != 0; the input
  ;; row gets neu1e when applyIn != 0. sig: 1025 f32 sigmoid values on [-8, 8], then 1025 f32 -log sigmoid.
  ;; Returns the summed loss.
  (func (export "pair") (param $in i32) (param $syn1 i32) (param $targets i32) (param $n i32) (param $alpha f32)
        (param $neu1e i32) (param $sig i32) (param $bytes i32) (param $updateOut i32) (param $applyIn i32) (result f64)
    (local $i i32) (local $row i32) (local $k i32) (local $acc v128) (local $f f32) (local $g f32) (local $label f32)
    (local $loss f64) (local $idx i32) (local $gv v128) (local $o v128)
    (block $b (loop $l
      (br_if $b (i32.ge_u (local.get $k) (local.get $bytes)))
      (v128.store (i32.add (local.get $neu1e) (local.get $k)) (v128.const i32x4 0 0 0 0))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (br $l)))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $row (i32.add (local.get $syn1)
        (i32.mul (i32.load (i32.add (local.get $targets) (i32.shl (local.get $i) (i32.const 2)))) (local.get $bytes))))
      (local.set $label (select (f32.const 1) (f32.const 0) (i32.eqz (local.get $i))))
      (local.set $acc (v128.const i32x4 0 0 0 0))
      (local.set $k (i32.const 0))
      (block $db (loop $dl
        (br_if $db (i32.ge_u (local.get $k) (local.get $bytes)))
        (local.set $acc (f32x4.add (local.get $acc)
          (f32x4.mul (v128.load (i32.add (local.get $in) (local.get $k))) (v128.load (i32.add (local.get $row) (local.get $k))))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $dl)))
      (local.set $f (f32.add
        (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
        (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
      (if (f32.ge (local.get $f) (f32.const 8))
        (then
          (local.set $g (f32.mul (f32.sub (local.get $label) (f32.const 1)) (local.get $alpha)))
          (if (f32.eq (local.get $label) (f32.const 0))
            (then (local.set $loss (f64.add (local.get $loss) (f64.const 8.000335406372896))))))
        (else
          (if (f32.le (local.get $f) (f32.const -8))
            (then
              (local.set $g (f32.mul (local.get $label) (local.get $alpha)))
              (if (f32.eq (local.get $label) (f32.const 1))
                (then (local.set $loss (f64.add (local.get $loss) (f64.const 8.000335406372896))))))
            (else
              (local.set $idx (i32.trunc_f32_s (f32.mul (f32.add (local.get $f) (f32.const 8)) (f32.const 64))))
              (local.set $g (f32.mul
                (f32.sub (local.get $label) (f32.load (i32.add (local.get $sig) (i32.shl (local.get $idx) (i32.const 2)))))
                (local.get $alpha)))
              (local.set $loss (f64.add (local.get $loss) (f64.promote_f32 (f32.load (i32.add (local.get $sig)
                (i32.shl
                  (i32.add (i32.const 1025)
                    (select (local.get $idx) (i32.sub (i32.const 1024) (local.get $idx)) (f32.eq (local.get $label) (f32.const 1))))
                  (i32.const 2)))))))))))
      (local.set $gv (f32x4.splat (local.get $g)))
      (local.set $k (i32.const 0))
      (if (local.get $updateOut)
        (then
          (block $ub (loop $ul
            (br_if $ub (i32.ge_u (local.get $k) (local.get $bytes)))
            (local.set $o (v128.load (i32.add (local.get $row) (local.get $k))))
            (v128.store (i32.add (local.get $neu1e) (local.get $k))
              (f32x4.add (v128.load (i32.add (local.get $neu1e) (local.get $k))) (f32x4.mul (local.get $gv) (local.get $o))))
            (v128.store (i32.add (local.get $row) (local.get $k))
              (f32x4.add (local.get $o) (f32x4.mul (local.get $gv) (v128.load (i32.add (local.get $in) (local.get $k))))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $ul))))
        (else
          (block $nb (loop $nl
            (br_if $nb (i32.ge_u (local.get $k) (local.get $bytes)))
            (v128.store (i32.add (local.get $neu1e) (local.get $k))
              (f32x4.add (v128.load (i32.add (local.get $neu1e) (local.get $k)))
                         (f32x4.mul (local.get $gv) (v128.load (i32.add (local.get $row) (local.get $k))))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $nl)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $each)))
    (if (local.get $applyIn)
      (then
        (local.set $k (i32.const 0))
        (block $ab (loop $al
          (br_if $ab (i32.ge_u (local.get $k) (local.get $bytes)))
          (v128.store (i32.add (local.get $in) (local.get $k))
            (f32x4.add (v128.load (i32.add (local.get $in) (local.get $k))) (v128.load (i32.add (local.get $neu1e) (local.get $k)))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br $al)))))
    (local.get $loss))
)
