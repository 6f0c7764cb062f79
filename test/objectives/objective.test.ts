/** The objective interface's helpers (objectives/objective.ts): guarded user code, HVPs and dense Hessians for any objective. */
import { describe, expect, it } from 'vitest';
import { denseHessian, guarded, hvpOf, type Objective } from '../../src/objectives/objective.ts';
import { ObjectiveError } from '../../src/errors.ts';

/** f = x0²x1 + e^{x1}: ∇f = (2x0x1, x0² + e^{x1}), H = [[2x1, 2x0], [2x0, e^{x1}]]. */
const f: Objective = {
  name: 'f',
  dim: 2,
  value: (x) => x[0] ** 2 * x[1] + Math.exp(x[1]),
  grad: (x, g) => {
    g[0] = 2 * x[0] * x[1];
    g[1] = x[0] ** 2 + Math.exp(x[1]);
    return x[0] ** 2 * x[1] + Math.exp(x[1]);
  },
};
const H = (x: number[]) => [2 * x[1], 2 * x[0], 2 * x[0], Math.exp(x[1])];

describe('guarded', () => {
  it('a throw in user code becomes an objective error naming what threw and where', () => {
    const bad = guarded({
      ...f,
      name: 'mine.ts',
      grad: () => {
        throw new Error('boom');
      },
      hvp: () => {
        throw new TypeError('nope');
      },
    });
    expect(() => bad.grad(Float64Array.of(1, 2), new Float64Array(2))).toThrowError(
      new ObjectiveError('mine.ts: gradient threw at x = [1, 2]: boom'),
    );
    expect(() => bad.hvp!(Float64Array.of(1, 2), Float64Array.of(1, 0), new Float64Array(2))).toThrowError(
      /Hessian-vector product threw at x = \[1, 2\]: nope/,
    );
    expect(bad.value(Float64Array.of(1, 0))).toBe(1);
  });
  it('a gradient that returns nothing gets f from value(); a wrong buffer length is named', () => {
    const g = guarded({
      ...f,
      grad: (x: Float64Array, out: Float64Array) => void f.grad(x, out),
    } as unknown as Objective);
    const out = new Float64Array(2);
    expect(g.grad(Float64Array.of(1, 0), out)).toBe(1);
    expect(() => g.grad(Float64Array.of(1, 0), new Float64Array(3))).toThrowError(
      /gradient buffer has length 3, expected 2/,
    );
  });
  it('non-finite values pass through (the callers decide what they mean)', () => {
    const g = guarded({ ...f, value: () => NaN });
    expect(g.value(Float64Array.of(0, 0))).toBeNaN();
  });
});

describe('hvpOf and denseHessian', () => {
  it('without an HVP: central differences of the gradient, accurate to about 1e-9 here', () => {
    const hv = hvpOf(f);
    const x = Float64Array.of(0.7, -0.4),
      out = new Float64Array(2);
    hv(x, Float64Array.of(1, 2), out);
    const h = H([0.7, -0.4]);
    expect(out[0]).toBeCloseTo(h[0] + 2 * h[1], 8);
    expect(out[1]).toBeCloseTo(h[2] + 2 * h[3], 8);
    hv(x, Float64Array.of(0, 0), out);
    expect([...out]).toEqual([0, 0]);
  });
  it('with an HVP: that one, bound to its objective', () => {
    const own = {
      ...f,
      k: 5,
      hvp(this: { k: number }, _x: Float64Array, v: Float64Array, o: Float64Array) {
        o[0] = this.k * v[0];
        o[1] = 0;
      },
    };
    const out = new Float64Array(2);
    hvpOf(own)(Float64Array.of(0, 0), Float64Array.of(2, 0), out);
    expect([...out]).toEqual([10, 0]);
  });
  it('the dense Hessian from HVPs is symmetric and close to the exact one; the objective’s own is used as is', () => {
    const x = Float64Array.of(-1.2, 0.3),
      out = new Float64Array(4);
    denseHessian(f, x, out);
    expect(out[1]).toBe(out[2]);
    H([-1.2, 0.3]).forEach((v, i) => expect(out[i]).toBeCloseTo(v, 7));
    const exact = { ...f, hessian: (p: Float64Array, o: Float64Array) => o.set(H([p[0], p[1]])) };
    denseHessian(exact, x, out);
    expect([...out]).toEqual(H([-1.2, 0.3]));
  });
});
