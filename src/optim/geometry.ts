/**
 * Non-Euclidean steps (docs/theory.md §d): the sharp direction u(d) and dual norm of the ℓ∞,
 * ℓ2 and spectral geometries, the exact polar factor, and the two clipping transforms
 * built on them (generalised gradient-norm clipping and its constrained form).
 */
import { jacobiEigen } from '../core/eig.ts';
import { nrm2 } from '../core/vec.ts';
import { UsageError } from '../errors.ts';
import type { StepRule } from './schedules.ts';
import type { Transform } from './chain.ts';

export type Geometry = 'inf' | '2' | 'spectral';

/** The scratch a geometry step keeps: the sharp direction of the current update. */
export interface DirectionState {
  dir: Float64Array;
}

/**
 * Linear-minimisation-oracle step of generalised gradient-norm clipping (docs/theory.md §d3,
 * GGNC): u ← min{‖u‖_*, ρ}·u(u), where u(d) = sign(d) for the ℓ∞ geometry (dual ℓ1) and
 * d/‖d‖ for ℓ2. In the Euclidean case this is clipping at ρ.
 */
export const lmoClip = (rho: number, norm: Geometry, rows = 1): Transform<DirectionState> => ({
  name: `lmo-clip(ρ=${rho}, ${norm})`,
  init: (n) => ({ dir: new Float64Array(n) }),
  update(u, _c, { dir }) {
    const dual = sharpDirection(u, norm, dir, rows);
    const len = Math.min(dual, rho);
    for (let i = 0; i < u.length; i++) u[i] = len * dir[i];
  },
});

/**
 * The polar factor UVᵀ of a rows×cols matrix D (row-major) and its nuclear norm Σσ_i,
 * from the eigen-decomposition DᵀD = VΣ²Vᵀ: UVᵀ = D·V·Σ⁻¹·Vᵀ (directions with σ = 0 are
 * dropped, the tie-breaking of docs/theory.md §d4 pitfalls). Exact, unlike Newton–Schulz.
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

/** u(d) (the unit-norm maximiser of ⟨d, ·⟩) into out and the dual norm ‖d‖_*, for the geometries of docs/theory.md §d1. */
export function sharpDirection(d: Float64Array, norm: Geometry, out: Float64Array, rows = 1): number {
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
 * The constrained generalised clipping of Pethick et al. (code: ClippedScion; docs/theory.md
 * §d3): x⁺ = (1 − γη)x + γη·lmo(d), lmo(d) = −R·u(d) over the norm ball of radius R,
 * η = min{1, ⟨d, x − lmo(d)⟩/ρ} (the Frank–Wolfe gap clipped at ρ). The factor (1 − γη)
 * acts as weight decay, and iterates stay in the ball when γη ≤ 1. Sets u ← x − x⁺; γ is
 * read from the step rule of the chain's context.
 */
export const constrainedClip = (
  radius: number,
  rho: number,
  norm: Geometry,
  gammaOf: StepRule,
  rows = 1,
): Transform<DirectionState> => ({
  name: `constrained-clip(R=${radius}, ρ=${rho}, ${norm})`,
  init: (n) => ({ dir: new Float64Array(n) }),
  update(u, c, { dir }) {
    sharpDirection(u, norm, dir, rows);
    // lmo = −R·dir; gap = ⟨d, x − lmo⟩ = ⟨d, x⟩ + R·‖d‖_*
    let gap = 0;
    for (let i = 0; i < u.length; i++) gap += u[i] * (c.x[i] + radius * dir[i]);
    const eta = Math.min(1, Math.max(gap, 0) / rho);
    const ge = gammaOf({ t: c.t, f: c.f, gnorm: c.gnorm }) * eta;
    c.gamma = ge;
    for (let i = 0; i < u.length; i++) u[i] = ge * (c.x[i] + radius * dir[i]);
  },
});
