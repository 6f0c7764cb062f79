/**
 * The transforms that carry state between iterations: momentum, Adam, RandomK
 * compression and DEO's dimer projection. Each state is a plain object returned by
 * `init(n)` and handed back to `update`, so a test can read the moments, the dimer axis
 * or the kept coordinates after any step.
 */
import { nrm2 } from '../core/vec.ts';
import type { Transform } from './chain.ts';

/** The running average d and whether the next update is the first. */
export interface MomentumState {
  d: Float64Array;
  first: boolean;
}

/** Exponential moving average d ← (1 − α)d + αu; u ← d (α = 1: no momentum). */
export const momentum = (alpha: number): Transform<MomentumState> => ({
  name: `momentum(α=${alpha})`,
  init: (n) => ({ d: new Float64Array(n), first: true }),
  update(u, _c, s) {
    const d = s.d;
    for (let i = 0; i < u.length; i++) {
      d[i] = s.first ? u[i] : (1 - alpha) * d[i] + alpha * u[i];
      u[i] = d[i];
    }
    s.first = false;
  },
});

/** Adam's moments and its step count k (for the bias correction). */
export interface AdamState {
  m: Float64Array;
  v: Float64Array;
  k: number;
}

/** Adam: m ← β1 m + (1−β1)u, v ← β2 v + (1−β2)u², u ← m̂/(√v̂ + ε) (bias-corrected); the step size follows in the chain. */
export const adam = (beta1 = 0.9, beta2 = 0.999, eps = 1e-8): Transform<AdamState> => ({
  name: `adam(${beta1}, ${beta2})`,
  init: (n) => ({ m: new Float64Array(n), v: new Float64Array(n), k: 0 }),
  update(u, _c, s) {
    const { m, v } = s;
    s.k++;
    const c1 = 1 - beta1 ** s.k,
      c2 = 1 - beta2 ** s.k;
    for (let i = 0; i < u.length; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * u[i];
      v[i] = beta2 * v[i] + (1 - beta2) * u[i] * u[i];
      u[i] = m[i] / c1 / (Math.sqrt(v[i] / c2) + eps);
    }
  },
});

/** The dimer axis N̂ and the scratch of its rotation (gradients at x ± ΔR·N̂). */
export interface DimerState {
  N: Float64Array;
  gp: Float64Array;
  gm: Float64Array;
  xp: Float64Array;
  xm: Float64Array;
}

/**
 * Dimer-enhanced optimisation (Hu, Cao, Liu 2025; docs/theory.md §g4): every `every` steps the
 * dimer N̂ at x is rotated a few steps (towards the lowest curvature, the correct rule, or
 * towards the highest, what the third-party formula's sign does) and u ← u − a·⟨u, N̂⟩N̂
 * removes the gradient's component along it; N̂ is kept between updates. Gradient calls
 * are counted in the context.
 */
export const dimerProjection = (
  a: number,
  every: number,
  toward: 'min' | 'max' = 'min',
  dR = 1e-3,
  rotations = 5,
): Transform<DimerState> => ({
  name: `dimer-projection(a=${a}, every ${every})`,
  init(n) {
    const N = new Float64Array(n);
    N[0] = 1;
    return { N, gp: new Float64Array(n), gm: new Float64Array(n), xp: new Float64Array(n), xm: new Float64Array(n) };
  },
  update(u, c, { N, gp, gm, xp, xm }) {
    const n = u.length;
    if (c.t % every === 0) {
      for (let r = 0; r < rotations; r++) {
        for (let i = 0; i < n; i++) {
          xp[i] = c.x[i] + dR * N[i];
          xm[i] = c.x[i] - dR * N[i];
        }
        c.gradAt(xp, gp);
        c.gradAt(xm, gm);
        c.extraGradients += 2;
        let cv = 0,
          hn = 0;
        for (let i = 0; i < n; i++) {
          gp[i] = (gp[i] - gm[i]) / (2 * dR);
          cv += gp[i] * N[i];
          hn += gp[i] * gp[i];
        }
        const eta = 0.5 / Math.max(Math.sqrt(hn), 1e-12);
        const sign = toward === 'min' ? -1 : 1;
        for (let i = 0; i < n; i++) N[i] += sign * eta * (gp[i] - cv * N[i]);
        const nn = nrm2(N);
        for (let i = 0; i < n; i++) N[i] /= nn;
      }
    }
    let ip = 0;
    for (let i = 0; i < n; i++) ip += u[i] * N[i];
    for (let i = 0; i < n; i++) u[i] -= a * ip * N[i];
  },
});

/** The drawn coordinates and the keep mask of RandomK. */
export interface RandomKState {
  idx: Int32Array;
  keep: Uint8Array;
}

/** RandomK compression: (d/k)·u on k uniformly chosen coordinates, 0 elsewhere (unbiased). */
export const randomK = (k: number): Transform<RandomKState> => ({
  name: `randomk(${k})`,
  init: (n) => ({ idx: new Int32Array(Math.min(k, n)), keep: new Uint8Array(n) }),
  update(u, c, { idx, keep }) {
    const n = u.length,
      kk = Math.min(k, n);
    c.rng.indicesWithout(n, kk, idx);
    keep.fill(0);
    for (let j = 0; j < kk; j++) keep[idx[j]] = 1;
    const s = n / kk;
    for (let i = 0; i < n; i++) u[i] = keep[i] ? s * u[i] : 0;
  },
});
