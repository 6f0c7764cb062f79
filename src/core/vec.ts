/**
 * Float64Array kernels for the hot paths (objectives, Lanczos, optimizers).
 *
 * Every kernel works on caller-owned buffers and allocates nothing. Lengths are
 * explicit where a kernel reads part of a buffer, so the same scratch buffer can
 * serve several dimensions. Loops are unrolled by four: V8 then keeps four
 * independent accumulators in registers, which is roughly 2x faster than the
 * naive loop for dot products of length >= 64.
 */

export type Vec = Float64Array;

/** ⟨x, y⟩ over the first n entries (n defaults to x.length). */
export function dot(x: Vec, y: Vec, n: number = x.length): number {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += x[i] * y[i];
    s1 += x[i + 1] * y[i + 1];
    s2 += x[i + 2] * y[i + 2];
    s3 += x[i + 3] * y[i + 3];
  }
  for (; i < n; i++) s0 += x[i] * y[i];
  return s0 + s1 + (s2 + s3);
}

/** y ← y + a·x over the first n entries. */
export function axpy(a: number, x: Vec, y: Vec, n: number = x.length): void {
  let i = 0;
  for (; i + 3 < n; i += 4) {
    y[i] += a * x[i];
    y[i + 1] += a * x[i + 1];
    y[i + 2] += a * x[i + 2];
    y[i + 3] += a * x[i + 3];
  }
  for (; i < n; i++) y[i] += a * x[i];
}

/** x ← a·x over the first n entries. */
export function scal(a: number, x: Vec, n: number = x.length): void {
  for (let i = 0; i < n; i++) x[i] *= a;
}

/** out ← x (first n entries). */
export function copy(x: Vec, out: Vec, n: number = x.length): void {
  for (let i = 0; i < n; i++) out[i] = x[i];
}

/** out ← a·x + b·y, elementwise. out may alias x or y. */
export function lincomb(a: number, x: Vec, b: number, y: Vec, out: Vec, n: number = x.length): void {
  for (let i = 0; i < n; i++) out[i] = a * x[i] + b * y[i];
}

/** out ← x − y. */
export function sub(x: Vec, y: Vec, out: Vec, n: number = x.length): void {
  for (let i = 0; i < n; i++) out[i] = x[i] - y[i];
}

/** Largest |x_i|. */
export function amax(x: Vec, n: number = x.length): number {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(x[i]);
    if (a > m || a !== a) m = a; // NaN propagates
  }
  return m;
}

/**
 * Overflow- and underflow-safe Euclidean norm (the dnrm2 idea).
 * The plain sum of squares is used when it cannot overflow or lose all
 * precision to underflow, which is the common case and costs one pass; otherwise
 * the vector is rescaled by its largest entry.
 */
export function nrm2(x: Vec, n: number = x.length): number {
  let s0 = 0,
    s1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    s0 += x[i] * x[i];
    s1 += x[i + 1] * x[i + 1];
  }
  if (i < n) s0 += x[i] * x[i];
  const s = s0 + s1;
  // Safe range: no overflow happened and the result is far from the subnormals.
  if (s < 1e300 && s > 1e-290) return Math.sqrt(s);
  if (s === 0) {
    // Either exactly zero or every square underflowed: rescale to tell apart.
    const m = amax(x, n);
    if (m === 0) return 0;
    return scaledNorm(x, n, m);
  }
  if (s !== s) return NaN;
  const m = amax(x, n);
  if (m === Infinity) return Infinity;
  return scaledNorm(x, n, m);
}

function scaledNorm(x: Vec, n: number, m: number): number {
  const inv = 1 / m;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const t = x[i] * inv;
    s += t * t;
  }
  return m * Math.sqrt(s);
}

/** ‖x − y‖ without a scratch buffer (overflow-safe by rescaling when needed). */
export function dist(x: Vec, y: Vec, n: number = x.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - y[i];
    s += d * d;
  }
  if (s < 1e300 && s > 1e-290) return Math.sqrt(s);
  let m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  if (m === 0 || !Number.isFinite(m)) return m;
  let t = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] - y[i]) / m;
    t += d * d;
  }
  return m * Math.sqrt(t);
}

/**
 * y ← A·x for a row-major m×n matrix A (y has length m).
 * Four rows at a time share each load of x.
 */
export function gemv(A: Vec, m: number, n: number, x: Vec, y: Vec): void {
  let r = 0;
  for (; r + 3 < m; r += 4) {
    const o0 = r * n,
      o1 = o0 + n,
      o2 = o1 + n,
      o3 = o2 + n;
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0;
    for (let j = 0; j < n; j++) {
      const xj = x[j];
      s0 += A[o0 + j] * xj;
      s1 += A[o1 + j] * xj;
      s2 += A[o2 + j] * xj;
      s3 += A[o3 + j] * xj;
    }
    y[r] = s0;
    y[r + 1] = s1;
    y[r + 2] = s2;
    y[r + 3] = s3;
  }
  for (; r < m; r++) {
    const o = r * n;
    let s = 0;
    for (let j = 0; j < n; j++) s += A[o + j] * x[j];
    y[r] = s;
  }
}

/**
 * y ← Aᵀ·x for a row-major m×n matrix A (x has length m, y length n).
 * Accumulates four rows per pass over y.
 */
export function gemvT(A: Vec, m: number, n: number, x: Vec, y: Vec): void {
  y.fill(0, 0, n);
  let r = 0;
  for (; r + 3 < m; r += 4) {
    const o0 = r * n,
      o1 = o0 + n,
      o2 = o1 + n,
      o3 = o2 + n;
    const c0 = x[r],
      c1 = x[r + 1],
      c2 = x[r + 2],
      c3 = x[r + 3];
    for (let j = 0; j < n; j++) {
      y[j] += c0 * A[o0 + j] + c1 * A[o1 + j] + c2 * A[o2 + j] + c3 * A[o3 + j];
    }
  }
  for (; r < m; r++) {
    const o = r * n;
    const c = x[r];
    for (let j = 0; j < n; j++) y[j] += c * A[o + j];
  }
}

/** y ← S·x for a dense symmetric (or any square row-major) n×n matrix. */
export function symv(S: Vec, n: number, x: Vec, y: Vec): void {
  gemv(S, n, n, x, y);
}

/** True when every entry of the first n is finite. */
export function allFinite(x: Vec, n: number = x.length): boolean {
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v - v !== 0) return false; // NaN or ±Infinity
  }
  return true;
}

/** A plain array copy for JSON output. */
export function toArray(x: Vec): number[] {
  return Array.from(x);
}
