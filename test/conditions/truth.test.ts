/**
 * The defects of issue 9, one test each (each of these failed before the evidence pool):
 * claims that contradicted estimates, wrong derivatives that passed, estimates above the truth
 * from rounding, cancellation read as fact, "unbounded" where the answer is 0, undefined
 * points that passed quietly.
 */
import { describe, expect, it } from 'vitest';
import { checkObjective, DerivativeError } from '../../src/conditions/check.ts';
import { parseConditionSpec } from '../../src/conditions/spec.ts';
import { resolveObjective } from '../../src/objectives/spec.ts';
import type { Objective } from '../../src/objectives/objective.ts';
import { check } from '../../properties/helpers.ts';

const FIXTURE = './test/fixtures/tanh13.ts';

function run(obj: Objective, specs: string[], o: { box?: [number, number]; fstar?: number; seed?: number } = {}) {
  return checkObjective(obj, specs.map(parseConditionSpec), {
    box: o.box ?? [-3, 3],
    seed: o.seed ?? 1,
    samples: 2000,
    fstar: o.fstar,
  });
}

describe('a claim and an estimate can never contradict each other', () => {
  it('on a 13-parameter tanh network, a claim just below what the frontier run needs fails', async () => {
    const obj = await resolveObjective(FIXTURE);
    const est = run(obj, ['l0l1:L1=1']).results[0].estimate.L0 as number;
    const claim = run(obj, [`l0l1:L0=${0.99 * est},L1=1`]).results[0];
    expect(claim.verdict).toBe('fails');
    // The claim's own pool supports at least what the estimate run saw (it contains that run's evidence).
    const held = run(obj, [`l0l1:L0=${1.5 * est},L1=1`]).results[0];
    expect(held.verdict).toBe('holds');
    expect(held.tightest!.L0 as number).toBeGreaterThanOrEqual(est * (1 - 1e-12));
  });
  it('a claim that holds never has a tightest constant above the claimed one', async () => {
    const obj = await resolveObjective('expr:x1^4 + x2^2 - x1*x2');
    for (const L0 of [20, 80, 400]) {
      const r = run(obj, [`l0l1:L0=${L0},L1=2`]).results[0];
      if (r.verdict === 'holds') expect(r.tightest!.L0 as number).toBeLessThanOrEqual(L0 * (1 + 1e-9));
      else expect(r.tightest!.L0 as number).toBeGreaterThan(L0);
    }
  });
});

describe('derivatives are checked first', () => {
  const sphere = (scale: number): Objective => ({
    name: `scaled-gradient-${scale}`,
    dim: 3,
    value: (x) => x[0] ** 2 + x[1] ** 2 + Math.cosh(x[2]),
    grad: (x, out) => {
      out[0] = scale * 2 * x[0];
      out[1] = scale * 2 * x[1];
      out[2] = scale * Math.sinh(x[2]);
      return x[0] ** 2 + x[1] ** 2 + Math.cosh(x[2]);
    },
  });
  it('a sign-flipped gradient stops the check with the evidence in words', () => {
    expect(() => run(sphere(-1), ['descent:L0=100,L1=1'])).toThrowError(/sign-flipped/);
    try {
      run(sphere(-1), ['descent:L0=100,L1=1']);
    } catch (e) {
      expect(e).toBeInstanceOf(DerivativeError);
      expect((e as DerivativeError).exitCode).toBe(3);
      expect((e as Error).message).toMatch(/by grad\(\) and .* by finite differences/);
      expect((e as Error).message).toMatch(/--no-verify/);
    }
  });
  it('a gradient off by a factor 2 is named as such; --no-verify checks anyway', () => {
    expect(() => run(sphere(2), ['lsmooth'])).toThrowError(/off by a factor 2/);
    const r = checkObjective(sphere(2), [parseConditionSpec('lsmooth')], {
      box: [-1, 1],
      seed: 1,
      samples: 200,
      noVerify: true,
    });
    expect(r.derivatives).toBeNull();
    expect(r.results[0].verdict).toBe('estimated');
  });
});

describe('estimates are never above the truth from rounding', () => {
  it('w + ½w² + w⁴: the asymmetric form at L1 = 0 needs L0 = sup f″ = 109 on [−3, 3], not 128', async () => {
    const r = await check('builtin:poly-quartic', ['l0l1-alpha', 'l0l1-alpha:L1=0', 'descent']);
    const fr = r.results[0].estimate.frontier as { L1: number; L0: number }[];
    expect(fr[0].L1).toBe(0);
    expect(fr[0].L0).toBeLessThanOrEqual(109 * (1 + 1e-12));
    expect(fr[0].L0).toBeGreaterThan(109 * 0.99);
    expect(r.results[1].estimate.L0 as number).toBeLessThanOrEqual(109 * (1 + 1e-12));
    expect((r.results[2].estimate.frontier as { L0: number }[])[0].L0).toBeLessThanOrEqual(109 * (1 + 1e-12));
  });
  it('cosh x − 1: cancellation in f − f* near the minimiser no longer sets μ (truth 1; 0.75 before)', async () => {
    const r = await check('expr:cosh(x) - 1', ['gpl'], { fstar: 0 });
    expect(r.results[0].estimate.mu as number).toBeGreaterThanOrEqual(1 - 1e-9);
    expect(r.results[0].estimate.mu as number).toBeLessThan(1.05);
  });
  it('the same as a black box (no symbolic form): the objective’s own rounding noise is measured', () => {
    const obj: Objective = {
      name: 'cosh-1',
      dim: 1,
      fstar: 0,
      value: (x) => Math.cosh(x[0]) - 1,
      grad: (x, out) => {
        out[0] = Math.sinh(x[0]);
        return Math.cosh(x[0]) - 1;
      },
    };
    const mu = run(obj, ['gpl']).results[0].estimate.mu as number;
    expect(mu).toBeGreaterThanOrEqual(1 - 1e-6);
    expect(mu).toBeLessThan(1.05);
  });
});

describe('lower-type constants: 0 when no positive value works, "unbounded" when every value does', () => {
  it('a local maximum with f > f* forces μ = 0, at the point that forces it', async () => {
    const r = await check('expr:(x1^2 + x2^2 - 1)^2', ['gpl'], { fstar: 0 });
    expect(r.results[0].estimate.mu).toBe(0);
    const at = r.results[0].attainedAt!.x;
    expect(Math.hypot(at[0], at[1])).toBeLessThan(1e-6);
    expect(r.results[0].notes.join(' ')).toMatch(/no positive mu works/);
  });
  it('away from it, on [0.5, 1.5]², μ = 8·min‖x‖² = 4, and the zero set of the residual is no trouble', async () => {
    const r = await check('expr:(x1^2 + x2^2 - 1)^2', ['gpl'], { fstar: 0, box: [0.5, 1.5] });
    expect(r.results[0].estimate.mu as number).toBeGreaterThanOrEqual(4 * (1 - 1e-9));
    expect(r.results[0].estimate.mu as number).toBeLessThan(4.2);
  });
  it('θ of aiming at a saddle: 0, not "unbounded"', async () => {
    // x1² − x2² + x2⁴/2: the origin is a saddle; with x* = (0, 1) the ratio ⟨∇f, x − x*⟩/(f − f*) at the saddle is 0/(1/2).
    const r = await check('expr:x1^2 - x2^2 + x2^4/2', ['aiming'], { fstar: -0.5, xstar: [0, 1] });
    expect(r.results[0].estimate.theta).toBe(0);
  });
});

describe('undefined points are evidence', () => {
  it('they are counted and one is shown; --strict makes them an objective error', async () => {
    const r = await check('expr:log(x)', ['l0l1:L0=0,L1=1,alpha=2']);
    expect(r.results[0].undefinedSamples).toBeGreaterThan(0);
    expect(r.results[0].undefinedAt!.x[0]).toBeLessThanOrEqual(0);
    const obj = await resolveObjective('expr:log(x)');
    expect(() =>
      checkObjective(obj, [parseConditionSpec('l0l1:L0=0,L1=1,alpha=2')], {
        box: [-3, 3],
        seed: 1,
        samples: 100,
        strict: true,
      }),
    ).toThrowError(/undefined .* at x = \[-?\d/);
  });
});

describe('what a holds rests on', () => {
  it('a holds states its margin, its evidence and a coverage bound from its uniform samples', async () => {
    const r = (await check('expr:x^2', ['lsmooth:L=2'])).results[0];
    expect(r.verdict).toBe('holds');
    if (r.verdict !== 'holds') return;
    expect(r.margin).toBeCloseTo(0, 12);
    const c = r.coverage!;
    expect(c.uniformSamples).toBeGreaterThan(0);
    expect(c.evidence).toBe(r.samples);
    expect(c.violatingFractionBelow).toBeCloseTo(1 - Math.pow(0.05, 1 / c.uniformSamples), 15);
    expect(c.violatingFractionBelow).toBeLessThan(3 / c.uniformSamples);
  });
});

describe('the growth condition in dimension 28 (the README example)', () => {
  it('unregularised matrix factorisation fails Ass. 2.8 (a path of stationary points to infinity); κ = 1 is consistent', async () => {
    const r = await check('builtin:matrix-factorization', ['growth'], { box: [-64, 64] });
    expect(r.results[0].verdict).toBe('fails');
    const k = await check('builtin:matrix-factorization?kappa=1', ['growth'], { box: [-64, 64] });
    expect(k.results[0].verdict).toBe('estimated');
    expect(k.results[0].estimate.gradientDegree as number).toBeGreaterThan(
      (k.results[0].estimate.hessianDegree as number) + 0.75,
    );
  });
});
