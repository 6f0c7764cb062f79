/**
 * Condition specifications, "NAME" or "NAME:k=v,k=v", parsed and validated once: for the
 * command line, the API and the vitest matcher alike. A resolved spec knows its mode — a
 * claim (every constant given), one constant to estimate, or a frontier of two — and the
 * key of the statistic it shares an evidence pool with.
 */
import { parseParams, splitSpec } from '../core/params.ts';
import { UsageError } from '../errors.ts';
import type { Objective } from '../objectives/objective.ts';
import type { ConditionDef, Params } from './model.ts';
import { CONDITIONS, CONTRACT_CONDITIONS_NAMES, findCondition } from './registry.ts';
import type { ConditionSpec, ResultBase } from './result.ts';

/** Parse "NAME" or "NAME:k=v,k=v" against the condition table. */
export function parseConditionSpec(spec: string): ConditionSpec {
  const { name, rest } = splitSpec(spec);
  const def = findCondition(name);
  if (!def)
    throw new UsageError(`unknown condition "${name}" (conditions: ${CONDITIONS.map((c) => c.name).join(', ')})`);
  return { name, params: parseParams(`condition ${name}`, rest, def.params) };
}

/** What is asked of a condition: a verdict on a claim, one constant estimated, or the frontier of two. */
export interface Mode {
  kind: 'claim' | 'estA' | 'estB' | 'frontier';
  /** The coefficients A and B of lhs ≤ A + B·w where given (NaN where left out). */
  A: number;
  B: number;
}

export interface Resolved {
  def: ConditionDef;
  /** Every given parameter, defaults included. */
  claimed: Params;
  /** The shape parameters (α, ρ, a kernel): with the name, they define the statistic. */
  shape: Params;
  mode: Mode;
  /** Conditions with the same key share one evidence pool. */
  key: string;
}

export function modeOf(def: ConditionDef, claimed: Params): Mode {
  const hasA = def.A === null || def.A.param in claimed;
  const hasB = def.B === null || def.B.param in claimed;
  const A = def.A === null ? 0 : hasA ? def.A.to(claimed[def.A.param] as number) : NaN;
  const B = def.B === null ? 0 : hasB ? def.B.to(claimed[def.B.param] as number) : NaN;
  if (hasA && hasB) return { kind: 'claim', A, B };
  if (!hasA && hasB) return { kind: 'estA', A, B };
  if (hasA && !hasB) return { kind: 'estB', A, B };
  return { kind: 'frontier', A, B };
}

export function resolveSpec(spec: ConditionSpec): Resolved {
  const def = findCondition(spec.name);
  if (!def) throw new UsageError(`unknown condition "${spec.name}"`);
  const claimed: Params = {};
  for (const p of def.params) {
    if (p.name in spec.params) claimed[p.name] = spec.params[p.name];
    else if (p.default !== undefined) claimed[p.name] = p.default;
  }
  const shape: Params = {};
  for (const p of def.params) if (p.role === 'shape' && p.name in claimed) shape[p.name] = claimed[p.name];
  return { def, claimed, shape, mode: modeOf(def, claimed), key: `${def.name}|${JSON.stringify(shape)}` };
}

/**
 * Problems the user can fix before any sampling: a parameter the condition cannot do without,
 * a minimiser it needs, a dimension it cannot handle. Returns the message, or null.
 */
export function specProblem(r: Resolved, obj: Objective, xstar?: Float64Array): string | null {
  const { def } = r;
  const missing = (def.requires ?? []).filter((p) => !(p in r.claimed));
  if (missing.length > 0)
    return `condition ${def.name} needs ${missing.join(' and ')} (write ${def.name}:${missing.map((m) => `${m}=...`).join(',')})`;
  if (def.needsXstar && !xstar && !obj.xstar)
    return `condition ${def.name} needs a minimiser: pass --xstar X1,...,X${obj.dim}`;
  if (def.maxDim !== undefined && obj.dim > def.maxDim)
    return `condition ${def.name} is evaluated up to dimension ${def.maxDim} (dense Hessians); ${obj.name} has ${obj.dim}`;
  return null;
}

/** Throw the first problem as a usage error (the command line's policy: exit 2 before sampling). */
export function validateSpecs(specs: ConditionSpec[], obj: Objective, xstar?: Float64Array): void {
  for (const s of specs) {
    const p = specProblem(resolveSpec(s), obj, xstar);
    if (p) throw new UsageError(p);
  }
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

/** What a resolved spec asks, as a result's `asked` field. */
export const askedOf = (mode: Mode): 'claim' | 'estimate' | 'frontier' =>
  mode.kind === 'claim' ? 'claim' : mode.kind === 'frontier' ? 'frontier' : 'estimate';

/** The fields every result of a spec starts from (no verdict yet). */
export function baseResult(
  r: Resolved,
  domain: Record<string, unknown>,
  counts: { evaluations: number; samples: number; undefinedSamples: number },
): ResultBase {
  return {
    condition: r.def.name,
    inequality: r.def.inequality,
    claimed: r.claimed,
    asked: askedOf(r.mode),
    estimate: {},
    ...counts,
    domain,
    notes: [],
  };
}
