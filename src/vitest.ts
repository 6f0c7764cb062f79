/**
 * gensmooth inside a user's vitest suite.
 *
 *   import { expect } from 'vitest';
 *   import { installMatchers, gensmoothSeed } from 'gensmooth/vitest';
 *   installMatchers(expect);
 *   await expect('./objectives/mine.ts').toSatisfy('l0l1:L0=4,L1=3', { box: [-2, 2] });
 *
 * The matcher passes when every claim holds (and every left-out constant could be
 * estimated); its failure message shows the counterexample and the exact command that
 * replays it. The seed is GENSMOOTH_SEED when set (so CI logs it), else 1.
 */
import { checkObjective } from './conditions/check.ts';
import { parseConditionSpec } from './conditions/spec.ts';
import { type ConditionResult } from './conditions/result.ts';
import type { Objective } from './objectives/objective.ts';
import { resolveObjective } from './objectives/spec.ts';
import { parseSeed, type Seed } from './core/rng.ts';

export interface SatisfyOptions {
  box?: [number, number];
  seed?: Seed;
  samples?: number;
  fstar?: number;
  xstar?: number[];
}

/** The run's seed: GENSMOOTH_SEED when set, else 1. */
export function gensmoothSeed(): Seed {
  const s = process.env.GENSMOOTH_SEED;
  return s !== undefined && s !== '' ? parseSeed(s) : 1;
}

const shellQuote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

/** The command that replays a check from the shell. */
export function replayCommand(
  objective: string,
  condition: string,
  o: Required<Pick<SatisfyOptions, 'box' | 'seed' | 'samples'>> & SatisfyOptions,
): string {
  const args = [
    'npx',
    'gensmooth',
    'check',
    objective,
    '--condition',
    condition,
    '--box',
    `${o.box[0]}:${o.box[1]}`,
    '--seed',
    String(o.seed),
    '--samples',
    String(o.samples),
  ];
  if (o.fstar !== undefined) args.push('--fstar', String(o.fstar));
  if (o.xstar) args.push('--xstar', o.xstar.join(','));
  return args.map(shellQuote).join(' ');
}

function describe(r: ConditionResult): string {
  if (r.counterexample) {
    const c = r.counterexample;
    return `counterexample x = [${c.x.join(', ')}]${c.y ? `, y = [${c.y.join(', ')}]` : ''}: lhs ${c.lhs} > rhs ${c.rhs} (re-checked: ${c.recheck})`;
  }
  return r.reason ?? `verdict ${r.verdict}`;
}

/** Check claims on an objective (a spec string or an Objective); resolves to the results. */
export async function satisfy(objective: string | Objective, condition: string, options: SatisfyOptions = {}) {
  const obj = typeof objective === 'string' ? await resolveObjective(objective) : objective;
  const o = {
    box: options.box ?? ([-3, 3] as [number, number]),
    seed: options.seed ?? gensmoothSeed(),
    samples: options.samples ?? 2000,
    ...options,
  };
  const report = checkObjective(obj, [parseConditionSpec(condition)], {
    box: o.box,
    seed: o.seed,
    samples: o.samples,
    fstar: o.fstar,
    xstar: o.xstar ? Float64Array.from(o.xstar) : undefined,
  });
  const r = report.results[0];
  const pass = r.verdict === 'holds' || r.verdict === 'estimated';
  const name = typeof objective === 'string' ? objective : obj.name;
  return { pass, result: r, replay: replayCommand(name, condition, o) };
}

interface MatcherContext {
  isNot: boolean;
}

/** Register `toSatisfy` on vitest's expect. */
export function installMatchers(expect: { extend(m: Record<string, unknown>): void }): void {
  expect.extend({
    async toSatisfy(this: MatcherContext, received: string | Objective, condition: string, options?: SatisfyOptions) {
      const { pass, result, replay } = await satisfy(received, condition, options);
      const what = typeof received === 'string' ? received : received.name;
      return {
        pass,
        message: () =>
          pass
            ? `expected ${what} not to satisfy ${condition}, but it ${result.verdict}\n  replay: ${replay}`
            : `expected ${what} to satisfy ${condition}: ${result.verdict}\n  ${describe(result)}\n  replay: ${replay}`,
      };
    },
  });
}

declare module 'vitest' {
  interface Assertion<T> {
    toSatisfy(condition: string, options?: SatisfyOptions): Promise<T>;
  }
  interface AsymmetricMatchersContaining {
    toSatisfy(condition: string, options?: SatisfyOptions): void;
  }
}
