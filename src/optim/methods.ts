/**
 * The methods, by name (contract.md's core table plus the ones theory.md discusses),
 * each built from the transforms of transform.ts. A method is a plan: where its
 * direction comes from (full gradient, mini-batch, a point shifted by SAM), the chain
 * applied to it, and an optional perturbation rule (Jin et al.; Bodard & Patrinos).
 */
import { KERNELS } from '../core/kernels.ts';
import { parseParams, requireParams, splitSpec, type ParamDef } from '../core/params.ts';
import { UsageError } from '../errors.ts';
import {
  adam,
  clipByNorm,
  constrainedClip,
  dimerProjection,
  insgdScale,
  lmoClip,
  momentum,
  normalize,
  normalizeIndependent,
  precondition,
  randomK,
  scaleBy,
  type Transform,
} from './transform.ts';
import { constant, gapAdaptive, linearWarmup, polyak, type StepRule } from './schedules.ts';

/** A method's parameter: the shared declaration (core/params.ts). */
export type MethodParam = ParamDef;

export interface Perturbation {
  /** Perturb when the gradient norm (or the method's stationarity measure) is at most this. */
  threshold: number;
  /** and at least this many iterations passed since the last perturbation. */
  every: number;
  /** Radius of the uniform ball. */
  radius: number;
  /** Multiply ξ by this (Bodard & Patrinos add γξ). */
  scale: number;
  /** Stationarity measure at x from ‖∇f‖ (default: ‖∇f‖ itself). */
  measure?: (gnorm: number) => number;
}

export interface MethodPlan {
  /**
   * full: ∇f; batch: g_B; spider: the recursive estimator v_t = g_B(x_t) − g_B(x_{t−1}) +
   * v_{t−1}, refreshed every `spiderQ` steps (SPIDER/SSRGD); zo: coordinate-wise central
   * differences of f (function values only, theory.md §g4).
   */
  oracle: 'full' | 'batch' | 'spider' | 'zo';
  batch: number;
  batch2: number;
  spiderQ?: number;
  /** Refresh batch of the SPIDER estimator (0: the full gradient). */
  spiderBig?: number;
  zoMu?: number;
  /**
   * Negative-curvature step when the direction is small: find a direction of negative
   * curvature (Dimer rotation with gradients, or zeroth-order power iteration with function
   * values) and move along it by `step` in the sign that lowers f.
   */
  negativeCurvature?: { threshold: number; step: number; finder: 'dimer' | 'zo' | 'feasible'; every: number };
  /** Project every iterate onto the box [lo, hi]^n (projected methods, Mokhtari et al.). */
  projectBox?: [number, number];
  /** Sharpness-aware: evaluate the direction at x + ρ·g/‖g‖. */
  samRho?: number;
  chain: Transform[];
  perturb?: Perturbation;
  step: StepRule;
}

export interface RunEnv {
  /** f* for the gap and Polyak rules (the objective's, or --fstar). */
  fstar?: number;
}

export interface MethodDef {
  name: string;
  update: string;
  params: MethodParam[];
  stochastic: boolean;
  build(p: Record<string, number | string>, env: RunEnv): MethodPlan;
}

const gammaP: MethodParam = { name: 'gamma', doc: 'step size', kind: 'num', positive: true };
const betaP: MethodParam = { name: 'beta', doc: 'normalisation exponent β', default: 1, kind: 'num', min: 0 };
const batchP: MethodParam = { name: 'batch', doc: 'mini-batch size |B|', default: 1, kind: 'int', min: 1 };
/** Step-size rule parameters every method takes. */
const scheduleP: MethodParam[] = [
  {
    name: 'schedule',
    doc: 'step-size rule: constant, warmup (linear over `warmup` steps), gap (1/(K0 + K1(f − f*))), polyak ((f − f*)/‖g‖²)',
    default: 'constant',
    kind: 'enum',
    choices: ['constant', 'warmup', 'gap', 'polyak'],
  },
  { name: 'warmup', doc: 'warm-up length (schedule=warmup)', default: 100, kind: 'int', min: 0 },
  { name: 'K0', doc: 'curvature constant (schedule=gap)', default: 1, kind: 'num', min: 0 },
  { name: 'K1', doc: 'gap coefficient (schedule=gap)', default: 0, kind: 'num', min: 0 },
];

function stepRule(p: Record<string, number | string>, env: RunEnv, name: string): StepRule {
  const gamma = p.gamma as number;
  const needF = () => {
    if (env.fstar === undefined || !Number.isFinite(env.fstar))
      throw new UsageError(`${name}: schedule=${p.schedule} needs f*: the objective has none known; pass --fstar`);
    return env.fstar;
  };
  switch (p.schedule) {
    case 'warmup':
      return linearWarmup(gamma, p.warmup as number);
    case 'gap':
      return gapAdaptive(p.K0 as number, p.K1 as number, needF(), gamma);
    case 'polyak':
      return polyak(needF(), gamma);
    default:
      return constant(gamma);
  }
}

/** A method from a direction oracle and a chain builder. */
function def(
  name: string,
  update: string,
  params: MethodParam[],
  stochastic: boolean,
  chain: (p: Record<string, number | string>, step: StepRule) => Transform[],
  extra?: (p: Record<string, number | string>) => Partial<MethodPlan>,
): MethodDef {
  return {
    name,
    update,
    params: [...params, ...scheduleP],
    stochastic,
    build(p, env) {
      const step = stepRule(p, env, name);
      return {
        oracle: (stochastic ? 'batch' : 'full') as MethodPlan['oracle'],
        batch: (p.batch as number) ?? 1,
        batch2: (p.batch2 as number) ?? 1,
        chain: chain(p, step),
        step,
        ...(extra ? extra(p) : {}),
      };
    },
  };
}

const normP: MethodParam = {
  name: 'norm',
  doc: 'geometry: inf (sign), 2, or spectral (the parameters as a rows×cols matrix)',
  default: 'inf',
  kind: 'enum',
  choices: ['inf', '2', 'spectral'],
};
const rowsP: MethodParam = {
  name: 'rows',
  doc: 'rows of the parameter matrix (norm=spectral)',
  default: 1,
  kind: 'int',
  min: 1,
};
const kernelP: MethodParam = {
  name: 'kernel',
  doc: `reference kernel: ${Object.keys(KERNELS).join(', ')}`,
  default: 'smooth-clip',
  kind: 'enum',
  choices: Object.keys(KERNELS),
};

export const METHODS: MethodDef[] = [
  def('gd', 'x − γ∇f', [gammaP], false, (_p, s) => [scaleBy(s)]),
  def('sgd', 'x − γ g_B', [gammaP, batchP], true, (_p, s) => [scaleBy(s)]),
  def('ngd', 'x − γ ∇f/‖∇f‖^β', [gammaP, betaP], false, (p, s) => [normalize(p.beta as number), scaleBy(s)]),
  def('nsgd', 'x − γ g_B/‖g_B‖^β', [gammaP, betaP, batchP], true, (p, s) => [normalize(p.beta as number), scaleBy(s)]),
  def(
    'clipped-gd',
    'x − γ min(1, c/‖∇f‖)∇f',
    [gammaP, { name: 'clip', doc: 'clipping threshold c', kind: 'num', positive: true }],
    false,
    (p, s) => [clipByNorm(p.clip as number), scaleBy(s)],
  ),
  def(
    'clipped-sgd',
    'x − γ min(1, c/‖g_B‖)g_B',
    [gammaP, { name: 'clip', doc: 'clipping threshold c', kind: 'num', positive: true }, batchP],
    true,
    (p, s) => [clipByNorm(p.clip as number), scaleBy(s)],
  ),
  def(
    'insgd',
    "x − γ g_B/h^β, h = max{1, (4L1γ)^(1/β)(2‖g_B'‖ + δ)} (I-NSGD eq. 13)",
    [
      gammaP,
      { ...betaP, default: undefined },
      { name: 'L1', doc: 'smoothness constant L1', kind: 'num', min: 0 },
      { name: 'delta', doc: 'offset δ', kind: 'num', min: 0 },
      batchP,
      { name: 'batch2', doc: "independent batch size |B'|", default: 1, kind: 'int', min: 1 },
    ],
    true,
    (p, s) => [insgdScale(p.beta as number, p.L1 as number, p.delta as number, s), scaleBy(s)],
  ),
  def(
    'insg',
    "x − γ g_B/‖g_B'‖^β (independently normalised, I-NSGD eq. 12)",
    [gammaP, betaP, batchP, { name: 'batch2', doc: "independent batch size |B'|", default: 1, kind: 'int', min: 1 }],
    true,
    (p, s) => [normalizeIndependent(p.beta as number), scaleBy(s)],
  ),
  def(
    'nsgd-momentum',
    'd ← (1−α)d + α g_B; x − γ d/‖d‖^β',
    [
      gammaP,
      betaP,
      batchP,
      { name: 'alpha', doc: 'momentum weight α (1: none)', default: 0.1, kind: 'num', positive: true },
    ],
    true,
    (p, s) => [momentum(p.alpha as number), normalize(p.beta as number), scaleBy(s)],
  ),
  def(
    'precond-gd',
    'x − γ∇φ*(λ∇f), φ = h(‖·‖) (Bodard & Patrinos P-GD)',
    [gammaP, { name: 'lambda', doc: 'dual step λ', default: 1, kind: 'num', positive: true }, kernelP],
    false,
    (p, s) => [precondition(p.kernel as string, p.lambda as number), scaleBy(s)],
  ),
  def(
    'ggnc',
    'd ← (1−α)d + α g; x − γ min{‖d‖_*, ρ}·u(d) (generalised gradient-norm clipping: ℓ∞/sign, ℓ2, or spectral on a rows×cols matrix)',
    [
      gammaP,
      { name: 'rho', doc: 'clipping radius ρ (dual norm)', kind: 'num', positive: true },
      normP,
      rowsP,
      { name: 'alpha', doc: 'momentum weight α', default: 1, kind: 'num', positive: true },
      batchP,
    ],
    true,
    (p, s) => [
      momentum(p.alpha as number),
      lmoClip(p.rho as number, p.norm as 'inf' | '2' | 'spectral', p.rows as number),
      scaleBy(s),
    ],
  ),
  def(
    'clipped-scion',
    'd ← (1−α)d + α g; x⁺ = (1 − γη)x + γη·lmo(d), η = min{1, ⟨d, x − lmo(d)⟩/ρ} over the radius-R norm ball (constrained generalised clipping; the shrink is weight decay)',
    [
      gammaP,
      { name: 'rho', doc: 'clipping threshold ρ of the Frank–Wolfe gap', kind: 'num', positive: true },
      { name: 'R', doc: 'radius of the norm ball', default: 1, kind: 'num', positive: true },
      normP,
      rowsP,
      { name: 'alpha', doc: 'momentum weight α', default: 1, kind: 'num', positive: true },
      batchP,
    ],
    true,
    (p, s) => [
      momentum(p.alpha as number),
      constrainedClip(p.R as number, p.rho as number, p.norm as 'inf' | '2' | 'spectral', s, p.rows as number),
    ],
  ),
  def(
    'randomk-sgd',
    'x − γ·C(g_B), C = RandomK (d/k on k coordinates)',
    [gammaP, { name: 'k', doc: 'coordinates kept', kind: 'int', min: 1 }, batchP],
    true,
    (p, s) => [randomK(p.k as number), scaleBy(s)],
  ),
  def(
    'sam',
    'x − γ∇f(x + ρ∇f/‖∇f‖) (sharpness-aware minimisation)',
    [gammaP, { name: 'rho', doc: 'ascent radius ρ', kind: 'num', min: 0 }],
    false,
    (_p, s) => [scaleBy(s)],
    (p) => ({ samRho: p.rho as number }),
  ),
  def(
    'pgd',
    'GD; x ← x + ξ, ξ ~ U(B(0, r)) when ‖∇f‖ ≤ g_thres and t − t_last > t_thres (Jin et al.)',
    [
      gammaP,
      { name: 'r', doc: 'perturbation radius', default: 1e-3, kind: 'num', positive: true },
      { name: 'gthres', doc: 'gradient threshold', default: 1e-3, kind: 'num', min: 0 },
      { name: 'tthres', doc: 'iterations between perturbations', default: 10, kind: 'int', min: 0 },
    ],
    false,
    (_p, s) => [scaleBy(s)],
    (p) => ({ perturb: { threshold: p.gthres as number, every: p.tthres as number, radius: p.r as number, scale: 1 } }),
  ),
  def(
    'ppgd',
    'P-GD with x ← x + γξ, ξ ~ U(B(0, r)) when λ⁻¹φ(∇φ*(λ∇f)) ≤ G²/2 (Bodard & Patrinos Alg. 1)',
    [
      gammaP,
      { name: 'lambda', doc: 'dual step λ', default: 1, kind: 'num', positive: true },
      kernelP,
      { name: 'r', doc: 'perturbation radius', default: 1e-3, kind: 'num', positive: true },
      { name: 'G', doc: 'stationarity threshold 𝒢', default: 1e-3, kind: 'num', min: 0 },
      { name: 'T', doc: 'iterations between perturbations 𝒯', default: 10, kind: 'int', min: 0 },
    ],
    false,
    (p, s) => [precondition(p.kernel as string, p.lambda as number), scaleBy(s)],
    (p) => ({
      perturb: {
        threshold: (p.G as number) ** 2 / 2,
        every: p.T as number,
        radius: p.r as number,
        scale: p.gamma as number,
        measure: stationarityMeasure(p.kernel as string, p.lambda as number),
      },
    }),
  ),
  def(
    'spider',
    'v_t = g_B(x_t) − g_B(x_{t−1}) + v_{t−1} (refreshed every q steps); x − γ v_t (SPIDER/SpiderBoost)',
    [
      gammaP,
      batchP,
      { name: 'q', doc: 'refresh period', default: 10, kind: 'int', min: 1 },
      { name: 'big', doc: 'refresh batch (0: full gradient)', default: 0, kind: 'int', min: 0 },
    ],
    true,
    (_p, s) => [scaleBy(s)],
    (p) => ({ oracle: 'spider', spiderQ: p.q as number, spiderBig: p.big as number }),
  ),
  def(
    'ssrgd',
    'SPIDER estimator; x ← x + ξ, ξ ~ U(B(0, r)) when ‖v‖ ≤ g_thres and t − t_last > t_thres (Li 2019)',
    [
      gammaP,
      batchP,
      { name: 'q', doc: 'refresh period', default: 10, kind: 'int', min: 1 },
      { name: 'big', doc: 'refresh batch (0: full gradient)', default: 0, kind: 'int', min: 0 },
      { name: 'r', doc: 'perturbation radius', default: 1e-3, kind: 'num', positive: true },
      { name: 'gthres', doc: 'estimator-norm threshold', default: 1e-3, kind: 'num', min: 0 },
      { name: 'tthres', doc: 'iterations between perturbations', default: 10, kind: 'int', min: 0 },
    ],
    true,
    (_p, s) => [scaleBy(s)],
    (p) => ({
      oracle: 'spider',
      spiderQ: p.q as number,
      spiderBig: p.big as number,
      perturb: { threshold: p.gthres as number, every: p.tthres as number, radius: p.r as number, scale: 1 },
    }),
  ),
  def(
    'zo-gd',
    'x − γ ĝ, ĝ_i = (f(x + μe_i) − f(x − μe_i))/(2μ) (function values only)',
    [gammaP, { name: 'mu', doc: 'difference step μ', default: 1e-5, kind: 'num', positive: true }],
    false,
    (_p, s) => [scaleBy(s)],
    (p) => ({ oracle: 'zo', zoMu: p.mu as number }),
  ),
  def(
    'zo-ncf',
    'ZO-GD; when ‖ĝ‖ ≤ g_thres, zeroth-order negative-curvature finding (power iteration on I − H/ℓ with ZO Hessian-vector products) and a step along it (Zhang, Xiong, Gu 2022)',
    [
      gammaP,
      { name: 'mu', doc: 'difference step μ', default: 1e-4, kind: 'num', positive: true },
      { name: 'gthres', doc: 'gradient-estimate threshold', default: 1e-3, kind: 'num', min: 0 },
      { name: 'eta', doc: 'negative-curvature step length', default: 0.1, kind: 'num', positive: true },
      { name: 'every', doc: 'iterations between searches', default: 10, kind: 'int', min: 0 },
    ],
    false,
    (_p, s) => [scaleBy(s)],
    (p) => ({
      oracle: 'zo',
      zoMu: p.mu as number,
      negativeCurvature: {
        threshold: p.gthres as number,
        step: p.eta as number,
        finder: 'zo',
        every: p.every as number,
      },
    }),
  ),
  def(
    'dimer-gd',
    'GD; when ‖∇f‖ ≤ g_thres, a Dimer rotation finds the lowest-curvature direction and a step of length η follows it downhill',
    [
      gammaP,
      { name: 'gthres', doc: 'gradient threshold', default: 1e-3, kind: 'num', min: 0 },
      { name: 'eta', doc: 'negative-curvature step length', default: 0.1, kind: 'num', positive: true },
      { name: 'every', doc: 'iterations between rotations', default: 10, kind: 'int', min: 0 },
    ],
    false,
    (_p, s) => [scaleBy(s)],
    (p) => ({
      negativeCurvature: {
        threshold: p.gthres as number,
        step: p.eta as number,
        finder: 'dimer',
        every: p.every as number,
      },
    }),
  ),
  def(
    'compressed-pgd',
    'perturbed GD with RandomK-compressed steps (d/k on k coordinates): escape with k numbers communicated a step (Avdiukhin & Yaroslavtsev)',
    [
      gammaP,
      { name: 'k', doc: 'coordinates sent a step', kind: 'int', min: 1 },
      { name: 'r', doc: 'perturbation radius', default: 1e-3, kind: 'num', positive: true },
      { name: 'gthres', doc: 'gradient threshold', default: 1e-3, kind: 'num', min: 0 },
      { name: 'tthres', doc: 'iterations between perturbations', default: 10, kind: 'int', min: 0 },
    ],
    false,
    (p, s) => [randomK(p.k as number), scaleBy(s)],
    (p) => ({ perturb: { threshold: p.gthres as number, every: p.tthres as number, radius: p.r as number, scale: 1 } }),
  ),
  def(
    'projected-gd',
    'x ← Π_C(x − γ∇f), C = [lo, hi]^n',
    [
      gammaP,
      { name: 'lo', doc: 'box lower bound', default: -1, kind: 'num' },
      { name: 'hi', doc: 'box upper bound', default: 1, kind: 'num' },
    ],
    false,
    (_p, s) => [scaleBy(s)],
    (p) => ({ projectBox: [p.lo as number, p.hi as number] }),
  ),
  def(
    'projected-nc',
    'projected GD; near first-order stationarity relative to C, a step along a feasible direction of negative curvature (Mokhtari, Ozdaglar, Jadbabaie 2018)',
    [
      gammaP,
      { name: 'lo', doc: 'box lower bound', default: -1, kind: 'num' },
      { name: 'hi', doc: 'box upper bound', default: 1, kind: 'num' },
      { name: 'gthres', doc: 'gradient-mapping threshold', default: 1e-4, kind: 'num', min: 0 },
      { name: 'eta', doc: 'negative-curvature step length', default: 0.5, kind: 'num', positive: true },
      { name: 'every', doc: 'iterations between searches', default: 10, kind: 'int', min: 0 },
    ],
    false,
    (_p, s) => [scaleBy(s)],
    (p) => ({
      projectBox: [p.lo as number, p.hi as number],
      negativeCurvature: {
        threshold: p.gthres as number,
        step: p.eta as number,
        finder: 'feasible',
        every: p.every as number,
      },
    }),
  ),
  def(
    'adam',
    'Adam on the mini-batch gradient: x − γ m̂/(√v̂ + ε)',
    [
      gammaP,
      batchP,
      { name: 'beta1', doc: 'first-moment decay', default: 0.9, kind: 'num', min: 0 },
      { name: 'beta2', doc: 'second-moment decay', default: 0.999, kind: 'num', min: 0 },
    ],
    true,
    (p, s) => [adam(p.beta1 as number, p.beta2 as number), scaleBy(s)],
  ),
  def(
    'deo',
    'Dimer-enhanced optimisation: every k steps rotate a dimer to the lowest-curvature direction N̂, remove a·⟨g, N̂⟩N̂ from the gradient, then Adam (Hu, Cao, Liu 2025)',
    [
      gammaP,
      { name: 'a', doc: 'projection weight', default: 1, kind: 'num', min: 0 },
      { name: 'k', doc: 'steps between dimer updates', default: 10, kind: 'int', min: 1 },
      {
        name: 'toward',
        doc: 'dimer rotation: min (lowest curvature, the correct rule) or max (the third-party sign)',
        default: 'min',
        kind: 'enum',
        choices: ['min', 'max'],
      },
      { name: 'beta1', doc: 'first-moment decay', default: 0.9, kind: 'num', min: 0 },
      { name: 'beta2', doc: 'second-moment decay', default: 0.999, kind: 'num', min: 0 },
    ],
    false,
    (p, s) => [
      dimerProjection(p.a as number, p.k as number, p.toward as 'min' | 'max'),
      adam(p.beta1 as number, p.beta2 as number),
      scaleBy(s),
    ],
  ),
  def(
    'compressed-psgd',
    'perturbed SGD with RandomK-compressed steps: the stochastic setting of Avdiukhin & Yaroslavtsev',
    [
      gammaP,
      { name: 'k', doc: 'coordinates sent a step', kind: 'int', min: 1 },
      batchP,
      { name: 'r', doc: 'perturbation radius', default: 1e-3, kind: 'num', positive: true },
      { name: 'gthres', doc: 'gradient threshold', default: 1e-3, kind: 'num', min: 0 },
      { name: 'tthres', doc: 'iterations between perturbations', default: 10, kind: 'int', min: 0 },
    ],
    true,
    (p, s) => [randomK(p.k as number), scaleBy(s)],
    (p) => ({ perturb: { threshold: p.gthres as number, every: p.tthres as number, radius: p.r as number, scale: 1 } }),
  ),
];

/** λ⁻¹·φ(∇φ*(λg)) = λ⁻¹·h((h*)′(λ‖g‖)) (Bodard & Patrinos §3.2). */
function stationarityMeasure(kernel: string, lambda: number): (g: number) => number {
  const k = KERNELS[kernel];
  return (g) => {
    const s = lambda * g;
    return k.h(k.across(s) * s) / lambda;
  };
}

export function findMethod(name: string): MethodDef | undefined {
  return METHODS.find((m) => m.name === name);
}

/** Parse "NAME" or "NAME:k=v,k=v" into a validated parameter record (defaults filled in). */
export function parseMethodSpec(spec: string): { def: MethodDef; params: Record<string, number | string> } {
  const { name, rest } = splitSpec(spec);
  const m = findMethod(name);
  if (!m) throw new UsageError(`unknown method "${name}" (methods: ${METHODS.map((x) => x.name).join(', ')})`);
  const params = parseParams(`method ${name}`, rest, m.params, { defaults: true });
  requireParams(
    `method ${name}`,
    name,
    params,
    m.params.map((p) => p.name),
  );
  return { def: m, params };
}
