/** GD, SGD, RandomK-compressed SGD and zeroth-order GD: where they coincide and what they count. */
import { describe, expect, it } from 'vitest';
import { makeBuiltin } from '../../../src/objectives/spec.ts';
import { parseMethodSpec } from '../../../src/optim/methods.ts';
import { optimize } from '../../../src/optim/run.ts';

const obj = makeBuiltin('logistic', 'n=8&d=3');
const x0 = Float64Array.from([0.4, -0.3, 0.2]);
const run = (spec: string, iters = 20) => {
  const { def, params } = parseMethodSpec(spec);
  return optimize(obj, def, params, { iters, x0, seed: 4, recordEvery: 5 });
};

describe('basic methods', () => {
  it('SGD with |B| = n is GD', () => {
    const a = run('sgd:gamma=0.3,batch=8'),
      b = run('gd:gamma=0.3');
    a.x.forEach((v, i) => expect(v).toBeCloseTo(b.x[i], 13));
    expect(a.oracle.samples).toBe(160);
    expect(b.oracle.gradients).toBe(20);
  });
  it('RandomK with k = d compresses nothing: it is SGD, and communicates d numbers a step', () => {
    const a = run('randomk-sgd:gamma=0.3,k=3,batch=2'),
      b = run('sgd:gamma=0.3,batch=2');
    a.x.forEach((v, i) => expect(v).toBeCloseTo(b.x[i], 13));
    expect(a.oracle.communicated).toBe(60);
  });
  it('zeroth-order GD tracks GD to O(μ²) per step and spends 2d + 1 function values a step, no gradients', () => {
    const a = run('zo-gd:gamma=0.3,mu=0.00001'),
      b = run('gd:gamma=0.3');
    a.x.forEach((v, i) => expect(v).toBeCloseTo(b.x[i], 7));
    expect(a.oracle).toMatchObject({ gradients: 0, functionValues: 20 * 7 });
  });
});
