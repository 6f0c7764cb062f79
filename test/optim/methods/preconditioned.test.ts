/** Adam, and Dimer-enhanced optimisation (docs/theory.md §g4, §i.7): what the rotation's sign does to escape. */
import { describe, expect, it } from 'vitest';
import { exprObjective } from '../../../src/objectives/expr.ts';
import { makeBuiltin } from '../../../src/objectives/spec.ts';
import { parseMethodSpec } from '../../../src/optim/methods.ts';
import { optimize } from '../../../src/optim/run.ts';

const run = (obj: ReturnType<typeof makeBuiltin>, spec: string, iters: number, x0: Float64Array) => {
  const { def, params } = parseMethodSpec(spec);
  return optimize(obj, def, params, { iters, x0, seed: 1 });
};

describe('Adam and DEO', () => {
  it('Adam: the first step moves every coordinate by γ (bias-corrected m̂/√v̂ = sign)', () => {
    const q = exprObjective('3*x1^2 - 0.5*x2^2').objective;
    const r = run(
      { ...q, finiteSum: { n: 1, sampleGrad: (_i, x, o) => q.grad(x, o), batchGrad: (_i, _c, x, o) => q.grad(x, o) } },
      'adam:gamma=0.1,batch=1',
      1,
      new Float64Array([1, 1]),
    );
    expect(r.x[0]).toBeCloseTo(0.9, 6);
    expect(r.x[1]).toBeCloseTo(1.1, 6);
  });
  it('DEO with a = 0 is Adam; its dimer calls are counted', () => {
    const obj = makeBuiltin('quartic-saddle', 'd=4');
    const x0 = new Float64Array([0.3, 0.2, -0.1, 0.4]);
    const a = run(obj, 'deo:gamma=0.01,a=0,k=5', 200, x0);
    const b = run(
      {
        ...obj,
        finiteSum: { n: 1, sampleGrad: (_i, x, o) => obj.grad(x, o), batchGrad: (_i, _c, x, o) => obj.grad(x, o) },
      },
      'adam:gamma=0.01,batch=1',
      200,
      x0,
    );
    a.x.forEach((v, i) => expect(v).toBeCloseTo(b.x[i], 12));
    expect(a.oracle.gradients).toBe(200 + (200 / 5) * 5 * 2);
  });
  it('projecting out the lowest-curvature direction (the correct rotation) blocks escape; the third-party sign (highest curvature) escapes', () => {
    const obj = makeBuiltin('quartic-saddle', 'd=10');
    const x0 = new Float64Array(10).fill(0.001);
    const toMin = run(obj, 'deo:gamma=0.01,a=1,k=10,toward=min', 2000, x0);
    const toMax = run(obj, 'deo:gamma=0.01,a=1,k=10,toward=max', 2000, x0);
    expect(toMin.trace.at(-1)!.f).toBeGreaterThan(-0.01);
    expect(toMax.trace.at(-1)!.f).toBeLessThan(-0.2);
  });
});
