/**
 * Phase-retrieval kernels in plain TypeScript: the tested reference path.
 * Each kernel makes one pass over A, four rows at a time: the four inner products
 * share every load of z, and the rank-4 update of the output reads the same four
 * rows again while they are still in L1 cache.
 */

export function prValueKernel(A: Float64Array, y: Float64Array, m: number, d: number, z: Float64Array): number {
  let f = 0;
  let r = 0;
  for (; r + 3 < m; r += 4) {
    const o0 = r * d,
      o1 = o0 + d,
      o2 = o1 + d,
      o3 = o2 + d;
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0;
    for (let j = 0; j < d; j++) {
      const zj = z[j];
      s0 += A[o0 + j] * zj;
      s1 += A[o1 + j] * zj;
      s2 += A[o2 + j] * zj;
      s3 += A[o3 + j] * zj;
    }
    const e0 = y[r] - s0 * s0,
      e1 = y[r + 1] - s1 * s1,
      e2 = y[r + 2] - s2 * s2,
      e3 = y[r + 3] - s3 * s3;
    f += e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3;
  }
  for (; r < m; r++) {
    const o = r * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += A[o + j] * z[j];
    const e = y[r] - s * s;
    f += e * e;
  }
  return f / (2 * m);
}

/** Writes ∇f(z) into out and returns f(z). */
export function prGradKernel(
  A: Float64Array,
  y: Float64Array,
  m: number,
  d: number,
  z: Float64Array,
  out: Float64Array,
): number {
  out.fill(0, 0, d);
  let f = 0;
  const c = -2 / m;
  let r = 0;
  for (; r + 3 < m; r += 4) {
    const o0 = r * d,
      o1 = o0 + d,
      o2 = o1 + d,
      o3 = o2 + d;
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0;
    for (let j = 0; j < d; j++) {
      const zj = z[j];
      s0 += A[o0 + j] * zj;
      s1 += A[o1 + j] * zj;
      s2 += A[o2 + j] * zj;
      s3 += A[o3 + j] * zj;
    }
    const e0 = y[r] - s0 * s0,
      e1 = y[r + 1] - s1 * s1,
      e2 = y[r + 2] - s2 * s2,
      e3 = y[r + 3] - s3 * s3;
    f += e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3;
    const c0 = c * e0 * s0,
      c1 = c * e1 * s1,
      c2 = c * e2 * s2,
      c3 = c * e3 * s3;
    for (let j = 0; j < d; j++) {
      out[j] += c0 * A[o0 + j] + c1 * A[o1 + j] + c2 * A[o2 + j] + c3 * A[o3 + j];
    }
  }
  for (; r < m; r++) {
    const o = r * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += A[o + j] * z[j];
    const e = y[r] - s * s;
    f += e * e;
    const cr = c * e * s;
    for (let j = 0; j < d; j++) out[j] += cr * A[o + j];
  }
  return f / (2 * m);
}

/** Writes ∇²f(z)·v = (1/m) Σ (6 s_r² − 2 y_r)(a_rᵀv) a_r into out. */
export function prHvpKernel(
  A: Float64Array,
  y: Float64Array,
  m: number,
  d: number,
  z: Float64Array,
  v: Float64Array,
  out: Float64Array,
): void {
  out.fill(0, 0, d);
  const inv = 1 / m;
  let r = 0;
  for (; r + 3 < m; r += 4) {
    const o0 = r * d,
      o1 = o0 + d,
      o2 = o1 + d,
      o3 = o2 + d;
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0,
      t0 = 0,
      t1 = 0,
      t2 = 0,
      t3 = 0;
    for (let j = 0; j < d; j++) {
      const zj = z[j],
        vj = v[j];
      const a0 = A[o0 + j],
        a1 = A[o1 + j],
        a2 = A[o2 + j],
        a3 = A[o3 + j];
      s0 += a0 * zj;
      t0 += a0 * vj;
      s1 += a1 * zj;
      t1 += a1 * vj;
      s2 += a2 * zj;
      t2 += a2 * vj;
      s3 += a3 * zj;
      t3 += a3 * vj;
    }
    const c0 = inv * (6 * s0 * s0 - 2 * y[r]) * t0;
    const c1 = inv * (6 * s1 * s1 - 2 * y[r + 1]) * t1;
    const c2 = inv * (6 * s2 * s2 - 2 * y[r + 2]) * t2;
    const c3 = inv * (6 * s3 * s3 - 2 * y[r + 3]) * t3;
    for (let j = 0; j < d; j++) {
      out[j] += c0 * A[o0 + j] + c1 * A[o1 + j] + c2 * A[o2 + j] + c3 * A[o3 + j];
    }
  }
  for (; r < m; r++) {
    const o = r * d;
    let s = 0,
      t = 0;
    for (let j = 0; j < d; j++) {
      s += A[o + j] * z[j];
      t += A[o + j] * v[j];
    }
    const cr = inv * (6 * s * s - 2 * y[r]) * t;
    for (let j = 0; j < d; j++) out[j] += cr * A[o + j];
  }
}

/**
 * Mean value and gradient over the rows idx[0..count) (the mini-batch oracle):
 * out ← −(2/count) Σ (y_r − s_r²) s_r a_r, returns (1/2count) Σ (y_r − s_r²)².
 * Four rows at a time, like the full-batch kernels.
 */
export function prBatchKernel(
  A: Float64Array,
  y: Float64Array,
  d: number,
  idx: ArrayLike<number>,
  count: number,
  z: Float64Array,
  out: Float64Array,
): number {
  out.fill(0, 0, d);
  let f = 0;
  const c = -2 / count;
  let k = 0;
  for (; k + 3 < count; k += 4) {
    const r0 = idx[k],
      r1 = idx[k + 1],
      r2 = idx[k + 2],
      r3 = idx[k + 3];
    const o0 = r0 * d,
      o1 = r1 * d,
      o2 = r2 * d,
      o3 = r3 * d;
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0;
    for (let j = 0; j < d; j++) {
      const zj = z[j];
      s0 += A[o0 + j] * zj;
      s1 += A[o1 + j] * zj;
      s2 += A[o2 + j] * zj;
      s3 += A[o3 + j] * zj;
    }
    const e0 = y[r0] - s0 * s0,
      e1 = y[r1] - s1 * s1,
      e2 = y[r2] - s2 * s2,
      e3 = y[r3] - s3 * s3;
    f += e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3;
    const c0 = c * e0 * s0,
      c1 = c * e1 * s1,
      c2 = c * e2 * s2,
      c3 = c * e3 * s3;
    for (let j = 0; j < d; j++) out[j] += c0 * A[o0 + j] + c1 * A[o1 + j] + c2 * A[o2 + j] + c3 * A[o3 + j];
  }
  for (; k < count; k++) {
    const r = idx[k],
      o = r * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += A[o + j] * z[j];
    const e = y[r] - s * s;
    f += e * e;
    const cr = c * e * s;
    for (let j = 0; j < d; j++) out[j] += cr * A[o + j];
  }
  return f / (2 * count);
}

/** c_r = (6 s_r² − 2 y_r)/m, s = Az: the Hessian's coefficients at z (∇²f = Aᵀ·diag(c)·A). */
export function prCoefKernel(A: Float64Array, y: Float64Array, m: number, d: number, z: Float64Array): Float64Array {
  const c = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += A[r * d + j] * z[j];
    c[r] = (6 * s * s - 2 * y[r]) / m;
  }
  return c;
}

/** out = Aᵀ(c ⊙ Av). */
export function prHvpcKernel(
  A: Float64Array,
  c: Float64Array,
  m: number,
  d: number,
  v: Float64Array,
  out: Float64Array,
) {
  out.fill(0);
  for (let r = 0; r < m; r++) {
    let t = 0;
    for (let j = 0; j < d; j++) t += A[r * d + j] * v[j];
    const k = c[r] * t;
    for (let j = 0; j < d; j++) out[j] += k * A[r * d + j];
  }
}

/** The dense Hessian Σ_r c_r a_r a_rᵀ (row-major d×d, symmetric). */
export function prHessKernel(A: Float64Array, c: Float64Array, m: number, d: number, out: Float64Array) {
  out.fill(0);
  for (let r = 0; r < m; r++) {
    const o = r * d;
    for (let i = 0; i < d; i++) {
      const b = c[r] * A[o + i];
      for (let j = i; j < d; j++) out[i * d + j] += b * A[o + j];
    }
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) out[i * d + j] = out[j * d + i];
}

/** s = Ap and t = Au (the Taylor residual's inner products). */
export function prDotsKernel(
  A: Float64Array,
  m: number,
  d: number,
  p: Float64Array,
  u: Float64Array,
): { s: Float64Array; t: Float64Array } {
  const s = new Float64Array(m),
    t = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    let a = 0,
      b = 0;
    for (let j = 0; j < d; j++) {
      a += A[r * d + j] * p[j];
      b += A[r * d + j] * u[j];
    }
    s[r] = a;
    t[r] = b;
  }
  return { s, t };
}
