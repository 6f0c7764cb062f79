/** The condition table (conditions/registry.ts): every definition well-formed, the contract's first. */
import { describe, expect, it } from 'vitest';
import { CONDITIONS, CONTRACT_CONDITIONS_NAMES, findCondition } from '../../src/conditions/registry.ts';

describe('CONDITIONS', () => {
  it("lists the contract's conditions first, in the contract's order, then the others", () => {
    expect(CONDITIONS.slice(0, CONTRACT_CONDITIONS_NAMES.length).map((c) => c.name)).toEqual(CONTRACT_CONDITIONS_NAMES);
    expect(CONTRACT_CONDITIONS_NAMES).toEqual([
      'lsmooth',
      'l0l1',
      'l0l1-alpha',
      'descent',
      'gpl',
      'curvature-gap',
      'aiming',
    ]);
    expect(CONDITIONS.map((c) => c.name)).toEqual(
      expect.arrayContaining(['l0l1-sym', 'l0l1-local', 'descent-exp', 'anisotropic', 'l0l1-norm', 'growth']),
    );
  });
  it('has one definition per name, and findCondition finds each (and nothing else)', () => {
    const names = CONDITIONS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of CONDITIONS) expect(findCondition(c.name)).toBe(c);
    expect(findCondition('nope')).toBeUndefined();
    expect(findCondition('constructor')).toBeUndefined();
  });
  for (const c of CONDITIONS)
    it(`${c.name}: its constants play A and B, its coefficient maps invert each other, its references are given`, () => {
      const names = c.params.map((p) => p.name);
      expect(new Set(names).size).toBe(names.length);
      for (const coef of [c.A, c.B]) {
        if (coef === null) continue;
        const p = c.params.find((q) => q.name === coef.param)!;
        expect(p, `${coef.param} is a parameter`).toBeDefined();
        expect(p.role).toBe(coef === c.A ? 'A' : 'B');
        for (const v of [0.25, 1, 7.5]) expect(coef.from(coef.to(v))).toBeCloseTo(v, 12);
      }
      // Every A/B role belongs to the coefficient that names it; a requirement is a parameter.
      for (const p of c.params) if (p.role !== 'shape') expect((p.role === 'A' ? c.A : c.B)?.param).toBe(p.name);
      for (const r of c.requires ?? []) expect(names).toContain(r);
      expect(c.inequality.length).toBeGreaterThan(5);
      expect(c.references.length).toBeGreaterThan(3);
      expect(['point', 'pair']).toContain(c.kind);
      expect(typeof c.evaluate).toBe('function');
    });
});
