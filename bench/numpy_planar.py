"""Times the course's numpy training loop (planar dataset, nH = 4, 10000 iterations).

Prints one JSON line: {"numpy": version, "seconds": [...], "finalCost": c}. Used by bench/run.ts.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference", "planar-classifier"))
import numpy as np  # noqa: E402
import numpy_reference as ref  # noqa: E402

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 1
iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
X, Y = ref.load_planar_dataset()
seconds = []
for _ in range(runs):
    start = time.perf_counter()
    _, costs = ref.nn_model(X, Y, 4, iterations)
    seconds.append(time.perf_counter() - start)
print(json.dumps({"numpy": np.__version__, "seconds": seconds, "finalCost": costs[-1]}))
