/**
 * The (L0, L1) family (conditions/families/l0l1.ts): Hessian, asymmetric, symmetric and local forms on
 * analytic cases with known constants (an estimate of a smallest-type constant is never above the truth
 * beyond rounding and within 5 % below it).
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../../properties/helpers.ts';
import type { CheckReport } from '../../../src/conditions/result.ts';

const num = (v: unknown) => v as number;

/** These cases were written with the box as the third argument and 1500 samples. */
const checkBox = (objective: string, conditions: string[], box: [number, number] = [-3, 3]) =>
  check(objective, conditions, { box, samples: 1500 });
const v = (r: CheckReport) => r.results.map((x) => x.verdict);

describe('(L0,L1)-smoothness, Hessian form', () => {
  it('eˣ with (L0, L1) = (0, 1) holds (equality everywhere); L1 = 0.99 fails; the estimate of L1 is 1', async () => {
    const r = await check('expr:exp(x)', ['l0l1:L0=0,L1=1', 'l0l1:L0=0,L1=0.99', 'l0l1:L0=0']);
    expect(r.results[0].verdict).toBe('holds');
    expect(r.results[1].verdict).toBe('fails');
    expect(num(r.results[2].estimate.L1)).toBeCloseTo(1, 12);
  });
  it('|x|^p at α_min: L0 = 0 and L1 = (p−1)p^{1/(p−1)} is an equality everywhere (p = 3, 4)', async () => {
    const l3 = 2 * Math.sqrt(3),
      l4 = 3 * Math.cbrt(4);
    const r = await check('expr:abs(x)^3', [`l0l1:L0=0,L1=${l3},alpha=0.5`, `l0l1:L0=0,L1=${l3 * 0.999},alpha=0.5`]);
    expect(r.results.map((x) => x.verdict)).toEqual(['holds', 'fails']);
    const r4 = await check('expr:x^4', [`l0l1:L0=0,L1=${l4},alpha=${2 / 3}`, `l0l1:L0=0,alpha=${2 / 3}`]);
    expect(r4.results[0].verdict).toBe('holds');
    expect(num(r4.results[1].estimate.L1)).toBeLessThanOrEqual(l4 * (1 + 1e-9));
    expect(num(r4.results[1].estimate.L1)).toBeGreaterThan(l4 * 0.95);
  });
  it('x⁴ with α = 1: tightest L0 = p((p−2)/L1)^{p−2} = 16/L1²', async () => {
    for (const L1 of [1, 2, 4]) {
      const r = await check('expr:x^4', [`l0l1:L1=${L1}`]);
      const exact = 16 / (L1 * L1);
      const est = num(r.results[0].estimate.L0);
      expect(est).toBeLessThanOrEqual(exact * (1 + 1e-9));
      expect(est).toBeGreaterThan(exact * 0.95);
      const holds = await check('expr:x^4', [`l0l1:L0=${exact},L1=${L1}`, `l0l1:L0=${exact * 0.97},L1=${L1}`]);
      expect(holds.results.map((x) => x.verdict)).toEqual(['holds', 'fails']);
    }
  });
  it('w + ½w² + w⁴: (L0, L1) = (4, 3) is tight at the minimiser; L0 = 3.99 fails there', async () => {
    const r = await check('builtin:poly-quartic', ['l0l1:L0=4,L1=3', 'l0l1:L0=3.99,L1=3']);
    expect(r.results[0].verdict).toBe('holds');
    expect(r.results[1].verdict).toBe('fails');
    expect(r.results[1].counterexample!.x[0]).toBeCloseTo(-0.5, 2);
  });
  it('the frontier of x⁴ passes through (L1, 16/L1²) and never above it', async () => {
    const r = await check('expr:x^4', ['l0l1']);
    const fr = r.results[0].estimate.frontier as { L1: number; L0: number }[];
    expect(fr.length).toBeGreaterThan(2);
    for (const p of fr)
      if (typeof p.L1 === 'number' && p.L1 > 0.3)
        expect(p.L0).toBeLessThanOrEqual((16 / (p.L1 * p.L1)) * (1 + 1e-6) + 1e-9);
  });
});

describe('asymmetric form (I-NSGD eq. 2)', () => {
  it('eˣ on [−3, 3] with L1 = 1 needs L0 = 5.994 in the asymmetric form (a far pair)', async () => {
    const r = await check('expr:exp(x)', ['l0l1-alpha:L1=1']);
    const est = num(r.results[0].estimate.L0);
    expect(est).toBeLessThanOrEqual(5.9941);
    expect(est).toBeGreaterThan(5.994 * 0.95);
  });
});

describe('symmetric and local (L0, L1) forms (docs/theory.md §a2, §a3)', () => {
  it('symmetric form = Hessian form for C² f: eˣ with (0, 1) holds, (0, 0.99) fails', async () => {
    const r = await checkBox('expr:exp(x)', ['l0l1-sym:L0=0,L1=1', 'l0l1-sym:L0=0,L1=0.99']);
    expect(v(r)).toEqual(['holds', 'fails']);
  });
  it('Hessian (4, 2) for x⁴ implies the local form with both constants × (e − 1)', async () => {
    const c = Math.E - 1;
    const r = await checkBox('expr:x^4', [`l0l1-local:L0=${4 * c},L1=${2 * c}`, 'l0l1-local:L1=2']);
    expect(r.results[0].verdict).toBe('holds');
    // Local ⇒ Hessian with the same constants, so the local L0 for L1 = 2 is at least the Hessian one (4).
    expect(r.results[1].estimate.L0 as number).toBeGreaterThanOrEqual(4 * (1 - 1e-6));
  });
  it('without L1 the local form says what it needs', async () => {
    const r = await checkBox('expr:x^4', ['l0l1-local']);
    expect(r.results[0].reason).toMatch(/needs L1/);
  });
});
