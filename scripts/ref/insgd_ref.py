"""numpy reference for scripts/bench-insgd.ts: I-NSGD (eq. 13) on phase retrieval,
vectorised per iteration the way a researcher would write it (fancy-indexed
mini-batches, BLAS matrix-vector products), same data and start, recording f and
‖∇f‖ of the full objective every RECORD iterations. Prints the wall time and the
final f as JSON. Mini-batches are drawn with rng.integers (the fast way; the
TypeScript side draws without replacement, which is no cheaper)."""
import json
import sys
import time

import numpy as np

root, d, m, iters, B, B2, record = sys.argv[1], *map(int, sys.argv[2:8])
gamma, beta, L1, delta = map(float, sys.argv[8:12])
A = np.fromfile(f"{root}/A.bin", dtype="<f8").reshape(m, d)
y = np.fromfile(f"{root}/y.bin", dtype="<f8")
z = np.fromfile(f"{root}/z0.bin", dtype="<f8").copy()
rng = np.random.default_rng(1)


def full(z):
    s = A @ z
    r = y - s * s
    return (r @ r) / (2 * m), np.linalg.norm(A.T @ ((-2.0 / m) * r * s))


def batch_grad(idx, z):
    Ab = A[idx]
    s = Ab @ z
    return Ab.T @ ((-2.0 / len(idx)) * (y[idx] - s * s) * s)


c = (4 * L1 * gamma) ** (1 / beta)
trace = []
t0 = time.perf_counter()
for t in range(iters):
    if t % record == 0:
        trace.append(full(z))
    g = batch_grad(rng.integers(0, m, B), z)
    g2 = batch_grad(rng.integers(0, m, B2), z)
    h = max(1.0, c * (2 * np.linalg.norm(g2) + delta))
    z -= gamma * g / h**beta
elapsed = time.perf_counter() - t0
print(json.dumps({"seconds": elapsed, "final_f": full(z)[0], "records": len(trace)}))
