/**
 * A user's claims about their objective, as a vitest + fast-check suite that runs in
 * their CI. Seeds come from GENSMOOTH_SEED (gensmooth's checks) and
 * GENSMOOTH_FC_SEED (fast-check), so a failing CI log replays exactly.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { installMatchers, satisfy } from 'gensmooth/vitest';

installMatchers(expect);
// Relative to this file, like an import: the suite runs from any directory (and under vitest --root).
const OBJ = './objectives/softplus-quartic.ts';

describe('softplus-quartic', () => {
  it('is (L0, L1)-smooth with (L0, L1) = (4, 3) on [−3, 3]²', async () => {
    await expect(OBJ).toSatisfy('l0l1:L0=4,L1=3', { samples: 800 });
  });

  it('is not L-smooth with L = 10 on [−3, 3]² (the quartic tail)', async () => {
    await expect(OBJ).not.toSatisfy('lsmooth:L=10', { samples: 800 });
  });

  test.prop([fc.double({ min: 0.5, max: 3, noNaN: true })], { numRuns: 3 })(
    'on every box [−R, R]², L1 = 3 needs L0 ≤ 4',
    async (R) => {
      const r = await satisfy(OBJ, 'l0l1:L1=3', { box: [-R, R], samples: 400 });
      expect(r.result.estimate.L0 as number).toBeLessThanOrEqual(4);
    },
  );
});
