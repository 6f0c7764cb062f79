/**
 * What a check returns: one result per condition (verdict, estimate, evidence) and
 * the report around them (contract.md, JSON of `gensmooth check`).
 */
import type { Box } from '../core/box.ts';
import type { Seed } from '../core/rng.ts';
import type { Params } from './conditions.ts';

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
}

export interface FrontierPoint {
  [param: string]: number | string;
}

export interface ConditionResult {
  condition: string;
  inequality: string;
  claimed: Params;
  verdict: Verdict;
  estimate: Record<string, number | string | FrontierPoint[]>;
  counterexample: Counterexample | null;
  evaluations: number;
  samples: number;
  /** Smallest rhs − lhs over the samples (holds), for how close the claim came. */
  margin?: number;
  /** The sample where the estimate is attained (estimates). */
  attainedAt?: { x: number[]; y: number[] | null };
  undefinedSamples: number;
  hessianNorm?: 'exact' | 'lanczos-lower-bound';
  dismissedCandidates?: number;
  /** Condition-specific evidence (e.g. the growth condition's radii and norms). */
  evidence?: Record<string, unknown>;
  reason?: string;
  /** Why a result is inconclusive: the objective failed, a parameter or input is missing, or f* is unknown. */
  cause?: 'objective' | 'usage' | 'fstar' | 'time-limit' | 'overflow';
  /** True when --time-limit stopped the sampling or the search before it was done. */
  partial?: boolean;
  /** Samples whose value or gradient overflowed (±Infinity). */
  overflowSamples?: number;
  /** (w, lhs) of the samples, thinned evenly, when CheckOptions.keepSamples asks for them (reports). */
  scatter?: { w: number[]; lhs: number[] };
  notes: string[];
}

export interface CheckOptions {
  box: Box;
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
  box: Box;
  fstar?: FstarInfo;
  results: ConditionResult[];
  notes: string[];
}
