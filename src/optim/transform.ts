/**
 * Optimizers as chains of gradient transformations (optax's (init, update) pair;
 * docs/architecture.md). The methods of the theory are one family: a direction (full or
 * mini-batch gradient), a normaliser (by its own norm, by an independent batch's norm,
 * or I-NSGD's h), a clip, a preconditioner, momentum, a step size. Each transform
 * rewrites the update vector u in place. Its state is explicit: `init(n)` returns it and
 * the loop passes it back to every `update`, so it can be inspected and tested, and the
 * hot loop allocates nothing. The interface is chain.ts, the stateful transforms
 * stateful.ts, the non-Euclidean geometry geometry.ts; this module re-exports them
 * (the public `transforms` namespace).
 */
import { nrm2 } from '../core/vec.ts';
import { KERNELS } from '../core/kernels.ts';
import type { StepRule } from './schedules.ts';
import { stateless, type Transform } from './chain.ts';

/** u ← s·u */
function scaleInPlace(u: Float64Array, s: number): void {
  for (let i = 0; i < u.length; i++) u[i] *= s;
}

/** u ← u/‖u‖^β (β-normalised; β = 1 is plain normalisation). A zero u stays zero. */
export const normalize = (beta: number): Transform<void> =>
  stateless(`normalize(β=${beta})`, (u) => {
    const n = nrm2(u);
    if (n > 0) scaleInPlace(u, Math.pow(n, -beta));
  });

/** u ← u/‖g_{B'}‖^β with B' independent of the batch of u (I-NSG, I-NSGD eq. 12). */
export const normalizeIndependent = (beta: number): Transform<void> =>
  stateless(`normalize-independent(β=${beta})`, (u, c) => {
    const n = nrm2(c.aux());
    if (n > 0) scaleInPlace(u, Math.pow(n, -beta));
  });

/**
 * I-NSGD eq. (13): u ← u/h^β, h = max{1, (4·L1·γ)^{1/β}·(2‖g_{B'}‖ + δ)}, with γ the
 * step size of the same iteration (so this transform follows the step size in the chain
 * order of the formula but reads γ from the context).
 */
export const insgdScale = (beta: number, L1: number, delta: number, gammaOf: StepRule): Transform<void> =>
  stateless(`insgd-h(β=${beta}, L1=${L1}, δ=${delta})`, (u, c) => {
    const gamma = gammaOf({ t: c.t, f: c.f, gnorm: c.gnorm });
    const h = Math.max(1, Math.pow(4 * L1 * gamma, 1 / beta) * (2 * nrm2(c.aux()) + delta));
    scaleInPlace(u, Math.pow(h, -beta));
  });

/**
 * The I-NSGD authors' code (their phase-retrieval and DRO scripts): u ← s·u/h^β with
 * h = max{G², 2s‖g_{B'}‖ + δ}, where s·g is the gradient the code computes (s = ½ in the
 * phase-retrieval script, whose gradient is half of ∇f of eq. 18). The step size follows in
 * the chain. On the code's scale this is eq. (13) with γ_text = γ/G^{2β} and
 * L1 = 1/(4γ): no L1 inside h, and the floor G² in place of 1.
 */
export const insgdCodeScale = (beta: number, delta: number, G: number, scale = 1): Transform<void> =>
  stateless(`insgd-code-h(β=${beta}, δ=${delta}, G=${G}, s=${scale})`, (u, c) => {
    const h = Math.max(G * G, 2 * scale * nrm2(c.aux()) + delta);
    scaleInPlace(u, scale * Math.pow(h, -beta));
  });

/**
 * The clipped SGD of the same scripts: u ← s·u/max{s‖u‖ + δ, G²}^p (p = 1 for phase
 * retrieval, 2/3 for DRO): below s‖u‖ = G² − δ a constant factor s·G^{−2p}, above it a
 * (power-)normalised step; γ follows in the chain. Not γ·min(1, c/‖u‖)·u.
 */
export const clipCode = (p: number, delta: number, G: number, scale = 1): Transform<void> =>
  stateless(`clip-code(p=${p}, δ=${delta}, G=${G}, s=${scale})`, (u) => {
    scaleInPlace(u, scale * Math.pow(Math.max(scale * nrm2(u) + delta, G * G), -p));
  });

/** u ← min(1, c/‖u‖)·u. */
export const clipByNorm = (clip: number): Transform<void> =>
  stateless(`clip(${clip})`, (u) => {
    const n = nrm2(u);
    if (n > clip) scaleInPlace(u, clip / n);
  });

/**
 * u ← ∇φ*(λu) for the isotropic reference φ = h(‖·‖) (docs/theory.md §b1, §b3):
 * ∇φ*(y) = (h*)′(‖y‖)·y/‖y‖. With the quadratic kernel it is λu (plain GD).
 */
export const precondition = (kernel: string, lambda: number): Transform<void> => {
  const k = KERNELS[kernel];
  if (!k) throw new RangeError(`unknown kernel "${kernel}" (kernels: ${Object.keys(KERNELS).join(', ')})`);
  return stateless(`precondition(${kernel}, λ=${lambda})`, (u) => {
    // (h*)′(s)/s · λ with s = λ‖u‖: `across` is exactly (h*)′(s)/s.
    const s = lambda * nrm2(u);
    scaleInPlace(u, lambda * k.across(s));
  });
};

/** u ← γ_t·u with the step-size rule; records γ_t in the context. */
export const scaleBy = (rule: StepRule): Transform<void> =>
  stateless('step', (u, c) => {
    const g = rule({ t: c.t, f: c.f, gnorm: c.gnorm });
    c.gamma = g;
    scaleInPlace(u, g);
  });

export * from './chain.ts';
export * from './geometry.ts';
export * from './stateful.ts';
