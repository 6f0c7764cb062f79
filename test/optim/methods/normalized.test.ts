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

describe("the I-NSGD authors' code rule (insgd-code)", () => {
  // Full batches, so g_B = g_B' = ∇f and the step is a formula in ∇f(x0) alone.
  const lg = makeBuiltin('logistic', 'n=8&d=3&seed=4');
  const x = Float64Array.from([2, -1, 0.5]);
  const g = new Float64Array(3);
  lg.grad(x, g);
  const gn = Math.hypot(...g);
  const step = (spec: string) => {
    const { def, params } = parseMethodSpec(spec);
    return optimize(lg, def, params, { iters: 1, x0: x, seed: 1 }).x;
  };
  it('x − γ·s·g/max{G², 2s‖g′‖ + δ}^β by hand, on both branches of the max', () => {
    // The code's phase-retrieval values: γ = 0.5, β = 2/3, δ = 15, G = 45 (h = G² = 2025 here), s = ½.
    const r = step('insgd-code:gamma=0.5,beta=0.6666666666666666,delta=15,G=45,scale=0.5,batch=8,batch2=8');
    const h = Math.max(45 ** 2, 2 * 0.5 * gn + 15);
    expect(h).toBe(2025);
    for (let i = 0; i < 3; i++) expect(r[i]).toBeCloseTo(x[i] - (0.5 * 0.5 * g[i]) / h ** (2 / 3), 15);
    // A small floor: h = 2‖g′‖ + δ.
    const r2 = step('insgd-code:gamma=0.3,beta=1,delta=0.1,G=0.01,batch=8,batch2=8');
    for (let i = 0; i < 3; i++) expect(r2[i]).toBeCloseTo(x[i] - (0.3 * g[i]) / (2 * gn + 0.1), 15);
  });
  it('equals eq. (13) with γ_text = γ/G^{2β} and L1 = 1/(4γ) on the same gradient', () => {
    const gamma = 0.5,
      beta = 2 / 3,
      G = 3;
    const a = step(`insgd-code:gamma=${gamma},beta=${beta},delta=0.5,G=${G},batch=8,batch2=8`);
    const b = step(
      `insgd:gamma=${gamma / G ** (2 * beta)},beta=${beta},L1=${1 / (4 * gamma)},delta=0.5,batch=8,batch2=8`,
    );
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 14));
  });
});
