/**
 * check.ts: the run's Lanczos tolerance. Estimates stop each Lanczos run once its norm has
 * converged; a claim on Hessian norms needs every step, since its `holds` rests on the upper ends
 * (test/reliability/reliability.test.ts holds the end-to-end case: a loose claim under a time limit).
 */
import { describe, expect, it } from 'vitest';
import { LANCZOS_TOL, lanczosTolFor } from '../../src/conditions/check.ts';
import { parseConditionSpec, resolveSpec } from '../../src/conditions/spec.ts';

const specs = (...s: string[]) => s.map((t) => ({ r: resolveSpec(parseConditionSpec(t)) }));

describe('the Lanczos tolerance of a run', () => {
  it('is the converged-norm tolerance for estimates and gradient claims, none with a Hessian claim', () => {
    expect(lanczosTolFor(specs('l0l1', 'curvature-gap', 'lsmooth:L=3'))).toBe(LANCZOS_TOL);
    expect(lanczosTolFor(specs('l0l1', 'curvature-gap:K0=1,K1=2'))).toBeUndefined();
    expect(lanczosTolFor(specs('l0l1:L0=1,L1=1'))).toBeUndefined();
  });
});
