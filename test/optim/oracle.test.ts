/** The gradient oracles: what they return and what they count. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.ts';
import { makeBuiltin } from '../../src/objectives/spec.ts';
import {
  emptyCounts,
  fullGradient,
  independentBatch,
  miniBatch,
  spider,
  zerothOrder,
  type OracleEnv,
} from '../../src/optim/oracle.ts';

const obj = makeBuiltin('logistic', 'n=10&d=3');
const x = Float64Array.from([0.3, -0.2, 0.5]);
const env = (seed = 1): OracleEnv => ({
  obj,
  fs: obj.finiteSum,
  batches: new Rng(seed).stream('b'),
  counts: emptyCounts(),
});

describe('oracles', () => {
  it('full: ∇f and f, one gradient counted', () => {
    const e = env(),
      g = new Float64Array(3),
      ref = new Float64Array(3);
    const o = fullGradient();
    expect(o.direction(x, g, e, o.init(3, e))).toBe(obj.grad(x, ref));
    expect(Array.from(g)).toEqual(Array.from(ref));
    expect(e.counts).toEqual({ ...emptyCounts(), gradients: 1 });
  });
  it('mini-batch: the mean gradient of |B| distinct samples; |B| = n is the full gradient', () => {
    const e = env(),
      g = new Float64Array(3),
      ref = new Float64Array(3);
    const o = miniBatch(10);
    o.direction(x, g, e, o.init(3, e));
    obj.grad(x, ref);
    g.forEach((v, i) => expect(v).toBeCloseTo(ref[i], 14));
    expect(e.counts.samples).toBe(10);
    expect(o.stochastic).toBe(true);
  });
  it('SPIDER: refresh at the first call and every q calls; between, v moves by g_B(x) − g_B(x_prev)', () => {
    const e = env(),
      g = new Float64Array(3),
      ref = new Float64Array(3);
    const o = spider(10, 3, 0);
    const s = o.init(3, e);
    o.direction(x, g, e, s);
    obj.grad(x, ref);
    expect(Array.from(g)).toEqual(Array.from(ref));
    expect(e.counts).toMatchObject({ gradients: 1, samples: 10 });
    // With |B| = n the recursive estimate equals the full gradient at the new point.
    const y = Float64Array.from([0.1, 0.1, 0.1]);
    o.direction(y, g, e, s);
    obj.grad(y, ref);
    g.forEach((v, i) => expect(v).toBeCloseTo(ref[i], 14));
    expect(e.counts.samples).toBe(30);
    expect(s.calls).toBe(2);
    expect(Array.from(s.xPrev)).toEqual(Array.from(y));
  });
  it('zeroth order: 2n + 1 function values, ĝ within O(μ²) of ∇f', () => {
    const e = env(),
      g = new Float64Array(3),
      ref = new Float64Array(3);
    const o = zerothOrder(1e-5);
    o.direction(x, g, e, o.init(3, e));
    obj.grad(x, ref);
    g.forEach((v, i) => expect(v).toBeCloseTo(ref[i], 8));
    expect(e.counts).toEqual({ ...emptyCounts(), functionValues: 7 });
  });
  it('the independent batch is drawn once per reset, from its own stream', () => {
    const e = env();
    const b = independentBatch(e, 4, new Rng(2).stream('b2'), x, () => {
      throw new Error('no samples');
    });
    const first = Array.from(b.get());
    expect(Array.from(b.get())).toEqual(first);
    expect(e.counts.samples).toBe(4);
    b.reset();
    b.get();
    expect(e.counts.samples).toBe(8);
    const none = independentBatch({ ...e, fs: undefined }, 4, new Rng(2), x, () => {
      throw new Error('no samples');
    });
    expect(() => none.get()).toThrow('no samples');
  });
});
