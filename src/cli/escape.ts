import { UsageError } from '../errors.ts';
import { escapeTimes, saddleInfo } from '../experiments/escape.ts';
import { dimer, saddleAvoidance } from '../experiments/avoidance.ts';
import { findBuiltin } from '../objectives/registry.ts';
import { makeBuiltin, parseBuiltinParams, resolveObjective } from '../objectives/spec.ts';
import { parseMethodSpec } from '../optim/methods.ts';
import { parse, parseBox, parseIntOpt, parseNumber, parseSeedOpt, parseVector, toJson } from './args.ts';

export async function cmdEscape(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      method: { type: 'string' },
      dims: { type: 'string' },
      runs: { type: 'string' },
      radius: { type: 'string' },
      'max-iters': { type: 'string' },
      at: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      avoid: { type: 'boolean' },
      saddle: { type: 'string' },
      iters: { type: 'string' },
      box: { type: 'string' },
    },
    'escape',
  );
  if (positionals.length !== 1) throw new UsageError('escape takes one OBJECTIVE');
  const seed = parseSeedOpt(values.seed as string | undefined);
  const out = (v: unknown, text: string) => process.stdout.write(values.json ? toJson(v) + '\n' : text);
  if (values.at !== undefined) {
    const obj = await resolveObjective(positionals[0]);
    const x = parseVector('--at', values.at as string, obj.dim);
    const s = saddleInfo(obj, x, seed);
    const dm = dimer(obj, x, { seed });
    out(
      { objective: obj.name, x: Array.from(x), ...s, dimer: dm },
      `${obj.name} at the given point: ‖∇f‖ = ${s.gradNorm.toExponential(3)}, λmin = ${s.lambdaMin.toPrecision(8)} (residual ${s.residual.toExponential(2)}, ${s.iterations} Lanczos steps), λmax = ${s.lambdaMax.toPrecision(8)}: ${s.strict ? 'a strict saddle' : 'not a strict saddle'}\n  Dimer (rotation along −(g₊ − g₋)⊥): curvature ${dm.curvature.toPrecision(8)} after ${dm.gradientCalls} gradient calls\n`,
    );
    return 0;
  }
  if (values.avoid) {
    if (values.method === undefined || values.saddle === undefined)
      throw new UsageError('escape --avoid needs --method SPEC and --saddle X1,X2,... (the saddle point)');
    const obj = await resolveObjective(positionals[0]);
    const { def, params } = parseMethodSpec(values.method as string);
    if (def.stochastic)
      throw new UsageError('escape --avoid is about deterministic update maps: use gd, clipped-gd, precond-gd, ...');
    const saddle = parseVector('--saddle', values.saddle as string, obj.dim);
    const runs = parseIntOpt('runs', values.runs as string | undefined, 40, 1, 100_000);
    const iters = parseIntOpt('iters', values.iters as string | undefined, 2000, 1, 10_000_000);
    const r = saddleAvoidance(obj, def, params, {
      saddle,
      runs,
      iters,
      box: parseBox(values.box as string | undefined),
      seed,
    });
    out(
      { objective: obj.name, seed, ...r },
      `${obj.name} with ${def.name}: ${r.endedAtSaddle}/${r.runs} random starts ended at the saddle\n  min σ(DT) over ${r.jacobian.samples} sampled points: ${r.jacobian.minSigma.toPrecision(4)} (invertible: ${r.jacobian.minSigma > 0})\n  eigenvalues of DT at the saddle: ${r.atSaddle.eigenvalues.map((v) => v.toPrecision(6)).join(', ')} (largest modulus ${r.atSaddle.maxModulus.toPrecision(6)}${r.atSaddle.maxModulus > 1 ? ' > 1: unstable' : ''})\n`,
    );
    return 0;
  }
  if (values.method === undefined)
    throw new UsageError(
      'escape needs --method SPEC (e.g. --method pgd:gamma=0.1,r=0.001) or --at X for the saddle test',
    );
  const spec = positionals[0];
  const m = /^builtin:([^?]+)(?:\?(.*))?$/.exec(spec);
  const bdef = m ? findBuiltin(m[1]) : undefined;
  if (!m || !bdef || !bdef.params.some((p) => p.name === 'd'))
    throw new UsageError(
      `escape against dimension needs a built-in with a d parameter (builtin:quartic-saddle), got "${spec}"`,
    );
  const base = parseBuiltinParams(bdef, m[2] ?? '');
  const dims = ((values.dims as string | undefined) ?? '2,10,100,1000').split(',').map((s) => {
    const d = Number(s);
    if (!Number.isInteger(d) || d < 1 || d > 1_000_000)
      throw new UsageError(`--dims entries must be integers in [1, 1e6], got "${s}"`);
    return d;
  });
  const runs = parseIntOpt('runs', values.runs as string | undefined, 15, 1, 10_000);
  const radius = values.radius !== undefined ? parseNumber('--radius', values.radius as string) : 0.5;
  if (!(radius > 0)) throw new UsageError('--radius must be > 0');
  const maxIters = parseIntOpt('max-iters', values['max-iters'] as string | undefined, 10_000, 1, 10_000_000);
  const { def, params } = parseMethodSpec(values.method as string);
  const query = (d: number) =>
    Object.entries({ ...base, d })
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
  const r = escapeTimes(def, params, {
    dims,
    runs,
    radius,
    maxIters,
    seed,
    make: (d) => makeBuiltin(bdef.name, query(d)),
  });
  const lines = [`builtin:${bdef.name} with ${def.name}: escape from the saddle (‖x − x_s‖ ≥ ${radius})`];
  lines.push(
    `  saddle (d = ${r.saddle.dim}): ‖∇f‖ = ${r.saddle.gradNorm.toExponential(2)}, λmin = ${r.saddle.lambdaMin.toPrecision(6)} (${r.saddle.strict ? 'strict' : 'not strict'})`,
  );
  for (const row of r.dims)
    lines.push(
      `  d = ${row.d}: median ${row.median ?? 'not escaped'} steps (${row.escaped}/${row.runs} escaped); per run: ${Object.entries(
        row.oracle,
      )
        .filter(([, v]) => v > 0)
        .map(([k, v]) => `${k} ${Math.round(v)}`)
        .join(', ')}`,
    );
  if (r.fit)
    lines.push(
      `  slope of the median against ln d: ${r.fit.slope.toFixed(3)} [${r.fit.ci[0].toFixed(3)}, ${r.fit.ci[1].toFixed(3)}]`,
    );
  if (r.predicted)
    lines.push(
      `  predicted slope: ${r.predicted.slope.toFixed(3)} = ${r.predicted.formula}; ${r.consistent ? 'consistent' : 'NOT consistent'}`,
    );
  for (const n of r.notes) lines.push(`  note: ${n}`);
  out({ objective: `builtin:${bdef.name}`, seed, ...r }, lines.join('\n') + '\n');
  return 0;
}
