/**
 * What a check returns (docs/contract.md, JSON of `gensmooth check`): one result per
 * condition, a union on the verdict as fast-check's RunDetails is, so a counterexample exists
 * only on `fails` and a cause only on `inconclusive`; and the report around them.
 */
import type { Box } from '../core/box.ts';
import type { Seed } from '../core/rng.ts';
import type { Domain, Origin } from '../domains/domain.ts';
import type { Params } from './model.ts';

export interface ConditionSpec {
  name: string;
  params: Params;
}

export type Verdict = 'holds' | 'fails' | 'estimated' | 'inconclusive';

export interface Counterexample {
  x: number[];
  y: number[] | null;
  lhs: number;
  rhs: number;
  /** The weight w of the sample (‖∇f‖^α, the gap, ...), for plots. */
  w?: number;
  /** lhs − rhs after the re-check, and the error bound it exceeded. */
  margin: number;
  tolerance: number;
  recheck: 'bignumber-64' | 'float64-error-bounded';
  /** The command line that evaluates the condition at this point alone (`--at`). */
  replay?: string;
}

export interface FrontierPoint {
  [param: string]: number | string;
}

/** Why a result is inconclusive. */
export type Cause = 'objective' | 'usage' | 'fstar' | 'time-limit' | 'overflow' | 'tolerance';

/** What a `holds` rests on (docs/theory.md §0.1: no number of samples proves it). */
export interface Coverage {
  /** Independent uniform draws from the domain (pairs: from the domain²) among the samples. */
  uniformSamples: number;
  /** Every evaluation the claim was judged against (samples, structured starts, search, shared). */
  evidence: number;
  confidence: number;
  /** With `confidence`, the fraction of the domain's uniform measure where the claim fails is below this. */
  violatingFractionBelow: number;
  /** A finite domain evaluated whole: the statement is about every one of its points. */
  exhaustive?: boolean;
  statement: string;
}

/** How the Hessian norms behind a result were computed. */
export interface HessianNormInfo {
  method: 'exact' | 'lanczos';
  /** Lanczos: each norm is an interval [lower, upper]; the upper ends hold jointly with this probability. */
  confidence?: number;
  /** Largest (upper − lower)/lower among the samples that decided the result. */
  maxRelativeWidth?: number;
}

/** Where the evaluations went. */
export interface SearchSummary {
  /** Evaluations attempted per origin (uniform, sampled, special, structured, ascent, local, shared, at). */
  spent: Partial<Record<Origin, number>>;
  /** Evaluations of the objective and its derivatives behind them. */
  objectiveCalls: number;
}

/** The fields every result has, whatever its verdict. */
export interface ResultBase {
  condition: string;
  inequality: string;
  /** Every given parameter, defaults included. */
  claimed: Params;
  /** What was asked: a verdict on a claim, one constant estimated, or the frontier of two. */
  asked: 'claim' | 'estimate' | 'frontier';
  /** The left-out constants (empty for a full claim). */
  estimate: Record<string, number | string | FrontierPoint[]>;
  evaluations: number;
  /** Defined samples in the evidence pool. */
  samples: number;
  /** The domain the condition was checked on. */
  domain: Record<string, unknown>;
  /** Smallest rhs − lhs over the evidence (claims that hold or are undecided): how close the claim came. */
  margin?: number;
  /**
   * For a claim: the tightest value of each claimed constant that the evidence supports with the
   * other constants as claimed (so `holds` and an estimate can never contradict each other).
   */
  tightest?: Record<string, number | string>;
  /** The sample where the estimate is attained (estimates), or forced (0 or unbounded). */
  attainedAt?: { x: number[]; y: number[] | null };
  /** Evaluations where the objective was undefined (NaN, ±∞), and the first such point. */
  undefinedSamples: number;
  undefinedAt?: { x: number[]; y: number[] | null };
  hessianNorm?: HessianNormInfo;
  dismissedCandidates?: number;
  /** Condition-specific evidence (e.g. the growth condition's radii and norms). */
  evidence?: Record<string, unknown>;
  search?: SearchSummary;
  /** True when --time-limit stopped the sampling or the search before it was done. */
  partial?: boolean;
  /** Evaluations whose value or gradient overflowed (±Infinity). */
  overflowSamples?: number;
  /** (w, lhs) of the samples, thinned evenly, when CheckOptions.keepSamples asks for them (reports). */
  scatter?: { w: number[]; lhs: number[] };
  notes: string[];
}

export type ConditionResult =
  | (ResultBase & { verdict: 'fails'; counterexample: Counterexample; reason?: undefined; cause?: undefined })
  | (ResultBase & {
      verdict: 'holds';
      counterexample: null;
      coverage?: Coverage;
      reason?: undefined;
      cause?: undefined;
    })
  | (ResultBase & { verdict: 'estimated'; counterexample: null; reason?: undefined; cause?: undefined })
  | (ResultBase & { verdict: 'inconclusive'; counterexample: null; cause: Cause; reason: string });

export interface CheckOptions {
  /** The box [lo, hi]^n (the default domain); ignored when `domain` is given. */
  box: Box;
  domain?: Domain;
  seed: Seed;
  samples: number;
  fstar?: number;
  xstar?: Float64Array;
  /** Local searches from the worst samples (default 6) and their budget each. */
  searchStarts?: number;
  searchBudget?: number;
  /** Keep up to this many (w, lhs) pairs per condition for plots (reports); default none. */
  keepSamples?: number;
  /** Stop sampling and searching at this time (performance.now() milliseconds); the result is marked partial. */
  deadline?: number;
  /** Any undefined value (NaN, ±∞) of the objective or its derivatives is an objective error. */
  strict?: boolean;
  /** Skip the derivative consistency check that runs before any condition. */
  noVerify?: boolean;
  /** Evaluate the conditions at these points only (one point, or two for pair conditions). */
  at?: Float64Array[];
  /**
   * Worker threads for parallel/parallel.ts's checkParallel (default one per core; 0: this thread).
   * Workers rebuild the objective from `objectiveSpec`; the report is the same for any count.
   */
  workers?: number;
  /** The objective's spec string (builtin:, expr:, a module path), so workers can rebuild it. */
  objectiveSpec?: string;
  /** The `--center` the domain was built with (a ball, or a sublevel set in one), so workers can rebuild it. */
  domainCenter?: Float64Array;
}

export interface FstarInfo {
  value: number;
  source: 'given' | 'objective' | 'estimated';
  unbounded?: boolean;
}

export interface CheckReport {
  objective: string;
  dim: number;
  seed: Seed;
  /** The box (for box domains: the contract's field). */
  box: Box | { lo: number[]; hi: number[] };
  domain: Record<string, unknown>;
  fstar?: FstarInfo;
  /** The derivative consistency check that ran before the conditions (null with --no-verify). */
  derivatives?: { verdict: 'ok' | 'mismatch'; points: number } | null;
  results: ConditionResult[];
  notes: string[];
}
