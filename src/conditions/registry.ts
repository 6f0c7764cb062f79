/** Every condition gensmooth checks, by name. */
import { CONTRACT_CONDITIONS, type ConditionDef } from './conditions.ts';
import { EXTRA_CONDITIONS } from './extra.ts';
import { GROWTH_CONDITION } from './growth.ts';

export const CONDITIONS: ConditionDef[] = [...CONTRACT_CONDITIONS, ...EXTRA_CONDITIONS, GROWTH_CONDITION];
/** The conditions estimated by default (`check` without --condition): the contract's table. */
export const CONTRACT_CONDITIONS_NAMES: string[] = CONTRACT_CONDITIONS.map((c) => c.name);

export function findCondition(name: string): ConditionDef | undefined {
  return CONDITIONS.find((c) => c.name === name);
}
