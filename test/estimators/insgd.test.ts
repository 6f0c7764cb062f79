import { describe, expect, it } from 'vitest';
import { chi2Survival, gammaQ, normalQuantile } from '../../src/core/special.ts';
import { testEstimator } from '../../src/estimators/insgd.ts';
import { makeBuiltin } from '../../src/objectives/spec.ts';

describe('special functions', () => {
  it('χ² survival and normal quantiles match tabulated values', () => {
    expect(chi2Survival(3.841458820694124, 1)).toBeCloseTo(0.05, 9);
    expect(chi2Survival(31.410432844230918, 20)).toBeCloseTo(0.05, 9);
    expect(chi2Survival(0, 3)).toBe(1);
    expect(gammaQ(1, 2)).toBeCloseTo(Math.exp(-2), 12);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 6);
    expect(normalQuantile(0.5)).toBe(0);
  });
});

/** Exact E[g/‖g‖^β] for single-sample batches of the bias example (enumeration over the two samples). */
function exactNsgd(beta: number) {
  const g = [
    [3, 0],
    [-1, 0.1],
  ];
  const m = [0, 0];
  for (const v of g) {
    const n = Math.hypot(v[0], v[1]) ** beta;
    m[0] += v[0] / n / 2;
    m[1] += v[1] / n / 2;
  }
  const u = [1 / Math.hypot(1, 0.05), 0.05 / Math.hypot(1, 0.05)];
  const par = m[0] * u[0] + m[1] * u[1];
  const orth = Math.abs(m[0] * -u[1] + m[1] * u[0]);
  return { m, par, orth, cos: par / Math.hypot(par, orth) };
}

describe('the I-NSGD estimator test (docs/theory.md §f2)', () => {
  const obj = makeBuiltin('nsgd-bias-example');
  const x = new Float64Array(2);

  it('the worked example: E[NSGD] = (0.0025, 0.0498) at β = 1, cosine 0.0996; 0.986 at β = 2/3', () => {
    const e1 = exactNsgd(1);
    expect(e1.m[0]).toBeCloseTo(0.0025, 4);
    expect(e1.m[1]).toBeCloseTo(0.0498, 4);
    expect(e1.cos).toBeCloseTo(0.0996, 3);
    expect(exactNsgd(2 / 3).cos).toBeCloseTo(0.986, 3);
  });

  for (const beta of [1, 2 / 3]) {
    it(`β = ${beta.toFixed(3)}: NSGD fails decisively, I-NSG holds decisively with the predicted scale`, () => {
      const n = testEstimator(obj, x, { estimator: 'nsgd', beta, batch: 1, batch2: 1, seed: 3 });
      expect(n.verdict).toBe('fails');
      expect(n.decisive).toBe(true);
      const exact = exactNsgd(beta);
      // The measured orthogonal component is within a few standard errors of the exact one.
      expect(Math.abs(n.orthogonalNorm - exact.orth)).toBeLessThan(0.02);
      const i = testEstimator(obj, x, { estimator: 'insg', beta, batch: 1, batch2: 1, seed: 3 });
      expect(i.verdict).toBe('holds');
      expect(i.stoppedBecause).toBe('resolution-reached');
      // E‖g'‖^−β for the two samples, exactly: ½(3^−β + ‖(−1, 0.1)‖^−β).
      const c = 0.5 * (3 ** -beta + Math.hypot(1, 0.1) ** -beta);
      expect(Math.abs(i.scale!.predicted - c)).toBeLessThan(0.02); // 10⁴ draws: standard error ≈ 0.003
      expect(i.scale!.ci[0]).toBeLessThanOrEqual(1);
      expect(i.scale!.ci[1]).toBeGreaterThanOrEqual(1);
    });
  }

  it('is reproducible from its seed', () => {
    const a = testEstimator(obj, x, { estimator: 'nsgd', beta: 1, batch: 1, batch2: 1, seed: 9 });
    const b = testEstimator(obj, x, { estimator: 'nsgd', beta: 1, batch: 1, batch2: 1, seed: 9 });
    expect(a).toEqual(b);
  });

  it('larger batches shrink the NSGD bias without removing it', () => {
    const small = testEstimator(obj, x, { estimator: 'nsgd', beta: 1, batch: 1, batch2: 1, seed: 4 });
    const large = testEstimator(obj, x, { estimator: 'nsgd', beta: 1, batch: 16, batch2: 16, seed: 4, budget: 1e5 });
    expect(large.relativeBias.estimate).toBeLessThan(small.relativeBias.estimate);
    expect(large.verdict).toBe('fails');
  });

  it('a batch gradient that can vanish makes the moment infinite: inconclusive, not holds', () => {
    const zero = makeBuiltin('logistic', 'n=4&d=2');
    const fake = {
      ...zero,
      finiteSum: {
        n: 2,
        sampleGrad: () => 0,
        batchGrad: (_i: ArrayLike<number>, _c: number, _x: Float64Array, out: Float64Array) => {
          out.fill(0);
          return 0;
        },
      },
    };
    const r = testEstimator(fake, new Float64Array([1, 1]), {
      estimator: 'insg',
      beta: 1,
      batch: 1,
      batch2: 1,
      seed: 1,
    });
    expect(r.verdict).toBe('inconclusive');
  });

  it('phase retrieval at its start: the NSGD bias is detected, I-NSG is unbiased up to scale', () => {
    const pr = makeBuiltin('phase-retrieval', 'd=10&m=200&seed=2');
    const n = testEstimator(pr, pr.x0!, { estimator: 'nsgd', beta: 2 / 3, batch: 4, batch2: 4, seed: 1, budget: 2e5 });
    expect(n.verdict).toBe('fails');
    const i = testEstimator(pr, pr.x0!, { estimator: 'insg', beta: 2 / 3, batch: 4, batch2: 2, seed: 1, budget: 2e5 });
    expect(i.verdict).toBe('holds');
  });
});
