/**
 * fast-check's seed for the whole run comes from GENSMOOTH_FC_SEED when set, so a CI
 * failure replays exactly (fast-check prints the seed and path of every failure too).
 */
import fc from 'fast-check';

const seed = process.env.GENSMOOTH_FC_SEED;
if (seed !== undefined && seed !== '') {
  const n = Number(seed);
  if (!Number.isSafeInteger(n)) throw new Error(`GENSMOOTH_FC_SEED must be an integer, got "${seed}"`);
  fc.configureGlobal({ seed: n });
}
