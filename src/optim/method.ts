/**
 * A method is one named-field block: its parameters (declared once, typed, parsed by
 * core/params.ts), its gradient oracle, its chain of transforms and its outer steps.
 * `method({ name, update, params, stochastic, oracle, chain, steps })` turns the block
 * into the MethodDef the loop runs; the blocks themselves live in methods/ by family.
 */
import type { ParamDef, ParamValue } from '../core/params.ts';
import { UsageError } from '../errors.ts';
import type { Transform } from './chain.ts';
import { fullGradient, miniBatch, type Oracle } from './oracle.ts';
import type { OuterStep } from './outer.ts';
import { constant, gapAdaptive, linearWarmup, polyak, type StepRule } from './schedules.ts';

/** A method's parameter: the shared declaration (core/params.ts). */
export type MethodParam = ParamDef;

type Bounds = Pick<ParamDef, 'min' | 'max' | 'positive' | 'gt'>;
/** A numeric parameter whose name is known to the type checker. */
export type NumParam<N extends string> = ParamDef & { name: N; kind: 'num' | 'int'; default?: number };
/** A choice among strings, typed as their union. */
export type ChoiceParam<N extends string, C extends string> = ParamDef & { name: N; kind: 'enum'; choices: C[] };

export const num = <const N extends string>(
  name: N,
  doc: string,
  o: Bounds & { default?: number } = {},
): NumParam<N> => ({ name, doc, kind: 'num', ...o });
export const int = <const N extends string>(
  name: N,
  doc: string,
  o: Bounds & { default?: number } = {},
): NumParam<N> => ({ name, doc, kind: 'int', ...o });
export const choice = <const N extends string, const C extends string>(
  name: N,
  doc: string,
  choices: C[],
  dflt: NoInfer<C>,
): ChoiceParam<N, C> => ({ name, doc, kind: 'enum', choices, default: dflt });

type ValueOf<P> = P extends { kind: 'enum'; choices: (infer C)[] } ? C : number;
/** The parameter record of a declaration list, typed: numbers for numbers, the choice union for choices. */
export type Values<D extends readonly ParamDef[]> = { [P in D[number] as P['name']]: ValueOf<P> };

/** Where the direction comes from, what is done around it and to it. */
export interface MethodPlan {
  oracle: Oracle;
  /** |B| and |B'| (checked against the objective's samples). */
  batch: number;
  batch2: number;
  chain: Transform[];
  steps: OuterStep[];
  step: StepRule;
}

export interface RunEnv {
  /** f* for the gap and Polyak rules (the objective's, or --fstar). */
  fstar?: number;
}

export interface MethodDef {
  name: string;
  update: string;
  params: MethodParam[];
  stochastic: boolean;
  build(p: Record<string, ParamValue>, env: RunEnv): MethodPlan;
}

/** The parameters most methods share. */
export const gammaP = num('gamma', 'step size', { positive: true });
export const betaP = num('beta', 'normalisation exponent β', { default: 1, min: 0 });
export const batchP = int('batch', 'mini-batch size |B|', { default: 1, min: 1 });
export const batch2P = int('batch2', "independent batch size |B'|", { default: 1, min: 1 });

/** s in the authors'-code variants: the code's gradient is s·∇f. */
export const codeScaleP = num('scale', "the code's gradient is scale·∇f (½ in the I-NSGD phase-retrieval script)", {
  default: 1,
  positive: true,
});

/** Step-size rule parameters every method takes. */
const scheduleP = [
  choice(
    'schedule',
    'step-size rule: constant, warmup (linear over `warmup` steps), gap (1/(K0 + K1(f − f*))), polyak ((f − f*)/‖g‖²)',
    ['constant', 'warmup', 'gap', 'polyak'],
    'constant',
  ),
  int('warmup', 'warm-up length (schedule=warmup)', { default: 100, min: 0 }),
  num('K0', 'curvature constant (schedule=gap)', { default: 1, min: 0 }),
  num('K1', 'gap coefficient (schedule=gap)', { default: 0, min: 0 }),
] as const;

function stepRule(p: Values<typeof scheduleP> & { gamma: number }, env: RunEnv, name: string): StepRule {
  const gamma = p.gamma;
  const needF = () => {
    if (env.fstar === undefined || !Number.isFinite(env.fstar))
      throw new UsageError(`${name}: schedule=${p.schedule} needs f*: the objective has none known; pass --fstar`);
    return env.fstar;
  };
  switch (p.schedule) {
    case 'warmup':
      return linearWarmup(gamma, p.warmup);
    case 'gap':
      return gapAdaptive(p.K0, p.K1, needF(), gamma);
    case 'polyak':
      return polyak(needF(), gamma);
    default:
      return constant(gamma);
  }
}

export interface MethodSpec<D extends readonly ParamDef[]> {
  name: string;
  /** The update in one line (gensmooth list). */
  update: string;
  /** The method's own parameters (the step-size rule's are appended). */
  params: D;
  /** Draws mini-batches (needs a finite sum); the default oracle is then g_B with |B| = batch. */
  stochastic?: boolean;
  /** The gradient oracle (default: ∇f, or g_B for stochastic methods). */
  oracle?: (p: Values<D>) => Oracle;
  chain: (p: Values<D>, step: StepRule) => Transform[];
  /** Outer steps, in the order they act (default: none). */
  steps?: (p: Values<D>) => OuterStep[];
}

/** One method from its named fields. */
export function method<const D extends readonly ParamDef[]>(m: MethodSpec<D>): MethodDef {
  const params: MethodParam[] = [...m.params, ...scheduleP];
  const defaults: Record<string, ParamValue> = {};
  for (const q of params) if (q.default !== undefined) defaults[q.name] = q.default;
  const stochastic = m.stochastic ?? false;
  return {
    name: m.name,
    update: m.update,
    params,
    stochastic,
    build(raw, env) {
      // parseMethodSpec validated the values against `params`; defaults fill what a caller of the API left out.
      const all = { ...defaults, ...raw };
      const p = all as Values<D>;
      const step = stepRule(all as Values<typeof scheduleP> & { gamma: number }, env, m.name);
      const batch = typeof all.batch === 'number' ? all.batch : 1;
      const batch2 = typeof all.batch2 === 'number' ? all.batch2 : 1;
      return {
        oracle: m.oracle ? m.oracle(p) : stochastic ? miniBatch(batch) : fullGradient(),
        batch,
        batch2,
        chain: m.chain(p, step),
        steps: m.steps ? m.steps(p) : [],
        step,
      };
    },
  };
}
