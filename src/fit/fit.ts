/**
 * `gensmooth fit`: conditions estimated and claims judged exactly over the rows of a
 * table of measurements (statistics.ts gives each row's (lhs, w)). A table is finite, so
 * every supremum is a maximum: the estimates are the tightest constants the rows
 * support (the frontier for two constants, conditions/estimate.ts), attained at a named
 * row; a claim fails at the rows whose lhs exceeds its rhs, every one of them named.
 * Bootstrap intervals over rows (resampled with replacement, seeded) show how much a few
 * rows decide: for a maximum, the interval runs from what the bulk supports to the most
 * extreme row.
 */
import type { ConditionDef, Params, Sample } from '../conditions/model.ts';
import { frontier, thinFrontier, tightA, tolOf } from '../conditions/estimate.ts';
import { findCondition } from '../conditions/registry.ts';
import type { ConditionSpec, FrontierPoint, Verdict } from '../conditions/result.ts';
import { Rng, type Seed } from '../core/rng.ts';
import { quantile } from '../core/stats.ts';
import { FIT_CONDITIONS, rowStatistics } from './statistics.ts';
import { whereOf, type Table } from './table.ts';

export interface RowRef {
  /** 1-based position among the data rows. */
  row: number;
  /** Where it is in the file: "line 17" (CSV) or "entry 5" (JSON). */
  where: string;
  step?: number;
}

export interface FitResult {
  condition: string;
  inequality: string;
  claimed: Params;
  verdict: Verdict;
  estimate: Record<string, number | string | FrontierPoint[]>;
  counterexample:
    | (RowRef & {
        x: null;
        y: null;
        lhs: number;
        rhs: number;
        w: number;
        margin: number;
        tolerance: number;
        recheck: 'none (measured data)';
      })
    | null;
  /** Rows used (one evaluation each: nothing is recomputed). */
  evaluations: number;
  samples: number;
  skippedRows: number;
  columns: { lhs: string; w: string };
  lowerBound: boolean;
  /** Smallest rhs − lhs over the rows (claims). */
  margin?: number;
  /** Every violating row of a claim (the first 100), and how many there are. */
  violations?: { count: number; rows: RowRef[] };
  attainedAt?: RowRef;
  /** The estimate with the deciding row removed, then the next, then the next. */
  sensitivity?: { dropped: RowRef[]; estimate: number | string }[];
  bootstrap?: {
    resamples: number;
    level: number;
    intervals: Record<string, [number, number]>;
    /** Claims: the share of resamples that still contain a violating row. */
    failingShare?: number;
    /** Frontiers: the interval of the tightest A at each breakpoint's B. */
    frontier?: Record<string, number | string | [number, number]>[];
  };
  notes: string[];
}

export interface FitReport {
  objective: string;
  kind: 'fit';
  dim: null;
  seed: Seed;
  rows: number;
  columns: string[];
  fstar?: { value: number; source: 'given' };
  results: FitResult[];
  notes: string[];
}

export interface FitOptions {
  seed: Seed;
  /** Bootstrap resamples (0: none); default 1000. */
  bootstrap?: number;
  fstar?: number;
}

/**
 * Tightest B at a given A, exactly: max over rows with w > 0 of (lhs − A)/w (∞ when a row with w = 0 exceeds
 * A). estimate.ts's tightB maps suprema beyond 1e10 times the natural scale to ∞ (samples approaching a
 * stationary point of a continuum); a finite table's supremum is its maximum.
 */
export function exactB(S: Sample[], A: number): { B: number; i: number } {
  let B = -Infinity,
    at = -1;
  for (let i = 0; i < S.length; i++) {
    const s = S[i];
    const b = s.w > 0 ? (s.lhs - A) / s.w : s.lhs > A ? Infinity : -Infinity;
    if (b > B) {
      B = b;
      at = i;
    }
  }
  return { B, i: at };
}

/** The constant named by a coefficient, with the contract's conventions for ∞ and for lower-type constants. */
function constantOf(def: ConditionDef, which: 'A' | 'B', c: number): number | string {
  const coef = which === 'A' ? def.A! : def.B!;
  if (coef.tight === 'largest') {
    // μ, θ: c = +∞ means no positive value works (0); c ≤ 0 or no constraint means every value works.
    if (c === Infinity) return 0;
    if (!(c > 0) && coef.from(c) === Infinity) return 'unbounded';
    return coef.from(c);
  }
  return Number.isFinite(c) ? coef.from(Math.max(c, 0)) : c > 0 ? 'unbounded' : coef.from(0);
}

const num = (v: number | string) => (typeof v === 'number' ? v : v === 'unbounded' ? Infinity : NaN);

function resolveSpec(spec: ConditionSpec) {
  const def = findCondition(spec.name)!;
  const claimed: Params = {};
  for (const p of def.params) {
    if (p.name in spec.params) claimed[p.name] = spec.params[p.name];
    else if (p.default !== undefined) claimed[p.name] = p.default;
  }
  const shape: Params = {};
  for (const p of def.params) if (p.role === 'shape') shape[p.name] = claimed[p.name];
  const hasA = def.A === null || def.A.param in claimed;
  const hasB = def.B === null || def.B.param in claimed;
  const A = def.A === null ? 0 : hasA ? def.A.to(claimed[def.A.param] as number) : NaN;
  const B = def.B === null ? 0 : hasB ? def.B.to(claimed[def.B.param] as number) : NaN;
  const kind = hasA && hasB ? 'claim' : hasB ? 'estA' : hasA ? 'estB' : 'frontier';
  return { def, claimed, shape, A, B, kind };
}

/** Fit one condition to the table. */
export function fitCondition(t: Table, spec: ConditionSpec, o: FitOptions): FitResult {
  const { def, claimed, shape, A, B, kind } = resolveSpec(spec);
  const st = rowStatistics(t, def, shape, o.fstar);
  const S = st.samples;
  const ref = (k: number): RowRef => {
    const i = st.rows[k];
    const r: RowRef = { row: i + 1, where: whereOf(t, i) };
    const step = t.data.step?.[i];
    if (step !== undefined && !Number.isNaN(step)) r.step = step;
    return r;
  };
  const res: FitResult = {
    condition: def.name,
    inequality: def.inequality,
    claimed,
    verdict: 'inconclusive',
    estimate: {},
    counterexample: null,
    evaluations: S.length,
    samples: S.length,
    skippedRows: st.skipped,
    columns: { lhs: st.lhs, w: st.w },
    lowerBound: st.lowerBound,
    notes: [...st.notes],
  };
  if (S.length === 0) {
    res.notes.push(`no row has both ${st.lhs} and ${st.w}: nothing to fit`);
    return res;
  }
  const nameA = def.A?.param,
    nameB = def.B?.param;
  // The one statistic each mode reports, as a function of a sample set (reused by the bootstrap).
  const tightest = (X: Sample[]): { value: number | string; i: number; name: string } => {
    if ((kind === 'claim' || kind === 'estA') && def.A) {
      const r = tightA(X, B);
      return { value: constantOf(def, 'A', r.A), i: r.i, name: nameA! };
    }
    const r = exactB(X, A);
    return { value: constantOf(def, 'B', r.B), i: r.i, name: nameB! };
  };
  const R = o.bootstrap ?? 1000;
  const rng = new Rng(o.seed, `fit/${def.name}`).stream('bootstrap');
  const idx = new Int32Array(S.length);
  const resample = () => Array.from(rng.indicesWith(S.length, S.length, idx), (i) => S[i]);
  const interval = (xs: number[]): [number, number] => [quantile(xs, 0.025), quantile(xs, 0.975)];

  if (kind === 'claim') {
    const bad: number[] = [];
    let margin = Infinity,
      worst = -1,
      worstRel = -Infinity;
    for (let k = 0; k < S.length; k++) {
      const s = S[k];
      const v = s.lhs - (A + B * s.w);
      margin = Math.min(margin, A + B * s.w - s.lhs);
      if (v > tolOf(s, A, B)) {
        bad.push(k);
        const rel = v / (Math.abs(A) + Math.abs(B * s.w) + Math.abs(s.lhs) + 1e-300);
        if (rel > worstRel) {
          worstRel = rel;
          worst = k;
        }
      }
    }
    res.margin = margin;
    res.verdict = bad.length > 0 ? 'fails' : 'holds';
    if (worst >= 0) {
      const s = S[worst];
      res.counterexample = {
        ...ref(worst),
        x: null,
        y: null,
        lhs: s.lhs,
        rhs: A + B * s.w,
        w: s.w,
        margin: s.lhs - (A + B * s.w),
        tolerance: tolOf(s, A, B),
        recheck: 'none (measured data)',
      };
      res.violations = { count: bad.length, rows: bad.slice(0, 100).map(ref) };
    }
    if (st.lowerBound && res.verdict === 'holds')
      res.notes.push(`${st.lhs} is a lower bound, so 'holds' covers only what was measured`);
    const tt = tightest(S);
    res.estimate[`tightest_${tt.name}`] = tt.value;
    if (R > 0) {
      let failing = 0;
      const margins: number[] = [],
        tight: number[] = [];
      const badSet = new Set(bad);
      for (let r = 0; r < R; r++) {
        rng.indicesWith(S.length, S.length, idx);
        let m = Infinity,
          f = false;
        for (let k = 0; k < idx.length; k++) {
          const s = S[idx[k]];
          m = Math.min(m, A + B * s.w - s.lhs);
          if (badSet.has(idx[k])) f = true;
        }
        if (f) failing++;
        margins.push(m);
        tight.push(num(tightest(Array.from(idx, (i) => S[i])).value));
      }
      res.bootstrap = {
        resamples: R,
        level: 0.95,
        intervals: { margin: interval(margins), [`tightest_${tt.name}`]: interval(tight) },
        failingShare: failing / R,
      };
    }
    return res;
  }
  res.verdict = 'estimated';
  if (kind === 'estA' || kind === 'estB') {
    const tt = tightest(S);
    res.estimate[tt.name] = tt.value;
    if (tt.i >= 0) res.attainedAt = ref(tt.i);
    if (kind === 'estA' && def.A && tightA(S, B).A < 0)
      res.notes.push(`every row satisfies the inequality with ${nameA} = 0`);
    // Drop the deciding row, then the next: how much the extreme rows alone decide.
    const alive = S.map((_, k) => k);
    res.sensitivity = [];
    const dropped: RowRef[] = [];
    for (let d = 0; d < 3 && alive.length > 1; d++) {
      const cur = tightest(alive.map((k) => S[k]));
      if (cur.i < 0) break;
      dropped.push(ref(alive[cur.i]));
      alive.splice(cur.i, 1);
      res.sensitivity.push({ dropped: [...dropped], estimate: tightest(alive.map((k) => S[k])).value });
    }
    if (R > 0) {
      const xs: number[] = [];
      for (let r = 0; r < R; r++) xs.push(num(tightest(resample()).value));
      res.bootstrap = { resamples: R, level: 0.95, intervals: { [tt.name]: interval(xs) } };
    }
    return res;
  }
  // Both constants left out: the frontier B ↦ Â(B).
  const all = frontier(S);
  const fr = thinFrontier(all);
  res.estimate.frontier = fr.map((p) => ({
    [nameB!]: constantOf(def, 'B', p.B),
    [nameA!]: constantOf(def, 'A', p.A),
  }));
  res.estimate[`${nameA}_at_${nameB}_0`] = constantOf(def, 'A', fr[0].A);
  const b0 = exactB(S, 0);
  res.estimate[`${nameB}_at_${nameA}_0`] = constantOf(def, 'B', b0.B);
  res.attainedAt = ref(tightA(S, 0).i);
  if (all.length > fr.length) res.notes.push(`frontier thinned from ${all.length} to ${fr.length} breakpoints`);
  if (R > 0) {
    const at0: number[] = [],
      b0s: number[] = [];
    const band: number[][] = fr.map(() => []);
    for (let r = 0; r < R; r++) {
      const X = resample();
      fr.forEach((p, k) => band[k].push(tightA(X, p.B).A));
      at0.push(tightA(X, 0).A);
      b0s.push(num(constantOf(def, 'B', exactB(X, 0).B)));
    }
    res.bootstrap = {
      resamples: R,
      level: 0.95,
      intervals: { [`${nameA}_at_${nameB}_0`]: interval(at0), [`${nameB}_at_${nameA}_0`]: interval(b0s) },
      frontier: fr.map((p, k) => ({ [nameB!]: constantOf(def, 'B', p.B), [nameA!]: interval(band[k]) })),
    };
  }
  return res;
}

/** The conditions a table determines (all estimated), when none are asked for. */
export function defaultFitSpecs(t: Table, fstar?: number): ConditionSpec[] {
  const out: ConditionSpec[] = [];
  for (const name of FIT_CONDITIONS) {
    try {
      const { def, shape } = resolveSpec({ name, params: {} });
      rowStatistics(t, def, shape, fstar);
      out.push({ name, params: {} });
    } catch {
      /* the table lacks this condition's columns */
    }
  }
  return out;
}

export function fitTable(t: Table, specs: ConditionSpec[], o: FitOptions): FitReport {
  const results = specs.map((s) => fitCondition(t, s, o));
  const notes = [
    'measured values carry no error bound (each row enters with lhsErr = wErr ' +
      '= 0): a row violates a claim when lhs exceeds rhs by more than 1e-12 relative',
  ];
  if (o.bootstrap !== 0)
    notes.push(
      `intervals: 2.5 % and 97.5 % quantiles over ${o.bootstrap ?? 1000} bootstrap ` +
        `resamples of the rows (with replacement, seed ${o.seed})`,
    );
  return {
    objective: t.source,
    kind: 'fit',
    dim: null,
    seed: o.seed,
    rows: t.rows,
    columns: t.columns,
    fstar: o.fstar !== undefined ? { value: o.fstar, source: 'given' } : undefined,
    results,
    notes,
  };
}

/**
 * The frontier pair (A, B) whose bound A + B·w is smallest at a given weight w (e.g. the
 * mean over the run): the tightest envelope there among the pairs the rows support
 * (with `positiveA`, among those with A > 0, e.g. so that 1/(K0 + K1·Δ) stays finite).
 */
export function frontierPairAt(r: FitResult, w: number, positiveA = false): { A: number; B: number } | null {
  const def = findCondition(r.condition)!;
  const fr = r.estimate.frontier;
  if (!Array.isArray(fr) || !def.A || !def.B) return null;
  let best: { A: number; B: number } | null = null;
  for (const p of fr) {
    const A = p[def.A.param],
      B = p[def.B.param];
    if (typeof A !== 'number' || typeof B !== 'number' || (positiveA && !(A > 0))) continue;
    if (!best || A + B * w < best.A + best.B * w) best = { A, B };
  }
  return best;
}
