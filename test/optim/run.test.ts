/** The loop: records, statuses, stopping, counts, and common random numbers across methods. */
import { describe, expect, it } from 'vitest';
import { exprObjective } from '../../src/objectives/expr.ts';
import { makeBuiltin } from '../../src/objectives/spec.ts';
import { parseMethodSpec } from '../../src/optim/methods.ts';
import { optimize } from '../../src/optim/run.ts';

const quad = exprObjective('x1^2 + x2^2').objective;
const run = (obj = quad, spec = 'gd:gamma=0.1', o: Partial<Parameters<typeof optimize>[3]> = {}) => {
  const { def, params } = parseMethodSpec(spec);
  return optimize(obj, def, params, { iters: 10, seed: 1, x0: Float64Array.from([1, 1]), ...o });
};

describe('the loop', () => {
  it('records every K iterations and the final iterate; counts one gradient a step', () => {
    const r = run(quad, 'gd:gamma=0.1', { recordEvery: 3 });
    expect(r.trace.map((p) => p.t)).toEqual([0, 3, 6, 9, 10]);
    expect(r.trace[4].f).toBeCloseTo(2 * 0.8 ** 20, 14);
    expect(r.oracle.gradients).toBe(10);
    expect(r.status).toBe('done');
    expect(r.steps).toBe(10);
  });
  it('stops when asked, and says so', () => {
    const r = run(quad, 'gd:gamma=0.1', { recordEvery: 1, stopWhen: (_x, t) => t === 4 });
    expect(r.status).toBe('stopped');
    expect(r.steps).toBe(4);
  });
  it('a step too large diverges: the status is diverged, not done', () => {
    const r = run(quad, 'gd:gamma=100', { iters: 200 });
    expect(r.status).toBe('diverged');
    expect(r.steps).toBeLessThan(200);
  });
  it('a wrong start length is a usage error', () => {
    expect(() => run(quad, 'gd:gamma=0.1', { x0: Float64Array.from([1]) })).toThrow(/dimension 2/);
  });
  it('common random numbers: SGD and NSGD with the same seed draw the same batches', () => {
    const obj = makeBuiltin('logistic', 'n=20&d=3');
    const x0 = Float64Array.from([0.1, 0.2, 0.3]);
    // One step each: NSGD's step is SGD's, normalised, if (and only if) both used the same batch.
    const a = run(obj, 'sgd:gamma=1,batch=3', { iters: 1, x0 }),
      b = run(obj, 'nsgd:gamma=1,beta=1,batch=3', { iters: 1, x0 });
    const da = a.x.map((v, i) => x0[i] - v),
      db = b.x.map((v, i) => x0[i] - v);
    const na = Math.hypot(...da);
    db.forEach((v, i) => expect(v).toBeCloseTo(da[i] / na, 14));
    expect(a.trace.at(-1)!.samples).toBe(3);
  });
  it('batch sizes above the number of samples are usage errors', () => {
    const obj = makeBuiltin('logistic', 'n=5&d=3');
    expect(() => run(obj, 'sgd:gamma=1,batch=6', { x0: Float64Array.from([0, 0, 0]) })).toThrow(/exceed the 5 samples/);
    expect(() => run(obj, 'spider:gamma=1,batch=2,big=9', { x0: Float64Array.from([0, 0, 0]) })).toThrow(/exceed/);
  });
});

describe('budgets in per-sample gradients', () => {
  it('maxSamples stops a stochastic run once its samples (both batches) reach the budget', () => {
    const obj = makeBuiltin('logistic', 'n=20&d=3');
    const x0 = Float64Array.from([0.1, 0.2, 0.3]);
    const r = run(obj, 'insg:gamma=0.1,beta=1,batch=4,batch2=2', { iters: 1000, x0, maxSamples: 60 });
    expect(r.steps).toBe(10); // 6 a step
    expect(r.oracle.samples).toBe(60);
    expect(r.status).toBe('done');
    // A full-batch step counts n = 20: 3 steps reach 60.
    expect(run(obj, 'gd:gamma=0.1', { iters: 1000, x0, maxSamples: 60 }).steps).toBe(3);
  });
});
