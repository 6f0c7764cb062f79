/**
 * Optimizers as chains of gradient transformations (optax's (init, update) pair;
 * design.md §1). The methods of the theory are one family: a direction (full or
 * mini-batch gradient), a normaliser (by its own norm, by an independent batch's norm,
 * or I-NSGD's h), a clip, a preconditioner, momentum, a step size. Each transform
 * rewrites the update vector u in place, with explicit state, so the hot loop
 * allocates nothing.
 */
import type { Rng } from '../core/rng.ts';
import { nrm2 } from '../core/vec.ts';
import { KERNELS } from '../conditions/extra.ts';
import type { StepRule } from './schedules.ts';

export interface UpdateContext {
  t: number;
  /** f at x_t as the oracle saw it (mini-batch value for stochastic methods). */
  f: number;
  /** ‖g_t‖ of the raw direction, before any transform. */
  gnorm: number;
  /** The independent second mini-batch gradient g_{B'} (computed on first use). */
  aux(): Float64Array;
  /** The step size of this iteration, once a step-size transform has run (for I-NSGD's h). */
  gamma: number;
  rng: Rng;
}

export interface Transform {
  name: string;
  init?(n: number): void;
  update(u: Float64Array, c: UpdateContext): void;
}

/** u ← u/‖u‖^β (β-normalised; β = 1 is plain normalisation). A zero u stays zero. */
export const normalize = (beta: number): Transform => ({
  name: `normalize(β=${beta})`,
  update(u) {
    const n = nrm2(u);
    if (n > 0) {
      const s = Math.pow(n, -beta);
      for (let i = 0; i < u.length; i++) u[i] *= s;
    }
  },
});

/** u ← u/‖g_{B'}‖^β with B' independent of the batch of u (I-NSG, I-NSGD eq. 12). */
export const normalizeIndependent = (beta: number): Transform => ({
  name: `normalize-independent(β=${beta})`,
  update(u, c) {
    const n = nrm2(c.aux());
    if (n > 0) {
      const s = Math.pow(n, -beta);
      for (let i = 0; i < u.length; i++) u[i] *= s;
    }
  },
});

/**
 * I-NSGD eq. (13): u ← u/h^β, h = max{1, (4·L1·γ)^{1/β}·(2‖g_{B'}‖ + δ)}, with γ the
 * step size of the same iteration (so this transform follows the step size in the chain
 * order of the formula but reads γ from the context).
 */
export const insgdScale = (beta: number, L1: number, delta: number, gammaOf: StepRule): Transform => ({
  name: `insgd-h(β=${beta}, L1=${L1}, δ=${delta})`,
  update(u, c) {
    const gamma = gammaOf({ t: c.t, f: c.f, gnorm: c.gnorm });
    const h = Math.max(1, Math.pow(4 * L1 * gamma, 1 / beta) * (2 * nrm2(c.aux()) + delta));
    const s = Math.pow(h, -beta);
    for (let i = 0; i < u.length; i++) u[i] *= s;
  },
});

/** u ← min(1, c/‖u‖)·u. */
export const clipByNorm = (clip: number): Transform => ({
  name: `clip(${clip})`,
  update(u) {
    const n = nrm2(u);
    if (n > clip) {
      const s = clip / n;
      for (let i = 0; i < u.length; i++) u[i] *= s;
    }
  },
});

/**
 * u ← ∇φ*(λu) for the isotropic reference φ = h(‖·‖) (theory.md §b1, b3):
 * ∇φ*(y) = (h*)′(‖y‖)·y/‖y‖. With the quadratic kernel it is λu (plain GD).
 */
export const precondition = (kernel: string, lambda: number): Transform => {
  const k = KERNELS[kernel];
  if (!k) throw new RangeError(`unknown kernel "${kernel}" (kernels: ${Object.keys(KERNELS).join(', ')})`);
  return {
    name: `precondition(${kernel}, λ=${lambda})`,
    update(u) {
      // (h*)′(s)/s · λ with s = λ‖u‖: `across` is exactly (h*)′(s)/s.
      const s = lambda * nrm2(u);
      const f = lambda * k.across(s);
      for (let i = 0; i < u.length; i++) u[i] *= f;
    },
  };
};

/** Exponential moving average d ← (1 − α)d + αu; u ← d (α = 1: no momentum). */
export const momentum = (alpha: number): Transform => {
  let d = new Float64Array(0);
  let first = true;
  return {
    name: `momentum(α=${alpha})`,
    init(n) { d = new Float64Array(n); first = true; },
    update(u) {
      for (let i = 0; i < u.length; i++) {
        d[i] = first ? u[i] : (1 - alpha) * d[i] + alpha * u[i];
        u[i] = d[i];
      }
      first = false;
    },
  };
};

/**
 * Linear-minimisation-oracle step of generalised gradient-norm clipping (theory.md §d3,
 * GGNC): u ← min{‖u‖_*, ρ}·u(u), where u(d) = sign(d) for the ℓ∞ geometry (dual ℓ1) and
 * d/‖d‖ for ℓ2. In the Euclidean case this is clipping at ρ.
 */
export const lmoClip = (rho: number, norm: 'inf' | '2'): Transform => ({
  name: `lmo-clip(ρ=${rho}, ${norm})`,
  update(u) {
    if (norm === '2') {
      const n = nrm2(u);
      if (n > rho) for (let i = 0; i < u.length; i++) u[i] *= rho / n;
      return;
    }
    let dual = 0;
    for (let i = 0; i < u.length; i++) dual += Math.abs(u[i]);
    const len = Math.min(dual, rho);
    for (let i = 0; i < u.length; i++) u[i] = len * Math.sign(u[i]);
  },
});

/** RandomK compression: (d/k)·u on k uniformly chosen coordinates, 0 elsewhere (unbiased). */
export const randomK = (k: number): Transform => {
  let idx = new Int32Array(0);
  let keep = new Uint8Array(0);
  return {
    name: `randomk(${k})`,
    init(n) { idx = new Int32Array(Math.min(k, n)); keep = new Uint8Array(n); },
    update(u, c) {
      const n = u.length, kk = Math.min(k, n);
      c.rng.indicesWithout(n, kk, idx);
      keep.fill(0);
      for (let j = 0; j < kk; j++) keep[idx[j]] = 1;
      const s = n / kk;
      for (let i = 0; i < n; i++) u[i] = keep[i] ? s * u[i] : 0;
    },
  };
};

/** u ← γ_t·u with the step-size rule; records γ_t in the context. */
export const scaleBy = (rule: StepRule): Transform => ({
  name: 'step',
  update(u, c) {
    const g = rule({ t: c.t, f: c.f, gnorm: c.gnorm });
    c.gamma = g;
    for (let i = 0; i < u.length; i++) u[i] *= g;
  },
});
