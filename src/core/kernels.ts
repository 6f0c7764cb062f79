/**
 * The reference kernels of nonlinear preconditioning (docs/theory.md §b3): for φ = h(‖·‖),
 * the primal kernel h, and the derivatives of the dual kernel h* at s = ‖y‖ ≥ 0 that
 * every user needs: `across` = (h*)′(s)/s (the eigenvalue of ∇²φ* across y, and the
 * factor of the preconditioned step) and `along` = (h*)″(s) (the eigenvalue along y).
 * One table for the anisotropic condition and the preconditioned methods.
 */
export interface Kernel {
  doc: string;
  /** h(t), t ≥ 0 (for the stationarity measure λ⁻¹·φ(∇φ*(λg)) = λ⁻¹·h((h*)′(λ‖g‖))). */
  h(t: number): number;
  across(s: number): number;
  along(s: number): number;
}

export const KERNELS: Record<string, Kernel> = {
  quadratic: { doc: '½t²: plain GD (h*′(s) = s)', h: (t) => 0.5 * t * t, across: () => 1, along: () => 1 },
  'smooth-clip': {
    doc: '−t − ln(1 − t) (h3): smoothed clipping, h*′(s) = s/(1+s)',
    h: (t) => -t - Math.log1p(-t),
    across: (s) => 1 / (1 + s),
    along: (s) => 1 / ((1 + s) * (1 + s)),
  },
  cosh: {
    doc: 'cosh t − 1 (h1): h*′(s) = asinh s',
    h: (t) => Math.cosh(t) - 1,
    across: (s) => (s === 0 ? 1 : Math.asinh(s) / s),
    along: (s) => 1 / Math.sqrt(1 + s * s),
  },
  exp: {
    doc: 'eᵗ − t − 1 (h2): h*′(s) = ln(1+s)',
    h: (t) => Math.expm1(t) - t,
    across: (s) => (s === 0 ? 1 : Math.log1p(s) / s),
    along: (s) => 1 / (1 + s),
  },
  'hard-clip': {
    doc: '½t² + δ[−1,1] (hard clipping): h*′(s) = min(s, 1)',
    h: (t) => 0.5 * t * t,
    across: (s) => Math.min(1, 1 / s),
    along: (s) => (s < 1 ? 1 : 0),
  },
};
