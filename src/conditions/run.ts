/**
 * Checking one condition: sample → search → re-check → verdict (design.md).
 *
 * 1. Special points: the known minimiser and start, stationary points found by
 *    Levenberg–Marquardt on ∇f = 0 from several starts (theory.md §0.2.3).
 * 2. f* when a condition needs it and it is not given: multi-start L-BFGS, and never
 *    above the smallest sampled value; reported as an estimate.
 * 3. The seeded sample set (generators/sampler.ts), then local maximisation of the
 *    statistic from the worst samples (theory.md §0.2.1). Every point the search
 *    evaluates joins the sample.
 * 4. Claims: a violation counts only if it exceeds the error bounds of lhs and rhs;
 *    the worst candidates are then re-checked (64-digit arithmetic for expr:
 *    objectives, a fresh double evaluation with error bounds otherwise), and only a
 *    re-checked one becomes the counterexample.
 * 5. Estimates: the tightest constant over every evaluated sample (theory.md §0.1),
 *    so an estimate is never above the truth beyond rounding; with two constants
 *    left out, the frontier (upper convex hull).
 */
import { Rng } from '../core/rng.ts';
import { sampleSet } from '../generators/sampler.ts';
import type { Objective } from '../objectives/objective.ts';
import { maximize } from '../search/local.ts';
import { type ConditionDef, type EvalContext, type Params, type Sample } from './conditions.ts';
import { findCondition } from './registry.ts';
import { floatContext } from './context.ts';
import { runGrowth } from './growth.ts';
import { preciseContext } from './precise.ts';
import { frontier, thinFrontier, tightA, tightB, tolOf } from './estimate.ts';
import type { CheckOptions, ConditionResult, ConditionSpec, FstarInfo } from './result.ts';

interface Mode {
  kind: 'claim' | 'estA' | 'estB' | 'frontier';
  A: number;
  B: number;
}

function modeOf(def: ConditionDef, claimed: Params): Mode {
  const hasA = def.A === null || def.A.param in claimed;
  const hasB = def.B === null || def.B.param in claimed;
  const A = def.A === null ? 0 : hasA ? def.A.to(claimed[def.A.param] as number) : NaN;
  const B = def.B === null ? 0 : hasB ? def.B.to(claimed[def.B.param] as number) : NaN;
  if (hasA && hasB) return { kind: 'claim', A, B };
  if (!hasA && hasB) return { kind: 'estA', A, B };
  if (hasA && !hasB) return { kind: 'estB', A, B };
  return { kind: 'frontier', A, B };
}

/** Thrown inside the sampling and search loops when the deadline has passed. */
class TimeUp extends Error {}

function isDiagonal(z: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (z[i] !== z[n + i]) return false;
  return true;
}

/** Conditions that are not a pointwise inequality run their own procedure. */
const CUSTOM_RUNNERS: Record<
  string,
  (obj: Objective, claimed: Params, opts: RunOptions, base: ConditionResult) => ConditionResult
> = { growth: runGrowth };

export interface RunOptions extends CheckOptions {
  fstarInfo?: FstarInfo;
  special: Float64Array[];
}

/** Check or estimate one condition. */
export function runCondition(obj: Objective, spec: ConditionSpec, opts: RunOptions): ConditionResult {
  const def = findCondition(spec.name)!;
  const n = obj.dim;
  const claimed: Params = {};
  for (const p of def.params) {
    if (p.name in spec.params) claimed[p.name] = spec.params[p.name];
    else if (p.default !== undefined) claimed[p.name] = p.default;
  }
  const shape: Params = {};
  for (const p of def.params) if (p.role === 'shape') shape[p.name] = claimed[p.name];
  const mode = modeOf(def, claimed);
  const base: ConditionResult = {
    condition: def.name,
    inequality: def.inequality,
    claimed,
    verdict: 'inconclusive',
    estimate: {},
    counterexample: null,
    evaluations: 0,
    samples: 0,
    undefinedSamples: 0,
    notes: [],
  };
  const custom = CUSTOM_RUNNERS[def.name];
  if (custom) return custom(obj, claimed, opts, base);
  const missing = (def.requires ?? []).filter((p) => !(p in claimed));
  if (missing.length > 0) {
    return {
      ...base,
      cause: 'usage',
      reason: `${def.name} needs ${missing.join(' and ')} (write ${def.name}:${missing.map((m) => `${m}=...`).join(',')})`,
    };
  }
  if (def.maxDim !== undefined && n > def.maxDim) {
    return {
      ...base,
      cause: 'usage',
      reason: `${def.name} is evaluated up to dimension ${def.maxDim} (dense Hessians); this objective has ${n}`,
    };
  }
  const xstar = opts.xstar ?? obj.xstar ?? null;
  if (def.needsXstar && !xstar) {
    return { ...base, cause: 'usage', reason: `${def.name} needs a minimiser: pass --xstar X1,...,X${n}` };
  }
  const fs = opts.fstarInfo;
  if (def.needsFstar && (!fs || !Number.isFinite(fs.value))) {
    return {
      ...base,
      cause: 'fstar',
      reason: fs?.unbounded
        ? 'f appears unbounded below (the minimiser ran away), so f − f* is undefined; pass --fstar if f* is finite'
        : 'f* could not be determined; pass --fstar',
    };
  }
  if (def.needsHessian && obj.smoothness === 'C1')
    base.notes.push(
      'the objective is only C¹: the Hessian is evaluated where it exists (piecewise), kinks can be missed',
    );
  const ctx = floatContext(obj, { fstar: fs?.value ?? 0, xstar });
  const rng = new Rng(opts.seed, `check/${def.name}`);
  const zs = sampleSet(rng.stream('samples'), {
    n,
    box: opts.box,
    count: opts.samples,
    kind: def.kind,
    special: opts.special,
  });
  const S: Sample[] = [];
  const Z: Float64Array[] = [];
  let undef = 0;
  let partial = false;
  let calls = 0;
  const evalAt = (z: Float64Array): Sample | null => {
    if (opts.deadline !== undefined && (++calls & 31) === 0 && performance.now() > opts.deadline) throw new TimeUp();
    // A pair with x = y carries no information (the search can collapse onto one).
    if (def.kind === 'pair' && isDiagonal(z, n)) return null;
    const s = def.evaluate(ctx, z, shape);
    if (s === null || !Number.isFinite(s.lhs) || !Number.isFinite(s.w)) {
      undef++;
      return null;
    }
    S.push(s);
    Z.push(Float64Array.from(z));
    return s;
  };
  try {
    for (const z of zs) evalAt(z);
  } catch (e) {
    if (!(e instanceof TimeUp)) throw e;
    partial = true;
  }
  if (S.length === 0) {
    if (partial)
      return {
        ...base,
        partial,
        cause: 'time-limit',
        evaluations: ctx.evaluations,
        reason: 'the time limit ended the run before any sample was evaluated',
      };
    return {
      ...base,
      cause: 'objective',
      evaluations: ctx.evaluations,
      undefinedSamples: undef,
      reason: `the objective is undefined (non-finite) at all ${zs.length} sampled ${def.kind === 'pair' ? 'pairs' : 'points'} of the box [${opts.box.join(', ')}]`,
    };
  }
  // Statistics to maximise, per mode.
  const stat = (s: Sample, B: number): number => {
    switch (mode.kind) {
      case 'claim':
        return (
          (s.lhs - (mode.A + mode.B * s.w)) / (Math.abs(mode.A) + Math.abs(mode.B * s.w) + Math.abs(s.lhs) + 1e-300)
        );
      case 'estA':
        return s.lhs - mode.B * s.w;
      case 'estB':
        return s.w > 0 ? (s.lhs - mode.A) / s.w : s.lhs > mode.A ? Infinity : -Infinity;
      default:
        return s.lhs - B * s.w;
    }
  };
  const searchFrom = (slopes: number[]) => {
    const starts = opts.searchStarts ?? 6;
    // Nelder–Mead converges in a few hundred evaluations up to 12 dimensions; above,
    // the evolution strategy gets a fixed budget per start.
    const budget = opts.searchBudget ?? (Z[0].length <= 12 ? Math.min(400, 60 + 40 * Z[0].length) : 150);
    const lo = new Float64Array(Z[0].length).fill(opts.box[0]);
    const hi = new Float64Array(Z[0].length).fill(opts.box[1]);
    const srng = rng.stream('search');
    for (const B of slopes) {
      const scores = S.map((s) => stat(s, B));
      const order = scores
        .map((_, i) => i)
        .filter((i) => Number.isFinite(scores[i]))
        .sort((a, b) => scores[b] - scores[a]);
      for (const i of order.slice(0, starts)) {
        maximize(
          (z) => {
            const s = evalAt(z);
            return s ? stat(s, B) : -Infinity;
          },
          Z[i],
          lo,
          hi,
          budget,
          srng,
          0.02 * (opts.box[1] - opts.box[0]),
        );
      }
    }
  };
  const guardTime = (f: () => void) => {
    try {
      f();
    } catch (e) {
      if (!(e instanceof TimeUp)) throw e;
      partial = true;
    }
  };
  if (mode.kind === 'frontier') {
    const f0 = frontier(S).filter((p) => Number.isFinite(p.B));
    const slopes = [0, ...f0.slice(1, 4).map((p) => p.B)];
    if (!partial) guardTime(() => searchFrom(slopes));
  } else if (!partial) guardTime(() => searchFrom([0]));

  const res: ConditionResult = {
    ...base,
    samples: S.length,
    undefinedSamples: undef,
    evaluations: ctx.evaluations,
    hessianNorm: def.needsHessian ? (ctx.hessExact ? 'exact' : 'lanczos-lower-bound') : undefined,
  };
  if (opts.keepSamples && opts.keepSamples > 0) {
    const step = Math.max(1, Math.ceil(S.length / opts.keepSamples));
    const kept = S.filter((_, i) => i % step === 0);
    res.scatter = { w: kept.map((q) => q.w), lhs: kept.map((q) => q.lhs) };
  }
  if (partial) {
    res.partial = true;
    res.notes.push(
      `the time limit stopped the run after ${S.length} evaluated samples (${zs.length} planned, plus the adversarial search): the result covers only what was searched`,
    );
  }
  if (ctx.overflows > 0) {
    res.overflowSamples = ctx.overflows;
    res.notes.push(
      `${ctx.overflows} evaluations overflowed (±Infinity): the objective exceeds the double range on part of the box`,
    );
  }
  if (def.needsHessian && !ctx.hessExact)
    res.notes.push(
      `dimension ${n} > 40: ‖∇²f‖ is a Lanczos lower bound, so estimates may be low and a 'holds' is weaker (a 'fails' stays valid)`,
    );
  if (undef > 0)
    res.notes.push(`${undef} samples were outside the domain or overflowed (non-finite values) and were skipped`);
  const pt = (i: number) => ({
    x: Array.from(Z[i].subarray(0, n)),
    y: def.kind === 'pair' ? Array.from(Z[i].subarray(n)) : null,
  });
  const nameA = def.A?.param,
    nameB = def.B?.param;

  if (mode.kind === 'claim') {
    // Candidates beyond their error bounds, the clearest first: by how many times the
    // violation exceeds its own tolerance, so the counterexample is one that no
    // rounding could explain, not merely the largest relative one.
    const cand: number[] = [];
    const clear: number[] = [];
    let margin = Infinity;
    for (let i = 0; i < S.length; i++) {
      const s = S[i];
      const v = s.lhs - (mode.A + mode.B * s.w);
      margin = Math.min(margin, -v);
      const tol = tolOf(s, mode.A, mode.B);
      if (v > tol) {
        cand.push(i);
        clear[i] = (v - tol) / tol;
      }
    }
    cand.sort((a, b) => clear[b] - clear[a]);
    const precise: EvalContext = obj.symbolic
      ? preciseContext(obj.symbolic, fs?.value ?? 0, xstar)
      : floatContext(obj, { fstar: fs?.value ?? 0, xstar, denseMax: 200, lanczosIter: 200 });
    const how = obj.symbolic ? 'bignumber-64' : 'float64-error-bounded';
    let dismissed = 0;
    for (const i of cand.slice(0, 8)) {
      const s = def.evaluate(precise, Z[i], shape);
      if (!s) {
        dismissed++;
        continue;
      }
      const v = s.lhs - (mode.A + mode.B * s.w);
      const tol = tolOf(s, mode.A, mode.B);
      if (v > tol) {
        const shown = def.display ? def.display(s, mode.A, mode.B) : { lhs: s.lhs, rhs: mode.A + mode.B * s.w };
        res.verdict = 'fails';
        res.counterexample = {
          ...pt(i),
          lhs: shown.lhs,
          rhs: shown.rhs,
          w: s.w,
          margin: v,
          tolerance: tol,
          recheck: how,
        };
        break;
      }
      dismissed++;
    }
    if (res.verdict !== 'fails' && (partial || ctx.overflows > 0)) {
      // No violation among what was searched, but that was not everything: never 'holds'.
      res.verdict = 'inconclusive';
      res.cause = partial ? 'time-limit' : 'overflow';
      res.reason = partial
        ? `no violation in the ${S.length} samples evaluated before the time limit; the planned search did not finish`
        : `no violation where the objective is finite, but it overflowed at ${ctx.overflows} evaluations: shrink --box to where f is representable`;
      res.margin = margin;
    } else if (res.verdict !== 'fails') {
      res.verdict = 'holds';
      res.margin = margin;
      if (dismissed > 0) res.dismissedCandidates = dismissed;
      if (dismissed > 0)
        res.notes.push(`${dismissed} apparent violation(s) were within rounding error after the re-check (${how})`);
    }
    res.evaluations = ctx.evaluations;
    return res;
  }
  res.verdict = 'estimated';
  if (mode.kind === 'estA') {
    const { A, i } = tightA(S, mode.B);
    res.estimate[nameA!] = def.A!.from(Math.max(A, 0));
    if (A < 0)
      res.notes.push(
        `every sample satisfies the inequality with ${nameA} = 0 (tightest value over the samples ${A.toPrecision(6)} < 0)`,
      );
    res.attainedAt = pt(i);
  } else if (mode.kind === 'estB') {
    const { B, i } = tightB(S, mode.A);
    const val = def.B!.from(Number.isFinite(B) ? (def.B!.tight === 'smallest' ? Math.max(B, 0) : B) : B);
    res.estimate[nameB!] = Number.isFinite(B) ? val : 'unbounded';
    if (!Number.isFinite(B) && B > 0)
      res.notes.push(
        `a sample with ${def.kind === 'pair' ? 'w' : 'zero weight'} = 0 exceeds ${nameA ?? 'the bound'} = ${def.A ? claimed[nameA!] : 0}: no finite ${nameB} works`,
      );
    if (i >= 0) res.attainedAt = pt(i);
  } else {
    const fr = thinFrontier(frontier(S));
    res.estimate.frontier = fr.map((p) => ({ [nameB!]: def.B!.from(p.B), [nameA!]: def.A!.from(p.A) }));
    res.estimate[`${nameA}_at_${nameB}_0`] = fr[0].A;
    const tb = tightB(S, 0);
    res.estimate[`${nameB}_at_${nameA}_0`] = Number.isFinite(tb.B) ? Math.max(tb.B, 0) : 'unbounded';
  }
  res.evaluations = ctx.evaluations;
  return res;
}
