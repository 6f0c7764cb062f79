/**
 * Saddle escape (docs/theory.md §g): perturbed GD (Jin et al.), perturbed preconditioned GD
 * (Bodard & Patrinos Alg. 1), negative-curvature steps from gradients (Dimer) or function
 * values (ZO-NCF), perturbed steps with compression (Avdiukhin & Yaroslavtsev), SAM, and
 * the box-constrained versions (Mokhtari, Ozdaglar & Jadbabaie 2018).
 */
import { KERNELS } from '../../core/kernels.ts';
import { batchP, gammaP, int, method, num, type Values } from '../method.ts';
import { zerothOrder } from '../oracle.ts';
import { feasibleNegativeCurvature, negativeCurvature, perturbation, projection, sam as samStep } from '../outer.ts';
import { precondition, randomK, scaleBy } from '../transform.ts';
import { kernelP, lambdaP } from './preconditioned.ts';

/** Jin et al.'s perturbation parameters (r, g_thres, t_thres), shared by every perturbed method. */
export const perturbParams = (gthresDoc = 'gradient threshold') =>
  [
    num('r', 'perturbation radius', { default: 1e-3, positive: true }),
    num('gthres', gthresDoc, { default: 1e-3, min: 0 }),
    int('tthres', 'iterations between perturbations', { default: 10, min: 0 }),
  ] as const;
type PerturbValues = Values<ReturnType<typeof perturbParams>>;
/** ξ ~ U(B(0, r)) added when the norm is at most g_thres and more than t_thres iterations passed. */
export const jinPerturbation = (p: PerturbValues) =>
  perturbation({ threshold: p.gthres, every: p.tthres, radius: p.r, scale: 1 });

const kP = int('k', 'coordinates sent a step', { min: 1 });
const etaP = (dflt: number) => num('eta', 'negative-curvature step length', { default: dflt, positive: true });
const loP = num('lo', 'box lower bound', { default: -1 });
const hiP = num('hi', 'box upper bound', { default: 1 });

export const sam = method({
  name: 'sam',
  update: 'x − γ∇f(x + ρ∇f/‖∇f‖) (sharpness-aware minimisation)',
  params: [gammaP, num('rho', 'ascent radius ρ', { min: 0 })],
  chain: (_p, s) => [scaleBy(s)],
  steps: (p) => [samStep(p.rho)],
});

export const pgd = method({
  name: 'pgd',
  update: 'GD; x ← x + ξ, ξ ~ U(B(0, r)) when ‖∇f‖ ≤ g_thres and t − t_last > t_thres (Jin et al.)',
  params: [gammaP, ...perturbParams()],
  chain: (_p, s) => [scaleBy(s)],
  steps: (p) => [jinPerturbation(p)],
});

/** λ⁻¹·φ(∇φ*(λg)) = λ⁻¹·h((h*)′(λ‖g‖)) (Bodard & Patrinos §3.2). */
function stationarityMeasure(kernel: string, lambda: number): (g: number) => number {
  const k = KERNELS[kernel];
  return (g) => {
    const s = lambda * g;
    return k.h(k.across(s) * s) / lambda;
  };
}

export const ppgd = method({
  name: 'ppgd',
  update: 'P-GD with x ← x + γξ, ξ ~ U(B(0, r)) when λ⁻¹φ(∇φ*(λ∇f)) ≤ G²/2 (Bodard & Patrinos Alg. 1)',
  params: [
    gammaP,
    lambdaP,
    kernelP,
    num('r', 'perturbation radius', { default: 1e-3, positive: true }),
    num('G', 'stationarity threshold 𝒢', { default: 1e-3, min: 0 }),
    int('T', 'iterations between perturbations 𝒯', { default: 10, min: 0 }),
  ],
  chain: (p, s) => [precondition(p.kernel, p.lambda), scaleBy(s)],
  steps: (p) => [
    perturbation({
      threshold: p.G ** 2 / 2,
      every: p.T,
      radius: p.r,
      scale: p.gamma,
      measure: stationarityMeasure(p.kernel, p.lambda),
    }),
  ],
});

export const zoNcf = method({
  name: 'zo-ncf',
  update:
    'ZO-GD; when ‖ĝ‖ ≤ g_thres, zeroth-order negative-curvature finding (power iteration on I − H/ℓ with ZO ' +
    'Hessian-vector products) and a step along it (Zhang, Xiong, Gu 2022)',
  params: [
    gammaP,
    num('mu', 'difference step μ', { default: 1e-4, positive: true }),
    num('gthres', 'gradient-estimate threshold', { default: 1e-3, min: 0 }),
    etaP(0.1),
    int('every', 'iterations between searches', { default: 10, min: 0 }),
  ],
  oracle: (p) => zerothOrder(p.mu),
  chain: (_p, s) => [scaleBy(s)],
  steps: (p) => [negativeCurvature('zo', { threshold: p.gthres, step: p.eta, every: p.every }, p.mu)],
});

export const dimerGd = method({
  name: 'dimer-gd',
  update:
    'GD; when ‖∇f‖ ≤ g_thres, a Dimer rotation finds the lowest-curvature direction and a step of length η ' +
    'follows it downhill',
  params: [
    gammaP,
    num('gthres', 'gradient threshold', { default: 1e-3, min: 0 }),
    etaP(0.1),
    int('every', 'iterations between rotations', { default: 10, min: 0 }),
  ],
  chain: (_p, s) => [scaleBy(s)],
  steps: (p) => [negativeCurvature('dimer', { threshold: p.gthres, step: p.eta, every: p.every })],
});

export const compressedPgd = method({
  name: 'compressed-pgd',
  update:
    'perturbed GD with RandomK-compressed steps (d/k on k coordinates): escape with k numbers communicated a ' +
    'step (Avdiukhin & Yaroslavtsev)',
  params: [gammaP, kP, ...perturbParams()],
  chain: (p, s) => [randomK(p.k), scaleBy(s)],
  steps: (p) => [jinPerturbation(p)],
});

export const compressedPsgd = method({
  name: 'compressed-psgd',
  update: 'perturbed SGD with RandomK-compressed steps: the stochastic setting of Avdiukhin & Yaroslavtsev',
  params: [gammaP, kP, batchP, ...perturbParams()],
  stochastic: true,
  chain: (p, s) => [randomK(p.k), scaleBy(s)],
  steps: (p) => [jinPerturbation(p)],
});

export const projectedGd = method({
  name: 'projected-gd',
  update: 'x ← Π_C(x − γ∇f), C = [lo, hi]^n',
  params: [gammaP, loP, hiP],
  chain: (_p, s) => [scaleBy(s)],
  steps: (p) => [projection([p.lo, p.hi])],
});

export const projectedNc = method({
  name: 'projected-nc',
  update:
    'projected GD; near first-order stationarity relative to C, a step along a feasible direction of negative ' +
    'curvature (Mokhtari, Ozdaglar, Jadbabaie 2018)',
  params: [
    gammaP,
    loP,
    hiP,
    num('gthres', 'gradient-mapping threshold', { default: 1e-4, min: 0 }),
    etaP(0.5),
    int('every', 'iterations between searches', { default: 10, min: 0 }),
  ],
  chain: (_p, s) => [scaleBy(s)],
  steps: (p) => [
    projection([p.lo, p.hi]),
    feasibleNegativeCurvature([p.lo, p.hi], { threshold: p.gthres, step: p.eta, every: p.every }),
  ],
});
