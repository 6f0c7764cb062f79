/** The evidence pool (conditions/pool.ts): growth keeps every sample, drop removes one from every statistic. */
import { describe, expect, it } from 'vitest';
import { ORIGINS, Pool } from '../../src/conditions/pool.ts';
import type { Sample } from '../../src/conditions/model.ts';
import type { KrylovBound } from '../../src/core/krylov.ts';

const s = (lhs: number, w: number, lhsErr = 0, wErr = 0): Sample => ({ lhs, w, lhsErr, wErr });
const kb = (lower: number): KrylovBound => ({
  lower,
  thetaMax: lower,
  thetaMin: 0,
  steps: 5,
  n: 10,
  exact: false,
});

describe('Pool', () => {
  it('adds samples in order with their z, values, errors and origin', () => {
    const p = new Pool('point', 2);
    expect(p.len).toBe(2);
    expect(p.add(Float64Array.of(1, 2), s(3, 4, 0.1, 0.2), 'uniform')).toBe(0);
    expect(p.add(Float64Array.of(-1, 0.5), s(5, 0), 'ascent')).toBe(1);
    expect(p.count).toBe(2);
    expect([...p.z(1)]).toEqual([-1, 0.5]);
    expect(p.sample(0)).toEqual(s(3, 4, 0.1, 0.2));
    expect(p.originOf(0)).toBe('uniform');
    expect(p.originOf(1)).toBe('ascent');
    expect(p.samples()).toEqual([s(3, 4, 0.1, 0.2), s(5, 0)]);
  });

  it('z(i) is a copy; the pool keeps its own copy of what was added', () => {
    const p = new Pool('point', 1);
    const z = Float64Array.of(7);
    p.add(z, s(1, 1), 'sampled');
    z[0] = 99;
    const c = p.z(0);
    c[0] = -1;
    expect([...p.z(0)]).toEqual([7]);
  });

  it('a pair pool stores 2n numbers per sample, and only those of a longer z', () => {
    const p = new Pool('pair', 2);
    expect(p.len).toBe(4);
    p.add(Float64Array.of(1, 2, 3, 4, 5, 6), s(1, 1), 'local');
    p.add(Float64Array.of(9, 8, 7, 6), s(2, 1), 'local');
    expect([...p.z(0)]).toEqual([1, 2, 3, 4]);
    expect([...p.z(1)]).toEqual([9, 8, 7, 6]);
  });

  it('grows by doubling past its first 256 samples without losing or moving any', () => {
    const p = new Pool('pair', 3);
    const N = 5000;
    for (let i = 0; i < N; i++) {
      const z = Float64Array.from({ length: 6 }, (_, k) => i + k / 10);
      expect(p.add(z, s(i, 2 * i, i / 1e3, i / 1e4), ORIGINS[i % ORIGINS.length])).toBe(i);
    }
    expect(p.count).toBe(N);
    for (const i of [0, 255, 256, 257, 1023, 4999]) {
      expect([...p.z(i)]).toEqual(Array.from({ length: 6 }, (_, k) => i + k / 10));
      expect(p.sample(i)).toEqual(s(i, 2 * i, i / 1e3, i / 1e4));
      expect(p.originOf(i)).toBe(ORIGINS[i % ORIGINS.length]);
    }
    // Capacity doubles: 256, 512, ..., 8192, never one array per sample.
    expect(p.lhs.length).toBe(8192);
    expect(p.Z.length).toBe(8192 * 6);
    expect(p.countOf('uniform')).toBe(Math.ceil(N / ORIGINS.length));
  });

  it('undefined evaluations (null, NaN, ±∞) are counted, the first one kept, none stored', () => {
    const p = new Pool('point', 1);
    expect(p.add(Float64Array.of(-2), null, 'uniform')).toBe(-1);
    expect(p.add(Float64Array.of(-3), s(NaN, 1), 'uniform')).toBe(-1);
    expect(p.add(Float64Array.of(-4), s(1, Infinity), 'ascent')).toBe(-1);
    expect(p.add(Float64Array.of(-5), s(-Infinity, 1), 'ascent')).toBe(-1);
    expect(p.add(Float64Array.of(2), s(1, 1), 'uniform')).toBe(0);
    expect(p.count).toBe(1);
    expect(p.undefinedCount).toBe(4);
    expect([...p.firstUndefined!]).toEqual([-2]);
    // The budget counts every attempt by origin, defined or not.
    expect(p.spent.get('uniform')).toBe(3);
    expect(p.spent.get('ascent')).toBe(2);
    expect(p.countOf('uniform')).toBe(1);
  });

  it('set replaces a sample’s values and its Lanczos interval (or removes it)', () => {
    const p = new Pool('point', 1);
    p.add(Float64Array.of(0), { ...s(1, 1), krylov: kb(1) }, 'uniform');
    expect(p.sample(0).krylov).toEqual(kb(1));
    p.set(0, { ...s(2, 3, 0.5, 0.25), krylov: kb(2) });
    expect(p.sample(0)).toEqual({ ...s(2, 3, 0.5, 0.25), krylov: kb(2) });
    p.set(0, s(2, 3));
    expect(p.sample(0).krylov).toBeUndefined();
    expect(p.krylov.size).toBe(0);
  });

  it('drop removes a sample from every statistic: lhs −∞, w and errors 0, no interval; z and index stay', () => {
    const p = new Pool('point', 1);
    p.add(Float64Array.of(1), s(10, 5, 1, 1), 'uniform');
    p.add(Float64Array.of(2), { ...s(20, 0), krylov: kb(20) }, 'uniform');
    p.drop(1);
    expect(p.isDropped(1)).toBe(true);
    expect(p.isDropped(0)).toBe(false);
    expect(p.sample(1)).toEqual(s(-Infinity, 0));
    expect(p.krylov.has(1)).toBe(false);
    expect(p.count).toBe(2);
    expect([...p.z(1)]).toEqual([2]);
    // No statistic of the form lhs − A − B·w can be set by it any more.
    expect(Math.max(...p.samples().map((q) => q.lhs - 3 * q.w))).toBe(-5);
  });
});
