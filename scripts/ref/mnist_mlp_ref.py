"""numpy reference for scripts/bench-mnist.ts: builtin:mnist-mlp's value+gradient
(backpropagation) and Hessian-vector product (Pearlmutter's R-operator), written the
way a researcher would in numpy: the images as a dense n×784 matrix, every layer a
BLAS product. A second variant keeps the images as a scipy.sparse CSR matrix (about
80 % of MNIST pixels are 0), as gensmooth does.

Reads X (n×F), labels, θ and v (float64 / int32, little-endian) and the TypeScript
results from DIR, checks that all agree, and prints the median time per call as JSON.
Run single-threaded (OPENBLAS_NUM_THREADS=1) by the benchmark script.
"""
import json
import sys
import timeit

import numpy as np
import scipy.sparse as sp

root, n, F, H, C, reps, loss = sys.argv[1], *map(int, sys.argv[2:7]), sys.argv[7]
X = np.fromfile(f"{root}/X.bin", dtype="<f8").reshape(n, F)
y = np.fromfile(f"{root}/y.bin", dtype="<i4")
th = np.fromfile(f"{root}/theta.bin", dtype="<f8")
v = np.fromfile(f"{root}/v.bin", dtype="<f8")
ts = json.load(open(f"{root}/ts.json"))
Xs = sp.csr_matrix(X)
Y = np.zeros((n, C))
Y[np.arange(n), y] = 1.0


def split(t):
    W1 = t[: H * F].reshape(H, F)
    b1 = t[H * F : H * F + H]
    W2 = t[H * F + H : H * F + H + C * H].reshape(C, H)
    b2 = t[H * F + H + C * H :]
    return W1, b1, W2, b2


def forward(X, W1, b1, W2, b2):
    A = np.tanh(X @ W1.T + b1)
    O = A @ W2.T + b2
    if loss == "ce":
        m = O.max(axis=1, keepdims=True)
        E = np.exp(O - m)
        s = E.sum(axis=1, keepdims=True)
        P = E / s
        f = np.mean(m[:, 0] + np.log(s[:, 0]) - O[np.arange(n), y])
        dO = (P - Y) / n
    else:
        P = None
        R = O - Y
        f = 0.5 * np.sum(R * R) / n
        dO = R / n
    return A, P, f, dO


def value_grad(X, t):
    W1, b1, W2, b2 = split(t)
    A, _, f, dO = forward(X, W1, b1, W2, b2)
    dA = (dO @ W2) * (1 - A * A)
    return f, np.concatenate([(X.T @ dA).T.ravel(), dA.sum(0), (dO.T @ A).ravel(), dO.sum(0)])


def hvp(X, t, v):
    W1, b1, W2, b2 = split(t)
    V1, c1, V2, c2 = split(v)
    A, P, _, dO = forward(X, W1, b1, W2, b2)
    D1 = 1 - A * A
    RA = D1 * (X @ V1.T + c1)
    RO = RA @ W2.T + A @ V2.T + c2
    RdO = (P * (RO - np.sum(P * RO, axis=1, keepdims=True)) if loss == "ce" else RO) / n
    T = dO @ W2
    RdA = (RdO @ W2 + dO @ V2) * D1 - 2 * A * T * RA
    return np.concatenate([(X.T @ RdA).T.ravel(), RdA.sum(0), (RdO.T @ A + dO.T @ RA).ravel(), RdO.sum(0)])


f, g = value_grad(X, th)
h = hvp(X, th, v)
fs, gs = value_grad(Xs, th)
hs = hvp(Xs, th, v)
rel = lambda a, b: float(np.max(np.abs(np.asarray(a) - np.asarray(b))) / np.max(np.abs(np.asarray(b))))
agree = {
    "value": abs(f - ts["f"]) / abs(f),
    "grad": rel(ts["g"], g),
    "hvp": rel(ts["h"], h),
    "sparse_vs_dense_grad": rel(gs, g),
    "sparse_vs_dense_hvp": rel(hs, h),
}


def med(fn):
    t = timeit.repeat(fn, number=reps, repeat=7)
    return float(np.median(t)) / reps


print(json.dumps({
    "numpy": np.__version__,
    "agree": agree,
    "dense_grad": med(lambda: value_grad(X, th)),
    "dense_hvp": med(lambda: hvp(X, th, v)),
    "sparse_grad": med(lambda: value_grad(Xs, th)),
    "sparse_hvp": med(lambda: hvp(Xs, th, v)),
}))
