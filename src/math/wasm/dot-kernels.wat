;; SIMD kernels for blocked inner products (f32x4). Compiled by scripts/build-wasm.mjs into
;; dot-kernels-wasm.ts (base64), so the runtime needs no toolchain.
;; All pointers are byte offsets into the exported memory; `d` (row length in floats) is a multiple of 4.
;; variant: shared — also built on an imported shared memory (dot-kernels-shared-wasm.ts), for matrices
;; allocated in an arena and read in place (matrix-arena.ts).
(module
  (memory (export "memory") 1)

  ;; Sums each of four vectors horizontally: result lane t = sum of lanes of c_t.
  (func $hsum4 (param $c0 v128) (param $c1 v128) (param $c2 v128) (param $c3 v128) (result v128)
    (local $p01 v128) (local $p23 v128)
    (local.set $p01
      (f32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 8 9 10 11 24 25 26 27 (local.get $c0) (local.get $c1))
        (i8x16.shuffle 4 5 6 7 20 21 22 23 12 13 14 15 28 29 30 31 (local.get $c0) (local.get $c1))))
    (local.set $p23
      (f32x4.add
        (i8x16.shuffle 0 1 2 3 16 17 18 19 8 9 10 11 24 25 26 27 (local.get $c2) (local.get $c3))
        (i8x16.shuffle 4 5 6 7 20 21 22 23 12 13 14 15 28 29 30 31 (local.get $c2) (local.get $c3))))
    (f32x4.add
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $p01) (local.get $p23))
      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $p01) (local.get $p23))))

  ;; One query row against n rows of b (n multiple of 4): out[r] = <a, b_r>, a 1×4 register tile.
  (func $gemv_nt (param $a i32) (param $b i32) (param $n i32) (param $d i32) (param $out i32)
    (local $rowBytes i32) (local $r i32) (local $k i32)
    (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32) (local $x v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 2)))
    (local.set $r (i32.const 0))
    (block $rDone
      (loop $rLoop
        (br_if $rDone (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $r) (local.get $rowBytes))))
        (local.set $b1 (i32.add (local.get $b0) (local.get $rowBytes)))
        (local.set $b2 (i32.add (local.get $b1) (local.get $rowBytes)))
        (local.set $b3 (i32.add (local.get $b2) (local.get $rowBytes)))
        (local.set $c0 (v128.const i32x4 0 0 0 0)) (local.set $c1 (v128.const i32x4 0 0 0 0))
        (local.set $c2 (v128.const i32x4 0 0 0 0)) (local.set $c3 (v128.const i32x4 0 0 0 0))
        (local.set $k (i32.const 0))
        (block $kDone
          (loop $kLoop
            (br_if $kDone (i32.ge_u (local.get $k) (local.get $rowBytes)))
            (local.set $x (v128.load (i32.add (local.get $a) (local.get $k))))
            (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $b0) (local.get $k))))))
            (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $b1) (local.get $k))))))
            (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $b2) (local.get $k))))))
            (local.set $c3 (f32x4.add (local.get $c3) (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $b3) (local.get $k))))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $kLoop)))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2)))
          (call $hsum4 (local.get $c0) (local.get $c1) (local.get $c2) (local.get $c3)))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $rLoop))))

  ;; out[i*n + r] = <a_i, b_r> for i < m, r < n (n multiple of 4); a is m×d, b is n×d, row-major.
  ;; Rows of a are taken two at a time (2×4 register tile); an odd last row uses $gemv_nt.
  (func (export "gemm_nt") (param $a i32) (param $m i32) (param $b i32) (param $n i32) (param $d i32) (param $out i32)
    (local $rowBytes i32) (local $i i32) (local $r i32) (local $k i32)
    (local $a0 i32) (local $a1 i32) (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local $x0 v128) (local $x1 v128) (local $y0 v128) (local $y1 v128) (local $y2 v128) (local $y3 v128)
    (local $c00 v128) (local $c01 v128) (local $c02 v128) (local $c03 v128)
    (local $c10 v128) (local $c11 v128) (local $c12 v128) (local $c13 v128)
    (local $o i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 2)))
    (local.set $i (i32.const 0))
    (block $iDone
      (loop $iLoop
        (br_if $iDone (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $m)))
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $a1 (i32.add (local.get $a0) (local.get $rowBytes)))
        (local.set $r (i32.const 0))
        (block $rDone
          (loop $rLoop
            (br_if $rDone (i32.ge_u (local.get $r) (local.get $n)))
            (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $r) (local.get $rowBytes))))
            (local.set $b1 (i32.add (local.get $b0) (local.get $rowBytes)))
            (local.set $b2 (i32.add (local.get $b1) (local.get $rowBytes)))
            (local.set $b3 (i32.add (local.get $b2) (local.get $rowBytes)))
            (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0))
            (local.set $c02 (v128.const i32x4 0 0 0 0)) (local.set $c03 (v128.const i32x4 0 0 0 0))
            (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c11 (v128.const i32x4 0 0 0 0))
            (local.set $c12 (v128.const i32x4 0 0 0 0)) (local.set $c13 (v128.const i32x4 0 0 0 0))
            (local.set $k (i32.const 0))
            (block $kDone
              (loop $kLoop
                (br_if $kDone (i32.ge_u (local.get $k) (local.get $rowBytes)))
                (local.set $x0 (v128.load (i32.add (local.get $a0) (local.get $k))))
                (local.set $x1 (v128.load (i32.add (local.get $a1) (local.get $k))))
                (local.set $y0 (v128.load (i32.add (local.get $b0) (local.get $k))))
                (local.set $y1 (v128.load (i32.add (local.get $b1) (local.get $k))))
                (local.set $y2 (v128.load (i32.add (local.get $b2) (local.get $k))))
                (local.set $y3 (v128.load (i32.add (local.get $b3) (local.get $k))))
                (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x0) (local.get $y0))))
                (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x0) (local.get $y1))))
                (local.set $c02 (f32x4.add (local.get $c02) (f32x4.mul (local.get $x0) (local.get $y2))))
                (local.set $c03 (f32x4.add (local.get $c03) (f32x4.mul (local.get $x0) (local.get $y3))))
                (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x1) (local.get $y0))))
                (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x1) (local.get $y1))))
                (local.set $c12 (f32x4.add (local.get $c12) (f32x4.mul (local.get $x1) (local.get $y2))))
                (local.set $c13 (f32x4.add (local.get $c13) (f32x4.mul (local.get $x1) (local.get $y3))))
                (local.set $k (i32.add (local.get $k) (i32.const 16)))
                (br $kLoop)))
            (local.set $o (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $r)) (i32.const 2))))
            (v128.store (local.get $o) (call $hsum4 (local.get $c00) (local.get $c01) (local.get $c02) (local.get $c03)))
            (v128.store (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2)))
              (call $hsum4 (local.get $c10) (local.get $c11) (local.get $c12) (local.get $c13)))
            (local.set $r (i32.add (local.get $r) (i32.const 4)))
            (br $rLoop)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $iLoop)))
    (if (i32.lt_u (local.get $i) (local.get $m))
      (then (call $gemv_nt
        (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes)))
        (local.get $b) (local.get $n) (local.get $d)
        (i32.add (local.get $out) (i32.shl (i32.mul (local.get $i) (local.get $n)) (i32.const 2)))))))

  ;; Reduces per-lane best (score, index) to one: highest score, lowest index among equal scores.
  (func $reduceBest (param $best v128) (param $idx v128) (param $outS i32) (param $outI i32)
    (local $s f32) (local $ix i32) (local $t f32) (local $tx i32)
    (local.set $s (f32x4.extract_lane 0 (local.get $best)))
    (local.set $ix (i32x4.extract_lane 0 (local.get $idx)))
    (local.set $t (f32x4.extract_lane 1 (local.get $best))) (local.set $tx (i32x4.extract_lane 1 (local.get $idx)))
    (if (i32.or (f32.gt (local.get $t) (local.get $s)) (i32.and (f32.eq (local.get $t) (local.get $s)) (i32.lt_s (local.get $tx) (local.get $ix))))
      (then (local.set $s (local.get $t)) (local.set $ix (local.get $tx))))
    (local.set $t (f32x4.extract_lane 2 (local.get $best))) (local.set $tx (i32x4.extract_lane 2 (local.get $idx)))
    (if (i32.or (f32.gt (local.get $t) (local.get $s)) (i32.and (f32.eq (local.get $t) (local.get $s)) (i32.lt_s (local.get $tx) (local.get $ix))))
      (then (local.set $s (local.get $t)) (local.set $ix (local.get $tx))))
    (local.set $t (f32x4.extract_lane 3 (local.get $best))) (local.set $tx (i32x4.extract_lane 3 (local.get $idx)))
    (if (i32.or (f32.gt (local.get $t) (local.get $s)) (i32.and (f32.eq (local.get $t) (local.get $s)) (i32.lt_s (local.get $tx) (local.get $ix))))
      (then (local.set $s (local.get $t)) (local.set $ix (local.get $tx))))
    (f32.store (local.get $outS) (local.get $s))
    (i32.store (local.get $outI) (local.get $ix)))

  ;; Analogy scan over one block of `n` candidates (n multiple of 4). `s` holds similarity rows
  ;; (row stride n floats); for query q with row numbers qa[q], qb[q], qc[q]:
  ;;   3CosAdd: score_j = s[b][j] + s[c][j] - s[a][j]
  ;;   3CosMul: score_j = cb·cc / (ca + eps), cx = (s[x][j] + 1) / 2
  ;; `mode` bit 1 = 3CosAdd (into addS/addI), bit 2 = 3CosMul (into mulS/mulI); 3 = both in one pass.
  ;; Writes each query's block-local argmax (lowest index among ties) and its score.
  (func (export "analogy_scan") (param $s i32) (param $n i32) (param $qa i32) (param $qb i32) (param $qc i32) (param $nq i32)
    (param $mode i32) (param $eps f32) (param $addS i32) (param $addI i32) (param $mulS i32) (param $mulI i32)
    (local $q i32) (local $rowBytes i32) (local $pa i32) (local $pb i32) (local $pc i32) (local $j i32) (local $q4 i32)
    (local $best v128) (local $bestIdx v128) (local $best2 v128) (local $bestIdx2 v128) (local $idx v128) (local $v v128) (local $mask v128)
    (local $va v128) (local $vb v128) (local $vc v128)
    (local $half v128) (local $epsv v128) (local $one v128) (local $four v128)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $half (f32x4.splat (f32.const 0.5)))
    (local.set $one (f32x4.splat (f32.const 1)))
    (local.set $four (i32x4.splat (i32.const 4)))
    (local.set $epsv (f32x4.splat (local.get $eps)))
    (local.set $q (i32.const 0))
    (block $qDone
      (loop $qLoop
        (br_if $qDone (i32.ge_u (local.get $q) (local.get $nq)))
        (local.set $q4 (i32.shl (local.get $q) (i32.const 2)))
        (local.set $pa (i32.add (local.get $s) (i32.mul (i32.load (i32.add (local.get $qa) (local.get $q4))) (local.get $rowBytes))))
        (local.set $pb (i32.add (local.get $s) (i32.mul (i32.load (i32.add (local.get $qb) (local.get $q4))) (local.get $rowBytes))))
        (local.set $pc (i32.add (local.get $s) (i32.mul (i32.load (i32.add (local.get $qc) (local.get $q4))) (local.get $rowBytes))))
        (local.set $best (f32x4.splat (f32.const -inf)))
        (local.set $best2 (f32x4.splat (f32.const -inf)))
        (local.set $bestIdx (i32x4.splat (i32.const 0)))
        (local.set $bestIdx2 (i32x4.splat (i32.const 0)))
        (local.set $idx (v128.const i32x4 0 1 2 3))
        (local.set $j (i32.const 0))
        (if (i32.eq (local.get $mode) (i32.const 3))
          (then
            (block $bothDone
              (loop $bothLoop
                (br_if $bothDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
                (local.set $va (v128.load (i32.add (local.get $pa) (local.get $j))))
                (local.set $vb (v128.load (i32.add (local.get $pb) (local.get $j))))
                (local.set $vc (v128.load (i32.add (local.get $pc) (local.get $j))))
                (local.set $v (f32x4.sub
                    (f32x4.add (local.get $vb) (local.get $vc))
                    (local.get $va)))
                (local.set $mask (f32x4.gt (local.get $v) (local.get $best)))
                (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $mask)))
                (local.set $bestIdx (v128.bitselect (local.get $idx) (local.get $bestIdx) (local.get $mask)))
                (local.set $v (f32x4.div
                    (f32x4.mul
                      (f32x4.mul (f32x4.add (local.get $vb) (local.get $one)) (local.get $half))
                      (f32x4.mul (f32x4.add (local.get $vc) (local.get $one)) (local.get $half)))
                    (f32x4.add
                      (f32x4.mul (f32x4.add (local.get $va) (local.get $one)) (local.get $half))
                      (local.get $epsv))))
                (local.set $mask (f32x4.gt (local.get $v) (local.get $best2)))
                (local.set $best2 (v128.bitselect (local.get $v) (local.get $best2) (local.get $mask)))
                (local.set $bestIdx2 (v128.bitselect (local.get $idx) (local.get $bestIdx2) (local.get $mask)))
                (local.set $idx (i32x4.add (local.get $idx) (local.get $four)))
                (local.set $j (i32.add (local.get $j) (i32.const 16)))
                (br $bothLoop))))
          (else
            (if (i32.eq (local.get $mode) (i32.const 1))
              (then
                (block $addDone
              (loop $addLoop
                (br_if $addDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
                (local.set $va (v128.load (i32.add (local.get $pa) (local.get $j))))
                (local.set $vb (v128.load (i32.add (local.get $pb) (local.get $j))))
                (local.set $vc (v128.load (i32.add (local.get $pc) (local.get $j))))
                (local.set $v (f32x4.sub
                    (f32x4.add (local.get $vb) (local.get $vc))
                    (local.get $va)))
                (local.set $mask (f32x4.gt (local.get $v) (local.get $best)))
                (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $mask)))
                (local.set $bestIdx (v128.bitselect (local.get $idx) (local.get $bestIdx) (local.get $mask)))
                (local.set $idx (i32x4.add (local.get $idx) (local.get $four)))
                (local.set $j (i32.add (local.get $j) (i32.const 16)))
                (br $addLoop))))
              (else
                (block $mulDone
              (loop $mulLoop
                (br_if $mulDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
                (local.set $va (v128.load (i32.add (local.get $pa) (local.get $j))))
                (local.set $vb (v128.load (i32.add (local.get $pb) (local.get $j))))
                (local.set $vc (v128.load (i32.add (local.get $pc) (local.get $j))))
                (local.set $v (f32x4.div
                    (f32x4.mul
                      (f32x4.mul (f32x4.add (local.get $vb) (local.get $one)) (local.get $half))
                      (f32x4.mul (f32x4.add (local.get $vc) (local.get $one)) (local.get $half)))
                    (f32x4.add
                      (f32x4.mul (f32x4.add (local.get $va) (local.get $one)) (local.get $half))
                      (local.get $epsv))))
                (local.set $mask (f32x4.gt (local.get $v) (local.get $best2)))
                (local.set $best2 (v128.bitselect (local.get $v) (local.get $best2) (local.get $mask)))
                (local.set $bestIdx2 (v128.bitselect (local.get $idx) (local.get $bestIdx2) (local.get $mask)))
                (local.set $idx (i32x4.add (local.get $idx) (local.get $four)))
                (local.set $j (i32.add (local.get $j) (i32.const 16)))
                (br $mulLoop)))))))
        (if (i32.and (local.get $mode) (i32.const 1))
          (then (call $reduceBest (local.get $best) (local.get $bestIdx)
            (i32.add (local.get $addS) (local.get $q4)) (i32.add (local.get $addI) (local.get $q4)))))
        (if (i32.and (local.get $mode) (i32.const 2))
          (then (call $reduceBest (local.get $best2) (local.get $bestIdx2)
            (i32.add (local.get $mulS) (local.get $q4)) (i32.add (local.get $mulI) (local.get $q4)))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $qLoop))))
)
