/** Non-Euclidean geometry (docs/theory.md §d1, §d3): the polar factor, sharp directions, and the clipping transforms' state. */
import { describe, expect, it } from 'vitest';
import { constrainedClip, lmoClip, polar, sharpDirection } from '../../src/optim/geometry.ts';
import { constant } from '../../src/optim/schedules.ts';
import type { UpdateContext } from '../../src/optim/chain.ts';

const ctx = (x: number[]): UpdateContext => ({ t: 0, f: 0, gnorm: 0, gamma: NaN, x: Float64Array.from(x) }) as never;

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
describe('the clipping transforms', () => {
  it('lmoClip in ℓ∞: u ← min{‖u‖₁, ρ}·sign(u), and its state holds the sign vector', () => {
    const t = lmoClip(2, 'inf');
    const s = t.init(3);
    const u = Float64Array.from([0.5, -3, 0]);
    t.update(u, ctx([0, 0, 0]), s);
    expect(Array.from(s.dir)).toEqual([1, -1, 0]);
    expect(Array.from(u)).toEqual([2, -2, 0]);
    const small = Float64Array.from([0.25, -0.5, 0]);
    t.update(small, ctx([0, 0, 0]), s);
    expect(Array.from(small)).toEqual([0.75, -0.75, 0]); // ‖u‖₁ = 0.75 < ρ
  });
  it('constrainedClip: u = γη(x + R·u(d)) with η = min{1, gap/ρ} and γ recorded in the context', () => {
    const t = constrainedClip(1, 10, '2', constant(0.5));
    const s = t.init(2);
    const c = ctx([0.2, 0]);
    const u = Float64Array.from([3, 4]); // u(d) = (0.6, 0.8); gap = ⟨d, x⟩ + R‖d‖ = 0.6 + 5
    t.update(u, c, s);
    const eta = 5.6 / 10;
    expect(c.gamma).toBeCloseTo(0.5 * eta, 15);
    expect(u[0]).toBeCloseTo(0.5 * eta * (0.2 + 0.6), 15);
    expect(u[1]).toBeCloseTo(0.5 * eta * 0.8, 15);
  });
});
