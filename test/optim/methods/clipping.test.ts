/** Clipping methods (docs/theory.md §d3): clipped GD/SGD, GGNC and the constrained ClippedScion step. */
import { describe, expect, it } from 'vitest';
import { makeBuiltin } from '../../../src/objectives/spec.ts';
import { parseMethodSpec } from '../../../src/optim/methods.ts';
import { optimize } from '../../../src/optim/run.ts';

describe('clipped-scion (constrained): iterates stay in the norm ball when γη ≤ 1 (docs/theory.md §d4 iii)', () => {
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

describe("clipped SGD of the I-NSGD authors' code (clipped-sgd-code)", () => {
  const lg = makeBuiltin('logistic', 'n=8&d=3&seed=4');
  const x = Float64Array.from([2, -1, 0.5]);
  const g = new Float64Array(3);
  lg.grad(x, g);
  const gn = Math.hypot(...g);
  const step = (spec: string) => {
    const { def, params } = parseMethodSpec(spec);
    return optimize(lg, def, params, { iters: 1, x0: x, seed: 1 }).x;
  };
  it('x − γ·s·g/max{s‖g‖ + δ, G²}^p by hand: a tiny constant step below G², a normalised one above', () => {
    const r = step('clipped-sgd-code:gamma=0.25,p=1,delta=15,G=45,scale=0.5,batch=8');
    for (let i = 0; i < 3; i++) expect(r[i]).toBeCloseTo(x[i] - (0.25 * 0.5 * g[i]) / 2025, 15);
    const r2 = step('clipped-sgd-code:gamma=0.2,p=0.6666666666666666,delta=0.01,G=0.1,batch=8');
    for (let i = 0; i < 3; i++) expect(r2[i]).toBeCloseTo(x[i] - (0.2 * g[i]) / (gn + 0.01) ** (2 / 3), 15);
    // Not gensmooth's γ·min(1, c/‖g‖)·g: below the threshold that one is a full γ step.
    const ours = step('clipped-sgd:gamma=0.25,clip=45,batch=8');
    expect(Math.abs(ours[0] - x[0])).toBeGreaterThan(1000 * Math.abs(r[0] - x[0]));
  });
});
