/**
 * One condition at given points (`--at X1,...`, repeated for the second point of a pair
 * condition): lhs, rhs and margin in full precision, evaluated as a counterexample is re-checked
 * (64 digits for expr: objectives, error-bounded doubles with dense or long-Lanczos Hessian norms
 * otherwise). A claim `fails` when lhs > rhs beyond the error bounds, else `holds`; without a
 * full claim, the result is the constant this point alone requires.
 */
import { krylovUpper } from '../core/krylov.ts';
import type { Domain } from '../domains/domain.ts';
import { UsageError } from '../errors.ts';
import type { Objective } from '../objectives/objective.ts';
import { PRECISE_FLOAT, floatContext } from './context.ts';
import { tolOf } from './estimate.ts';
import { preciseContext } from './precise.ts';
import { constantOf } from './results.ts';
import type { ConditionResult, FstarInfo } from './result.ts';
import { baseResult, type Resolved } from './spec.ts';
import { KRYLOV_CONFIDENCE } from './verdict.ts';

export function evaluateAt(
  obj: Objective,
  r: Resolved,
  at: Float64Array[],
  fstar: FstarInfo | undefined,
  xstar: Float64Array | null,
  domain: Domain,
): ConditionResult {
  const { def, mode } = r;
  const n = obj.dim;
  const need = def.kind === 'pair' ? 2 : 1;
  if (at.length !== need)
    throw new UsageError(
      def.kind === 'pair'
        ? `${def.name} is a pair condition: give both points, --at X1,... --at Y1,... (got ${at.length})`
        : `${def.name} is evaluated at one point: give one --at X1,... (got ${at.length})`,
    );
  if (def.run)
    throw new UsageError(`${def.name} is a statement about growth at infinity, not about one point: drop --at`);
  const z = new Float64Array(need * n);
  at.forEach((p, k) => z.set(p, k * n));
  const fs = fstar?.value ?? 0;
  const ctx = obj.symbolic
    ? preciseContext(obj.symbolic, fs, xstar)
    : floatContext(obj, { fstar: fs, xstar, ...PRECISE_FLOAT });
  const how = obj.symbolic ? 'bignumber-64' : 'float64-error-bounded';
  const s = def.evaluate(ctx, z, r.shape);
  const point = { x: Array.from(at[0]), y: need === 2 ? Array.from(at[1]) : null };
  const base = baseResult(r, domain.describe(), { evaluations: 1, samples: s ? 1 : 0, undefinedSamples: s ? 0 : 1 });
  if (!domain.contains(at[0]) || (need === 2 && !domain.contains(at[1])))
    base.notes.push(`the point is outside the domain ${domain.spec}; it was evaluated anyway`);
  if (!s) {
    return {
      ...base,
      verdict: 'inconclusive',
      counterexample: null,
      cause: 'objective',
      reason: `the objective is undefined (NaN or ±∞) at the given point`,
      undefinedAt: point,
    };
  }
  const shown = (A: number, B: number) => (def.display ? def.display(s, A, B) : { lhs: s.lhs, rhs: A + B * s.w });
  const evidence = { ...point, lhs: s.lhs, w: s.w, lhsErr: s.lhsErr, wErr: s.wErr, recheck: how };
  if (mode.kind !== 'claim') {
    const res: ConditionResult = {
      ...base,
      verdict: 'estimated',
      counterexample: null,
      evidence: { at: evidence },
      attainedAt: point,
    };
    if (mode.kind === 'estA' || mode.kind === 'frontier') {
      const B = mode.kind === 'estA' ? mode.B : 0;
      res.estimate[def.A!.param] = constantOf(def.A!, s.lhs - s.lhsErr - B * (s.w + s.wErr));
    } else {
      const ex = s.lhs - s.lhsErr - mode.A;
      res.estimate[def.B!.param] = constantOf(
        def.B!,
        s.w > s.wErr ? ex / (s.w + s.wErr) : ex > 0 ? Infinity : -Infinity,
      );
    }
    return res;
  }
  const v = s.lhs - (mode.A + mode.B * s.w);
  const tol = tolOf(s, mode.A, mode.B);
  const { lhs, rhs } = shown(mode.A, mode.B);
  const at1 = { ...evidence, rhs: mode.A + mode.B * s.w, margin: -v, tolerance: tol };
  if (v > tol)
    return {
      ...base,
      verdict: 'fails',
      counterexample: { ...point, lhs, rhs, w: s.w, margin: v, tolerance: tol, recheck: how },
      margin: -v,
      evidence: { at: at1 },
    };
  if (s.krylov) {
    const upper = krylovUpper(s.krylov, 1 - KRYLOV_CONFIDENCE);
    if (upper + s.lhsErr > mode.A + mode.B * (s.w + s.wErr))
      return {
        ...base,
        verdict: 'inconclusive',
        counterexample: null,
        cause: 'tolerance',
        reason: `‖∇²f‖ is known only to lie in [${s.lhs}, ${upper}], which contains the claimed bound ${mode.A + mode.B * s.w}`,
        margin: -v,
        evidence: { at: at1 },
      };
  }
  return { ...base, verdict: 'holds', counterexample: null, margin: -v, evidence: { at: at1 } };
}
