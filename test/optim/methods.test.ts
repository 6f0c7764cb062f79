/** Each method against a hand-computed step and on problems where its behaviour is known. */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../fc.ts';
import { exprObjective } from '../../src/objectives/expr.ts';
import { makeBuiltin } from '../../src/objectives/spec.ts';
import { parseMethodSpec } from '../../src/optim/methods.ts';
import { optimize } from '../../src/optim/run.ts';
import { Rng } from '../../src/core/rng.ts';
import { UsageError } from '../../src/errors.ts';
import type { Objective } from '../../src/objectives/objective.ts';

const run = (obj: Objective, spec: string, iters: number, x0: number[], seed = 1, recordEvery = 1) => {
  const { def, params } = parseMethodSpec(spec);
  return optimize(obj, def, params, { iters, x0: Float64Array.from(x0), seed, recordEvery, fstar: obj.fstar });
};
const quad = exprObjective('2*x1^2 + 0.5*x2^2 - x1*x2').objective; // ∇f = (4x1 − x2, x2 − x1)
const grad = (x: number[]) => [4 * x[0] - x[1], x[1] - x[0]];

describe('one step by hand', () => {
  const x0 = [1.5, -2];
  const g = grad(x0),
    gn = Math.hypot(g[0], g[1]);
  it('gd: x − γ∇f', () => {
    const r = run(quad, 'gd:gamma=0.1', 1, x0);
    expect(r.x[0]).toBeCloseTo(x0[0] - 0.1 * g[0], 14);
    expect(r.x[1]).toBeCloseTo(x0[1] - 0.1 * g[1], 14);
  });
  it('ngd: x − γ∇f/‖∇f‖^β', () => {
    const r = run(quad, 'ngd:gamma=0.3,beta=0.5', 1, x0);
    expect(r.x[0]).toBeCloseTo(x0[0] - (0.3 * g[0]) / gn ** 0.5, 14);
    expect(r.x[1]).toBeCloseTo(x0[1] - (0.3 * g[1]) / gn ** 0.5, 14);
  });
  it('clipped-gd above the threshold: a step of length γc along −∇f', () => {
    const r = run(quad, 'clipped-gd:gamma=0.1,clip=1', 1, x0);
    expect(Math.hypot(r.x[0] - x0[0], r.x[1] - x0[1])).toBeCloseTo(0.1, 14);
  });
  it('sam: x − γ∇f(x + ρ∇f/‖∇f‖)', () => {
    const r = run(quad, 'sam:gamma=0.1,rho=0.2', 1, x0);
    const xs = [x0[0] + (0.2 * g[0]) / gn, x0[1] + (0.2 * g[1]) / gn];
    const gs = grad(xs);
    expect(r.x[0]).toBeCloseTo(x0[0] - 0.1 * gs[0], 14);
    expect(r.x[1]).toBeCloseTo(x0[1] - 0.1 * gs[1], 14);
  });
  it('precond-gd with the smoothed-clipping kernel: x − γλ∇f/(1 + λ‖∇f‖)', () => {
    const r = run(quad, 'precond-gd:gamma=0.5,lambda=2,kernel=smooth-clip', 1, x0);
    const s = (0.5 * 2) / (1 + 2 * gn);
    expect(r.x[0]).toBeCloseTo(x0[0] - s * g[0], 14);
  });
  it('insgd with full batches: the step is parallel to the batch gradient, scaled by γ/h^β', () => {
    const obj = makeBuiltin('logistic', 'n=8&d=3');
    const x = [0.3, -0.2, 0.5];
    const gF = new Float64Array(3);
    obj.grad(Float64Array.from(x), gF);
    const gn2 = Math.hypot(...gF);
    const gamma = 0.2,
      beta = 2 / 3,
      L1 = 3,
      delta = 0.5;
    const r = run(obj, `insgd:gamma=${gamma},beta=${beta},L1=${L1},delta=${delta},batch=8,batch2=8`, 1, x);
    const h = Math.max(1, (4 * L1 * gamma) ** (1 / beta) * (2 * gn2 + delta));
    for (let i = 0; i < 3; i++) expect(r.x[i]).toBeCloseTo(x[i] - (gamma * gF[i]) / h ** beta, 12);
  });
});

describe('methods that coincide where they should', () => {
  test.prop(
    [
      fc.double({ min: 0.01, max: 0.2, noNaN: true }),
      fc.double({ min: -1, max: 1, noNaN: true }),
      fc.double({ min: -1, max: 1, noNaN: true }),
    ],
    { numRuns: 20 },
  )('clipped GD equals GD below the threshold', (gamma, a, b) => {
    const x0 = [a, b];
    const big = 1e6;
    const r1 = run(quad, `gd:gamma=${gamma}`, 20, x0),
      r2 = run(quad, `clipped-gd:gamma=${gamma},clip=${big}`, 20, x0);
    expect(r2.x).toEqual(r1.x);
  });
  test.prop([fc.double({ min: 0.01, max: 0.2, noNaN: true }), fc.double({ min: 0.1, max: 5, noNaN: true })], {
    numRuns: 10,
  })(
    'preconditioned GD with the quadratic kernel is GD with step γλ; with hard clipping it is clipped GD',
    (gamma, lambda) => {
      const x0 = [2.5, -1.25];
      const a = run(quad, `precond-gd:gamma=${gamma},lambda=${lambda},kernel=quadratic`, 15, x0),
        b = run(quad, `gd:gamma=${gamma * lambda}`, 15, x0);
      a.x.forEach((v, i) => expect(Math.abs(v - b.x[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b.x[i]))));
      const c = run(quad, `precond-gd:gamma=${gamma},lambda=${lambda},kernel=hard-clip`, 15, x0),
        d = run(quad, `clipped-gd:gamma=${gamma * lambda},clip=${1 / lambda}`, 15, x0);
      c.x.forEach((v, i) => expect(Math.abs(v - d.x[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(d.x[i]))));
    },
  );
  it('GGNC in the ℓ2 geometry without momentum is clipped GD; in ℓ∞ its step is a scaled sign vector', () => {
    const obj = makeBuiltin('logistic', 'n=10&d=3');
    const x0 = [0.5, -0.5, 1];
    const a = run(obj, 'ggnc:gamma=0.3,rho=0.05,norm=2,batch=10', 10, x0),
      b = run(obj, 'clipped-gd:gamma=0.3,clip=0.05', 10, x0);
    a.x.forEach((v, i) => expect(v).toBeCloseTo(b.x[i], 12));
    const s = run(obj, 'ggnc:gamma=0.3,rho=0.05,norm=inf,batch=10', 1, x0);
    const steps = s.x.map((v, i) => Math.abs(v - x0[i]));
    for (const st of steps) expect(st).toBeCloseTo(steps[0], 14);
  });
  it('NSGD with momentum α = 1 is NSGD (same seed, same batches)', () => {
    const obj = makeBuiltin('phase-retrieval', 'd=4&m=30');
    const x0 = [1, 1, 1, 1];
    const a = run(obj, 'nsgd-momentum:gamma=0.05,alpha=1,batch=5', 30, x0, 7),
      b = run(obj, 'nsgd:gamma=0.05,batch=5', 30, x0, 7);
    a.x.forEach((v, i) => expect(v).toBeCloseTo(b.x[i], 12));
  });
});

describe('stochastic methods and randomness', () => {
  it('the same seed gives the same run; another seed another run', () => {
    const obj = makeBuiltin('phase-retrieval', 'd=5&m=40');
    const spec = 'insgd:gamma=0.1,beta=0.6666666666666666,L1=1,delta=1,batch=4,batch2=2';
    const a = run(obj, spec, 50, [1, 1, 1, 1, 1], 3),
      b = run(obj, spec, 50, [1, 1, 1, 1, 1], 3),
      c = run(obj, spec, 50, [1, 1, 1, 1, 1], 4);
    expect(a).toEqual(b);
    expect(a.x).not.toEqual(c.x);
    expect(a.trace[a.trace.length - 1].samples).toBe(50 * 6);
  });
  it('RandomK compression is unbiased: the mean of compressed steps is the gradient step', () => {
    const obj = makeBuiltin('logistic', 'n=6&d=8');
    const x0 = new Rng(1).fillNormal(new Float64Array(8));
    const g = new Float64Array(8);
    obj.grad(x0, g);
    const mean = new Float64Array(8);
    const N = 4000;
    for (let s = 0; s < N; s++) {
      const r = run(obj, 'randomk-sgd:gamma=1,k=2,batch=6', 1, Array.from(x0), s);
      for (let i = 0; i < 8; i++) mean[i] += (x0[i] - r.x[i]) / N;
    }
    // Per coordinate: a 4·g_i with probability 1/4: standard error ≈ √3·|g_i|/√N.
    for (let i = 0; i < 8; i++)
      expect(Math.abs(mean[i] - g[i])).toBeLessThan((5 * Math.sqrt(3) * Math.abs(g[i])) / Math.sqrt(N) + 1e-12);
  });
  it('a stochastic method on an objective without samples is a usage error', () => {
    expect(() => run(quad, 'sgd:gamma=0.1', 1, [1, 1])).toThrow(UsageError);
  });
});

describe('step-size rules', () => {
  it('linear warm-up ramps the step over the warm-up length', () => {
    const lin = exprObjective('x').objective; // ∇f = 1: each step moves by γ_t
    const r = run(lin, 'gd:gamma=1,schedule=warmup,warmup=4', 6, [0]);
    const steps = r.trace.slice(1).map((p, i) => p.f - r.trace[i].f);
    expect(steps.map((s) => -s)).toEqual([0.25, 0.5, 0.75, 1, 1, 1]);
  });
  it('the gap rule 1/(K0 + K1(f − f*)) decreases x² + x⁴ monotonically with valid (K0, K1) = (2, 12)', () => {
    const obj = exprObjective('x^2 + x^4').objective;
    const r = run({ ...obj, fstar: 0 }, 'gd:gamma=1,schedule=gap,K0=2,K1=12', 200, [3]);
    for (let i = 1; i < r.trace.length; i++) expect(r.trace[i].f).toBeLessThanOrEqual(r.trace[i - 1].f);
    expect(r.trace[r.trace.length - 1].f).toBeLessThan(1e-6);
  });
  it('Polyak steps need f*', () => {
    expect(() => run(quad, 'gd:gamma=1,schedule=polyak', 1, [1, 1])).toThrow(/needs f\*/);
  });
});

describe('perturbed methods escape the strict saddle of quartic-saddle', () => {
  it('GD from the saddle stays there; PGD and perturbed P-GD leave it for a minimum', () => {
    const obj = makeBuiltin('quartic-saddle', 'd=10');
    const zero = new Array(10).fill(0);
    const gd = run(obj, 'gd:gamma=0.1', 300, zero);
    expect(gd.trace[gd.trace.length - 1].f).toBe(0);
    const pgd = run(obj, 'pgd:gamma=0.1,r=0.001,gthres=0.001,tthres=20', 400, zero);
    expect(pgd.perturbations).toBeGreaterThan(0);
    expect(pgd.trace[pgd.trace.length - 1].f).toBeCloseTo(-0.25, 6);
    const ppgd = run(obj, 'ppgd:gamma=0.1,lambda=1,kernel=smooth-clip,r=0.01,G=0.001,T=20', 600, zero);
    expect(ppgd.trace[ppgd.trace.length - 1].f).toBeCloseTo(-0.25, 4);
  });
});
