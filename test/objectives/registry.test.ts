/** The built-in table (objectives/registry.ts): the contract's names, unique, each with documented defaults that build. */
import { describe, expect, it } from 'vitest';
import { BUILTINS, findBuiltin } from '../../src/objectives/registry.ts';

describe('BUILTINS', () => {
  it("has the contract's built-ins first, each name once, and finds only those", () => {
    expect(BUILTINS.slice(0, 6).map((b) => b.name)).toEqual([
      'phase-retrieval',
      'dro-chi2',
      'matrix-factorization',
      'logistic',
      'quartic-saddle',
      'mlp',
    ]);
    const names = BUILTINS.map((b) => b.name);
    expect(new Set(names).size).toBe(names.length);
    for (const b of BUILTINS) expect(findBuiltin(b.name)).toBe(b);
    expect(findBuiltin('toString')).toBeUndefined();
  });
  for (const b of BUILTINS.filter((x) => !x.name.startsWith('mnist')))
    it(`${b.name}: documented, every parameter has a default, the defaults build a finite objective named by them`, () => {
      expect(b.doc.length).toBeGreaterThan(10);
      for (const p of b.params) {
        expect(p.default, p.name).toBeDefined();
        expect(p.doc.length).toBeGreaterThan(1);
      }
      const defaults = Object.fromEntries(b.params.map((p) => [p.name, p.default]));
      const o = b.make(defaults);
      // Named as written on the command line, with the parameters that shape it (a report replays it).
      expect(o.name.startsWith(`builtin:${b.name}`)).toBe(true);
      for (const [k, v] of o.name
        .split('?')[1]
        ?.split('&')
        .map((kv) => kv.split('=')) ?? [])
        expect(String(defaults[k]), k).toBe(v);
      const x = o.x0 ?? new Float64Array(o.dim).fill(0.1);
      const g = new Float64Array(o.dim);
      expect(Number.isFinite(o.grad(x, g))).toBe(true);
      expect(g.every(Number.isFinite)).toBe(true);
    });
});
