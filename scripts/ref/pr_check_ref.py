"""numpy reference for scripts/bench-pr-check.ts: the l0l1 statistic of `gensmooth check
builtin:phase-retrieval --condition l0l1` computed exactly, the way a researcher would: at each
point z, the gradient A.T @ ((-2/m)(y - s²)s) and the dense Hessian (A.T * c) @ A with
c = (6s² - 2y)/m, s = A @ z, then its 2-norm max|eigvalsh|. One BLAS thread (set by the caller).

argv: DIR d m N. Reads A.bin, y.bin (float64, little-endian) and Z.bin (N points, row-major) from
DIR; writes DIR/norms.bin (the exact ‖∇²f‖ at the first 200 points, for the tolerance check) and
prints the time of the loop over all N points as JSON.
"""
import json
import sys
import time

import numpy as np

root, d, m, N = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
A = np.fromfile(f"{root}/A.bin", dtype="<f8").reshape(m, d)
y = np.fromfile(f"{root}/y.bin", dtype="<f8")
Z = np.fromfile(f"{root}/Z.bin", dtype="<f8").reshape(N, d)


def statistic(z):
    s = A @ z
    r = y - s * s
    g = A.T @ ((-2.0 / m) * r * s)
    c = (6.0 * s * s - 2.0 * y) / m
    H = (A.T * c) @ A
    ev = np.linalg.eigvalsh(H)
    return max(abs(ev[0]), abs(ev[-1])), float(np.linalg.norm(g))


t0 = time.perf_counter()
norms = np.empty(N)
grads = np.empty(N)
for k in range(N):
    norms[k], grads[k] = statistic(Z[k])
elapsed = time.perf_counter() - t0
norms[:200].astype("<f8").tofile(f"{root}/norms.bin")
try:
    from threadpoolctl import threadpool_info

    blas = [{k: i.get(k) for k in ("internal_api", "num_threads")} for i in threadpool_info()]
except Exception:  # threadpoolctl is optional
    blas = None
print(json.dumps({"numpy": np.__version__, "blas": blas, "seconds": elapsed, "points": N}))
