/** builtin:mnist-mlp: derivatives against finite differences, the finite sum, the instance at its defaults. */
import { describe, expect, it } from 'vitest';
import { fc, test } from '../../fc.ts';
import { Rng } from '../../../src/core/rng.ts';
import { dot } from '../../../src/core/vec.ts';
import { findBuiltin } from '../../../src/objectives/registry.ts';
import { makeBuiltin } from '../../../src/objectives/spec.ts';
import { verifyObjective } from '../../../src/objectives/verify.ts';

describe('builtin:mnist-mlp', () => {
  // Small instances (pool=4: 49 pixels): hidden widths that exercise the 4-unit blocks and their remainder.
  test.prop(
    [fc.integer({ min: 1, max: 9 }), fc.constantFrom('ce', 'mse'), fc.integer({ min: 2, max: 10 }), fc.nat(50)],
    { numRuns: 6 },
  )('gradient and HVP agree with finite differences', (hidden, loss, classes, seed) => {
    const obj = makeBuiltin('mnist-mlp', `n=12&hidden=${hidden}&loss=${loss}&pool=4&classes=${classes}&seed=${seed}`);
    expect(obj.dim).toBe(hidden * 49 + hidden + classes * hidden + classes);
    const r = verifyObjective(obj, { seed, box: [-1, 1], points: 3 });
    expect(r.verdict, JSON.stringify(r.gradient.worst)).toBe('ok');
    expect(r.gradient.maxRelError).toBeLessThan(1e-6);
    expect(r.hvp!.maxRelError).toBeLessThan(1e-6);
  });

  it('the HVP is symmetric (uᵀHv = vᵀHu) and linear in v', () => {
    const obj = makeBuiltin('mnist-mlp', 'n=10&hidden=6&pool=2');
    const rng = new Rng(3);
    const x = rng.fillNormal(new Float64Array(obj.dim), 0, 0.3),
      u = rng.fillNormal(new Float64Array(obj.dim)),
      v = rng.fillNormal(new Float64Array(obj.dim));
    const Hu = new Float64Array(obj.dim),
      Hv = new Float64Array(obj.dim),
      Hw = new Float64Array(obj.dim);
    obj.hvp!(x, u, Hu);
    obj.hvp!(x, v, Hv);
    const a = dot(u, Hv),
      b = dot(v, Hu);
    expect(Math.abs(a - b)).toBeLessThan(1e-10 * (Math.abs(a) + 1));
    obj.hvp!(
      x,
      Float64Array.from(u, (ui, i) => 2 * ui - v[i]),
      Hw,
    );
    for (let i = 0; i < obj.dim; i += 37) expect(Hw[i]).toBeCloseTo(2 * Hu[i] - Hv[i], 10);
  });

  it('is a finite sum: the mean of the per-sample gradients and the full batch give the gradient', () => {
    const obj = makeBuiltin('mnist-mlp', 'n=15&hidden=5&pool=4&loss=ce&seed=2');
    const fs = obj.finiteSum!;
    expect(fs.n).toBe(15);
    const x = new Rng(1).fillNormal(new Float64Array(obj.dim), 0, 0.5);
    const g = new Float64Array(obj.dim),
      gi = new Float64Array(obj.dim),
      mean = new Float64Array(obj.dim),
      gb = new Float64Array(obj.dim);
    const f = obj.grad(x, g);
    let fm = 0;
    for (let i = 0; i < fs.n; i++) {
      fm += fs.sampleGrad(i, x, gi) / fs.n;
      for (let k = 0; k < obj.dim; k++) mean[k] += gi[k] / fs.n;
    }
    const fb = fs.batchGrad(
      Int32Array.from({ length: 15 }, (_, i) => 14 - i),
      15,
      x,
      gb,
    );
    expect(fm).toBeCloseTo(f, 12);
    expect(fb).toBeCloseTo(f, 12);
    for (let k = 0; k < obj.dim; k++) {
      expect(mean[k]).toBeCloseTo(g[k], 12);
      expect(gb[k]).toBeCloseTo(g[k], 12);
    }
    expect(obj.value(x)).toBeCloseTo(f, 12);
  });

  it('at its defaults: 784 pixels, at least 16 units, at least 10⁴ parameters, a start near ln(10) loss', () => {
    const def = findBuiltin('mnist-mlp')!;
    const d = Object.fromEntries(def.params.map((p) => [p.name, p.default]));
    expect(d.hidden as number).toBeGreaterThanOrEqual(16);
    expect(d.pool).toBe('1');
    const obj = makeBuiltin('mnist-mlp', 'n=50');
    expect(obj.dim).toBe(16 * 784 + 16 + 10 * 16 + 10);
    expect(obj.dim).toBeGreaterThanOrEqual(1e4);
    // LeCun-normal weights: logits of order 1, so the cross-entropy starts near ln 10.
    expect(Math.abs(obj.value(obj.x0!) - Math.log(10))).toBeLessThan(0.5);
  });
});
