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
 *
 * A relative module path resolves like an import: against the test file that calls
 * the matcher or satisfy() (vitest knows which one is running), so the suite works
 * from any working directory and under `vitest --root`. `cwd` overrides that: a
 * directory, or a URL such as `import.meta.url` (a file URL resolves against the
 * file's directory, as `new URL(path, import.meta.url)` does).
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect as vitestExpect } from 'vitest';
import { checkObjective } from './conditions/check.ts';
import { parseDomain } from './domains/parse.ts';
import { findCondition } from './conditions/registry.ts';
import { parseConditionSpec } from './conditions/spec.ts';
import { type ConditionResult } from './conditions/result.ts';
import type { Objective } from './objectives/objective.ts';
import { resolveObjective } from './objectives/spec.ts';
import { parseSeed, type Seed } from './core/rng.ts';
import { UsageError } from './errors.ts';

export interface SatisfyOptions {
  box?: [number, number];
  seed?: Seed;
  samples?: number;
  fstar?: number;
  xstar?: number[];
  /** The domain, as `--domain` writes it (box:..., ball:R, sublevel:F, trajectory:METHOD, points:FILE); default the box. */
  domain?: string;
  /** The centre of a ball domain, the run length and start of a trajectory domain (as --center, --iters, --x0). */
  center?: number[];
  iters?: number;
  x0?: number[];
  /** Undefined values are errors (--strict); skip the derivative check (--no-verify). */
  strict?: boolean;
  noVerify?: boolean;
  /**
   * What a relative module path is relative to: a directory path, or a file URL (a
   * string or a URL object; `import.meta.url` means "next to this file"). Default: the
   * directory of the running test file, else process.cwd().
   */
  cwd?: string | { readonly href: string };
}

/** The run's seed: GENSMOOTH_SEED when set, else 1. */
export function gensmoothSeed(): Seed {
  const s = process.env.GENSMOOTH_SEED;
  return s !== undefined && s !== '' ? parseSeed(s) : 1;
}

const shellQuote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
const MODULE_RE = /\.(ts|js|mjs|mts|cjs)$/;

/** The test file vitest is running, when there is one. */
function runningTestFile(): string | undefined {
  try {
    return vitestExpect.getState().testPath ?? undefined;
  } catch {
    return undefined; // outside a vitest run
  }
}

/** The absolute path of a module objective, resolved against `cwd` (see SatisfyOptions.cwd). */
export function resolveModulePath(
  path: string,
  cwd?: string | { readonly href: string },
  testFile = runningTestFile(),
): string {
  if (path.startsWith('file:')) return fileURLToPath(path);
  if (isAbsolute(path)) return path;
  const base = typeof cwd === 'object' ? cwd.href : cwd;
  if (typeof cwd === 'object' && !base!.startsWith('file:'))
    throw new UsageError(`cwd must be a directory or a file: URL, got ${base}`);
  if (base !== undefined && base.startsWith('file:')) return fileURLToPath(new URL(path, base));
  if (base !== undefined) return resolve(base, path);
  return resolve(testFile ? dirname(testFile) : process.cwd(), path);
}

/** A path as the shell in process.cwd() writes it: relative when inside, absolute otherwise. */
function shellPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split(sep).join('/');
}

/** The command that replays a check from the shell. */
export function replayCommand(
  objective: string,
  condition: string,
  o: Required<Pick<SatisfyOptions, 'box' | 'seed' | 'samples'>> & SatisfyOptions & { at?: number[][] },
): string {
  const args = [
    'npx',
    'gensmooth',
    'check',
    objective,
    '--condition',
    condition,
    ...(o.domain ? ['--domain', o.domain] : ['--box', `${o.box[0]}:${o.box[1]}`]),
    '--seed',
    String(o.seed),
    '--samples',
    String(o.samples),
  ];
  if (o.fstar !== undefined) args.push('--fstar', String(o.fstar));
  if (o.xstar) args.push('--xstar', o.xstar.join(','));
  if (o.center) args.push('--center', o.center.join(','));
  if (o.iters !== undefined) args.push('--iters', String(o.iters));
  if (o.x0) args.push('--x0', o.x0.join(','));
  if (o.strict) args.push('--strict');
  if (o.noVerify) args.push('--no-verify');
  if (o.at) for (const p of o.at) args.push('--at', p.join(','));
  return args.map(shellQuote).join(' ');
}

/**
 * How to replay a check on an objective given as an object: the command line when its
 * name is one (a built-in or an expression, whose names are their specs, or a module
 * objective, whose name is its path), else the API call with the same options.
 */
export function replayFor(
  obj: Objective,
  condition: string,
  o: Required<Pick<SatisfyOptions, 'box' | 'seed' | 'samples'>> & SatisfyOptions,
): string {
  const name = obj.name;
  if (name.startsWith('builtin:') || name.startsWith('expr:')) return replayCommand(name, condition, o);
  if (MODULE_RE.test(name) && existsSync(resolve(name))) return replayCommand(shellPath(resolve(name)), condition, o);
  const opts = [`box: [${o.box[0]}, ${o.box[1]}]`, `seed: ${JSON.stringify(o.seed)}`, `samples: ${o.samples}`];
  if (o.fstar !== undefined) opts.push(`fstar: ${o.fstar}`);
  if (o.xstar) opts.push(`xstar: [${o.xstar.join(', ')}]`);
  return `await satisfy(objective, ${JSON.stringify(condition)}, { ${opts.join(', ')} }) with the objective object "${name}" (from gensmooth/vitest; no command line builds it)`;
}

function describe(r: ConditionResult): string {
  if (r.counterexample) {
    const c = r.counterexample;
    return `counterexample x = [${c.x.join(', ')}]${c.y ? `, y = [${c.y.join(', ')}]` : ''}: lhs ${c.lhs} > rhs ${c.rhs} (re-checked: ${c.recheck})${c.replay ? `\n  the point alone: ${c.replay}` : ''}`;
  }
  return r.reason ?? `verdict ${r.verdict}`;
}

/** Check claims on an objective (a spec string or an Objective); resolves to the results. */
export async function satisfy(objective: string | Objective, condition: string, options: SatisfyOptions = {}) {
  const isPath = typeof objective === 'string' && MODULE_RE.test(objective);
  const path = isPath ? shellPath(resolveModulePath(objective as string, options.cwd)) : undefined;
  const obj = typeof objective === 'string' ? await resolveObjective(path ?? objective) : objective;
  const o = {
    box: options.box ?? ([-3, 3] as [number, number]),
    seed: options.seed ?? gensmoothSeed(),
    samples: options.samples ?? 2000,
    ...options,
  };
  const domain = o.domain
    ? parseDomain(o.domain, {
        obj,
        seed: o.seed,
        center: o.center && Float64Array.from(o.center),
        iters: o.iters,
        x0: o.x0 && Float64Array.from(o.x0),
      })
    : undefined;
  const report = checkObjective(obj, [parseConditionSpec(condition)], {
    box: o.box,
    domain,
    seed: o.seed,
    samples: o.samples,
    fstar: o.fstar,
    xstar: o.xstar ? Float64Array.from(o.xstar) : undefined,
    strict: o.strict,
    noVerify: o.noVerify,
  });
  const r = report.results[0];
  const pass = r.verdict === 'holds' || r.verdict === 'estimated';
  const replay =
    typeof objective === 'string' ? replayCommand(path ?? objective, condition, o) : replayFor(obj, condition, o);
  // A counterexample also gets the command that evaluates it alone (--at), with the f* the run used.
  if (
    r.verdict === 'fails' &&
    typeof objective === 'string' &&
    r.counterexample.x &&
    !findCondition(condition.split(':')[0])?.run
  ) {
    const at = [r.counterexample.x, ...(r.counterexample.y ? [r.counterexample.y] : [])];
    const fstar = o.fstar ?? report.fstar?.value;
    r.counterexample.replay = replayCommand(path ?? objective, condition, { ...o, fstar, at });
  }
  return { pass, result: r, replay };
}

interface MatcherContext {
  isNot: boolean;
  testPath?: string;
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/**
 * Register `toSatisfy` on vitest's expect. vitest has a `toSatisfy(predicate, message?)`
 * of its own, which expect.extend replaces: a function in place of the condition is
 * answered as vitest answers it (synchronously, so un-awaited uses keep working).
 */
export function installMatchers(expect: { extend(m: Record<string, unknown>): void }): void {
  expect.extend({
    toSatisfy(
      this: MatcherContext,
      received: string | Objective,
      condition: string | ((value: unknown) => boolean),
      options?: SatisfyOptions | string,
    ): MatcherResult | Promise<MatcherResult> {
      if (typeof condition === 'function') {
        const pass = Boolean(condition(received));
        const what = typeof options === 'string' ? options : 'provided function';
        return { pass, message: () => `expected value to ${pass ? 'not ' : ''}satisfy ${what}` };
      }
      const opts = typeof options === 'object' ? options : {};
      const cwd = opts.cwd ?? (this.testPath ? dirname(this.testPath) : undefined);
      return satisfy(received, condition, { ...opts, cwd }).then(({ pass, result, replay }) => {
        const what = typeof received === 'string' ? received : received.name;
        return {
          pass,
          message: () =>
            pass
              ? `expected ${what} not to satisfy ${condition}, but it ${result.verdict}\n  replay: ${replay}`
              : `expected ${what} to satisfy ${condition}: ${result.verdict}\n  ${describe(result)}\n  replay: ${replay}`,
        };
      });
    },
  });
}

// The claim form beside vitest's predicate form, which is restated because a member of
// Assertion itself hides the one it inherits (vitest's CustomMatcher declares it).
declare module 'vitest' {
  interface Assertion<T> {
    toSatisfy(condition: string, options?: SatisfyOptions): Promise<T>;
    toSatisfy<E>(matcher: (value: E) => boolean, message?: string): void;
  }
}
