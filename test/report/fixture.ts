/** A hand-made check report with one result of each verdict, and a short run: exact inputs for the renderings. */
import type { CheckReport, ConditionResult } from '../../src/conditions/result.ts';
import type { Provenance, RunSection } from '../../src/report/report.ts';

const base = {
  inequality: '‖∇²f(x)‖ ≤ L0 + L1·‖∇f(x)‖^alpha (Hessian form)',
  evaluations: 120,
  samples: 100,
  domain: { kind: 'box', lo: -3, hi: 3 },
  undefinedSamples: 0,
  notes: [] as string[],
};

export function results(): ConditionResult[] {
  return [
    {
      ...base,
      condition: 'l0l1',
      claimed: { L0: 16, L1: 1, alpha: 1 },
      asked: 'claim',
      estimate: {},
      verdict: 'holds',
      counterexample: null,
      margin: 0.5,
      coverage: {
        uniformSamples: 60,
        evidence: 100,
        confidence: 0.95,
        violatingFractionBelow: 0.0487,
        statement: 'no violation in 100 evaluations (60 of them uniform on the domain): fine',
      },
      scatter: { w: [0, 1, 10, 100], lhs: [12, 13, 20, 110] },
    },
    {
      ...base,
      condition: 'l0l1',
      claimed: { L0: 1, L1: 1, alpha: 1 },
      asked: 'claim',
      estimate: {},
      verdict: 'fails',
      counterexample: {
        x: [2],
        y: null,
        lhs: 48,
        rhs: 33,
        w: 32,
        margin: 15,
        tolerance: 1e-11,
        recheck: 'bignumber-64',
        replay: "npx gensmooth check 'expr:x^4' --condition l0l1:L0=1,L1=1 --at 2",
      },
      scatter: { w: [1, 32], lhs: [13, 48] },
      notes: ['a note | with a pipe <and> an angle'],
    },
    {
      ...base,
      condition: 'gpl',
      inequality: '‖∇f(x)‖^rho / (2·mu) ≥ f(x) − f* (generalised Polyak–Łojasiewicz)',
      claimed: { rho: 2 },
      asked: 'estimate',
      estimate: { mu: 2 },
      verdict: 'estimated',
      counterexample: null,
      scatter: { w: [4, 16, 0], lhs: [1, 4, 0] },
    },
    {
      ...base,
      condition: 'descent-exp',
      claimed: {},
      asked: 'estimate',
      estimate: { frontier: [{ L1: 0, L0: Infinity }] },
      verdict: 'inconclusive',
      counterexample: null,
      cause: 'usage',
      reason: 'condition descent-exp needs L1 (write a|b)',
    },
  ] as ConditionResult[];
}

export function checkReport(): CheckReport {
  return {
    objective: 'expr:x^4',
    dim: 1,
    seed: 7,
    box: [-3, 3],
    domain: { kind: 'box', lo: -3, hi: 3, spec: 'box:-3:3' },
    fstar: { value: 0, source: 'given' },
    derivatives: { verdict: 'ok', points: 8 },
    results: results(),
    notes: ['top-level note'],
  };
}

export const PROV: Provenance = {
  tool: 'gensmooth',
  version: '9.9.9',
  gitCommit: null,
  node: 'v20.0.0',
  command: ['gensmooth', 'report', 'expr:x^4', '--condition', 'l0l1:L0=1,L1=1', '--out', 'my dir'],
};

export function run(fstar?: number): RunSection {
  const trace = [0, 1, 2, 4].map((t) => ({ t, f: 1 / (t + 1), gradNorm: 2 / (t + 1) }));
  return {
    result: {
      objective: 'expr:x^4',
      dim: 1,
      seed: 7,
      method: { name: 'gd', params: { gamma: 0.1 } },
      iters: 4,
      trace,
      x: [0.5],
      status: 'done',
      steps: 4,
      oracle: { gradients: 4, samples: 0, functionValues: 0, communicated: 0, curvatureSearches: 0 },
    },
    fstar,
    bound: fstar === undefined ? undefined : { label: 'Theorem 1 bound', values: trace.map((p) => p.f + 1) },
  };
}
