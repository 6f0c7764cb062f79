"""numpy reference for scripts/bench-kernels.ts: phase-retrieval value+gradient and
Hessian-vector product, written the way a researcher would (vectorised, BLAS gemv).

Reads A, y, z, v (float64, little-endian) and the TypeScript results from DIR, checks
that both agree, and prints the median time per call of each operation as JSON.
Run single-threaded (OPENBLAS_NUM_THREADS=1) by the benchmark script.
"""
import json
import sys
import timeit

import numpy as np

d, m, reps = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
root = sys.argv[1]
A = np.fromfile(f"{root}/A.bin", dtype="<f8").reshape(m, d)
y = np.fromfile(f"{root}/y.bin", dtype="<f8")
z = np.fromfile(f"{root}/z.bin", dtype="<f8")
v = np.fromfile(f"{root}/v.bin", dtype="<f8")
ts = json.load(open(f"{root}/ts.json"))


def value_grad(z):
    s = A @ z
    r = y - s * s
    return (r @ r) / (2 * m), A.T @ ((-2.0 / m) * r * s)


def hvp(z, v):
    s = A @ z
    t = A @ v
    return A.T @ ((6.0 * s * s - 2.0 * y) * t / m)


f, g = value_grad(z)
h = hvp(z, v)
agree = {
    "value": abs(f - ts["f"]) / abs(f),
    "grad": float(np.max(np.abs(g - np.array(ts["g"]))) / np.max(np.abs(g))),
    "hvp": float(np.max(np.abs(h - np.array(ts["h"]))) / np.max(np.abs(h))),
}


def med(fn):
    t = timeit.repeat(fn, number=reps, repeat=7)
    return float(np.median(t)) / reps


try:
    from threadpoolctl import threadpool_info

    blas = [{k: i.get(k) for k in ("internal_api", "num_threads", "architecture")} for i in threadpool_info()]
except Exception:  # threadpoolctl is optional
    blas = None
print(json.dumps({
    "numpy": np.__version__,
    "blas": blas,
    "agree": agree,
    "value_grad": med(lambda: value_grad(z)),
    "hvp": med(lambda: hvp(z, v)),
}))
