/** Non-Euclidean generalised clipping (theory.md §d3): geometries, the constrained version's ball, the polar factor. */
import { describe, expect, it } from 'vitest';
import { makeBuiltin } from '../../src/objectives/spec.ts';
import { parseMethodSpec } from '../../src/optim/methods.ts';
import { optimize } from '../../src/optim/run.ts';
import { polar, sharpDirection } from '../../src/optim/transform.ts';

describe('geometry', () => {
  it('the polar factor of U·diag(3, 1)·Vᵀ is U·Vᵀ and the nuclear norm is 4', () => {
    const c = Math.cos(0.3),
      s = Math.sin(0.3),
      c2 = Math.cos(1.1),
      s2 = Math.sin(1.1);
    const U = [
        [c, -s],
        [s, c],
      ],
      V = [
        [c2, -s2],
        [s2, c2],
      ],
      S = [3, 1];
    const D = new Float64Array(4),
      UV = new Float64Array(4),
      out = new Float64Array(4);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++)
        for (let k = 0; k < 2; k++) {
          D[i * 2 + j] += U[i][k] * S[k] * V[j][k];
          UV[i * 2 + j] += U[i][k] * V[j][k];
        }
    expect(polar(D, 2, 2, out)).toBeCloseTo(4, 12);
    out.forEach((v, i) => expect(v).toBeCloseTo(UV[i], 12));
  });
  it('u(d) and the dual norm: sign and ℓ1 for ℓ∞, d/‖d‖ and ℓ2 for ℓ2; ⟨d, u(d)⟩ = ‖d‖_* (d♯ identities)', () => {
    const d = new Float64Array([3, -4, 0]),
      u = new Float64Array(3);
    expect(sharpDirection(d, 'inf', u)).toBe(7);
    expect(Array.from(u)).toEqual([1, -1, 0]);
    expect(sharpDirection(d, '2', u)).toBe(5);
    expect(u[0] * 3 - u[1] * 4).toBeCloseTo(5, 14);
    const m = new Float64Array([1, 2, 3, 4, 5, 6]);
    const nuc = sharpDirection(m, 'spectral', new Float64Array(6), 2);
    const pm = new Float64Array(6);
    polar(m, 2, 3, pm);
    expect(m.reduce((acc, v, i) => acc + v * pm[i], 0)).toBeCloseTo(nuc, 10);
  });
});

describe('clipped-scion (constrained): iterates stay in the norm ball when γη ≤ 1 (theory.md §d4 iii)', () => {
  for (const norm of ['inf', '2'] as const) {
    it(`${norm} geometry`, () => {
      const obj = makeBuiltin('logistic', 'n=60&d=5');
      const { def, params } = parseMethodSpec(`clipped-scion:gamma=0.5,rho=0.1,R=0.8,norm=${norm},alpha=0.1,batch=8`);
      const r = optimize(obj, def, params, { iters: 400, seed: 2, x0: new Float64Array(5), recordEvery: 1 });
      const nrm = (x: number[]) => (norm === 'inf' ? Math.max(...x.map(Math.abs)) : Math.hypot(...x));
      expect(nrm(r.x)).toBeLessThanOrEqual(0.8 + 1e-12);
      expect(r.trace.at(-1)!.f).toBeLessThan(r.trace[0].f);
    });
  }
  it('spectral geometry on a matrix of parameters, and a shape mismatch is a usage error', () => {
    const obj = makeBuiltin('logistic', 'n=40&d=6'); // w read as a 2×3 matrix
    const ok = parseMethodSpec('ggnc:gamma=0.05,rho=1,norm=spectral,rows=2,batch=8');
    const r = optimize(obj, ok.def, ok.params, { iters: 300, seed: 1 });
    expect(r.trace.at(-1)!.f).toBeLessThan(r.trace[0].f);
    const bad = parseMethodSpec('ggnc:gamma=0.05,rho=1,norm=spectral,rows=4,batch=8');
    expect(() => optimize(obj, bad.def, bad.params, { iters: 1, seed: 1 })).toThrow(/do not form a matrix/);
  });
});
