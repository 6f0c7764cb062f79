/**
 * The 64-digit re-check context (conditions/precise.ts): doubles enter as their exact decimal
 * expansions, and differences that cancel in double precision (f − f* next to a minimiser, a
 * Taylor residual over a tiny step) come out right to the last digit of a double.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../fc.ts';
import { exactDecimal, preciseContext } from '../../src/conditions/precise.ts';
import { exprObjective } from '../../src/objectives/expr.ts';
import { bigMath } from '../../src/core/mathjs.ts';
import { smoothExprArb } from '../../src/generators/arbitraries.ts';

describe('exactDecimal', () => {
  it('writes the exact value of a double (Python decimal.Decimal digits)', () => {
    expect(exactDecimal(0.1)).toBe('0.1000000000000000055511151231257827021181583404541015625');
    expect(exactDecimal(1 / 3)).toBe('0.333333333333333314829616256247390992939472198486328125');
    expect(exactDecimal(-2.5e-7)).toBe('-0.00000024999999999999998868702795647156467140348468092270195484161376953125');
    expect(exactDecimal(2 ** 60)).toBe('1152921504606846976');
    expect(exactDecimal(1e300).length).toBe(301);
    expect(exactDecimal(1e300).endsWith('115669472196386865459400540160')).toBe(true);
  });
  it('the smallest subnormal has 1074 decimals, ending in 5', () => {
    const s = exactDecimal(5e-324);
    expect(s.length).toBe(1076);
    expect(s.startsWith('0.' + '0'.repeat(323) + '494065645841246544')).toBe(true);
    expect(s.endsWith('19718265533447265625')).toBe(true);
  });
  it('integers, zero and non-finite values as they are', () => {
    expect(exactDecimal(0)).toBe('0');
    expect(exactDecimal(-42)).toBe('-42');
    expect(exactDecimal(Infinity)).toBe('Infinity');
    expect(exactDecimal(NaN)).toBe('NaN');
  });
  test.prop([fc.double({ noNaN: true, noDefaultInfinity: true })])('reads back as the same double', (x) => {
    expect(Number(exactDecimal(x))).toBe(x === 0 ? 0 : x);
  });
});

describe('preciseContext', () => {
  it('f − f* next to the minimiser of cosh x − 1 is exact where doubles give 0', () => {
    const { objective } = exprObjective('cosh(x) - 1');
    const ctx = preciseContext(objective.symbolic!, 0, null);
    const x = Float64Array.of(1e-9);
    expect(Math.cosh(1e-9) - 1).toBe(0); // the double evaluation has no correct digit
    const g = ctx.gap(x)!;
    expect(g.v / 5e-19).toBeCloseTo(1, 12); // (1e-9)²/2 + O(1e-36)
    expect(g.err).toBeLessThanOrEqual(4 * 2.2e-16 * g.v);
  });
  it('the Taylor residual of x⁴ over a tiny step is exact: f(x) − f(y) − f′(y)(x − y)', () => {
    const { objective } = exprObjective('x^4');
    const ctx = preciseContext(objective.symbolic!, 0, null);
    const x = Float64Array.of(1 + 1e-8),
      y = Float64Array.of(1);
    // (1 + h)⁴ − 1 − 4h = 6h² + 4h³ + h⁴ with h the double nearest 1e-8 above 1.
    const h = Number(exactDecimal(x[0] - 1));
    const t = ctx.taylor(x, y)!;
    expect(t.v / (6 * h * h + 4 * h ** 3)).toBeCloseTo(1, 12);
  });
  it('gradient, gradient norm and difference, Hessian norm and aim of a quadratic are its exact values', () => {
    // f = x1² + 3x1x2 + 2x2²: ∇f = (2x1 + 3x2, 3x1 + 4x2), H = [[2, 3], [3, 4]], ‖H‖ = 3 + √10.
    const { objective } = exprObjective('x1^2 + 3*x1*x2 + 2*x2^2');
    const ctx = preciseContext(objective.symbolic!, 0, Float64Array.of(0.5, -0.5));
    const x = Float64Array.of(1, -2),
      y = Float64Array.of(0.25, 0.5);
    expect([...ctx.gradient(x)!.g]).toEqual([-4, -5]);
    expect(ctx.gradNorm(x)!.v).toBeCloseTo(Math.sqrt(41), 15);
    // ∇f(x) − ∇f(y) = H(x − y) = H·(0.75, −2.5) = (−6, −7.75).
    expect(ctx.gradDiff(x, y)!.v).toBeCloseTo(Math.hypot(6, 7.75), 14);
    expect(ctx.hessNorm(x)!.v).toBeCloseTo(3 + Math.sqrt(10), 14);
    expect([...ctx.hessianDense(x)!.H]).toEqual([2, 3, 3, 4]);
    // ⟨∇f(x), x − x*⟩ = (−4)(0.5) + (−5)(−1.5) = 5.5.
    expect(ctx.aim(x)!.v).toBeCloseTo(5.5, 14);
    expect(ctx.gap(x)!.v).toBe(1 - 6 + 8);
  });
  it('is undefined (null) outside the domain of the expression', () => {
    const { objective } = exprObjective('log(x)');
    const ctx = preciseContext(objective.symbolic!, 0, null);
    expect(ctx.gap(Float64Array.of(-1))).toBeNull();
    // The formulas of the derivatives (1/x, −1/x²) are finite at −1; the objective is not defined there,
    // so neither are they (as in the double context, whose grad() returns f).
    for (const p of [-1, 0]) {
      const x = Float64Array.of(p);
      expect(ctx.gradNorm(x)).toBeNull();
      expect(ctx.hessNorm(x)).toBeNull();
      expect(ctx.hessianDense(x)).toBeNull();
      expect(ctx.gradient(x)).toBeNull();
      expect(ctx.gradDiff(x, Float64Array.of(2))).toBeNull();
      expect(ctx.gradDiff(Float64Array.of(2), x)).toBeNull();
    }
    const withX = preciseContext(objective.symbolic!, 0, Float64Array.of(1));
    expect(withX.aim(Float64Array.of(-1))).toBeNull();
    expect(withX.aim(Float64Array.of(2))!.v).toBeCloseTo(0.5, 15);
    expect(ctx.gradNorm(Float64Array.of(2))!.v).toBeCloseTo(0.5, 15);
  });
});

describe('shared function calls (evaluated once per point)', () => {
  // The reference: every tree of the symbolic form evaluated whole, in 64 digits, rounded to double.
  function whole(sym: NonNullable<ReturnType<typeof exprObjective>['objective']['symbolic']>, x: Float64Array) {
    const big = bigMath();
    const sc: Record<string, unknown> = {};
    sym.variables.forEach((v, i) => (sc[v] = big.bignumber(exactDecimal(x[i]))));
    const ev = (s: string) => {
      try {
        const v = big.compile(s).evaluate(sc);
        return big.isBigNumber(v) && v.isFinite() ? (big.number(v) as unknown as number) : null;
      } catch {
        return null;
      }
    };
    return { f: ev(sym.value), g: sym.gradient.map(ev), H: sym.hessian.flat().map(ev) };
  }
  test.prop(
    [
      smoothExprArb(3, 3).filter((t) => /x\d/.test(t)),
      fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 6, maxLength: 6 }),
    ],
    {
      numRuns: 60,
    },
  )(
    'give the numbers of every tree evaluated whole: f, ∇f and ∇²f bit for bit, at one point after another',
    (text, xs) => {
      const { objective } = exprObjective(text);
      const sym = objective.symbolic!;
      const n = sym.variables.length;
      const ctx = preciseContext(sym, 0, null);
      // Two points through one context (each point's shared calls are its own), the first again last.
      for (const x of [xs.slice(0, n), xs.slice(3, 3 + n), xs.slice(0, n)].map((p) => Float64Array.from(p))) {
        const ref = whole(sym, x);
        const G = ctx.gradient!(x);
        const D = ctx.hessianDense!(x);
        if (ref.f === null || ref.g.some((v) => v === null)) expect(G).toBeNull();
        else {
          expect(G!.f).toBe(ref.f);
          expect(Array.from(G!.g)).toEqual(ref.g);
        }
        if (ref.f === null || ref.H.some((v) => v === null)) expect(D).toBeNull();
        // The context evaluates the upper triangle and mirrors it (the symbolic Hessian is symmetric).
        else for (let i = 0; i < n; i++) for (let j = i; j < n; j++) expect(D!.H[i * n + j]).toBe(ref.H[i * n + j]);
      }
    },
  );
  it('an expression whose value, gradient and Hessian share sin x1 and exp(x2²)', () => {
    const { objective } = exprObjective('sin(x1) * exp(x2^2) + cos(x1 + x2)');
    const x = Float64Array.of(0.3, -0.7);
    const ref = whole(objective.symbolic!, x);
    const ctx = preciseContext(objective.symbolic!, 0, null);
    expect(ctx.gradient!(x)!.f).toBe(ref.f);
    expect(Array.from(ctx.hessianDense!(x)!.H)).toEqual([ref.H[0], ref.H[1], ref.H[1], ref.H[3]]);
  });
});
