/**
 * Saddle-escape checks (docs/theory.md §g1–g2, §b5b).
 *
 * - Strict-saddle detection at a point: ‖∇f‖ and λmin(∇²f) by Lanczos, with its residual.
 * - Escape time against dimension: a perturbed method started at the saddle of a
 *   built-in with a dimension parameter (quartic-saddle), escape = first t with
 *   ‖x_t − x_s‖ ≥ R; the median over seeded runs is regressed on ln d and set beside
 *   the predicted slope 1/(2·ln(1 + η|λmin|)) (a uniform ball perturbation has an
 *   escape component of size ≈ r/√d that grows by (1 + η|λmin|) per step), with η the
 *   method's effective step at the saddle (γ for GD-type steps, γλ for P-GD, whose
 *   dual kernels all have ∇²φ*(0) = I).
 */
import { lanczos } from '../core/eig.ts';
import { linfit, quantile } from '../core/stats.ts';
import { nrm2 } from '../core/vec.ts';
import { UsageError } from '../errors.ts';
import { hvpOf, type Objective } from '../objectives/objective.ts';
import type { MethodDef } from '../optim/methods.ts';
import { optimize } from '../optim/run.ts';
import { tQuantile } from './rate.ts';
import { Rng, type Seed } from '../core/rng.ts';

export interface SaddleInfo {
  gradNorm: number;
  lambdaMin: number;
  lambdaMax: number;
  residual: number;
  iterations: number;
  strict: boolean;
}

/** ‖∇f(x)‖ and the extreme Hessian eigenvalues at x (Lanczos on HVPs). */
export function saddleInfo(obj: Objective, x: Float64Array, seed: Seed = 1): SaddleInfo {
  const g = new Float64Array(obj.dim);
  obj.grad(x, g);
  const hv = hvpOf(obj);
  const r = lanczos((v, out) => hv(x, v, out), obj.dim, {
    maxIter: Math.min(obj.dim, 100),
    tol: 1e-10,
    rng: new Rng(seed, 'saddle'),
  });
  const gn = nrm2(g);
  const scale = Math.max(Math.abs(r.lambdaMax), Math.abs(r.lambdaMin), 1e-300);
  return {
    gradNorm: gn,
    lambdaMin: r.lambdaMin,
    lambdaMax: r.lambdaMax,
    residual: r.residualMin,
    iterations: r.iterations,
    strict: gn <= 1e-8 * (1 + scale) && r.lambdaMin < -Math.max(r.residualMin, 1e-8 * scale),
  };
}

export interface EscapeOptions {
  dims: number[];
  runs: number;
  radius: number;
  maxIters: number;
  seed: Seed;
  /** Build the objective in dimension d. */
  make(d: number): Objective;
  /** The saddle in dimension d (default 0). */
  saddle?(d: number): Float64Array;
}

export interface EscapeResult {
  method: { name: string; params: Record<string, number | string> };
  saddle: SaddleInfo & { dim: number };
  dims: {
    d: number;
    median: number | null;
    escaped: number;
    runs: number;
    times: (number | null)[];
    perturbations: number;
    /** Mean oracle use per run until escape (or the iteration limit). */ oracle: Record<string, number>;
  }[];
  fit: { slope: number; intercept: number; ci: [number, number] } | null;
  predicted: { slope: number; formula: string } | null;
  consistent: boolean | null;
  notes: string[];
}

/** The effective step of a method at a saddle, from its parameters. */
function effectiveStep(name: string, p: Record<string, number | string>): number | null {
  if (name === 'ppgd' || name === 'precond-gd') return (p.gamma as number) * (p.lambda as number);
  if (['gd', 'pgd', 'clipped-gd', 'sam', 'ssrgd', 'spider'].includes(name)) return p.gamma as number;
  return null;
}

export function escapeTimes(def: MethodDef, params: Record<string, number | string>, o: EscapeOptions): EscapeResult {
  if (o.dims.length < 2) throw new UsageError('escape needs at least two dimensions (--dims 2,10,100,...)');
  const notes: string[] = [];
  const d0 = o.dims[0];
  const obj0 = o.make(d0);
  const s0 = o.saddle ? o.saddle(d0) : new Float64Array(d0);
  const info = saddleInfo(obj0, s0, o.seed);
  if (!info.strict)
    notes.push(
      'the start is not a strict saddle (gradient not zero or λmin ≥ 0): escape times may not follow the ln d law',
    );
  const rows: EscapeResult['dims'] = [];
  for (const d of o.dims) {
    const obj = o.make(d);
    const xs = o.saddle ? o.saddle(d) : new Float64Array(d);
    const times: (number | null)[] = [];
    let perturbations = 0;
    const oracle: Record<string, number> = { gradients: 0, samples: 0, functionValues: 0, communicated: 0 };
    for (let k = 0; k < o.runs; k++) {
      const seed = `${String(o.seed)}/escape/${d}/${k}`;
      const r = optimize(obj, def, params, {
        iters: o.maxIters,
        seed,
        x0: xs,
        recordEvery: 1,
        stopWhen: (x) => {
          let s = 0;
          for (let i = 0; i < d; i++) s += (x[i] - xs[i]) ** 2;
          return Math.sqrt(s) >= o.radius;
        },
      });
      perturbations += r.perturbations ?? 0;
      for (const key of Object.keys(oracle))
        oracle[key] += (r.oracle as unknown as Record<string, number>)[key] / o.runs;
      times.push(r.status === 'stopped' ? r.steps : null);
    }
    const done = times.filter((t): t is number => t !== null);
    rows.push({
      d,
      median:
        done.length * 2 > o.runs ? quantile(done.concat(new Array(o.runs - done.length).fill(Infinity)), 0.5) : null,
      escaped: done.length,
      runs: o.runs,
      times,
      perturbations,
      oracle,
    });
  }
  const pts = rows.filter((r) => r.median !== null && Number.isFinite(r.median));
  let fit: EscapeResult['fit'] = null;
  if (pts.length >= 3) {
    const f = linfit(
      pts.map((r) => Math.log(r.d)),
      pts.map((r) => r.median!),
    );
    const t = tQuantile(0.975, pts.length - 2);
    fit = { slope: f.slope, intercept: f.intercept, ci: [f.slope - t * f.se, f.slope + t * f.se] };
  } else notes.push('fewer than three dimensions with a median escape: no fit');
  const eta = effectiveStep(def.name, params);
  const predicted =
    eta !== null && info.lambdaMin < 0
      ? {
          slope: 1 / (2 * Math.log(1 + eta * -info.lambdaMin)),
          formula: `1/(2 ln(1 + η|λmin|)), η = ${eta}, λmin = ${info.lambdaMin.toPrecision(6)}`,
        }
      : null;
  // Consistent: the prediction within the fit's interval or within 15 % of the fit.
  const consistent =
    fit && predicted
      ? (predicted.slope >= fit.ci[0] && predicted.slope <= fit.ci[1]) ||
        Math.abs(fit.slope - predicted.slope) <= 0.15 * predicted.slope
      : null;
  return {
    method: { name: def.name, params },
    saddle: { ...info, dim: d0 },
    dims: rows,
    fit,
    predicted,
    consistent,
    notes,
  };
}
