;; The array module's WebAssembly SIMD kernels: matrix products, tanh and log (assignments/lib/simd.ts
;; runs them; scripts/wasm.ts assembles this file into simd-wasm.ts).
;;
;; Memory: bytes 0-2047 hold exp's table of 2^(i/128), elementary.ts's (simd.ts writes it there
;; when the module loads); 2048-2383 tanh's constants and 2384-2735 log's (written by $constants,
;; the start function); the kernels' operands go from byte 3072 on.
;;
;; Products: each lane of an f64x2 is one entry of the result, summed exactly as the scalar kernels sum it:
;; 0 + a[i,0]·b[0,j] + a[i,1]·b[1,j] + … in the order of p, a product then an addition each time
;; (baseline SIMD has no fused multiply-add). So the results are the scalar kernels' to the last
;; bit; only two entries are computed per instruction.
;;
;; Addresses are in bytes. The caller lays the operands out in this module's memory so that the
;; blocks need no edge cases: an even number of rows, and rows of the second factor and of the
;; result `stride` entries apart, a multiple of 4 (the entries past m are padding, computed from
;; whatever is there and never read back).
(module
  ;; Math.log, for the lanes $log leaves to it.
  (import "m" "log" (func $scalarLog (param f64) (result f64)))
  (memory (export "memory") 1)

  ;; out[i, j] = Σp a[i, p]·b[p, j] for i < rows (even) and j < stride (a multiple of 4); a is
  ;; (rows, k) with rows k entries apart, b is (k, stride), out is (rows, stride). Two rows at a
  ;; time by eight columns (four f64x2 of sums per row: sixteen sums in eight registers, which
  ;; with the two splatted entries of A and four of B fit x64's sixteen), then by four.
  (func (export "product")
    (param $a i32) (param $b i32) (param $out i32)
    (param $rows i32) (param $k i32) (param $stride i32)
    (local $rowBytes i32) (local $kBytes i32) (local $wide i32)
    (local $i i32) (local $j i32)
    (local $row0 i32) (local $end i32) (local $pa i32) (local $pb i32)
    (local $out0 i32) (local $out1 i32)
    (local $x v128) (local $y v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const 3)))
    (local.set $kBytes (i32.shl (local.get $k) (i32.const 3)))
    ;; Columns below this go eight at a time.
    (local.set $wide (i32.and (local.get $stride) (i32.const -8)))
    (local.set $i (i32.const 0))
    (block $rowsDone
      (loop $rowPairs
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $row0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $kBytes))))
        (local.set $end (i32.add (local.get $row0) (local.get $kBytes)))
        (local.set $out0 (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $out1 (i32.add (local.get $out0) (local.get $rowBytes)))
        (local.set $j (i32.const 0))
        (block $wideDone
          (loop $eights
            (br_if $wideDone (i32.ge_u (local.get $j) (local.get $wide)))
            (local.set $s0 (v128.const f64x2 0 0))
            (local.set $s1 (v128.const f64x2 0 0))
            (local.set $s2 (v128.const f64x2 0 0))
            (local.set $s3 (v128.const f64x2 0 0))
            (local.set $t0 (v128.const f64x2 0 0))
            (local.set $t1 (v128.const f64x2 0 0))
            (local.set $t2 (v128.const f64x2 0 0))
            (local.set $t3 (v128.const f64x2 0 0))
            (local.set $pa (local.get $row0))
            (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
            (block $pDone
              (loop $p
                (br_if $pDone (i32.ge_u (local.get $pa) (local.get $end)))
                (local.set $x (f64x2.splat (f64.load (local.get $pa))))
                (local.set $y (f64x2.splat (f64.load (i32.add (local.get $pa) (local.get $kBytes)))))
                (local.set $b0 (v128.load (local.get $pb)))
                (local.set $b1 (v128.load offset=16 (local.get $pb)))
                (local.set $b2 (v128.load offset=32 (local.get $pb)))
                (local.set $b3 (v128.load offset=48 (local.get $pb)))
                (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (local.get $b0))))
                (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x) (local.get $b1))))
                (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $x) (local.get $b2))))
                (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $x) (local.get $b3))))
                (local.set $t0 (f64x2.add (local.get $t0) (f64x2.mul (local.get $y) (local.get $b0))))
                (local.set $t1 (f64x2.add (local.get $t1) (f64x2.mul (local.get $y) (local.get $b1))))
                (local.set $t2 (f64x2.add (local.get $t2) (f64x2.mul (local.get $y) (local.get $b2))))
                (local.set $t3 (f64x2.add (local.get $t3) (f64x2.mul (local.get $y) (local.get $b3))))
                (local.set $pa (i32.add (local.get $pa) (i32.const 8)))
                (local.set $pb (i32.add (local.get $pb) (local.get $rowBytes)))
                (br $p)))
            (local.set $pb (i32.add (local.get $out0) (i32.shl (local.get $j) (i32.const 3))))
            (v128.store (local.get $pb) (local.get $s0))
            (v128.store offset=16 (local.get $pb) (local.get $s1))
            (v128.store offset=32 (local.get $pb) (local.get $s2))
            (v128.store offset=48 (local.get $pb) (local.get $s3))
            (local.set $pb (i32.add (local.get $out1) (i32.shl (local.get $j) (i32.const 3))))
            (v128.store (local.get $pb) (local.get $t0))
            (v128.store offset=16 (local.get $pb) (local.get $t1))
            (v128.store offset=32 (local.get $pb) (local.get $t2))
            (v128.store offset=48 (local.get $pb) (local.get $t3))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $eights)))
        ;; The last four columns, when the stride is not a multiple of eight.
        (if (i32.lt_u (local.get $j) (local.get $stride))
          (then
            (local.set $s0 (v128.const f64x2 0 0))
            (local.set $s1 (v128.const f64x2 0 0))
            (local.set $t0 (v128.const f64x2 0 0))
            (local.set $t1 (v128.const f64x2 0 0))
            (local.set $pa (local.get $row0))
            (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
            (block $pDone
              (loop $p
                (br_if $pDone (i32.ge_u (local.get $pa) (local.get $end)))
                (local.set $x (f64x2.splat (f64.load (local.get $pa))))
                (local.set $y (f64x2.splat (f64.load (i32.add (local.get $pa) (local.get $kBytes)))))
                (local.set $b0 (v128.load (local.get $pb)))
                (local.set $b1 (v128.load offset=16 (local.get $pb)))
                (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (local.get $b0))))
                (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x) (local.get $b1))))
                (local.set $t0 (f64x2.add (local.get $t0) (f64x2.mul (local.get $y) (local.get $b0))))
                (local.set $t1 (f64x2.add (local.get $t1) (f64x2.mul (local.get $y) (local.get $b1))))
                (local.set $pa (i32.add (local.get $pa) (i32.const 8)))
                (local.set $pb (i32.add (local.get $pb) (local.get $rowBytes)))
                (br $p)))
            (local.set $pb (i32.add (local.get $out0) (i32.shl (local.get $j) (i32.const 3))))
            (v128.store (local.get $pb) (local.get $s0))
            (v128.store offset=16 (local.get $pb) (local.get $s1))
            (local.set $pb (i32.add (local.get $out1) (i32.shl (local.get $j) (i32.const 3))))
            (v128.store (local.get $pb) (local.get $t0))
            (v128.store offset=16 (local.get $pb) (local.get $t1))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $rowPairs))))

  ;; out[j] = Σp a[p]·b[p, j] for j < stride (a multiple of 16): one row a of k entries times b,
  ;; (k, stride), into a row of stride entries. The sums stay in out, which the caches hold, and
  ;; take b four rows at a time, each read from start to end: four streams of memory the
  ;; prefetchers follow, where sums kept in registers read sixteen columns of every row before
  ;; the next sixteen (0.77–0.93 of that kernel's time on logistic regression's 768 × 209). Each
  ;; sum still adds its products in p's order. It serves a row times a matrix kept in this memory
  ;; (simd.ts); `rowsTimesVector` the kept matrix times a vector.
  (func (export "row")
    (param $a i32) (param $b i32) (param $out i32) (param $k i32) (param $stride i32)
    (local $rowBytes i32) (local $p i32) (local $j i32) (local $end i32) (local $pb i32) (local $pa i32) (local $next i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128) (local $s0 v128) (local $s1 v128)
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const 3)))
    (local.set $end (i32.add (local.get $out) (local.get $rowBytes)))
    (local.set $j (local.get $out))
    (block $zeroed
      (loop $zero
        (br_if $zeroed (i32.ge_u (local.get $j) (local.get $end)))
        (v128.store (local.get $j) (v128.const f64x2 0 0))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $zero)))
    (local.set $p (i32.const 0))
    (block $foursDone
      (loop $fours
        (br_if $foursDone (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $k)))
        (local.set $pa (i32.add (local.get $a) (i32.shl (local.get $p) (i32.const 3))))
        (local.set $x0 (f64x2.splat (f64.load (local.get $pa))))
        (local.set $x1 (f64x2.splat (f64.load offset=8 (local.get $pa))))
        (local.set $x2 (f64x2.splat (f64.load offset=16 (local.get $pa))))
        (local.set $x3 (f64x2.splat (f64.load offset=24 (local.get $pa))))
        (local.set $pb (i32.add (local.get $b) (i32.mul (local.get $p) (local.get $rowBytes))))
        (local.set $j (local.get $out))
        ;; Four columns a step: two f64x2 of sums, each taking the four rows' products in turn.
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $end)))
            (local.set $s0 (v128.load (local.get $j)))
            (local.set $s1 (v128.load offset=16 (local.get $j)))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x0) (v128.load (local.get $pb)))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x0) (v128.load offset=16 (local.get $pb)))))
            (local.set $next (i32.add (local.get $pb) (local.get $rowBytes)))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x1) (v128.load (local.get $next)))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x1) (v128.load offset=16 (local.get $next)))))
            (local.set $next (i32.add (local.get $next) (local.get $rowBytes)))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x2) (v128.load (local.get $next)))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x2) (v128.load offset=16 (local.get $next)))))
            (local.set $next (i32.add (local.get $next) (local.get $rowBytes)))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x3) (v128.load (local.get $next)))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x3) (v128.load offset=16 (local.get $next)))))
            (v128.store (local.get $j) (local.get $s0))
            (v128.store offset=16 (local.get $j) (local.get $s1))
            (local.set $j (i32.add (local.get $j) (i32.const 32)))
            (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
            (br $cols)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $fours)))
    ;; The last rows (k not a multiple of 4), one at a time.
    (block $onesDone
      (loop $ones
        (br_if $onesDone (i32.ge_u (local.get $p) (local.get $k)))
        (local.set $x0 (f64x2.splat (f64.load (i32.add (local.get $a) (i32.shl (local.get $p) (i32.const 3))))))
        (local.set $pb (i32.add (local.get $b) (i32.mul (local.get $p) (local.get $rowBytes))))
        (local.set $j (local.get $out))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $end)))
            (v128.store (local.get $j) (f64x2.add (v128.load (local.get $j)) (f64x2.mul (local.get $x0) (v128.load (local.get $pb)))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
            (br $cols)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $ones))))

  ;; out[i] = Σp a[i, p]·v[p] for i < rows (even), in p's order, as the scalar kernels sum it: a is
  ;; (rows, k) with rows `stride` entries apart (a matrix kept in this memory, simd.ts, laid out
  ;; as `row` reads it), v has k entries. Each f64x2 of sums is a pair of rows; two columns a step,
  ;; each pair's two entries of a column gathered from the two rows' loads by a shuffle; eight
  ;; pairs at a time, then one. So `row` and this kernel share one layout of a matrix: a training
  ;; that multiplies by its data both ways (logistic regression's w.T·X and X·dZᵀ) keeps one copy
  ;; of it, which the caches hold, where two copies took turns evicting each other.
  (func (export "rowsTimesVector")
    (param $a i32) (param $v i32) (param $out i32) (param $rows i32) (param $k i32) (param $stride i32)
    (local $rowBytes i32) (local $pairs i32) (local $i i32) (local $base i32) (local $at i32)
    (local $pv i32) (local $evenEnd i32) (local $x v128) (local $y v128) (local $r0 v128) (local $r1 v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $s4 v128) (local $s5 v128) (local $s6 v128) (local $s7 v128)
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const 3)))
    ;; v's entries in pairs up to here; an odd k's last column goes alone.
    (local.set $evenEnd (i32.add (local.get $v) (i32.shl (i32.and (local.get $k) (i32.const -2)) (i32.const 3))))
    (local.set $i (i32.const 0))
    (block $eightsDone
      (loop $eights
        (br_if $eightsDone (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $rows)))
        (local.set $base (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $s0 (v128.const f64x2 0 0))
        (local.set $s1 (v128.const f64x2 0 0))
        (local.set $s2 (v128.const f64x2 0 0))
        (local.set $s3 (v128.const f64x2 0 0))
        (local.set $s4 (v128.const f64x2 0 0))
        (local.set $s5 (v128.const f64x2 0 0))
        (local.set $s6 (v128.const f64x2 0 0))
        (local.set $s7 (v128.const f64x2 0 0))
        (local.set $pv (local.get $v))
        (block $pDone
          (loop $p
            (br_if $pDone (i32.ge_u (local.get $pv) (local.get $evenEnd)))
            (local.set $x (f64x2.splat (f64.load (local.get $pv))))
            (local.set $y (f64x2.splat (f64.load offset=8 (local.get $pv))))
            (local.set $at (i32.add (local.get $base) (i32.sub (local.get $pv) (local.get $v))))
            (local.set $r0 (v128.load (local.get $at)))
            (local.set $r1 (v128.load (i32.add (local.get $at) (local.get $rowBytes))))
            (local.set $s0 (f64x2.add (f64x2.add (local.get $s0) (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)) (local.get $x)))
              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)) (local.get $y))))
            (local.set $at (i32.add (local.get $at) (i32.shl (local.get $rowBytes) (i32.const 1))))
            (local.set $r0 (v128.load (local.get $at)))
            (local.set $r1 (v128.load (i32.add (local.get $at) (local.get $rowBytes))))
            (local.set $s1 (f64x2.add (f64x2.add (local.get $s1) (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)) (local.get $x)))
              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)) (local.get $y))))
            (local.set $at (i32.add (local.get $at) (i32.shl (local.get $rowBytes) (i32.const 1))))
            (local.set $r0 (v128.load (local.get $at)))
            (local.set $r1 (v128.load (i32.add (local.get $at) (local.get $rowBytes))))
            (local.set $s2 (f64x2.add (f64x2.add (local.get $s2) (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)) (local.get $x)))
              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)) (local.get $y))))
            (local.set $at (i32.add (local.get $at) (i32.shl (local.get $rowBytes) (i32.const 1))))
            (local.set $r0 (v128.load (local.get $at)))
            (local.set $r1 (v128.load (i32.add (local.get $at) (local.get $rowBytes))))
            (local.set $s3 (f64x2.add (f64x2.add (local.get $s3) (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)) (local.get $x)))
              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)) (local.get $y))))
            (local.set $at (i32.add (local.get $at) (i32.shl (local.get $rowBytes) (i32.const 1))))
            (local.set $r0 (v128.load (local.get $at)))
            (local.set $r1 (v128.load (i32.add (local.get $at) (local.get $rowBytes))))
            (local.set $s4 (f64x2.add (f64x2.add (local.get $s4) (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)) (local.get $x)))
              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)) (local.get $y))))
            (local.set $at (i32.add (local.get $at) (i32.shl (local.get $rowBytes) (i32.const 1))))
            (local.set $r0 (v128.load (local.get $at)))
            (local.set $r1 (v128.load (i32.add (local.get $at) (local.get $rowBytes))))
            (local.set $s5 (f64x2.add (f64x2.add (local.get $s5) (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)) (local.get $x)))
              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)) (local.get $y))))
            (local.set $at (i32.add (local.get $at) (i32.shl (local.get $rowBytes) (i32.const 1))))
            (local.set $r0 (v128.load (local.get $at)))
            (local.set $r1 (v128.load (i32.add (local.get $at) (local.get $rowBytes))))
            (local.set $s6 (f64x2.add (f64x2.add (local.get $s6) (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)) (local.get $x)))
              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)) (local.get $y))))
            (local.set $at (i32.add (local.get $at) (i32.shl (local.get $rowBytes) (i32.const 1))))
            (local.set $r0 (v128.load (local.get $at)))
            (local.set $r1 (v128.load (i32.add (local.get $at) (local.get $rowBytes))))
            (local.set $s7 (f64x2.add (f64x2.add (local.get $s7) (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)) (local.get $x)))
              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)) (local.get $y))))
            (local.set $pv (i32.add (local.get $pv) (i32.const 16)))
            (br $p)))
        (if (i32.and (local.get $k) (i32.const 1))
          (then
            (local.set $x (f64x2.splat (f64.load (local.get $evenEnd))))
            (local.set $at (i32.add (local.get $base) (i32.sub (local.get $evenEnd) (local.get $v))))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $at))) (f64.load (i32.add (local.get $at) (local.get $rowBytes)))) (local.get $x))))
            (local.set $at (i32.add (local.get $at) (i32.shl (local.get $rowBytes) (i32.const 1))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $at))) (f64.load (i32.add (local.get $at) (local.get $rowBytes)))) (local.get $x))))
            (local.set $at (i32.add (local.get $at) (i32.shl (local.get $rowBytes) (i32.const 1))))
            (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $at))) (f64.load (i32.add (local.get $at) (local.get $rowBytes)))) (local.get $x))))
            (local.set $at (i32.add (local.get $at) (i32.shl (local.get $rowBytes) (i32.const 1))))
            (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $at))) (f64.load (i32.add (local.get $at) (local.get $rowBytes)))) (local.get $x))))
            (local.set $at (i32.add (local.get $at) (i32.shl (local.get $rowBytes) (i32.const 1))))
            (local.set $s4 (f64x2.add (local.get $s4) (f64x2.mul (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $at))) (f64.load (i32.add (local.get $at) (local.get $rowBytes)))) (local.get $x))))
            (local.set $at (i32.add (local.get $at) (i32.shl (local.get $rowBytes) (i32.const 1))))
            (local.set $s5 (f64x2.add (local.get $s5) (f64x2.mul (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $at))) (f64.load (i32.add (local.get $at) (local.get $rowBytes)))) (local.get $x))))
            (local.set $at (i32.add (local.get $at) (i32.shl (local.get $rowBytes) (i32.const 1))))
            (local.set $s6 (f64x2.add (local.get $s6) (f64x2.mul (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $at))) (f64.load (i32.add (local.get $at) (local.get $rowBytes)))) (local.get $x))))
            (local.set $at (i32.add (local.get $at) (i32.shl (local.get $rowBytes) (i32.const 1))))
            (local.set $s7 (f64x2.add (local.get $s7) (f64x2.mul (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $at))) (f64.load (i32.add (local.get $at) (local.get $rowBytes)))) (local.get $x))))
          ))
        (local.set $at (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))))
        (v128.store offset=0 (local.get $at) (local.get $s0))
        (v128.store offset=16 (local.get $at) (local.get $s1))
        (v128.store offset=32 (local.get $at) (local.get $s2))
        (v128.store offset=48 (local.get $at) (local.get $s3))
        (v128.store offset=64 (local.get $at) (local.get $s4))
        (v128.store offset=80 (local.get $at) (local.get $s5))
        (v128.store offset=96 (local.get $at) (local.get $s6))
        (v128.store offset=112 (local.get $at) (local.get $s7))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $eights)))
    ;; The pairs left, one at a time.
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $base (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $s0 (v128.const f64x2 0 0))
        (local.set $pv (local.get $v))
        (block $pDone
          (loop $p
            (br_if $pDone (i32.ge_u (local.get $pv) (local.get $evenEnd)))
            (local.set $at (i32.add (local.get $base) (i32.sub (local.get $pv) (local.get $v))))
            (local.set $r0 (v128.load (local.get $at)))
            (local.set $r1 (v128.load (i32.add (local.get $at) (local.get $rowBytes))))
            (local.set $s0 (f64x2.add (f64x2.add (local.get $s0) (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)) (f64x2.splat (f64.load (local.get $pv)))))
              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)) (f64x2.splat (f64.load offset=8 (local.get $pv))))))
            (local.set $pv (i32.add (local.get $pv) (i32.const 16)))
            (br $p)))
        (if (i32.and (local.get $k) (i32.const 1))
          (then
            (local.set $at (i32.add (local.get $base) (i32.sub (local.get $evenEnd) (local.get $v))))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $at))) (f64.load (i32.add (local.get $at) (local.get $rowBytes)))) (f64x2.splat (f64.load (local.get $evenEnd))))))))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))) (local.get $s0))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $pairs))))
  ;; out[i, j] = Σp a[i, p]·b[j, p] for i < rows (even) and j < cols (even): A·Bᵀ with B as given,
  ;; (cols, k), rows k entries apart, as a is; out is (rows, cols). Each f64x2 of sums is a pair of
  ;; B's rows, summed in p's order as the scalar kernels sum A·Bᵀ; the pair's entries of a column
  ;; gathered from its two rows' loads by a shuffle, two columns a step. Two rows of A by four
  ;; pairs of B's rows at a time, then by one pair. So B needs no transposed copy.
  (func (export "productTransposed")
    (param $a i32) (param $b i32) (param $out i32) (param $rows i32) (param $k i32) (param $cols i32)
    (local $kBytes i32) (local $evenBytes i32) (local $i i32) (local $j i32) (local $q i32)
    (local $rowA i32) (local $rowB i32) (local $at i32) (local $to i32)
    (local $a0 v128) (local $a1 v128) (local $c0 v128) (local $c1 v128)
    (local $r0 v128) (local $r1 v128) (local $lo v128) (local $hi v128)
    (local $s0 v128) (local $t0 v128) (local $s1 v128) (local $t1 v128) (local $s2 v128) (local $t2 v128) (local $s3 v128) (local $t3 v128)
    (local.set $kBytes (i32.shl (local.get $k) (i32.const 3)))
    ;; Columns of A and B in pairs up to here; an odd k's last one goes alone.
    (local.set $evenBytes (i32.shl (i32.and (local.get $k) (i32.const -2)) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $rowsDone
      (loop $rowPairs
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $rowA (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $kBytes))))
        (local.set $j (i32.const 0))
        (block $foursDone
          (loop $fours
            (br_if $foursDone (i32.gt_u (i32.add (local.get $j) (i32.const 8)) (local.get $cols)))
            (local.set $rowB (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $kBytes))))
            (local.set $s0 (v128.const f64x2 0 0))
            (local.set $t0 (v128.const f64x2 0 0))
            (local.set $s1 (v128.const f64x2 0 0))
            (local.set $t1 (v128.const f64x2 0 0))
            (local.set $s2 (v128.const f64x2 0 0))
            (local.set $t2 (v128.const f64x2 0 0))
            (local.set $s3 (v128.const f64x2 0 0))
            (local.set $t3 (v128.const f64x2 0 0))
            (local.set $q (i32.const 0))
            (block $pDone
              (loop $p
                (br_if $pDone (i32.ge_u (local.get $q) (local.get $evenBytes)))
                (local.set $a0 (f64x2.splat (f64.load (i32.add (local.get $rowA) (local.get $q)))))
                (local.set $c0 (f64x2.splat (f64.load offset=8 (i32.add (local.get $rowA) (local.get $q)))))
                (local.set $a1 (f64x2.splat (f64.load (i32.add (i32.add (local.get $rowA) (local.get $kBytes)) (local.get $q)))))
                (local.set $c1 (f64x2.splat (f64.load offset=8 (i32.add (i32.add (local.get $rowA) (local.get $kBytes)) (local.get $q)))))
                (local.set $at (i32.add (local.get $rowB) (local.get $q)))
                (local.set $r0 (v128.load (local.get $at)))
                (local.set $r1 (v128.load (i32.add (local.get $at) (local.get $kBytes))))
                (local.set $lo (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)))
                (local.set $hi (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)))
                (local.set $s0 (f64x2.add (f64x2.add (local.get $s0) (f64x2.mul (local.get $a0) (local.get $lo))) (f64x2.mul (local.get $c0) (local.get $hi))))
                (local.set $t0 (f64x2.add (f64x2.add (local.get $t0) (f64x2.mul (local.get $a1) (local.get $lo))) (f64x2.mul (local.get $c1) (local.get $hi))))
                (local.set $at (i32.add (local.get $at) (i32.shl (local.get $kBytes) (i32.const 1))))
                (local.set $r0 (v128.load (local.get $at)))
                (local.set $r1 (v128.load (i32.add (local.get $at) (local.get $kBytes))))
                (local.set $lo (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)))
                (local.set $hi (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)))
                (local.set $s1 (f64x2.add (f64x2.add (local.get $s1) (f64x2.mul (local.get $a0) (local.get $lo))) (f64x2.mul (local.get $c0) (local.get $hi))))
                (local.set $t1 (f64x2.add (f64x2.add (local.get $t1) (f64x2.mul (local.get $a1) (local.get $lo))) (f64x2.mul (local.get $c1) (local.get $hi))))
                (local.set $at (i32.add (local.get $at) (i32.shl (local.get $kBytes) (i32.const 1))))
                (local.set $r0 (v128.load (local.get $at)))
                (local.set $r1 (v128.load (i32.add (local.get $at) (local.get $kBytes))))
                (local.set $lo (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)))
                (local.set $hi (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)))
                (local.set $s2 (f64x2.add (f64x2.add (local.get $s2) (f64x2.mul (local.get $a0) (local.get $lo))) (f64x2.mul (local.get $c0) (local.get $hi))))
                (local.set $t2 (f64x2.add (f64x2.add (local.get $t2) (f64x2.mul (local.get $a1) (local.get $lo))) (f64x2.mul (local.get $c1) (local.get $hi))))
                (local.set $at (i32.add (local.get $at) (i32.shl (local.get $kBytes) (i32.const 1))))
                (local.set $r0 (v128.load (local.get $at)))
                (local.set $r1 (v128.load (i32.add (local.get $at) (local.get $kBytes))))
                (local.set $lo (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)))
                (local.set $hi (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)))
                (local.set $s3 (f64x2.add (f64x2.add (local.get $s3) (f64x2.mul (local.get $a0) (local.get $lo))) (f64x2.mul (local.get $c0) (local.get $hi))))
                (local.set $t3 (f64x2.add (f64x2.add (local.get $t3) (f64x2.mul (local.get $a1) (local.get $lo))) (f64x2.mul (local.get $c1) (local.get $hi))))
                (local.set $q (i32.add (local.get $q) (i32.const 16)))
                (br $p)))
            (if (i32.and (local.get $k) (i32.const 1))
              (then
                (local.set $a0 (f64x2.splat (f64.load (i32.add (local.get $rowA) (local.get $evenBytes)))))
                (local.set $a1 (f64x2.splat (f64.load (i32.add (i32.add (local.get $rowA) (local.get $kBytes)) (local.get $evenBytes)))))
                (local.set $at (i32.add (local.get $rowB) (local.get $evenBytes)))
                (local.set $lo (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $at))) (f64.load (i32.add (local.get $at) (local.get $kBytes)))))
                (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $a0) (local.get $lo))))
                (local.set $t0 (f64x2.add (local.get $t0) (f64x2.mul (local.get $a1) (local.get $lo))))
                (local.set $at (i32.add (local.get $at) (i32.shl (local.get $kBytes) (i32.const 1))))
                (local.set $lo (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $at))) (f64.load (i32.add (local.get $at) (local.get $kBytes)))))
                (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $a0) (local.get $lo))))
                (local.set $t1 (f64x2.add (local.get $t1) (f64x2.mul (local.get $a1) (local.get $lo))))
                (local.set $at (i32.add (local.get $at) (i32.shl (local.get $kBytes) (i32.const 1))))
                (local.set $lo (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $at))) (f64.load (i32.add (local.get $at) (local.get $kBytes)))))
                (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $a0) (local.get $lo))))
                (local.set $t2 (f64x2.add (local.get $t2) (f64x2.mul (local.get $a1) (local.get $lo))))
                (local.set $at (i32.add (local.get $at) (i32.shl (local.get $kBytes) (i32.const 1))))
                (local.set $lo (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $at))) (f64.load (i32.add (local.get $at) (local.get $kBytes)))))
                (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $a0) (local.get $lo))))
                (local.set $t3 (f64x2.add (local.get $t3) (f64x2.mul (local.get $a1) (local.get $lo))))
              ))
            (local.set $to (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $j)) (i32.const 3))))
            (v128.store offset=0 (local.get $to) (local.get $s0))
            (v128.store offset=16 (local.get $to) (local.get $s1))
            (v128.store offset=32 (local.get $to) (local.get $s2))
            (v128.store offset=48 (local.get $to) (local.get $s3))
            (local.set $to (i32.add (local.get $to) (i32.shl (local.get $cols) (i32.const 3))))
            (v128.store offset=0 (local.get $to) (local.get $t0))
            (v128.store offset=16 (local.get $to) (local.get $t1))
            (v128.store offset=32 (local.get $to) (local.get $t2))
            (v128.store offset=48 (local.get $to) (local.get $t3))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $fours)))
        ;; The pairs of B's rows left, one at a time.
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.ge_u (local.get $j) (local.get $cols)))
            (local.set $rowB (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $kBytes))))
            (local.set $s0 (v128.const f64x2 0 0))
            (local.set $t0 (v128.const f64x2 0 0))
            (local.set $q (i32.const 0))
            (block $pDone
              (loop $p
                (br_if $pDone (i32.ge_u (local.get $q) (local.get $evenBytes)))
                (local.set $a0 (f64x2.splat (f64.load (i32.add (local.get $rowA) (local.get $q)))))
                (local.set $c0 (f64x2.splat (f64.load offset=8 (i32.add (local.get $rowA) (local.get $q)))))
                (local.set $a1 (f64x2.splat (f64.load (i32.add (i32.add (local.get $rowA) (local.get $kBytes)) (local.get $q)))))
                (local.set $c1 (f64x2.splat (f64.load offset=8 (i32.add (i32.add (local.get $rowA) (local.get $kBytes)) (local.get $q)))))
                (local.set $at (i32.add (local.get $rowB) (local.get $q)))
                (local.set $r0 (v128.load (local.get $at)))
                (local.set $r1 (v128.load (i32.add (local.get $at) (local.get $kBytes))))
                (local.set $lo (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)))
                (local.set $hi (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)))
                (local.set $s0 (f64x2.add (f64x2.add (local.get $s0) (f64x2.mul (local.get $a0) (local.get $lo))) (f64x2.mul (local.get $c0) (local.get $hi))))
                (local.set $t0 (f64x2.add (f64x2.add (local.get $t0) (f64x2.mul (local.get $a1) (local.get $lo))) (f64x2.mul (local.get $c1) (local.get $hi))))
                (local.set $q (i32.add (local.get $q) (i32.const 16)))
                (br $p)))
            (if (i32.and (local.get $k) (i32.const 1))
              (then
                (local.set $a0 (f64x2.splat (f64.load (i32.add (local.get $rowA) (local.get $evenBytes)))))
                (local.set $a1 (f64x2.splat (f64.load (i32.add (i32.add (local.get $rowA) (local.get $kBytes)) (local.get $evenBytes)))))
                (local.set $at (i32.add (local.get $rowB) (local.get $evenBytes)))
                (local.set $lo (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $at))) (f64.load (i32.add (local.get $at) (local.get $kBytes)))))
                (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $a0) (local.get $lo))))
                (local.set $t0 (f64x2.add (local.get $t0) (f64x2.mul (local.get $a1) (local.get $lo))))
              ))
            (local.set $to (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $j)) (i32.const 3))))
            (v128.store offset=0 (local.get $to) (local.get $s0))
            (local.set $to (i32.add (local.get $to) (i32.shl (local.get $cols) (i32.const 3))))
            (v128.store offset=0 (local.get $to) (local.get $t0))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $pairs)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $rowPairs))))
  ;; tanh's constants, an f64x2 (or i32x4) each, which the kernel reads from memory: V8 builds a
  ;; v128.const anew at each use, in three instructions, where a load is one.
  (start $constants)
  (func $constants
    (v128.store (i32.const 2048) (v128.const f64x2 2 2))  ;; 2
    (v128.store (i32.const 2064) (v128.const f64x2 1 1))  ;; 1
    (v128.store (i32.const 2080) (v128.const i64x2 0x8000000000000000 0x8000000000000000))  ;; sign bit
    (v128.store (i32.const 2096) (v128.const f64x2 184.6649652337873 184.6649652337873))  ;; N/ln2
    (v128.store (i32.const 2112) (v128.const f64x2 6755399441055744 6755399441055744))  ;; 1.5·2^52
    (v128.store (i32.const 2128) (v128.const f64x2 0.00541521234663378 0.00541521234663378))  ;; ln2/N high
    (v128.store (i32.const 2144) (v128.const f64x2 1.4907929134926466e-12 1.4907929134926466e-12))  ;; ln2/N low
    (v128.store (i32.const 2160) (v128.const i32x4 1023 1023 1023 1023))  ;; 1023
    (v128.store (i32.const 2176) (v128.const f64x2 0.5 0.5))  ;; 1/2
    (v128.store (i32.const 2192) (v128.const f64x2 0.16666666666666666 0.16666666666666666))  ;; 1/6
    (v128.store (i32.const 2208) (v128.const f64x2 0.041666666666666664 0.041666666666666664))  ;; 1/24
    (v128.store (i32.const 2224) (v128.const f64x2 0.008333333333333333 0.008333333333333333))  ;; 1/120
    (v128.store (i32.const 2240) (v128.const f64x2 0.625 0.625))  ;; 0.625
    (v128.store (i32.const 2256) (v128.const f64x2 7.450580596923828e-9 7.450580596923828e-9))  ;; 2^-27
    (v128.store (i32.const 2272) (v128.const f64x2 22 22))  ;; 22
    (v128.store (i32.const 2288) (v128.const f64x2 -0.9643991794250523 -0.9643991794250523))  ;; p0
    (v128.store (i32.const 2304) (v128.const f64x2 -99.28772310019185 -99.28772310019185))  ;; p1
    (v128.store (i32.const 2320) (v128.const f64x2 -1614.6876844170845 -1614.6876844170845))  ;; p2
    (v128.store (i32.const 2336) (v128.const f64x2 112.81167849163293 112.81167849163293))  ;; q0
    (v128.store (i32.const 2352) (v128.const f64x2 2235.4883906010045 2235.4883906010045))  ;; q1
    (v128.store (i32.const 2368) (v128.const f64x2 4844.063053251255 4844.063053251255))  ;; q2
    ;; log's: integers in the high words' lanes (1 and 3), the low words' kept by the first mask
    (v128.store (i32.const 2384) (v128.const i32x4 0 0x00100000 0 0x00100000))
    (v128.store (i32.const 2400) (v128.const i32x4 0 0x7ff00000 0 0x7ff00000))
    (v128.store (i32.const 2416) (v128.const i32x4 0 1023 0 1023))
    (v128.store (i32.const 2432) (v128.const i32x4 -1 0x000fffff -1 0x000fffff))
    (v128.store (i32.const 2448) (v128.const i32x4 0 0x95f64 0 0x95f64))
    (v128.store (i32.const 2464) (v128.const i32x4 0 0x100000 0 0x100000))
    (v128.store (i32.const 2480) (v128.const i32x4 0 0x3ff00000 0 0x3ff00000))
    (v128.store (i32.const 2496) (v128.const i32x4 0 0x6147a 0 0x6147a))
    (v128.store (i32.const 2512) (v128.const i32x4 0 0x6b851 0 0x6b851))
    (v128.store (i32.const 2528) (v128.const i32x4 0 2 0 2))
    (v128.store (i32.const 2544) (v128.const i32x4 0 3 0 3))
    (v128.store (i32.const 2560) (v128.const i32x4 0 0x000fffff 0 0x000fffff))
    (v128.store (i32.const 2576) (v128.const f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01))  ;; ln2 high
    (v128.store (i32.const 2592) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10))  ;; ln2 low
    (v128.store (i32.const 2608) (v128.const f64x2 6.666666666666735130e-01 6.666666666666735130e-01))  ;; Lg1
    (v128.store (i32.const 2624) (v128.const f64x2 3.999999999940941908e-01 3.999999999940941908e-01))  ;; Lg2
    (v128.store (i32.const 2640) (v128.const f64x2 2.857142874366239149e-01 2.857142874366239149e-01))  ;; Lg3
    (v128.store (i32.const 2656) (v128.const f64x2 2.222219843214978396e-01 2.222219843214978396e-01))  ;; Lg4
    (v128.store (i32.const 2672) (v128.const f64x2 1.818357216161805012e-01 1.818357216161805012e-01))  ;; Lg5
    (v128.store (i32.const 2688) (v128.const f64x2 1.531383769920937332e-01 1.531383769920937332e-01))  ;; Lg6
    (v128.store (i32.const 2704) (v128.const f64x2 1.479819860511658591e-01 1.479819860511658591e-01))  ;; Lg7
    (v128.store (i32.const 2720) (v128.const f64x2 0.33333333333333333 0.33333333333333333))  ;; 1/3
  )

  ;; dst[i] = tanh src[i] for i < count (even; dst may be src), each entry computed by the same
  ;; operations in the same order as elementary.ts's tanh (baseline SIMD has no fused multiply-add,
  ;; and the table is the same), so the results are its to the last bit. Both lanes follow one
  ;; path and each keeps the branch it needs: 1 − 2/(e^2|x| + 1) with the sign of x, its exp as
  ;; elementary.ts's, 2^k from kn's bits and the table read lane by lane; Cephes' rational function
  ;; of x² where |x| ≤ 0.625 (computed only when a lane needs it; x itself below 2^-27); from 22 on
  ;; ±1, which Math.tanh gives there, and NaN stays NaN.
  (func (export "tanh")
    (param $src i32) (param $dst i32) (param $count i32)
    (local $end i32) (local $i0 i32) (local $i1 i32)
    (local $x v128) (local $a v128) (local $y v128) (local $shifted v128) (local $kn v128)
    (local $r v128) (local $power v128) (local $high v128) (local $low v128) (local $p v128)
    (local $q v128) (local $z v128) (local $e v128) (local $res v128) (local $small v128)
    (local $big v128)
    ;; The constants, read once into locals: loaded from memory at each pair, they took a tenth of
    ;; the kernel's time (measured).
    (local $c2 v128) (local $c1 v128) (local $sign v128) (local $invLn2 v128) (local $shift v128)
    (local $ln2High v128) (local $ln2Low v128) (local $c1023 v128) (local $half v128)
    (local $sixth v128) (local $c24th v128) (local $c120th v128) (local $c0625 v128)
    (local $tiny v128) (local $c22 v128)
    (local.set $c2 (v128.load (i32.const 2048)))
    (local.set $c1 (v128.load (i32.const 2064)))
    (local.set $sign (v128.load (i32.const 2080)))
    (local.set $invLn2 (v128.load (i32.const 2096)))  ;; N/ln2
    (local.set $shift (v128.load (i32.const 2112)))  ;; 1.5·2^52
    (local.set $ln2High (v128.load (i32.const 2128)))  ;; ln2/N high
    (local.set $ln2Low (v128.load (i32.const 2144)))  ;; ln2/N low
    (local.set $c1023 (v128.load (i32.const 2160)))
    (local.set $half (v128.load (i32.const 2176)))
    (local.set $sixth (v128.load (i32.const 2192)))
    (local.set $c24th (v128.load (i32.const 2208)))
    (local.set $c120th (v128.load (i32.const 2224)))
    (local.set $c0625 (v128.load (i32.const 2240)))
    (local.set $tiny (v128.load (i32.const 2256)))  ;; 2^-27
    (local.set $c22 (v128.load (i32.const 2272)))
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $count) (i32.const 3))))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $x (v128.load (local.get $src)))
        (local.set $a (f64x2.abs (local.get $x)))
        ;; kn + 1.5·2^52 holds the integer kn in the low 32 bits of its mantissa: the table's
        ;; index and 2^(kn >> 7) (its exponent bits built in 32-bit lanes) come from there.
        (local.set $y (f64x2.mul (local.get $c2) (local.get $a)))
        (local.set $shifted (f64x2.add (f64x2.mul (local.get $y) (local.get $invLn2)) (local.get $shift)))
        (local.set $kn (f64x2.sub (local.get $shifted) (local.get $shift)))
        (local.set $r
          (f64x2.sub (f64x2.sub (local.get $y) (f64x2.mul (local.get $kn) (local.get $ln2High)))
            (f64x2.mul (local.get $kn) (local.get $ln2Low))))
        (local.set $i0 (i32.shl (i32.and (i32x4.extract_lane 0 (local.get $shifted)) (i32.const 127)) (i32.const 4)))
        (local.set $i1 (i32.shl (i32.and (i32x4.extract_lane 2 (local.get $shifted)) (i32.const 127)) (i32.const 4)))
        (local.set $power
          (i8x16.shuffle 0 1 2 3 16 17 18 19 0 1 2 3 24 25 26 27 (v128.const i64x2 0 0)
            (i32x4.shl (i32x4.add (i32x4.shr_s (local.get $shifted) (i32.const 7)) (local.get $c1023)) (i32.const 20))))
        (local.set $high
          (f64x2.mul (local.get $power)
            (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $i0))) (f64.load (local.get $i1)))))
        (local.set $low
          (f64x2.mul (local.get $power)
            (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=8 (local.get $i0))) (f64.load offset=8 (local.get $i1)))))
        (local.set $p
          (f64x2.add (local.get $r)
            (f64x2.mul (f64x2.mul (local.get $r) (local.get $r))
              (f64x2.add (local.get $half)
                (f64x2.mul (local.get $r)
                  (f64x2.add (local.get $sixth)
                    (f64x2.mul (local.get $r)
                      (f64x2.add (local.get $c24th) (f64x2.mul (local.get $r) (local.get $c120th))))))))))
        (local.set $e
          (f64x2.add (local.get $high) (f64x2.add (local.get $low) (f64x2.mul (local.get $high) (local.get $p)))))
        (local.set $res
          (v128.or
            (f64x2.sub (local.get $c1) (f64x2.div (local.get $c2) (f64x2.add (local.get $e) (local.get $c1))))
            (v128.and (local.get $x) (local.get $sign))))
        (local.set $small (f64x2.le (local.get $a) (local.get $c0625)))
        (if (v128.any_true (local.get $small))
          (then
            (local.set $z (f64x2.mul (local.get $x) (local.get $x)))
            (local.set $p
              (f64x2.add
                (f64x2.mul (f64x2.add (f64x2.mul (v128.load (i32.const 2288) (; p0 ;)) (local.get $z)) (v128.load (i32.const 2304) (; p1 ;))) (local.get $z))
                (v128.load (i32.const 2320) (; p2 ;))))
            (local.set $q
              (f64x2.add
                (f64x2.mul
                  (f64x2.add (f64x2.mul (f64x2.add (local.get $z) (v128.load (i32.const 2336) (; q0 ;))) (local.get $z)) (v128.load (i32.const 2352) (; q1 ;)))
                  (local.get $z))
                (v128.load (i32.const 2368) (; q2 ;))))
            (local.set $res
              (v128.bitselect
                (f64x2.add (local.get $x)
                  (f64x2.mul (f64x2.mul (local.get $x) (local.get $z)) (f64x2.div (local.get $p) (local.get $q))))
                (local.get $res) (local.get $small)))
            (local.set $res
              (v128.bitselect (local.get $x) (local.get $res) (f64x2.lt (local.get $a) (local.get $tiny))))))
        ;; From 22 on, and NaN: computed only where a lane needs it (a seventh of the time, measured).
        (local.set $big (v128.not (f64x2.lt (local.get $a) (local.get $c22))))
        (if (v128.any_true (local.get $big))
          (then
            (local.set $res
              (v128.bitselect
                (v128.bitselect (local.get $x)
                  (v128.or (local.get $c1) (v128.and (local.get $x) (local.get $sign)))
                  (f64x2.ne (local.get $x) (local.get $x)))
                (local.get $res)
                (local.get $big)))))
        (v128.store (local.get $dst) (local.get $res))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br $pairs))))

  ;; The natural log of each lane of $x, as Math.log computes it (V8's, fdlibm's e_log.c): each
  ;; lane the same integer and IEEE operations in the same order (baseline SIMD has no fused
  ;; multiply-add, nor has V8's own log on x64), so the results are Math.log's to the last bit
  ;; (test/np/simd-chains.test.ts). fdlibm's separate formulas where k = 0 are left out: with
  ;; dk = 0 the general ones give the same bits: dk·c is +0, y - (+0) is y, and +0 - (a - f) is
  ;; f - a, zeros included (the sum of a test of 13 million logs, random bits among them). Both lanes follow one path and
  ;; each keeps the branch it needs: x = 2^k·(1 + f), log(1 + f) from s = f/(2 + f) and a
  ;; polynomial in s²; |f| < 2^-20 by a shorter series (computed only when a lane needs it); and
  ;; Math.log itself, imported, in a lane below 2^-1022 (zero, subnormal, negative), infinite or
  ;; NaN. fdlibm's 32-bit integer work on the high words is done in 32-bit lanes (1 and 3, the
  ;; high words' lanes; what lanes 0 and 2 hold there is never used), as the instructions for
  ;; 64-bit lanes are several each on x64; a lane's test is then spread over its 64 bits by a
  ;; shuffle.
  (func $log (export "log") (param $x v128) (result v128)
    (local $hx v128) (local $k v128) (local $i v128) (local $f v128) (local $dk v128)
    (local $s v128) (local $z v128) (local $w v128) (local $R v128)
    (local $hfsq v128) (local $sr v128) (local $res v128) (local $small v128) (local $special v128) (local $mask v128)
    (local.set $special
      (i8x16.shuffle 4 5 6 7 4 5 6 7 12 13 14 15 12 13 14 15 (local.tee $mask (v128.or
          (i32x4.lt_s (local.get $x) (v128.load (i32.const 2384) (; 0x00100000 ;)))
          (i32x4.ge_s (local.get $x) (v128.load (i32.const 2400) (; 0x7ff00000 ;))))) (local.get $mask)))
    (local.set $k (i32x4.sub (i32x4.shr_s (local.get $x) (i32.const 20)) (v128.load (i32.const 2416) (; 1023 ;))))
    ;; hx &= 0x000fffff, the low words kept
    (local.set $hx (v128.and (local.get $x) (v128.load (i32.const 2432) (; -1 and 0x000fffff ;))))
    (local.set $i
      (v128.and (i32x4.add (local.get $hx) (v128.load (i32.const 2448) (; 0x95f64 ;))) (v128.load (i32.const 2464) (; 0x100000 ;))))
    ;; x or x/2 with its exponent made 0 (high word hx | (i ^ 0x3ff00000)), less 1
    (local.set $f
      (f64x2.sub
        (v128.or (local.get $hx) (v128.xor (local.get $i) (v128.load (i32.const 2480) (; 0x3ff00000 ;))))
        (v128.load (i32.const 2064) (; 1 ;))))
    (local.set $k (i32x4.add (local.get $k) (i32x4.shr_s (local.get $i) (i32.const 20))))
    (local.set $dk
      (f64x2.convert_low_i32x4_s (i8x16.shuffle 4 5 6 7 12 13 14 15 4 5 6 7 12 13 14 15 (local.get $k) (local.get $k))))
    (local.set $s (f64x2.div (local.get $f) (f64x2.add (v128.load (i32.const 2048) (; 2 ;)) (local.get $f))))
    (local.set $z (f64x2.mul (local.get $s) (local.get $s)))
    (local.set $w (f64x2.mul (local.get $z) (local.get $z)))
    ;; R = t2 + t1: t2 = z·(Lg1 + w·(Lg3 + w·(Lg5 + w·Lg7))), t1 = w·(Lg2 + w·(Lg4 + w·Lg6))
    (local.set $R
      (f64x2.add
        (f64x2.mul (local.get $z)
          (f64x2.add (v128.load (i32.const 2608) (; Lg1 ;))
            (f64x2.mul (local.get $w)
              (f64x2.add (v128.load (i32.const 2640) (; Lg3 ;))
                (f64x2.mul (local.get $w)
                  (f64x2.add (v128.load (i32.const 2672) (; Lg5 ;)) (f64x2.mul (local.get $w) (v128.load (i32.const 2704) (; Lg7 ;)))))))))
        (f64x2.mul (local.get $w)
          (f64x2.add (v128.load (i32.const 2624) (; Lg2 ;))
            (f64x2.mul (local.get $w)
              (f64x2.add (v128.load (i32.const 2656) (; Lg4 ;)) (f64x2.mul (local.get $w) (v128.load (i32.const 2688) (; Lg6 ;)))))))))
    (local.set $hfsq (f64x2.mul (f64x2.mul (v128.load (i32.const 2176) (; 1/2 ;)) (local.get $f)) (local.get $f)))
    ;; Where (hx - 0x6147a) | (0x6b851 - hx) > 0 (f beyond some 0.38 either way), with hfsq:
    ;; f - (hfsq - s·(hfsq + R)), or dk·ln2hi - ((hfsq - (s·(hfsq + R) + dk·ln2lo)) - f) where k ≠ 0;
    ;; elsewhere f - s·(f - R), or dk·ln2hi - ((s·(f - R) - dk·ln2lo) - f).
    (local.set $sr (f64x2.mul (local.get $s) (f64x2.add (local.get $hfsq) (local.get $R))))
    (local.set $res
      (v128.bitselect
        (f64x2.sub (f64x2.mul (local.get $dk) (v128.load (i32.const 2576) (; ln2 high ;)))
          (f64x2.sub
            (f64x2.sub (local.get $hfsq) (f64x2.add (local.get $sr) (f64x2.mul (local.get $dk) (v128.load (i32.const 2592) (; ln2 low ;)))))
            (local.get $f)))
        (f64x2.sub (f64x2.mul (local.get $dk) (v128.load (i32.const 2576) (; ln2 high ;)))
          (f64x2.sub
            (f64x2.sub (f64x2.mul (local.get $s) (f64x2.sub (local.get $f) (local.get $R)))
              (f64x2.mul (local.get $dk) (v128.load (i32.const 2592) (; ln2 low ;))))
            (local.get $f)))
        (i8x16.shuffle 4 5 6 7 4 5 6 7 12 13 14 15 12 13 14 15 (local.tee $mask (i32x4.gt_s
            (v128.or
              (i32x4.sub (local.get $hx) (v128.load (i32.const 2496) (; 0x6147a ;)))
              (i32x4.sub (v128.load (i32.const 2512) (; 0x6b851 ;)) (local.get $hx)))
            (v128.const i32x4 0 0 0 0))) (local.get $mask))))
    ;; |f| < 2^-20, where (0x000fffff & (2 + hx)) < 3: with R = f·f·(1/2 - f/3),
    ;; dk·ln2hi - ((R - dk·ln2lo) - f), and where f is 0, dk·ln2hi + dk·ln2lo.
    (local.set $small
      (i8x16.shuffle 4 5 6 7 4 5 6 7 12 13 14 15 12 13 14 15 (local.tee $mask (i32x4.lt_s
          (v128.and (i32x4.add (local.get $hx) (v128.load (i32.const 2528) (; 2 ;))) (v128.load (i32.const 2560) (; 0x000fffff ;)))
          (v128.load (i32.const 2544) (; 3 ;)))) (local.get $mask)))
    (if (v128.any_true (local.get $small))
      (then
        (local.set $R
          (f64x2.mul (f64x2.mul (local.get $f) (local.get $f))
            (f64x2.sub (v128.load (i32.const 2176) (; 1/2 ;)) (f64x2.mul (v128.load (i32.const 2720) (; 1/3 ;)) (local.get $f)))))
        (local.set $res
          (v128.bitselect
            (v128.bitselect
              (f64x2.add (f64x2.mul (local.get $dk) (v128.load (i32.const 2576) (; ln2 high ;)))
                (f64x2.mul (local.get $dk) (v128.load (i32.const 2592) (; ln2 low ;))))
              (f64x2.sub (f64x2.mul (local.get $dk) (v128.load (i32.const 2576) (; ln2 high ;)))
                (f64x2.sub
                  (f64x2.sub (local.get $R) (f64x2.mul (local.get $dk) (v128.load (i32.const 2592) (; ln2 low ;))))
                  (local.get $f)))
              (f64x2.eq (local.get $f) (v128.const f64x2 0 0)))
            (local.get $res)
            (local.get $small)))))
    (if (v128.any_true (local.get $special))
      (then
        (if (i32x4.extract_lane 0 (local.get $special))
          (then
            (local.set $res
              (f64x2.replace_lane 0 (local.get $res) (call $scalarLog (f64x2.extract_lane 0 (local.get $x)))))))
        (if (i32x4.extract_lane 2 (local.get $special))
          (then
            (local.set $res
              (f64x2.replace_lane 1 (local.get $res) (call $scalarLog (f64x2.extract_lane 1 (local.get $x)))))))))
    (local.get $res))

)
