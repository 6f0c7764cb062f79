/**
 * From a filled evidence pool to each spec's result (docs/contract.md): a claim decided
 * (verdict.ts) and the tightest constants its pool supports at the claim's other parameters;
 * an estimate or frontier computed from the whole pool (estimate.ts) after the samples it rests
 * on were re-evaluated precisely (refine.ts). Lower-type constants (μ, θ) are 0 when no positive
 * value works, with the sample that forces it; "unbounded" means every value works (an
 * upper-type constant: no finite value does).
 */
import { krylovUpper } from '../core/krylov.ts';
import { frontier, reachesZero, thinFrontier, tightA, tightB, topSamples } from './estimate.ts';
import type { Coef } from './model.ts';
import type { Pool } from './pool.ts';
import { preciseEvaluator, refineUntilStable } from './refine.ts';
import { floatContext } from './context.ts';
import type { ConditionResult, HessianNormInfo, ResultBase } from './result.ts';
import type { Env, Job } from './run.ts';
import { baseResult, type Resolved } from './spec.ts';
import { KRYLOV_CONFIDENCE, coverageOf, decideClaim } from './verdict.ts';

const fmt = (v: number) => Number(v.toPrecision(6)).toString();

/** A constant from its coefficient: upper-type ∞ is "unbounded"; lower-type is clipped at 0 (no positive value works). */
export function constantOf(coef: Coef, c: number): number | 'unbounded' {
  if (coef.tight === 'smallest') return c === Infinity ? 'unbounded' : coef.from(Math.max(c, 0));
  const v = coef.from(c);
  return v === Infinity ? 'unbounded' : Math.max(v, 0);
}

function pointOf(pool: Pool, n: number, i: number) {
  const z = pool.z(i);
  return { x: Array.from(z.subarray(0, n)), y: pool.kind === 'pair' ? Array.from(z.subarray(n)) : null };
}

function hessianInfo(pool: Pool, idx: number[]): HessianNormInfo {
  if (pool.krylov.size === 0) return { method: 'exact' };
  // The intervals of the few samples an estimate rests on, jointly at KRYLOV_CONFIDENCE.
  const delta = (1 - KRYLOV_CONFIDENCE) / Math.max(1, idx.length);
  let w = 0;
  for (const i of idx) {
    const b = pool.krylov.get(i);
    if (b && b.lower > 0) w = Math.max(w, (krylovUpper(b, delta) - b.lower) / b.lower);
  }
  return { method: 'lanczos', confidence: KRYLOV_CONFIDENCE, maxRelativeWidth: w };
}

export function resultFor(job: Job, r: Resolved, env: Env): ConditionResult {
  const { def, pool } = job;
  const n = env.obj.dim;
  const mode = r.mode;
  const base = baseResult(r, env.domain.describe(), {
    evaluations: job.calls,
    samples: pool.count,
    undefinedSamples: pool.undefinedCount,
  });
  const notes = base.notes;
  const extra: Partial<ResultBase> = {
    search: { spent: Object.fromEntries(pool.spent), objectiveCalls: job.calls },
  };
  if (pool.firstUndefined) {
    const z = pool.firstUndefined;
    extra.undefinedAt = { x: Array.from(z.subarray(0, n)), y: pool.kind === 'pair' ? Array.from(z.subarray(n)) : null };
    notes.push(
      `${pool.undefinedCount} evaluations were undefined (NaN or ±∞: outside the objective's domain, or overflowing), e.g. at x = [${extra.undefinedAt.x.slice(0, 6).map(fmt).join(', ')}${n > 6 ? ', …' : ''}]${extra.undefinedAt.y ? ' (a pair)' : ''}: they were skipped (--strict makes them an error)`,
    );
  }
  if (pool.count === 0) {
    if (job.partial)
      return {
        ...base,
        ...extra,
        verdict: 'inconclusive',
        counterexample: null,
        partial: true,
        cause: 'time-limit',
        reason:
          'the time limit came before any sample was evaluated (the derivative check, the special points or the draw of the initial sample took it)',
      };
    return {
      ...base,
      ...extra,
      verdict: 'inconclusive',
      counterexample: null,
      cause: 'objective',
      reason: `the objective is undefined (non-finite) at all ${pool.undefinedCount} evaluated ${def.kind === 'pair' ? 'pairs' : 'points'} of the domain ${env.domain.spec}`,
    };
  }
  if (job.partial) {
    extra.partial = true;
    notes.push(
      `the time limit stopped the run after ${pool.count} evaluated samples: the result covers only what was searched`,
    );
  }
  if (env.ctx.overflows > 0) {
    extra.overflowSamples = env.ctx.overflows;
    notes.push(
      `${env.ctx.overflows} evaluations overflowed (±Infinity): the objective exceeds the double range on part of the domain`,
    );
  }
  if (def.needsHessian && pool.krylov.size > 0)
    notes.push(
      `dimension ${n} > 40: each ‖∇²f‖ is a Lanczos interval; estimates use its certain lower end, and a 'holds' needs every upper end below the claim (jointly with ${KRYLOV_CONFIDENCE * 100} % probability)`,
    );
  if (env.opts.keepSamples && env.opts.keepSamples > 0) {
    const step = Math.max(1, Math.ceil(pool.count / env.opts.keepSamples));
    const w: number[] = [],
      lhs: number[] = [];
    for (let i = 0; i < pool.count; i += step)
      if (!pool.isDropped(i)) {
        w.push(pool.w[i]);
        lhs.push(pool.lhs[i]);
      }
    extra.scatter = { w, lhs };
  }
  const precise = env.precise(def, r.shape);
  const nameA = def.A?.param,
    nameB = def.B?.param;

  if (mode.kind === 'claim') {
    const medium =
      pool.krylov.size > 0 && n > 200
        ? preciseEvaluator(
            def,
            r.shape,
            floatContext(env.obj, { fstar: env.fstar?.value ?? 0, xstar: env.xstar, lanczosSteps: 48 }),
            precise.how,
          )
        : undefined;
    const out = decideClaim(pool, def, mode, precise, (i) => pointOf(pool, n, i), env.opts.deadline, medium);
    // The tightest constants the pool supports with the others as claimed.
    const tightest: Record<string, number | string> = {};
    if (def.A && def.B) {
      tightest[nameA!] = constantOf(def.A, tightA(pool, mode.B).A);
      tightest[nameB!] = constantOf(def.B, tightB(pool, mode.A).B);
    } else if (def.A) tightest[nameA!] = constantOf(def.A, tightA(pool, 0).A);
    else if (def.B) tightest[nameB!] = constantOf(def.B, tightB(pool, 0).B);
    const common = { ...base, ...extra, tightest, margin: out.margin };
    if (def.needsHessian) common.hessianNorm = hessianInfo(pool, out.verdict === 'undecided' ? [out.at] : []);
    if (out.dismissed > 0) {
      common.dismissedCandidates = out.dismissed;
      notes.push(
        `${out.dismissed} apparent violation(s) were within rounding error after the re-check (${precise.how})`,
      );
    }
    if (out.verdict === 'fails') return { ...common, verdict: 'fails', counterexample: out.counterexample };
    if (out.verdict === 'undecided')
      return {
        ...common,
        verdict: 'inconclusive',
        counterexample: null,
        // A run cut short by the time limit says so first: a longer run may settle the interval.
        cause: job.partial ? 'time-limit' : 'tolerance',
        reason: `${job.partial ? `the time limit ended the search after ${pool.count} samples; ` : ''}at x = [${pointOf(pool, n, out.at).x.slice(0, 6).map(fmt).join(', ')}${n > 6 ? ', …' : ''}] ‖∇²f‖ is known only to lie in [${fmt(out.lower)}, ${fmt(out.upper)}], which contains the claimed bound ${fmt(out.rhs)}${out.count > 1 ? ` (and ${out.count - 1} more samples like it)` : ''}; the claim is too tight to settle with Lanczos intervals in dimension ${n}`,
      };
    if (job.partial || env.ctx.overflows > 0)
      return {
        ...common,
        verdict: 'inconclusive',
        counterexample: null,
        cause: job.partial ? 'time-limit' : 'overflow',
        reason: job.partial
          ? `no violation in the ${pool.count} samples evaluated before the time limit; the planned search did not finish`
          : `no violation where the objective is finite, but it overflowed at ${env.ctx.overflows} evaluations: shrink the domain to where f is representable`,
      };
    const coverage = coverageOf(
      pool.countOf('uniform'),
      pool.count,
      env.domain.finite && {
        size: def.kind === 'pair' ? env.domain.finite.pairs : env.domain.finite.points,
        kind: def.kind,
      },
    );
    if (common.hessianNorm && out.confidence !== undefined) common.hessianNorm.confidence = out.confidence;
    return { ...common, verdict: 'holds', counterexample: null, coverage };
  }

  const res: ConditionResult = { ...base, ...extra, verdict: 'estimated', counterexample: null };
  let decisive: number[];
  if (mode.kind === 'estA') {
    refineUntilStable(pool, (k) => topSamples(pool, k, 'A', mode.B), precise);
    const { A, i } = tightA(pool, mode.B);
    res.estimate[nameA!] = constantOf(def.A!, A);
    if (A < 0)
      notes.push(
        `every sample satisfies the inequality with ${nameA} = 0 (tightest value over the samples ${fmt(A)} < 0)`,
      );
    if (i >= 0) res.attainedAt = pointOf(pool, n, i);
    decisive = [i];
  } else if (mode.kind === 'estB') {
    refineUntilStable(pool, (k) => topSamples(pool, k, 'B', mode.A), precise);
    const t = tightB(pool, mode.A);
    const v = constantOf(def.B!, t.B);
    res.estimate[nameB!] = v;
    if (t.i >= 0) res.attainedAt = pointOf(pool, n, t.i);
    decisive = [t.i];
    if (t.forced) {
      const s = pool.sample(t.i);
      notes.push(
        def.B!.tight === 'largest'
          ? `no positive ${nameB} works: at the point where the estimate is attained (attainedAt), the weight is zero within rounding (${fmt(s.w)} ± ${fmt(s.wErr)}) while the other side is ${fmt(s.lhs)} (re-checked, ${precise.how})`
          : `a sample with zero weight (${fmt(s.w)} ± ${fmt(s.wErr)}) exceeds ${nameA ?? 'the bound'} = ${def.A ? r.claimed[nameA!] : 0}: no finite ${nameB} works (re-checked, ${precise.how})`,
      );
    } else if (def.B!.tight === 'largest' && v === 0)
      notes.push(
        `no positive ${nameB} works: the sample where the estimate is attained (attainedAt) requires a value ≤ 0`,
      );
  } else {
    // The frontier rests on its vertices; each round re-evaluates those and the best samples at each vertex's slope.
    refineUntilStable(
      pool,
      (k) => {
        const fr = frontier(pool);
        // The vertices, and the best samples at four of the vertices' slopes (the first and spread over the rest).
        const slopes = [0, 1, 2, 3].map((q) => fr[Math.round((q * (fr.length - 1)) / 3)].B);
        return [...new Set([...fr.map((p) => p.i), ...slopes.flatMap((B) => topSamples(pool, k, 'A', B))])];
      },
      precise,
    );
    const all = frontier(pool);
    const fr = thinFrontier(all);
    res.estimate.frontier = fr.map((p) => ({ [nameB!]: def.B!.from(p.B), [nameA!]: def.A!.from(Math.max(p.A, 0)) }));
    res.estimate[`${nameA}_at_${nameB}_0`] = Math.max(fr[0].A, 0);
    res.estimate[`${nameB}_at_${nameA}_0`] = reachesZero(all) ? fr[fr.length - 1].B : 'unbounded';
    decisive = all.map((p) => p.i);
  }
  if (def.needsHessian) res.hessianNorm = hessianInfo(pool, decisive);
  return res;
}
