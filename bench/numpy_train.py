"""Times one of the course's numpy trainings as numpy's users run it: warm, in one process, after a
run that is not timed. `planar` is nn_model on the planar dataset (nH = 4, 10000 iterations by
default), `deep` the deep assignment's end-to-end training: L_layer_model, layers [2, 20, 7, 5, 1],
rate 0.3, on the moons (3000 iterations by default), `logistic` the logistic assignment's: model on
its pictures, rate 0.005 (2000 iterations by default), as bench/train.ts times the TypeScript.

    python3 bench/numpy_train.py planar|deep|logistic [runs=1] [iterations]

Prints one JSON line: {"numpy": version, "blas": kernel, "seconds": [...], "finalCost": c}. Used by
bench/run.ts, which starts it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (they make a
current numpy pick slow kernels) and reports which BLAS kernel was used: threadpoolctl's answer
when it is installed, else OpenBLAS's own (its get_corename, found in the loaded library).
"""
import ctypes
import importlib.util
import json
import os
import sys
import time

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def reference(assignment):
    """The assignment's numpy reference (reference/<assignment>/numpy_reference.py), as a module."""
    path = os.path.join(ROOT, "reference", assignment, "numpy_reference.py")
    spec = importlib.util.spec_from_file_location(f"{assignment}_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


def planar():
    ref = reference("planar-classifier")
    X, Y = ref.load_planar_dataset()
    return 10000, lambda iterations: ref.nn_model(X, Y, 4, iterations)[1]


def logistic():
    ref = reference("logistic-regression")
    train_X, train_Y, test_X, test_Y = ref.load_dataset()
    return 2000, lambda iterations: ref.model(
        train_X, train_Y, test_X, test_Y, num_iterations=iterations, learning_rate=0.005)["costs"]


def deep():
    ref = reference("deep-neural-network")
    with open(os.path.join(ROOT, "assignments", "deep-neural-network", "moons.json")) as f:
        moons = json.load(f)
    X, Y = np.array(moons["X"]), np.array(moons["Y"])
    return 3000, lambda iterations: ref.L_layer_model(
        X, Y, [2, 20, 7, 5, 1], learning_rate=0.3, num_iterations=iterations)[1]


model = sys.argv[1] if len(sys.argv) > 1 else "planar"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
by_default, train = {"planar": planar, "deep": deep, "logistic": logistic}[model]()
iterations = int(sys.argv[3]) if len(sys.argv) > 3 else by_default
train(iterations)  # warm: imports, caches and the allocator settle first
seconds = []
for _ in range(runs):
    start = time.perf_counter()
    costs = train(iterations)
    seconds.append(time.perf_counter() - start)
print(json.dumps({"numpy": np.__version__, "blas": blas_kernel(), "seconds": seconds,
                  "finalCost": costs[-1]}))
