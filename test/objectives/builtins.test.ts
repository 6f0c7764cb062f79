import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { makeBuiltin } from '../../src/objectives/spec.ts';
import { verifyObjective } from '../../src/objectives/verify.ts';
import type { Objective } from '../../src/objectives/objective.ts';
import { Rng } from '../../src/core/rng.ts';

/** Small instances of every built-in, parameterised by an instance seed. */
const instances: Record<string, (seed: number) => string> = {
  'phase-retrieval': (s) => `d=6&m=40&seed=${s}`,
  'dro-chi2': (s) => `n=30&d=5&seed=${s}`,
  'matrix-factorization': (s) => `n=4&m=3&r=2&kappa=${s % 2 === 0 ? 0 : 0.3}&seed=${s}`,
  logistic: (s) => `n=25&d=4&seed=${s}`,
  'quartic-saddle': (s) => `d=${2 + (s % 5)}&gamma=${0.5 + (s % 3)}`,
  mlp: (s) => `n=12&in=3&hidden=4&out=2&loss=${s % 2 === 0 ? 'mse' : 'ce'}&seed=${s}`,
  'sigmoid-like': () => '',
  'poly-quartic': () => '',
};

describe('built-in objectives pass verify', () => {
  for (const [name, q] of Object.entries(instances)) {
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
});

/** Perturb one derivative: verify must notice. */
function broken(obj: Objective, what: 'grad' | 'hvp', factor: number): Objective {
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

describe('verify catches wrong derivatives', () => {
  for (const name of Object.keys(instances)) {
    it(`${name}: a gradient off by 1% in one coordinate is a mismatch`, () => {
      const obj = makeBuiltin(name, instances[name](3));
      const r = verifyObjective(broken(obj, 'grad', 1.01), { seed: 2, box: [-1.5, 1.5], points: 4 });
      expect(r.verdict).toBe('mismatch');
    });
  }
  it('a Hessian-vector product off by 2% is a mismatch', () => {
    const obj = makeBuiltin('phase-retrieval', 'd=5&m=30');
    expect(verifyObjective(broken(obj, 'hvp', 1.02), { seed: 1, points: 3 }).verdict).toBe('mismatch');
  });
  it('a sign error in an expr-like objective is caught', () => {
    const obj: Objective = {
      name: 'bad',
      dim: 2,
      value: (x) => x[0] ** 2 + x[1] ** 3,
      grad: (x, g) => {
        g[0] = 2 * x[0];
        g[1] = -3 * x[1] ** 2;
        return x[0] ** 2 + x[1] ** 3;
      },
    };
    expect(verifyObjective(obj, { seed: 1 }).verdict).toBe('mismatch');
  });
});

describe('finite-sum structure', () => {
  for (const name of ['phase-retrieval', 'dro-chi2', 'logistic', 'mlp']) {
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
});

describe('known constants of the built-ins', () => {
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
  it('poly-quartic: f(−1/2) = −5/16 is stationary', () => {
    const obj = makeBuiltin('poly-quartic');
    const g = new Float64Array(1);
    expect(obj.grad(new Float64Array([-0.5]), g)).toBe(-5 / 16);
    expect(g[0]).toBe(0);
  });
  it('matrix-factorization with κ = 0 is zero at the planted factors', () => {
    const obj = makeBuiltin('matrix-factorization', 'n=5&m=4&r=2');
    expect(obj.value(obj.xstar!)).toBeLessThan(1e-24);
  });
  it('instances are reproducible from their seed', () => {
    const a = makeBuiltin('phase-retrieval', 'd=4&m=10&seed=3'),
      b = makeBuiltin('phase-retrieval', 'd=4&m=10&seed=3'),
      c = makeBuiltin('phase-retrieval', 'd=4&m=10&seed=4');
    const x = new Float64Array([0.1, 0.2, 0.3, 0.4]);
    expect(a.value(x)).toBe(b.value(x));
    expect(a.value(x)).not.toBe(c.value(x));
  });
});
