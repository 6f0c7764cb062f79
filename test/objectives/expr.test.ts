import { describe, expect, it } from 'vitest';
import { fc, test } from '../fc.ts';
import { evaluate } from 'mathjs';
import { exprObjective, parseExpression } from '../../src/objectives/expr.ts';
import { verifyObjective } from '../../src/objectives/verify.ts';
import { smoothExprArb } from '../../src/generators/arbitraries.ts';
import { UsageError } from '../../src/errors.ts';

describe('expr objectives', () => {
  it('reads x or x1..xn and sizes the dimension by the highest index', () => {
    expect(parseExpression('x^2').variables).toEqual(['x']);
    expect(parseExpression('x3 + x1').variables).toEqual(['x1', 'x2', 'x3']);
    expect(() => parseExpression('x + x1')).toThrow(UsageError);
  });

  it('compiles value, gradient and Hessian exactly on a polynomial', () => {
    const { objective: o } = exprObjective('x1^4 + 2*x2^2 - x1*x2');
    const x = new Float64Array([1.5, -2]);
    const g = new Float64Array(2),
      H = new Float64Array(4);
    expect(o.grad(x, g)).toBe(1.5 ** 4 + 8 + 3);
    expect(Array.from(g)).toEqual([4 * 1.5 ** 3 + 2, -8 - 1.5]);
    o.hessian!(x, H);
    expect(Array.from(H)).toEqual([12 * 1.5 ** 2, -1, -1, 4]);
  });

  it('differentiates abs and sign almost everywhere, with subgradient 0 at the kink', () => {
    const { objective: o } = exprObjective('abs(x1) + x2*sign(x1)');
    const g = new Float64Array(2);
    o.grad(new Float64Array([-2, 3]), g);
    expect(Array.from(g)).toEqual([-1, -1]);
    o.grad(new Float64Array([0, 3]), g);
    expect(Array.from(g)).toEqual([0, 0]);
  });

  test.prop(
    [
      fc.integer({ min: 1, max: 3 }).chain((n) =>
        fc.tuple(
          fc.constant(n),
          smoothExprArb(n).map((t) => `${t} + 0.25*x${n}^2`),
        ),
      ),
      fc.integer({ min: 0, max: 1000 }),
    ],
    { numRuns: 40 },
  )('symbolic gradients and Hessians of random expressions agree with finite differences', ([n, src], seed) => {
    const { objective } = exprObjective(src);
    const vars = objective.dim;
    expect(vars).toBeLessThanOrEqual(n);
    // The compiled value agrees with mathjs's own evaluation of the expression.
    const x = Float64Array.from({ length: vars }, (_, i) => 0.3 * (i + 1) - 0.5);
    const scope: Record<string, number> = {};
    for (let i = 0; i < vars; i++) scope[`x${i + 1}`] = x[i];
    const ref = evaluate(src, scope) as number;
    expect(Math.abs(objective.value(x) - ref)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(ref)));
    const r = verifyObjective(objective, { seed, box: [-1.5, 1.5], points: 3 });
    expect(r.verdict, `${src}: ${JSON.stringify(r.gradient.worst)} ${JSON.stringify(r.hvp?.worst)}`).toBe('ok');
  });

  const hostile = [
    'constructor',
    '__proto__',
    'process.exit(1)',
    'this',
    '"abc"',
    "'abc'",
    'x = 1',
    'f(x) = x^2',
    'import("fs")',
    'x; x',
    '[1, 2]',
    '{a: 1}',
    'x ? 1 : 2',
    'x[1]',
    'x.constructor',
    'eval("1")',
    'Function("return 1")()',
    'x!',
    'x == 1',
    'x and x',
    'x to cm',
    '1:3',
    "x'",
    'globalThis',
    'require("fs")',
    'sin()',
    'sin(x, x)',
    'x1^^2',
    'evaluate("1")',
    'x + Infinity',
    'x + NaN',
    'x mod 2',
    'x1 x2 constructor',
    '',
  ];
  it.each(hostile)('rejects %j with a usage error and runs nothing', (src) => {
    const before = Object.keys(globalThis).length;
    expect(() => exprObjective(src)).toThrow(UsageError);
    expect(Object.keys(globalThis).length).toBe(before);
  });

  test.prop([fc.string({ maxLength: 40 })], { numRuns: 300 })(
    'random strings give an objective or a usage error, never anything else',
    (src) => {
      try {
        const { objective } = exprObjective(src);
        const x = new Float64Array(objective.dim).fill(0.5);
        const v = objective.value(x);
        expect(typeof v).toBe('number');
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
      }
    },
  );
});
