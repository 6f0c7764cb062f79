/**
 * The curvature of an objective at one point, PyHessian-style (`gensmooth spectrum`),
 * from Hessian-vector products only:
 * - λmax and λmin: Lanczos with full reorthogonalisation (core/eig.ts), with the
 *   residual ‖HQs − θQs‖ of each Ritz pair: an eigenvalue of ∇²f lies within it, and
 *   a Ritz value never lies outside [λmin, λmax] (so λmax ≥ the reported value ≥ λmin);
 * - tr ∇²f: Hutchinson over Rademacher probes, with a Student-t interval;
 * - the eigenvalue density: stochastic Lanczos quadrature, Gaussian-broadened (core/slq.ts).
 * Everything random draws from named streams of one seed.
 */
import { lanczos, type LinearOperator } from '../core/eig.ts';
import { Rng, type Seed } from '../core/rng.ts';
import { broadenedDensity, hutchinson, slq, type SlqRun } from '../core/slq.ts';
import { symv } from '../core/vec.ts';
import { tQuantile } from '../experiments/rate.ts';
import { hvpOf, type Objective } from '../objectives/objective.ts';

export interface SpectrumOptions {
  seed: Seed;
  /** Hutchinson probes (default 100). */
  probes?: number;
  /** SLQ runs (default 4) and Lanczos steps per run (default min(n, 64)). */
  runs?: number;
  steps?: number;
  /** Lanczos budget for λmax and λmin (default min(n, 100)). */
  maxIter?: number;
  /** Gaussian broadening (standard deviation); default 1 % of the span of the SLQ nodes. */
  sigma?: number;
  /** Grid points of the density (default 400). */
  gridPoints?: number;
}

export interface SpectrumResult {
  lambdaMax: number;
  lambdaMin: number;
  residuals: { lambdaMax: number; lambdaMin: number };
  /** max(|λmax|, |λmin|): ‖∇²f(x)‖ (a lower bound unless the Lanczos run was exact). */
  norm: number;
  lanczos: { iterations: number; invariant: boolean };
  trace: { value: number; interval: [number, number]; level: number; stdError: number; probes: number };
  density: {
    sigma: number;
    runs: number;
    steps: number;
    /** Probability density of the eigenvalues (integrates to 1): multiply by dim for eigenvalues per unit. */
    grid: number[];
    values: number[];
    /** Each run's Gauss rule (nodes and weights). */
    quadrature: { nodes: number[]; weights: number[]; invariant: boolean }[];
  };
  hvp: 'exact' | 'dense-hessian' | 'finite-difference';
  hvps: number;
  notes: string[];
}

/** v ↦ ∇²f(x)v: the objective's own HVP, its dense Hessian, or central differences of gradients. */
export function hessianOperator(obj: Objective, x: Float64Array): { op: LinearOperator; kind: SpectrumResult['hvp'] } {
  if (obj.hvp) {
    const hv = hvpOf(obj);
    return { op: (v, out) => hv(x, v, out), kind: 'exact' };
  }
  if (obj.hessian && obj.dim <= 2000) {
    const H = new Float64Array(obj.dim * obj.dim);
    obj.hessian(x, H);
    return { op: (v, out) => symv(H, obj.dim, v, out), kind: 'dense-hessian' };
  }
  const hv = hvpOf(obj);
  return { op: (v, out) => hv(x, v, out), kind: 'finite-difference' };
}

/** The spectrum statistics of a symmetric operator of size n. */
export function operatorSpectrum(op: LinearOperator, n: number, o: SpectrumOptions): Omit<SpectrumResult, 'hvp'> {
  let hvps = 0;
  const counted: LinearOperator = (v, out) => {
    hvps++;
    op(v, out);
  };
  const rng = new Rng(o.seed, 'spectrum');
  const lz = lanczos(counted, n, { maxIter: o.maxIter ?? Math.min(n, 100), tol: 1e-8, rng: rng.stream('lanczos') });
  const probes = Math.max(2, o.probes ?? 100);
  const h = hutchinson(counted, n, probes, rng.stream('hutchinson'));
  const t = tQuantile(0.975, probes - 1);
  const steps = Math.max(1, Math.min(n, o.steps ?? 64));
  const runs: SlqRun[] = slq(counted, n, { steps, runs: Math.max(1, o.runs ?? 4), rng: rng.stream('slq') });
  let lo = Math.min(lz.lambdaMin, ...runs.flatMap((r) => r.nodes)),
    hi = Math.max(lz.lambdaMax, ...runs.flatMap((r) => r.nodes));
  const span = hi - lo;
  const sigma = o.sigma ?? 0.01 * Math.max(span, 1e-3 * Math.max(Math.abs(lo), Math.abs(hi)), 1e-12);
  lo -= 4 * sigma;
  hi += 4 * sigma;
  const G = Math.max(2, o.gridPoints ?? 400);
  const grid = Array.from({ length: G }, (_, k) => lo + ((hi - lo) * k) / (G - 1));
  const values = Array.from(broadenedDensity(runs, grid, sigma));
  const notes: string[] = [];
  if (!lz.invariant)
    notes.push(
      `λmax and λmin are Ritz values after ${lz.iterations} Lanczos steps: each ` +
        `lies within its residual of an eigenvalue, and inside [λmin, λmax], so ` +
        `|λ| reported is a lower bound on ‖∇²f‖`,
    );
  if (probes < 30) notes.push(`only ${probes} Hutchinson probes: the t-interval of the trace is wide`);
  return {
    lambdaMax: lz.lambdaMax,
    lambdaMin: lz.lambdaMin,
    residuals: { lambdaMax: lz.residualMax, lambdaMin: lz.residualMin },
    norm: lz.norm,
    lanczos: { iterations: lz.iterations, invariant: lz.invariant },
    trace: {
      value: h.mean,
      interval: [h.mean - t * h.stdError, h.mean + t * h.stdError],
      level: 0.95,
      stdError: h.stdError,
      probes,
    },
    density: { sigma, runs: runs.length, steps, grid, values, quadrature: runs },
    hvps,
    notes,
  };
}

/** The spectrum of ∇²f(x). */
export function spectrumAt(obj: Objective, x: Float64Array, o: SpectrumOptions): SpectrumResult {
  const { op, kind } = hessianOperator(obj, x);
  const r = operatorSpectrum(op, obj.dim, o);
  if (kind === 'finite-difference')
    r.notes.push(
      'the objective has no Hessian-vector product: central differences of gradients ' +
        'stand in for it (error about eps^(2/3))',
    );
  return { ...r, hvp: kind };
}
