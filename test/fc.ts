/**
 * `test.prop` as @fast-check/vitest writes it, on fast-check alone, for this repository's tests.
 *
 * @fast-check/vitest 0.5 builds its `test` at import time by walking every chain of vitest 4's
 * test modifiers (skip, only, concurrent, sequential, fails, ...): about 1.5 s of CPU per test
 * file, paid again in every file (vitest isolates them), which made it the largest import cost
 * of the fast suite. The properties here only need `prop`: an `it` whose body runs fc.assert on
 * the arbitraries, with the same semantics (a property fails by throwing or by returning false;
 * the seed comes from fc.configureGlobal, set by vitest.setup.ts from GENSMOOTH_FC_SEED, and a
 * failure prints seed and path for replay). The user-facing examples keep @fast-check/vitest.
 */
import fc from 'fast-check';
import { it } from 'vitest';

export { fc };

type Arbitraries<Ts extends unknown[]> = { [K in keyof Ts]: fc.Arbitrary<Ts[K]> };

export const test = {
  prop:
    <Ts extends [unknown, ...unknown[]]>(arbitraries: Arbitraries<Ts>, params?: fc.Parameters<Ts>) =>
    (name: string, prop: (...args: Ts) => unknown, timeout?: number): void => {
      const predicate = async (...args: unknown[]) => (await prop(...(args as Ts))) as boolean | void;
      const asyncProperty = fc.asyncProperty as unknown as (...a: unknown[]) => fc.IAsyncProperty<Ts>;
      it(name, () => fc.assert(asyncProperty(...arbitraries, predicate), params), timeout);
    },
};
