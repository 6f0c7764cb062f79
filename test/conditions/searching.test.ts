/**
 * The search (conditions/searching.ts): violations confined to a tiny part of the box are found by
 * structured starts and ascent, for every seed, not by a lucky sample.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../properties/helpers.ts';

describe('violations on a tiny part of the box are found by the search, not by luck', () => {
  it('a corner: eˣ¹⁺ˣ² with L = 2e^5.99 fails only where x1 + x2 > 5.99 (1e-6 of the box)', async () => {
    const L = 2 * Math.exp(5.99);
    for (const seed of [1, 2, 3]) {
      const r = await check('expr:exp(x1 + x2)', [`lsmooth:L=${L}`, `lsmooth:L=${2 * Math.exp(6)}`], {
        seed,
        samples: 500,
      });
      expect(r.results.map((x) => x.verdict)).toEqual(['fails', 'holds']);
    }
  });
  it('a stationary point: x1² − x2² + x1⁴ with (L0, L1) = (1.99, 1000) fails only where ‖∇f‖ < 1e-5', async () => {
    for (const seed of [1, 2, 3]) {
      const r = await check('expr:x1^2 - x2^2 + x1^4', ['l0l1:L0=1.99,L1=1000', 'l0l1:L0=2,L1=1000'], {
        seed,
        samples: 500,
      });
      expect(r.results.map((x) => x.verdict)).toEqual(['fails', 'holds']);
      const c = r.results[0].counterexample!;
      expect(Math.hypot(c.x[0], c.x[1])).toBeLessThan(1e-4);
    }
  });
});
