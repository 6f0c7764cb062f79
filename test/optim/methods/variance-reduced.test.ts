/** SPIDER and SSRGD: the estimator's refresh and its sample count. */
import { describe, expect, it } from 'vitest';
import { makeBuiltin } from '../../../src/objectives/spec.ts';
import { parseMethodSpec } from '../../../src/optim/methods.ts';
import { optimize } from '../../../src/optim/run.ts';

const obj = makeBuiltin('logistic', 'n=12&d=3');
const x0 = Float64Array.from([0.5, 0.5, -0.5]);
const run = (spec: string, iters = 12) => {
  const { def, params } = parseMethodSpec(spec);
  return optimize(obj, def, params, { iters, x0, seed: 5, recordEvery: 1 });
};

describe('variance reduction', () => {
  it('SPIDER refreshed every step by the full gradient is GD', () => {
    const a = run('spider:gamma=0.5,batch=2,q=1,big=0'),
      b = run('gd:gamma=0.5');
    a.x.forEach((v, i) => expect(v).toBeCloseTo(b.x[i], 14));
    expect(a.oracle.samples).toBe(12 * 12);
  });
  it('samples: n at each refresh (every q steps), 2|B| between', () => {
    const r = run('spider:gamma=0.1,batch=2,q=4,big=0');
    // 12 steps: refreshes at 0, 4, 8 (3 × 12), nine recursive steps (9 × 4).
    expect(r.oracle.samples).toBe(3 * 12 + 9 * 4);
    const big = run('spider:gamma=0.1,batch=2,q=4,big=6');
    expect(big.oracle.samples).toBe(3 * 6 + 9 * 4);
    expect(big.oracle.gradients).toBe(0);
  });
  it('SSRGD perturbs only when the estimator is small', () => {
    const r = run('ssrgd:gamma=0.1,batch=2,q=4,gthres=0,tthres=1');
    expect(r.perturbations).toBe(0);
    const p = run('ssrgd:gamma=0.1,batch=2,q=4,gthres=100,tthres=1');
    expect(p.perturbations).toBe(6); // t = 0, 2, 4, …: more than one iteration apart
  });
});
