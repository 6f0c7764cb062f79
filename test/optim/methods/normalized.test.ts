/** Normalised methods: exact step lengths and where they reduce to SGD. */
import { describe, expect, it } from 'vitest';
import { makeBuiltin } from '../../../src/objectives/spec.ts';
import { parseMethodSpec } from '../../../src/optim/methods.ts';
import { optimize } from '../../../src/optim/run.ts';

const obj = makeBuiltin('phase-retrieval', 'd=5&m=30&seed=3');
const x0 = Float64Array.from([1, -1, 0.5, 0.2, 0]);
const run = (spec: string, iters = 1) => {
  const { def, params } = parseMethodSpec(spec);
  return optimize(obj, def, params, { iters, x0, seed: 2, recordEvery: 1 });
};
const stepLen = (x: number[]) => Math.hypot(...x.map((v, i) => v - x0[i]));

describe('normalised methods', () => {
  it('NSGD with β = 1 steps exactly γ; NGD with β = 0 is GD', () => {
    expect(stepLen(run('nsgd:gamma=0.05,beta=1,batch=4').x)).toBeCloseTo(0.05, 14);
    const a = run('ngd:gamma=0.001,beta=0', 10),
      b = run('gd:gamma=0.001', 10);
    a.x.forEach((v, i) => expect(v).toBeCloseTo(b.x[i], 14));
  });
  it("I-NSG with β = 0 is SGD on the same batches (B' is drawn from its own stream) and spends |B| + |B'| a step", () => {
    const a = run('insg:gamma=0.001,beta=0,batch=4,batch2=3', 10),
      b = run('sgd:gamma=0.001,batch=4', 10);
    a.x.forEach((v, i) => expect(v).toBeCloseTo(b.x[i], 14));
    expect(a.oracle.samples).toBe(70);
  });
  it("I-NSGD's h floors at 1: with (4L1γ)^{1/β}(2‖g′‖ + δ) < 1 the step is SGD's", () => {
    const a = run('insgd:gamma=0.00001,beta=1,L1=0.001,delta=0,batch=4,batch2=2', 5),
      b = run('sgd:gamma=0.00001,batch=4', 5);
    a.x.forEach((v, i) => expect(v).toBeCloseTo(b.x[i], 15));
  });
});
