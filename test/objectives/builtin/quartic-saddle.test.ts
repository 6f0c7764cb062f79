/** builtin:quartic-saddle: derivatives against finite differences, a wrong gradient caught, its minimisers and saddle. */
import { describe, expect, it } from 'vitest';
import { makeBuiltin } from '../../../src/objectives/spec.ts';
import { catchesWrongGradient, passesVerify } from './shared.ts';

describe('quartic-saddle', () => {
  passesVerify('quartic-saddle');
  catchesWrongGradient('quartic-saddle');
  it('quartic-saddle: f* at ±√γ e1, a strict saddle at 0', () => {
    const obj = makeBuiltin('quartic-saddle', 'd=4&gamma=2');
    expect(obj.value(obj.xstar!)).toBeCloseTo(obj.fstar!, 14);
    const g = new Float64Array(4);
    obj.grad(obj.xstar!, g);
    for (const v of g) expect(Math.abs(v)).toBeLessThan(1e-14);
    const H = new Float64Array(16);
    obj.hessian!(new Float64Array(4), H);
    expect(H[0]).toBe(-2);
  });
});
