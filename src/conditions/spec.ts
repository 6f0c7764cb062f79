/** Condition specifications: "NAME" or "NAME:k=v,k=v", parsed and validated once. */
import { parseParams, splitSpec } from '../core/params.ts';
import { UsageError } from '../errors.ts';
import type { Objective } from '../objectives/objective.ts';
import { CONDITIONS, CONTRACT_CONDITIONS_NAMES, findCondition } from './registry.ts';
import type { ConditionSpec } from './result.ts';

/** Parse "NAME" or "NAME:k=v,k=v" against the condition table. */
export function parseConditionSpec(spec: string): ConditionSpec {
  const { name, rest } = splitSpec(spec);
  const def = findCondition(name);
  if (!def)
    throw new UsageError(`unknown condition "${name}" (conditions: ${CONDITIONS.map((c) => c.name).join(', ')})`);
  return { name, params: parseParams(`condition ${name}`, rest, def.params) };
}

/**
 * Samples are kept (point or pair coordinates) for the search and the counterexample:
 * samples × vector length is bounded so that memory stays bounded (about 400 MB).
 */
export const SAMPLE_BUDGET = 5e7;

export function checkSampleBudget(dim: number, samples: number, specs: ConditionSpec[]): void {
  const pairs = specs.some((s) => findCondition(s.name)?.kind === 'pair');
  const len = (pairs ? 2 : 1) * dim;
  if (samples * len > SAMPLE_BUDGET) {
    throw new UsageError(
      `--samples ${samples} with ${pairs ? 'pairs' : 'points'} of dimension ${dim} would keep ${samples * len} numbers (limit ${SAMPLE_BUDGET}): use --samples ${Math.max(1, Math.floor(SAMPLE_BUDGET / len))} or fewer`,
    );
  }
}

/** The contract's conditions that apply (aiming only with a minimiser), all constants estimated. */
export function defaultSpecs(obj: Objective, xstar?: Float64Array): ConditionSpec[] {
  return CONDITIONS.filter(
    (c) => CONTRACT_CONDITIONS_NAMES.includes(c.name) && (!c.needsXstar || xstar || obj.xstar),
  ).map((c) => ({ name: c.name, params: {} }));
}
