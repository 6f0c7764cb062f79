/** The two errors a user can act on (errors.ts) and how a point is shown in their messages. */
import { describe, expect, it } from 'vitest';
import { fmtPoint, ObjectiveError, UsageError } from '../src/errors.ts';

describe('errors', () => {
  it('a usage error exits 2, an objective error 3; both are Errors with their own names', () => {
    const u = new UsageError('--box LO:HI needs LO < HI');
    const o = new ObjectiveError('f threw');
    expect([u.exitCode, u.name, u.message, u instanceof Error]).toEqual([
      2,
      'UsageError',
      '--box LO:HI needs LO < HI',
      true,
    ]);
    expect([o.exitCode, o.name, o instanceof Error, o instanceof UsageError]).toEqual([
      3,
      'ObjectiveError',
      true,
      false,
    ]);
  });
});

describe('fmtPoint', () => {
  it('six significant digits without trailing zeros, up to six entries, then the count', () => {
    expect(fmtPoint([1, -2.5, 1 / 3, 1e-20, 123456789, 0])).toBe('[1, -2.5, 0.333333, 1e-20, 1.23457e+8, 0]');
    expect(fmtPoint(Float64Array.of(1, 2, 3, 4, 5, 6, 7))).toBe('[1, 2, 3, 4, 5, 6, … (7 entries)]');
    expect(fmtPoint([NaN, Infinity], 6)).toBe('[NaN, Infinity]');
    expect(fmtPoint([1, 2, 3], 2)).toBe('[1, 2, … (3 entries)]');
    expect(fmtPoint([])).toBe('[]');
  });
});
