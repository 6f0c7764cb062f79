/**
 * One argument path for `check` and `report` (and `check --out`): parsed and validated once,
 * before any sampling, so both commands accept the same flags, say the same things about bad
 * input, and keep the same exit codes.
 */
import { parseConditionSpec, validateSpecs, defaultSpecs } from '../conditions/spec.ts';
import type { CheckOptions, ConditionSpec } from '../conditions/result.ts';
import { parseDomain } from '../domains/parse.ts';
import { UsageError } from '../errors.ts';
import type { Objective } from '../objectives/objective.ts';
import { resolveObjective } from '../objectives/spec.ts';
import {
  parse,
  parseIntOpt,
  parseNumber,
  ordinal,
  parsePoint,
  parseSeedOpt,
  parseVector,
  type Options,
} from './args.ts';

/** The flags `check` and `report` share. */
export const CHECK_OPTIONS: NonNullable<Options> = {
  condition: { type: 'string', multiple: true },
  box: { type: 'string' },
  domain: { type: 'string' },
  fstar: { type: 'string' },
  xstar: { type: 'string' },
  seed: { type: 'string' },
  samples: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  'time-limit': { type: 'string' },
  at: { type: 'string', multiple: true },
  strict: { type: 'boolean' },
  'no-verify': { type: 'boolean' },
  workers: { type: 'string' },
  center: { type: 'string' },
  iters: { type: 'string' },
  x0: { type: 'string' },
};

export interface CheckArgs {
  objective: string;
  specs: ConditionSpec[];
  domainSpec: string;
  seed: CheckOptions['seed'];
  samples: number;
  fstar?: number;
  xstarText?: string;
  atText: string[];
  timeLimit?: number;
  json: boolean;
  out?: string;
  strict: boolean;
  noVerify: boolean;
  /** Worker threads (undefined: one per core). */
  workers?: number;
  values: Record<string, unknown>;
}

/** --time-limit SECONDS → a positive number of seconds. */
export function parseTimeLimit(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const v = parseNumber('--time-limit', s);
  if (!(v > 0)) throw new UsageError(`--time-limit must be a positive number of seconds, got ${s}`);
  return v;
}

/** Parse the shared flags (plus any a command adds); nothing is evaluated yet. */
export function parseCheckArgs(
  argv: string[],
  command: string,
  more: NonNullable<Options> = {},
  omit: string[] = [],
): CheckArgs {
  const options = Object.fromEntries(Object.entries({ ...CHECK_OPTIONS, ...more }).filter(([k]) => !omit.includes(k)));
  const { values, positionals } = parse(argv, options, command);
  if (positionals.length !== 1)
    throw new UsageError(
      `${command} takes one OBJECTIVE, got ${positionals.length}: gensmooth ${command} OBJECTIVE [--condition SPEC]... (see gensmooth ${command} --help)`,
    );
  if (values.box !== undefined && values.domain !== undefined)
    throw new UsageError(`${command}: give --box or --domain, not both (--box LO:HI is short for --domain box:LO:HI)`);
  const domainSpec = (values.domain as string | undefined) ?? `box:${(values.box as string | undefined) ?? '-3:3'}`;
  return {
    objective: positionals[0],
    specs: ((values.condition as string[] | undefined) ?? []).map(parseConditionSpec),
    domainSpec,
    seed: parseSeedOpt(values.seed as string | undefined),
    samples: parseIntOpt('samples', values.samples as string | undefined, 2000, 1, 1_000_000),
    fstar: values.fstar !== undefined ? parseNumber('--fstar', values.fstar as string) : undefined,
    xstarText: values.xstar as string | undefined,
    atText: (values.at as string[] | undefined) ?? [],
    timeLimit: parseTimeLimit(values['time-limit'] as string | undefined),
    json: values.json === true,
    out: values.out as string | undefined,
    strict: values.strict === true,
    noVerify: values['no-verify'] === true,
    workers: values.workers !== undefined ? parseIntOpt('workers', values.workers as string, 0, 0, 256) : undefined,
    values,
  };
}

export interface Prepared {
  obj: Objective;
  specs: ConditionSpec[];
  options: CheckOptions;
}

/** Resolve the objective and validate everything against it: problems are usage errors before any sampling. */
export async function prepareCheck(
  a: CheckArgs,
  specsOf: (obj: Objective, xstar?: Float64Array) => ConditionSpec[] = (obj, xstar) =>
    a.specs.length > 0 ? a.specs : defaultSpecs(obj, xstar),
): Promise<Prepared> {
  const obj = await resolveObjective(a.objective);
  const n = obj.dim;
  const xstar = a.xstarText !== undefined ? parseVector('--xstar', a.xstarText, n) : undefined;
  const center = a.values.center !== undefined ? parsePoint('--center', a.values.center as string, n) : undefined;
  const domain = parseDomain(a.domainSpec, {
    obj,
    seed: a.seed,
    center,
    iters: parseIntOpt('iters', a.values.iters as string | undefined, 200, 1, 1_000_000),
    x0: a.values.x0 !== undefined ? parsePoint('--x0', a.values.x0 as string, n) : undefined,
  });
  validateSpecs(a.specs, obj, xstar);
  const specs = specsOf(obj, xstar);
  const at = a.atText.map((s, k) => parsePoint(`the ${ordinal(k + 1)} --at`, s, n));
  const options: CheckOptions = {
    box: [domain.lo[0], domain.hi[0]],
    domain,
    seed: a.seed,
    samples: a.samples,
    fstar: a.fstar,
    xstar,
    strict: a.strict,
    noVerify: a.noVerify,
    deadline: a.timeLimit !== undefined ? performance.now() + 1000 * a.timeLimit : undefined,
    workers: a.workers,
    objectiveSpec: a.objective,
  };
  if (center) options.domainCenter = center;
  if (at.length > 0) options.at = at;
  return { obj, specs, options };
}
