/**
 * Saddle avoidance (Bodard & Patrinos §3.1; docs/theory.md §b5a) and the Dimer method's
 * rotation (docs/theory.md §g4).
 *
 * Avoidance: from seeded random starts, the fraction of runs that end at the saddle
 * (expected 0), and the mechanism of the claim: the update map T of the method has an
 * invertible Jacobian everywhere sampled (σmin(DT) > 0; ≥ 1 − γL under the
 * second-order condition) and, at the saddle, an eigenvalue of modulus > 1 (the
 * unstable direction). DT is taken by central differences of one step of the method.
 *
 * Dimer: two images x ± ΔR·N̂; the curvature along N̂ is
 * C = ⟨∇f(x + ΔR N̂) − ∇f(x − ΔR N̂), N̂⟩/(2ΔR), and N̂ is rotated along −(g₊ − g₋)⊥ to
 * decrease C, towards the λmin eigenvector. A third-party rendering rotates along
 * +(g₊ − g₋)⊥, which is ascent and finds λmax instead (docs/theory.md §i.7): `sign`
 * selects either, so the test can tell them apart against Lanczos.
 */
import { jacobiEigen } from '../core/eig.ts';
import { Rng, type Seed } from '../core/rng.ts';
import type { Objective } from '../objectives/objective.ts';
import type { MethodDef } from '../optim/methods.ts';
import { optimize } from '../optim/run.ts';

/** One step of a deterministic method from x. */
export function stepMap(
  obj: Objective,
  def: MethodDef,
  params: Record<string, number | string>,
): (x: Float64Array) => Float64Array {
  return (x) => Float64Array.from(optimize(obj, def, params, { iters: 1, x0: x, seed: 0, recordEvery: 1 }).x);
}

/** Central-difference Jacobian of a map R^n → R^n (row-major). */
export function jacobianFD(T: (x: Float64Array) => Float64Array, x: Float64Array, h = 1e-6): Float64Array {
  const n = x.length;
  const J = new Float64Array(n * n);
  const xp = Float64Array.from(x),
    xm = Float64Array.from(x);
  for (let j = 0; j < n; j++) {
    const hj = h * (1 + Math.abs(x[j]));
    xp[j] = x[j] + hj;
    xm[j] = x[j] - hj;
    const tp = T(xp),
      tm = T(xm);
    for (let i = 0; i < n; i++) J[i * n + j] = (tp[i] - tm[i]) / (2 * hj);
    xp[j] = x[j];
    xm[j] = x[j];
  }
  return J;
}

/** Smallest singular value of a square matrix: √λmin(JᵀJ). */
export function sigmaMin(J: Float64Array, n: number): number {
  const G = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += J[k * n + i] * J[k * n + j];
      G[i * n + j] = s;
    }
  return Math.sqrt(Math.max(0, jacobiEigen(G, n).values[0]));
}

export interface AvoidanceResult {
  method: { name: string; params: Record<string, number | string> };
  runs: number;
  endedAtSaddle: number;
  fractionAtSaddle: number;
  finalValues: { min: number; max: number };
  jacobian: { samples: number; minSigma: number; at: number[] };
  atSaddle: { eigenvalues: number[]; maxModulus: number };
}

export function saddleAvoidance(
  obj: Objective,
  def: MethodDef,
  params: Record<string, number | string>,
  o: {
    saddle: Float64Array;
    runs: number;
    iters: number;
    box: [number, number];
    seed: Seed;
    jacobianSamples?: number;
    tol?: number;
  },
): AvoidanceResult {
  const n = obj.dim;
  const rng = new Rng(o.seed, 'avoidance');
  let atSaddle = 0,
    fmin = Infinity,
    fmax = -Infinity;
  for (let k = 0; k < o.runs; k++) {
    const x0 = rng.stream(`start/${k}`).fillUniform(new Float64Array(n), o.box[0], o.box[1]);
    const r = optimize(obj, def, params, { iters: o.iters, x0, seed: k, recordEvery: o.iters });
    let d = 0;
    for (let i = 0; i < n; i++) d += (r.x[i] - o.saddle[i]) ** 2;
    if (Math.sqrt(d) < (o.tol ?? 1e-3)) atSaddle++;
    const f = r.trace[r.trace.length - 1].f;
    fmin = Math.min(fmin, f);
    fmax = Math.max(fmax, f);
  }
  const T = stepMap(obj, def, params);
  let minSigma = Infinity,
    at: number[] = [];
  const js = rng.stream('jacobian');
  const nJ = o.jacobianSamples ?? 200;
  for (let k = 0; k < nJ; k++) {
    const x = js.fillUniform(new Float64Array(n), o.box[0], o.box[1]);
    const s = sigmaMin(jacobianFD(T, x), n);
    if (s < minSigma) {
      minSigma = s;
      at = Array.from(x);
    }
  }
  const Js = jacobianFD(T, o.saddle);
  // At a saddle DT = I − γ(λ)∇²f(x_s) is symmetric (∇²φ*(0) = I): symmetrise the rounding away.
  const S = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) S[i * n + j] = 0.5 * (Js[i * n + j] + Js[j * n + i]);
  const eig = Array.from(jacobiEigen(S, n).values);
  return {
    method: { name: def.name, params },
    runs: o.runs,
    endedAtSaddle: atSaddle,
    fractionAtSaddle: atSaddle / o.runs,
    finalValues: { min: fmin, max: fmax },
    jacobian: { samples: nJ, minSigma, at },
    atSaddle: { eigenvalues: eig, maxModulus: Math.max(...eig.map(Math.abs)) },
  };
}

export { dimer, type DimerResult } from '../optim/curvature.ts';
