;; The array module's matrix products in WebAssembly SIMD (assignments/lib/simd.ts runs them;
;; scripts/wasm.ts assembles this file into products-wasm.ts).
;;
;; Each lane of an f64x2 is one entry of the result, summed exactly as the scalar kernels sum it:
;; 0 + a[i,0]·b[0,j] + a[i,1]·b[1,j] + … in the order of p, a product then an addition each time
;; (baseline SIMD has no fused multiply-add). So the results are the scalar kernels' to the last
;; bit; only two entries are computed per instruction.
;;
;; Addresses are in bytes. The caller lays the operands out in this module's memory so that the
;; blocks need no edge cases: an even number of rows, and rows of the second factor and of the
;; result `stride` entries apart, a multiple of 4 (the entries past m are padding, computed from
;; whatever is there and never read back).
(module
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

  ;; dst[c, r] = src[r, c] for a (rows, cols) src whose rows are cols entries apart, into a dst
  ;; whose rows are `stride` entries apart: the second factor of A·Bᵀ laid out as Bᵀ.
  (func (export "transpose")
    (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32) (param $stride i32)
    (local $r i32) (local $from i32) (local $to i32) (local $end i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const 3)))
    (local.set $from (local.get $src))
    (local.set $r (i32.const 0))
    (block $rowsDone
      (loop $row
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $to (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 3))))
        (local.set $end (i32.add (local.get $from) (i32.shl (local.get $cols) (i32.const 3))))
        (block $colsDone
          (loop $col
            (br_if $colsDone (i32.ge_u (local.get $from) (local.get $end)))
            (f64.store (local.get $to) (f64.load (local.get $from)))
            (local.set $from (i32.add (local.get $from) (i32.const 8)))
            (local.set $to (i32.add (local.get $to) (local.get $rowBytes)))
            (br $col)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))
)
