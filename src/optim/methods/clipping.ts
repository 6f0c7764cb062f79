/**
 * Clipping: by the Euclidean norm, and generalised to non-Euclidean geometries,
 * unconstrained and constrained (docs/theory.md §d3).
 */
import { batchP, choice, codeScaleP, gammaP, int, method, num } from '../method.ts';
import { clipByNorm, clipCode, constrainedClip, lmoClip, momentum, scaleBy } from '../transform.ts';

const clipP = num('clip', 'clipping threshold c', { positive: true });
const normP = choice(
  'norm',
  'geometry: inf (sign), 2, or spectral (the parameters as a rows×cols matrix)',
  ['inf', '2', 'spectral'],
  'inf',
);
const rowsP = int('rows', 'rows of the parameter matrix (norm=spectral)', { default: 1, min: 1 });
const alphaP = num('alpha', 'momentum weight α', { default: 1, positive: true });

export const clippedGd = method({
  name: 'clipped-gd',
  update: 'x − γ min(1, c/‖∇f‖)∇f',
  params: [gammaP, clipP],
  chain: (p, s) => [clipByNorm(p.clip), scaleBy(s)],
});

export const clippedSgd = method({
  name: 'clipped-sgd',
  update: 'x − γ min(1, c/‖g_B‖)g_B',
  params: [gammaP, clipP, batchP],
  stochastic: true,
  chain: (p, s) => [clipByNorm(p.clip), scaleBy(s)],
});

export const ggnc = method({
  name: 'ggnc',
  update:
    'd ← (1−α)d + α g; x − γ min{‖d‖_*, ρ}·u(d) (generalised gradient-norm clipping: ℓ∞/sign, ℓ2, or spectral ' +
    'on a rows×cols matrix)',
  params: [gammaP, num('rho', 'clipping radius ρ (dual norm)', { positive: true }), normP, rowsP, alphaP, batchP],
  stochastic: true,
  chain: (p, s) => [momentum(p.alpha), lmoClip(p.rho, p.norm, p.rows), scaleBy(s)],
});

export const clippedScion = method({
  name: 'clipped-scion',
  update:
    'd ← (1−α)d + α g; x⁺ = (1 − γη)x + γη·lmo(d), η = min{1, ⟨d, x − lmo(d)⟩/ρ} over the radius-R norm ball ' +
    '(constrained generalised clipping; the shrink is weight decay)',
  params: [
    gammaP,
    num('rho', 'clipping threshold ρ of the Frank–Wolfe gap', { positive: true }),
    num('R', 'radius of the norm ball', { default: 1, positive: true }),
    normP,
    rowsP,
    alphaP,
    batchP,
  ],
  stochastic: true,
  chain: (p, s) => [momentum(p.alpha), constrainedClip(p.R, p.rho, p.norm, s, p.rows)],
});

export const clippedSgdCode = method({
  name: 'clipped-sgd-code',
  update: "x − γ·s·g_B/max{s‖g_B‖ + δ, G²}^p (clipped SGD of the I-NSGD authors' code)",
  params: [
    gammaP,
    num('p', 'exponent p of the normaliser', { default: 1, min: 0 }),
    num('delta', 'offset δ', { default: 0, min: 0 }),
    num('G', 'the normaliser is at least G² (the code squares its grad_max)', { min: 0 }),
    codeScaleP,
    batchP,
  ],
  stochastic: true,
  chain: (p, s) => [clipCode(p.p, p.delta, p.G, p.scale), scaleBy(s)],
});
