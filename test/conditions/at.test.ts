/** One condition at given points (conditions/at.ts, `check --at`): exact sides, verdicts and single-point constants. */
import { describe, expect, it } from 'vitest';
import { evaluateAt } from '../../src/conditions/at.ts';
import { parseConditionSpec, resolveSpec } from '../../src/conditions/spec.ts';
import { boxDomain } from '../../src/domains/box.ts';
import { exprObjective } from '../../src/objectives/expr.ts';
import type { Objective } from '../../src/objectives/objective.ts';
import { UsageError } from '../../src/errors.ts';

const quartic = exprObjective('x^4').objective;
/** x⁴ as a black box (no symbolic form): re-checked in error-bounded doubles. */
const blackQuartic: Objective = {
  name: 'x4',
  dim: 1,
  value: (x) => x[0] ** 4,
  grad: (x, g) => {
    g[0] = 4 * x[0] ** 3;
    return x[0] ** 4;
  },
  hvp: (x, v, o) => {
    o[0] = 12 * x[0] ** 2 * v[0];
  },
};
const at = (obj: Objective, spec: string, points: number[][], fstar?: number) =>
  evaluateAt(
    obj,
    resolveSpec(parseConditionSpec(spec)),
    points.map((p) => Float64Array.from(p)),
    fstar === undefined ? undefined : { value: fstar, source: 'given' },
    null,
    boxDomain(obj.dim, new Array(obj.dim).fill(-3), new Array(obj.dim).fill(3)),
  );

describe('evaluateAt', () => {
  it('x⁴ at 2 with (L0, L1) = (1, 1): 48 > 1 + 32 fails, in 64 digits, with margin −15', () => {
    const r = at(quartic, 'l0l1:L0=1,L1=1', [[2]]);
    expect(r.verdict).toBe('fails');
    if (r.verdict !== 'fails') return;
    expect(r.counterexample).toMatchObject({
      x: [2],
      y: null,
      lhs: 48,
      rhs: 33,
      w: 32,
      margin: 15,
      recheck: 'bignumber-64',
    });
    expect(r.margin).toBe(-15);
    expect(r.evidence!.at).toMatchObject({ lhs: 48, rhs: 33, margin: -15, w: 32 });
    expect(r).toMatchObject({ evaluations: 1, samples: 1, undefinedSamples: 0, asked: 'claim' });
  });
  it('(16, 1) is an equality there and holds; a black box is checked in error-bounded doubles', () => {
    const r = at(quartic, 'l0l1:L0=16,L1=1', [[2]]);
    expect(r.verdict).toBe('holds');
    expect(r.margin).toBeCloseTo(0, 15);
    const b = at(blackQuartic, 'l0l1:L0=16,L1=1', [[2]]);
    expect(b.verdict).toBe('holds');
    expect((b.evidence!.at as { recheck: string }).recheck).toBe('float64-error-bounded');
    expect(at(blackQuartic, 'l0l1:L0=15.9,L1=1', [[2]]).verdict).toBe('fails');
  });
  /** An estimate from one point is taken at its most lenient reading: at or just below the exact value. */
  const near = (v: unknown, exact: number) => {
    expect(v as number).toBeLessThanOrEqual(exact);
    expect(v as number).toBeGreaterThan(exact * (1 - 1e-12));
  };
  it('without a full claim: the constant this point alone requires', () => {
    near(at(quartic, 'l0l1:L1=1', [[2]]).estimate.L0, 16);
    near(at(quartic, 'l0l1:L0=0', [[2]]).estimate.L1, 1.5);
    // A frontier asked at one point: A at B = 0.
    const f = at(quartic, 'l0l1', [[2]]);
    expect(f).toMatchObject({
      verdict: 'estimated',
      asked: 'frontier',
      attainedAt: { x: [2], y: null },
    });
    near(f.estimate.L0, 48);
    // At a stationary point w = 0: no L1 is needed when lhs ≤ A, none suffices when lhs > A.
    expect(at(quartic, 'l0l1:L0=0', [[0]]).estimate).toEqual({ L1: 0 });
    expect(at(exprObjective('x^2').objective, 'l0l1:L0=1', [[0]]).estimate).toEqual({ L1: 'unbounded' });
  });
  it('a pair condition takes two points: lsmooth on x² between 1 and 3 is |2 − 6|/2 = 2', () => {
    const r = at(exprObjective('x^2').objective, 'lsmooth', [[1], [3]]);
    near(r.estimate.L, 2);
    expect(r.attainedAt).toEqual({ x: [1], y: [3] });
  });
  it('the wrong number of points, or a condition about infinity, is a usage error saying what to write', () => {
    expect(() => at(quartic, 'lsmooth', [[1]])).toThrowError(
      new UsageError('lsmooth is a pair condition: give both points, --at X1,... --at Y1,... (got 1)'),
    );
    expect(() => at(quartic, 'l0l1', [[1], [2]])).toThrowError(
      new UsageError('l0l1 is evaluated at one point: give one --at X1,... (got 2)'),
    );
    expect(() => at(quartic, 'growth', [[1]])).toThrowError(
      /statement about growth at infinity, not about one point: drop --at/,
    );
  });
  it('an undefined point is inconclusive (objective), a point outside the domain is noted and still evaluated', () => {
    // log x at −1: its derivatives' formulas are finite there (1/x, −1/x²), the objective is not.
    const log = exprObjective('log(x)').objective;
    const u = at(log, 'l0l1:L0=0,L1=1,alpha=2', [[-1]]);
    expect(u).toMatchObject({ verdict: 'inconclusive', cause: 'objective', samples: 0, undefinedSamples: 1 });
    expect(at(log, 'l0l1:L0=0,L1=1,alpha=2', [[0.5]]).verdict).toBe('holds');
    const out = at(quartic, 'l0l1:L1=1', [[5]]);
    expect(out.notes).toEqual(['the point is outside the domain box:-3:3; it was evaluated anyway']);
    // 12·25 − 500 < 0: the point needs no L0 at all.
    expect(out.estimate).toEqual({ L0: 0 });
  });
  it('the gap conditions use the given f*', () => {
    // gpl at x = 1 on x²: ‖∇f‖² = 4, f − f* = 1 − f*; μ = ‖∇f‖²/(2(f − f*)).
    // μ is a lower-type constant: its lenient reading is at or just above the exact value.
    const mu0 = at(exprObjective('x^2').objective, 'gpl', [[1]], 0).estimate.mu as number;
    const mu1 = at(exprObjective('x^2').objective, 'gpl', [[1]], -1).estimate.mu as number;
    expect(mu0).toBeGreaterThanOrEqual(2);
    expect(mu0).toBeLessThan(2 * (1 + 1e-12));
    expect(mu1).toBeGreaterThanOrEqual(1);
    expect(mu1).toBeLessThan(1 + 1e-12);
  });
});
