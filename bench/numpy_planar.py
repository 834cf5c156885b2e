"""Times the course's numpy training loop (planar dataset, nH = 4, 10000 iterations) as numpy's
users run it: warm, in one process, after a run that is not timed.

Prints one JSON line: {"numpy": version, "blas": kernel, "seconds": [...], "finalCost": c}. Used by
bench/run.ts, which starts it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (they make a
current numpy pick slow kernels) and reports which BLAS kernel was used: threadpoolctl's answer
when it is installed, else OpenBLAS's own (its get_corename, found in the loaded library).
"""
import ctypes
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference", "planar-classifier"))
import numpy as np  # noqa: E402
import numpy_reference as ref  # noqa: E402


def blas_kernel():
    """The BLAS library and the kernel it picked for this CPU, e.g. "scipy-openblas 0.3.31 SkylakeX"."""
    try:
        from threadpoolctl import threadpool_info  # type: ignore

        for pool in threadpool_info():
            if pool.get("user_api") == "blas":
                return f'{pool.get("internal_api")} {pool.get("version")} {pool.get("architecture")}'
    except ImportError:
        pass
    np.dot(np.ones((4, 4)), np.ones((4, 4)))  # loads the library
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    for path in sorted(paths):
        lib = ctypes.CDLL(path)
        for symbol in ["openblas_get_corename", "openblas_get_corename64_",
                       "scipy_openblas_get_corename", "scipy_openblas_get_corename64_"]:
            if hasattr(lib, symbol):
                corename = getattr(lib, symbol)
                corename.restype = ctypes.c_char_p
                return f"{os.path.basename(path)} {corename().decode()}"
    return "unknown"


runs = int(sys.argv[1]) if len(sys.argv) > 1 else 1
iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
X, Y = ref.load_planar_dataset()
ref.nn_model(X, Y, 4, iterations)  # warm: imports, caches and the allocator settle first
seconds = []
for _ in range(runs):
    start = time.perf_counter()
    _, costs = ref.nn_model(X, Y, 4, iterations)
    seconds.append(time.perf_counter() - start)
print(json.dumps({"numpy": np.__version__, "blas": blas_kernel(), "seconds": seconds,
                  "finalCost": costs[-1]}))
