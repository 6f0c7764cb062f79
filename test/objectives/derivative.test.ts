/**
 * Symbolic derivatives (objectives/derivative.ts): the pruning pass applies only identities that
 * hold for every real value and keeps constants exact; derivatives match their closed forms,
 * including where mathjs's own simplifier gave NaN.
 */
import { describe, expect, it } from 'vitest';
import { differentiate, prune } from '../../src/objectives/derivative.ts';
import { mathjs } from '../../src/core/mathjs.ts';
import { exprObjective } from '../../src/objectives/expr.ts';
import { UsageError } from '../../src/errors.ts';

const p = (s: string) => prune(mathjs().parse(s)).toString();
const d = (s: string, v = 'x') => differentiate(mathjs().parse(s), v);

describe('prune', () => {
  it('removes neutral and absorbing elements', () => {
    expect(p('x + 0')).toBe('x');
    expect(p('0 + x')).toBe('x');
    expect(p('x - 0')).toBe('x');
    expect(p('0 - x')).toBe('-x');
    expect(p('1 * x')).toBe('x');
    expect(p('x * 0')).toBe('0');
    expect(p('x / 1')).toBe('x');
    expect(p('0 / x')).toBe('0');
    expect(p('x ^ 1')).toBe('x');
    expect(p('x ^ 0')).toBe('1');
    expect(p('- -x')).toBe('x'); // as derivatives produce it; a written −(−x) keeps its parentheses
    expect(p('+x')).toBe('x');
    expect(p('-0')).toBe('0');
  });
  it('folds integer arithmetic exactly and leaves everything else alone', () => {
    expect(p('2 + 3')).toBe('5');
    expect(p('2 - 7')).toBe('-5');
    expect(p('6 * -3')).toBe('-18');
    expect(p('12 / 4')).toBe('3');
    expect(p('2 ^ 10')).toBe('1024');
    // Not exact in binary, or not an integer: kept as written.
    expect(p('0.1 + 0.2')).toBe('0.1 + 0.2');
    expect(p('1 / 3')).toBe('1 / 3');
    expect(p('2 ^ -1')).toBe('2 ^ (-1)');
    // Nothing that depends on the value of x: (x·y)^c is not rewritten as x^c·y^c.
    expect(p('(x * y) ^ 2.2')).toBe('(x * y) ^ 2.2');
  });
  it('recurses through functions and parentheses, dropping parentheses around a constant or a symbol', () => {
    expect(p('sin(x * 1 + 0)')).toBe('sin(x)');
    expect(p('(x) + (2 * 3)')).toBe('x + 6');
    expect(p('(x + 0) * y')).toBe('x * y');
  });
});

describe('differentiate', () => {
  const at = (s: string, v: string, scope: Record<string, number>) => d(s, v).evaluate(scope) as number;
  it('matches closed forms', () => {
    expect(at('x^3 + 2*x', 'x', { x: 2 })).toBe(14);
    expect(at('sin(x) * y', 'y', { x: 0.5, y: 3 })).toBeCloseTo(Math.sin(0.5), 15);
    expect(at('exp(x1 * x2)', 'x1', { x1: 0.3, x2: 2 })).toBeCloseTo(2 * Math.exp(0.6), 14);
    expect(at('log(x)', 'x', { x: 4 })).toBe(0.25);
    expect(d('x^2', 'y').toString()).toBe('0');
  });
  it('the gradient of |x|^2.2 is finite and right for x < 0 (mathjs simplify made it NaN there)', () => {
    const o = exprObjective('abs(x)^2.2').objective;
    const g = new Float64Array(1);
    for (const x of [-1.5, -0.2, 0.7]) {
      o.grad(Float64Array.of(x), g);
      expect(g[0]).toBeCloseTo(2.2 * Math.sign(x) * Math.abs(x) ** 1.2, 12);
    }
  });
  it('a long sum differentiates term by term: 40 terms, each derivative exact', () => {
    const src = Array.from({ length: 40 }, (_, k) => `${k + 1}*x^${k + 2}`).join(' + ');
    // d/dx Σ (k+1) x^{k+2} at x = 1 is Σ (k+1)(k+2) = 40·41·42/3.
    expect(at(src, 'x', { x: 1 })).toBe((40 * 41 * 42) / 3);
  });
  it('what mathjs cannot differentiate is a usage error naming the variable', () => {
    expect(() => d('floor(x)')).toThrowError(UsageError);
    expect(() => d('floor(x)')).toThrowError(/^cannot differentiate the expression with respect to x: /);
  });
});
