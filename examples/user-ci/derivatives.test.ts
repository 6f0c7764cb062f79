/** The objective's own derivatives, checked before any claim is (the same check as `gensmooth verify`). */
import { expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import { arbitraries, resolveObjective, verifyObjective } from 'gensmooth';

const OBJ = './examples/user-ci/objectives/softplus-quartic.ts';

it('has a correct gradient and Hessian-vector product', async () => {
  expect(verifyObjective(await resolveObjective(OBJ)).verdict).toBe('ok');
});

test.prop([arbitraries.pointArb(2, [-3, 3])], { numRuns: 50 })(
  'is convex: vᵀ∇²f(x)v ≥ 0 along the coordinate axes',
  async (x) => {
    const obj = await resolveObjective(OBJ);
    const out = new Float64Array(2);
    for (const v of [new Float64Array([1, 0]), new Float64Array([0, 1])]) {
      obj.hvp!(x, v, out);
      expect(out[0] * v[0] + out[1] * v[1]).toBeGreaterThanOrEqual(0);
    }
  },
);
