/** The I-NSGD reproductions' shared pieces: instances, the scripts' starts, Ψ exactly, the readings' arms. */
import { describe, expect, it } from 'vitest';
import { nrm2 } from '../../../src/core/vec.ts';
import {
  droCodeStart,
  droMetric,
  droObjective,
  droPsi,
  instances,
  methodArms,
  prCodeStart,
  prObjective,
} from '../../../src/experiments/published/insgd-setup.ts';
import { parseMethodSpec } from '../../../src/optim/methods.ts';

describe('I-NSGD setup', () => {
  it('nine instances from the seed, three in quick mode', () => {
    expect(instances(4, false)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(instances('x', true)).toEqual([1, 2, 3]);
  });
  it("the phase-retrieval script's start: z0 − 0.1·(½g)/‖½g‖^{2/3}", () => {
    const obj = prObjective(1);
    const g = new Float64Array(obj.dim);
    obj.grad(Float64Array.from(obj.x0!), g);
    const z1 = prCodeStart(obj);
    const c = (0.1 * 0.5) / (0.5 * nrm2(g)) ** (2 / 3);
    z1.forEach((v, i) => expect(v).toBeCloseTo(obj.x0![i] - c * g[i], 12));
  });
  it('Ψ(w) = min_η L(w, η) exactly: the η found is a minimiser (nearby η are not lower)', () => {
    const obj = droObjective(2);
    const x = droCodeStart(obj, 2);
    expect(x[obj.dim - 1]).not.toBe(0.1); // 30 normalised steps moved η too
    const psi = droMetric.of(obj, x);
    const L = (eta: number) => {
      const z = Float64Array.from(x);
      z[obj.dim - 1] = eta;
      return obj.value(z);
    };
    // A fine scan of η brackets Ψ from above, never below it.
    let best = Infinity;
    for (let e = -2; e <= 4; e += 0.001) best = Math.min(best, L(e));
    expect(psi).toBeLessThanOrEqual(best + 1e-12);
    expect(best - psi).toBeLessThan(1e-5);
    // With all losses active (λ large), η* is the mean loss and Ψ = mean ℓ + λ·mean(t²)/4, t = (ℓ − η*)/λ = ±0.2.
    const data = { X: Float64Array.from([1, 0, 0, 1]), y: Float64Array.from([1, 3]) };
    expect(droPsi(data, [0, 0], 10)).toBeCloseTo(2.5 + (10 * 0.04) / 4, 12);
  });
  it('both readings name the same four methods; every spec parses', () => {
    for (const p of ['pr', 'dro'] as const)
      for (const r of ['paper-text', 'authors-code'] as const) {
        const arms = methodArms(p, r);
        expect(arms.map((a) => a.label)).toEqual(['SGD', 'NSGD', 'clipped SGD', 'I-NSGD']);
        for (const a of arms) expect(() => parseMethodSpec(a.spec)).not.toThrow();
        expect(arms[0].start === undefined).toBe(r === 'paper-text');
      }
  });
});
