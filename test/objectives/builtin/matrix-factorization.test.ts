/** builtin:matrix-factorization: derivatives against finite differences (κ = 0 and κ > 0), a wrong gradient caught, the planted factors. */
import { describe, expect, it } from 'vitest';
import { makeBuiltin } from '../../../src/objectives/spec.ts';
import { catchesWrongGradient, passesVerify } from './shared.ts';

describe('matrix-factorization', () => {
  passesVerify('matrix-factorization');
  catchesWrongGradient('matrix-factorization');
  it('matrix-factorization with κ = 0 is zero at the planted factors', () => {
    const obj = makeBuiltin('matrix-factorization', 'n=5&m=4&r=2');
    expect(obj.value(obj.xstar!)).toBeLessThan(1e-24);
  });
});
