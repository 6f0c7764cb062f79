/**
 * Optimizers as chains of gradient transformations (optax's (init, update) pair;
 * design.md §1). The methods of the theory are one family: a direction (full or
 * mini-batch gradient), a normaliser (by its own norm, by an independent batch's norm,
 * or I-NSGD's h), a clip, a preconditioner, momentum, a step size. Each transform
 * rewrites the update vector u in place, with explicit state, so the hot loop
 * allocates nothing.
 */
import type { Rng } from '../core/rng.ts';
import { jacobiEigen } from '../core/eig.ts';
import { UsageError } from '../errors.ts';
import { nrm2 } from '../core/vec.ts';
import { KERNELS } from '../core/kernels.ts';
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
  /** The current iterate (read only): for updates that are not a function of the gradient alone. */
  x: Float64Array;
  /** The objective's gradient at any point (for transforms that probe curvature, e.g. DEO's dimer). */
  gradAt(at: Float64Array, out: Float64Array): number;
  /** Extra gradient evaluations a transform made (for the oracle counts). */
  extraGradients: number;
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
    init(n) {
      d = new Float64Array(n);
      first = true;
    },
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
export const lmoClip = (rho: number, norm: 'inf' | '2' | 'spectral', rows = 1): Transform => {
  let dir = new Float64Array(0);
  return {
    name: `lmo-clip(ρ=${rho}, ${norm})`,
    init(n) {
      dir = new Float64Array(n);
    },
    update(u) {
      const dual = sharpDirection(u, norm, dir, rows);
      const len = Math.min(dual, rho);
      for (let i = 0; i < u.length; i++) u[i] = len * dir[i];
    },
  };
};

/**
 * The polar factor UVᵀ of a rows×cols matrix D (row-major) and its nuclear norm Σσ_i,
 * from the eigen-decomposition DᵀD = VΣ²Vᵀ: UVᵀ = D·V·Σ⁻¹·Vᵀ (directions with σ = 0 are
 * dropped, the tie-breaking of theory.md §d pitfalls). Exact, unlike Newton–Schulz.
 */
export function polar(D: Float64Array, rows: number, cols: number, out: Float64Array): number {
  const G = new Float64Array(cols * cols);
  for (let i = 0; i < cols; i++)
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let k = 0; k < rows; k++) s += D[k * cols + i] * D[k * cols + j];
      G[i * cols + j] = s;
    }
  const { values, vectors } = jacobiEigen(G, cols);
  const smax = Math.sqrt(Math.max(values[cols - 1], 0));
  // P = Σ_i v_i v_iᵀ/σ_i over σ_i > 0, then out = D·P.
  const P = new Float64Array(cols * cols);
  let nuclear = 0;
  for (let k = 0; k < cols; k++) {
    const sk = Math.sqrt(Math.max(values[k], 0));
    if (!(sk > 1e-12 * smax)) continue;
    nuclear += sk;
    for (let i = 0; i < cols; i++)
      for (let j = 0; j < cols; j++) P[i * cols + j] += (vectors[i * cols + k] * vectors[j * cols + k]) / sk;
  }
  for (let r = 0; r < rows; r++)
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let i = 0; i < cols; i++) s += D[r * cols + i] * P[i * cols + j];
      out[r * cols + j] = s;
    }
  return nuclear;
}

/** u(d) (the unit-norm maximiser of ⟨d, ·⟩) into out and the dual norm ‖d‖_*, for the geometries of theory.md §d1. */
export function sharpDirection(d: Float64Array, norm: 'inf' | '2' | 'spectral', out: Float64Array, rows = 1): number {
  if (norm === '2') {
    const n = nrm2(d);
    for (let i = 0; i < d.length; i++) out[i] = n > 0 ? d[i] / n : 0;
    return n;
  }
  if (norm === 'inf') {
    let s = 0;
    for (let i = 0; i < d.length; i++) {
      out[i] = Math.sign(d[i]);
      s += Math.abs(d[i]);
    }
    return s;
  }
  if (d.length % rows !== 0)
    throw new UsageError(`norm=spectral: ${d.length} parameters do not form a matrix with rows=${rows}`);
  return polar(d, rows, d.length / rows, out);
}

/**
 * The constrained generalised clipping of Pethick et al. (code: ClippedScion; theory.md
 * §d3): x⁺ = (1 − γη)x + γη·lmo(d), lmo(d) = −R·u(d) over the norm ball of radius R,
 * η = min{1, ⟨d, x − lmo(d)⟩/ρ} (the Frank–Wolfe gap clipped at ρ). The factor (1 − γη)
 * acts as weight decay, and iterates stay in the ball when γη ≤ 1. Sets u ← x − x⁺; γ is
 * read from the step rule of the chain's context.
 */
export const constrainedClip = (
  radius: number,
  rho: number,
  norm: 'inf' | '2' | 'spectral',
  gammaOf: StepRule,
  rows = 1,
): Transform => {
  let dir = new Float64Array(0);
  return {
    name: `constrained-clip(R=${radius}, ρ=${rho}, ${norm})`,
    init(n) {
      dir = new Float64Array(n);
    },
    update(u, c) {
      sharpDirection(u, norm, dir, rows);
      // lmo = −R·dir; gap = ⟨d, x − lmo⟩ = ⟨d, x⟩ + R·‖d‖_*
      let gap = 0;
      for (let i = 0; i < u.length; i++) gap += u[i] * (c.x[i] + radius * dir[i]);
      const eta = Math.min(1, Math.max(gap, 0) / rho);
      const ge = gammaOf({ t: c.t, f: c.f, gnorm: c.gnorm }) * eta;
      c.gamma = ge;
      for (let i = 0; i < u.length; i++) u[i] = ge * (c.x[i] + radius * dir[i]);
    },
  };
};

/** Adam: m ← β1 m + (1−β1)u, v ← β2 v + (1−β2)u², u ← m̂/(√v̂ + ε) (bias-corrected); the step size follows in the chain. */
export const adam = (beta1 = 0.9, beta2 = 0.999, eps = 1e-8): Transform => {
  let m = new Float64Array(0),
    v = new Float64Array(0),
    k = 0;
  return {
    name: `adam(${beta1}, ${beta2})`,
    init(n) {
      m = new Float64Array(n);
      v = new Float64Array(n);
      k = 0;
    },
    update(u) {
      k++;
      const c1 = 1 - beta1 ** k,
        c2 = 1 - beta2 ** k;
      for (let i = 0; i < u.length; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * u[i];
        v[i] = beta2 * v[i] + (1 - beta2) * u[i] * u[i];
        u[i] = m[i] / c1 / (Math.sqrt(v[i] / c2) + eps);
      }
    },
  };
};

/**
 * Dimer-enhanced optimisation (Hu, Cao, Liu 2025; theory.md §g4): every `every` steps the
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
): Transform => {
  let N = new Float64Array(0),
    gp = new Float64Array(0),
    gm = new Float64Array(0),
    xp = new Float64Array(0),
    xm = new Float64Array(0);
  return {
    name: `dimer-projection(a=${a}, every ${every})`,
    init(n) {
      N = new Float64Array(n);
      gp = new Float64Array(n);
      gm = new Float64Array(n);
      xp = new Float64Array(n);
      xm = new Float64Array(n);
      N[0] = 1;
    },
    update(u, c) {
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
  };
};

/** RandomK compression: (d/k)·u on k uniformly chosen coordinates, 0 elsewhere (unbiased). */
export const randomK = (k: number): Transform => {
  let idx = new Int32Array(0);
  let keep = new Uint8Array(0);
  return {
    name: `randomk(${k})`,
    init(n) {
      idx = new Int32Array(Math.min(k, n));
      keep = new Uint8Array(n);
    },
    update(u, c) {
      const n = u.length,
        kk = Math.min(k, n);
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
