/** builtin:phase-retrieval: derivatives against finite differences, a wrong gradient caught, the finite sum, seeded instances. */
import { describe, expect, it } from 'vitest';
import { makeBuiltin } from '../../../src/objectives/spec.ts';
import { catchesWrongGradient, finiteSumConsistent, passesVerify } from './shared.ts';

describe('phase-retrieval', () => {
  passesVerify('phase-retrieval');
  catchesWrongGradient('phase-retrieval');
  finiteSumConsistent('phase-retrieval');
  it('instances are reproducible from their seed', () => {
    const a = makeBuiltin('phase-retrieval', 'd=4&m=10&seed=3'),
      b = makeBuiltin('phase-retrieval', 'd=4&m=10&seed=3'),
      c = makeBuiltin('phase-retrieval', 'd=4&m=10&seed=4');
    const x = new Float64Array([0.1, 0.2, 0.3, 0.4]);
    expect(a.value(x)).toBe(b.value(x));
    expect(a.value(x)).not.toBe(c.value(x));
  });
});
