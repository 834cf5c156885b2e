/**
 * The array module's own figures: exp and tanh against Math's (bench/elementary.ts), a training
 * step's element-wise chains fused and one operation at a time (bench/fusion.ts), np.dot in
 * WebAssembly SIMD against the scalar kernels (bench/products.ts). bench/run.ts runs this bundled,
 * in a process of its own with the environment sandboxed children start with, where learners'
 * code calls the module: its arrays' storage comes and goes there as in a child. (Timed in the
 * bench's own process, with glibc's default malloc, slabs mapped afresh and their page faults made
 * a product or a chain take up to four times as long in one run as in the next.)
 */
import { benchElementary } from "./elementary.ts";
import { benchFusion } from "./fusion.ts";
import { benchProducts } from "./products.ts";

benchElementary();
benchFusion();
benchProducts();
