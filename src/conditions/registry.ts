/** Every condition gensmooth checks, by name, grouped by family (conditions/families/). */
import { ANISOTROPIC } from './families/anisotropic.ts';
import { DESCENT } from './families/descent.ts';
import { GAP } from './families/gap.ts';
import { GROWTH_CONDITION } from './families/growth.ts';
import { L0L1 } from './families/l0l1.ts';
import { LIPSCHITZ } from './families/lipschitz.ts';
import { NON_EUCLIDEAN } from './families/non-euclidean.ts';
import type { ConditionDef } from './model.ts';

const ALL: ConditionDef[] = [
  ...LIPSCHITZ,
  ...L0L1,
  ...DESCENT,
  ...GAP,
  ...ANISOTROPIC,
  ...NON_EUCLIDEAN,
  GROWTH_CONDITION,
];

/** The contract's table (docs/contract.md), estimated by default: `check` without --condition. */
export const CONTRACT_CONDITIONS_NAMES: string[] = [
  'lsmooth',
  'l0l1',
  'l0l1-alpha',
  'descent',
  'gpl',
  'curvature-gap',
  'aiming',
];

/** The contract's conditions first, in its order (as `gensmooth list` has always shown them), then the rest. */
export const CONDITIONS: ConditionDef[] = [
  ...CONTRACT_CONDITIONS_NAMES.map((n) => ALL.find((c) => c.name === n)!),
  ...ALL.filter((c) => !CONTRACT_CONDITIONS_NAMES.includes(c.name)),
];

export function findCondition(name: string): ConditionDef | undefined {
  return CONDITIONS.find((c) => c.name === name);
}
