/** Shared helpers for the literature suites: run a check in-process and read the verdicts. */
import { checkObjective } from '../src/conditions/check.ts';
import { parseConditionSpec } from '../src/conditions/spec.ts';
import { type CheckReport } from '../src/conditions/result.ts';
import { resolveObjective } from '../src/objectives/spec.ts';

export interface CheckArgs {
  box?: [number, number];
  seed?: number;
  samples?: number;
  fstar?: number;
  xstar?: number[];
}

export async function check(objective: string, conditions: string[], a: CheckArgs = {}): Promise<CheckReport> {
  const obj = await resolveObjective(objective);
  return checkObjective(obj, conditions.map(parseConditionSpec), {
    box: a.box ?? [-3, 3],
    seed: a.seed ?? 1,
    samples: a.samples ?? 2000,
    fstar: a.fstar,
    xstar: a.xstar ? Float64Array.from(a.xstar) : undefined,
  });
}

export const verdicts = (r: CheckReport) => r.results.map((x) => x.verdict);
export const estimate = (r: CheckReport, i: number, k: string) => r.results[i].estimate[k] as number;
/** A number printed so that the expression parser reads back exactly the same double. */
export const lit = (x: number) => (x < 0 ? `(${x})` : String(x));
