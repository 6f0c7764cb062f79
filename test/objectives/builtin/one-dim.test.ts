/** builtin:sigmoid-like and builtin:poly-quartic: derivatives against finite differences, a wrong gradient caught, the known stationary point. */
import { describe, expect, it } from 'vitest';
import { makeBuiltin } from '../../../src/objectives/spec.ts';
import { catchesWrongGradient, passesVerify } from './shared.ts';

describe('one-dim', () => {
  passesVerify('sigmoid-like');
  catchesWrongGradient('sigmoid-like');
  passesVerify('poly-quartic');
  catchesWrongGradient('poly-quartic');
  it('poly-quartic: f(−1/2) = −5/16 is stationary', () => {
    const obj = makeBuiltin('poly-quartic');
    const g = new Float64Array(1);
    expect(obj.grad(new Float64Array([-0.5]), g)).toBe(-5 / 16);
    expect(g[0]).toBe(0);
  });
  it('sigmoid-like: ½w²e^{w²} with f′ = w(1 + w²)e^{w²} and f″ = (1 + 5w² + 2w⁴)e^{w²}; f* = 0 at 0', () => {
    const obj = makeBuiltin('sigmoid-like');
    const g = new Float64Array(1),
      h = new Float64Array(1);
    expect(obj.grad(Float64Array.of(1), g)).toBeCloseTo(Math.E / 2, 15);
    expect(g[0]).toBeCloseTo(2 * Math.E, 14);
    obj.hessian!(Float64Array.of(1), h);
    expect(h[0]).toBeCloseTo(8 * Math.E, 13);
    expect([obj.fstar, obj.value(obj.xstar!)]).toEqual([0, 0]);
    obj.hessian!(Float64Array.of(0), h);
    expect(h[0]).toBe(1);
  });
});
