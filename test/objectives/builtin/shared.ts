/**
 * The checks every built-in gets (split from the former test/objectives/builtins.test.ts, one
 * test file per built-in now): derivatives against finite differences on seeded instances, a
 * wrong gradient caught, and the finite-sum structure consistent with the full gradient.
 */
import { expect, it } from 'vitest';
import { fc, test } from '../../fc.ts';
import { Rng } from '../../../src/core/rng.ts';
import { makeBuiltin } from '../../../src/objectives/spec.ts';
import { verifyObjective } from '../../../src/objectives/verify.ts';
import type { Objective } from '../../../src/objectives/objective.ts';

/** Small instances of every built-in, parameterised by an instance seed. */
export const instances: Record<string, (seed: number) => string> = {
  'phase-retrieval': (s) => `d=6&m=40&seed=${s}`,
  'dro-chi2': (s) => `n=30&d=5&seed=${s}`,
  'matrix-factorization': (s) => `n=4&m=3&r=2&kappa=${s % 2 === 0 ? 0 : 0.3}&seed=${s}`,
  logistic: (s) => `n=25&d=4&seed=${s}`,
  'quartic-saddle': (s) => `d=${2 + (s % 5)}&gamma=${0.5 + (s % 3)}`,
  mlp: (s) => `n=12&in=3&hidden=4&out=2&loss=${s % 2 === 0 ? 'mse' : 'ce'}&seed=${s}`,
  'sigmoid-like': () => '',
  'poly-quartic': () => '',
  'nsgd-bias-example': () => '',
  'mnist-softmax': (s) => `n=20&pool=4&classes=2&seed=${s % 50}`,
};

/** Perturb one derivative: verify must notice. */
export function broken(obj: Objective, what: 'grad' | 'hvp', factor: number): Objective {
  if (what === 'grad') {
    return {
      ...obj,
      grad: (x, out) => {
        const f = obj.grad(x, out);
        out[out.length - 1] *= factor;
        return f;
      },
    };
  }
  return {
    ...obj,
    hvp: (x, v, out) => {
      obj.hvp!(x, v, out);
      out[0] *= factor;
    },
  };
}

/** builtins pass verify: gradient and HVP agree with finite differences on 4 seeded instances. */
export function passesVerify(name: string): void {
  const q = instances[name];
  test.prop([fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 1000 })], { numRuns: 4 })(
    `${name}: gradient and HVP agree with finite differences`,
    (inst, seed) => {
      const obj = makeBuiltin(name, q(inst));
      const box: [number, number] = name === 'sigmoid-like' ? [-1.5, 1.5] : [-2, 2];
      const r = verifyObjective(obj, { seed, box, points: 5 });
      expect(r.verdict, JSON.stringify(r.gradient.worst)).toBe('ok');
      // dro-chi2 has kinks (w_j = 0): a stencil can straddle one, which widens the error.
      expect(r.gradient.maxRelError).toBeLessThan(name === 'dro-chi2' ? 1e-2 : 1e-5);
      if (r.hvp) expect(r.hvp.maxRelError).toBeLessThan(name === 'dro-chi2' ? 1e-2 : 1e-5);
    },
  );
}

/** verify catches wrong derivatives: a gradient off by 1 % in one coordinate. */
export function catchesWrongGradient(name: string): void {
  it(`${name}: a gradient off by 1% in one coordinate is a mismatch`, () => {
    const obj = makeBuiltin(name, instances[name](3));
    const r = verifyObjective(broken(obj, 'grad', 1.01), { seed: 2, box: [-1.5, 1.5], points: 4 });
    expect(r.verdict).toBe('mismatch');
  });
}

/** finite-sum structure: per-sample gradients average to the full gradient, and batchGrad averages. */
export function finiteSumConsistent(name: string): void {
  it(`${name}: the mean of per-sample gradients is the full gradient, and batchGrad averages`, () => {
    const obj = makeBuiltin(name, instances[name](5));
    const fs = obj.finiteSum!;
    const x = new Rng(9, name).fillUniform(new Float64Array(obj.dim), -1, 1);
    const g = new Float64Array(obj.dim),
      gi = new Float64Array(obj.dim),
      acc = new Float64Array(obj.dim),
      gb = new Float64Array(obj.dim);
    const f = obj.grad(x, g);
    let fsum = 0;
    for (let i = 0; i < fs.n; i++) {
      fsum += fs.sampleGrad(i, x, gi);
      for (let j = 0; j < obj.dim; j++) acc[j] += gi[j] / fs.n;
    }
    expect(fsum / fs.n).toBeCloseTo(f, 10);
    for (let j = 0; j < obj.dim; j++) expect(acc[j]).toBeCloseTo(g[j], 9);
    const idx = Int32Array.from({ length: fs.n }, (_, i) => i);
    fs.batchGrad(idx, fs.n, x, gb);
    for (let j = 0; j < obj.dim; j++) expect(gb[j]).toBeCloseTo(g[j], 9);
  });
}

/** max |a − b| over max |a|: the relative distance of two vectors, in the scale of the first. */
export function relMax(a: Float64Array, b: Float64Array): number {
  let e = 0,
    s = 1e-300;
  for (let i = 0; i < a.length; i++) {
    e = Math.max(e, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(a[i]));
  }
  return e / s;
}
