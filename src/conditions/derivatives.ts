/**
 * The quick derivative check that runs before any condition (unless --no-verify): grad() against
 * finite differences of value(), and hvp() against differences of grad(), at a few seeded points of
 * the domain (objectives/verify.ts). A mismatch stops the run: nothing an objective with a wrong
 * gradient says about curvature can be trusted. Above 40 dimensions check.ts runs it as a task in the
 * first batch (on a worker, beside the stationary-point starts), and raises the mismatch before
 * anything that batch found is used.
 */
import { Rng } from '../core/rng.ts';
import type { Domain } from '../domains/domain.ts';
import { ObjectiveError, fmtPoint } from '../errors.ts';
import type { Objective } from '../objectives/objective.ts';
import { verifyObjective, type VerifyResult } from '../objectives/verify.ts';
import type { CheckOptions } from './result.ts';

/** The objective's derivatives disagree with its values: nothing it says about curvature can be trusted. */
export class DerivativeError extends ObjectiveError {
  constructor(
    message: string,
    readonly verify: VerifyResult,
  ) {
    super(message);
  }
}

const full = (v: number) => String(v);

/**
 * The quick derivative check's gradient test runs along every coordinate up to this dimension and
 * along 32 random directions above (a wrong component shows along almost every direction; `verify`
 * itself goes coordinate by coordinate up to 200).
 */
const CHECK_COORDINATE_MAX = 32;

/** The check's result (null: no point of the domain where f is defined); a mismatch is returned, not raised. */
export function derivativeCheck(
  obj: Objective,
  domain: Domain,
  seed: CheckOptions['seed'],
  strict = false,
): VerifyResult | null {
  const n = obj.dim;
  // A few seeded points of the domain where f is defined (the start first, when it is inside).
  const candidates = domain.starts(new Rng(seed, 'check/derivatives'), 16);
  if (obj.x0 && domain.contains(obj.x0)) candidates.unshift(Float64Array.from(obj.x0));
  const points = candidates.filter((x) => Number.isFinite(obj.value(x))).slice(0, n > 1000 ? 2 : 3);
  if (points.length === 0) return null;
  return verifyObjective(obj, {
    seed,
    at: points,
    coordinateMax: CHECK_COORDINATE_MAX,
    // Only the verdict is kept: a passing step is not refined for a sharper error.
    retryFailuresOnly: true,
    directions: n > 1000 ? 16 : 32,
    strict,
  });
}

/** The check's DerivativeError for a mismatch (nothing for a verdict of ok). */
export function raiseMismatch(obj: Objective, v: VerifyResult | null): void {
  if (!v || v.verdict !== 'mismatch') return;
  const n = obj.dim;
  const bad = !v.gradient.ok ? v.gradient : v.hvp!;
  const what = !v.gradient.ok ? 'gradient' : 'Hessian-vector product';
  const w = bad.worst;
  const where = w ? ` at x = ${fmtPoint(w.x)}` : '';
  const numbers = w
    ? `: ${what === 'gradient' ? `the directional derivative${w.direction !== undefined && n <= CHECK_COORDINATE_MAX ? ` along x${w.direction + 1}` : ''} is ${full(w.analytic)} by grad() and ${full(w.finiteDifference)} by finite differences of value()` : `‖∇²f·v‖ is ${full(w.analytic)} by hvp() and ${full(w.finiteDifference)} by differences of grad()`} (difference ${full(Math.abs(w.analytic - w.finiteDifference))}, finite-difference error about ${full(w.fdErrorEstimate)})`
    : '';
  throw new DerivativeError(
    `${obj.name}: ${bad.diagnosis ?? `the ${what} does not match finite differences`}${where}${numbers}. Fix the objective, or pass --no-verify to check the conditions anyway`,
    v,
  );
}

/** The quick derivative check that runs before any condition (unless --no-verify): its result, a mismatch raised. */
export function checkDerivatives(
  obj: Objective,
  domain: Domain,
  seed: CheckOptions['seed'],
  strict = false,
): VerifyResult | null {
  const v = derivativeCheck(obj, domain, seed, strict);
  raiseMismatch(obj, v);
  return v;
}
