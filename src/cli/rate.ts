import { parseParams, requireParams, splitSpec, type ParamDef } from '../core/params.ts';
import { UsageError } from '../errors.ts';
import { clippingRate, insgdSampleComplexity, measureRate } from '../experiments/rate.ts';
import type { MethodDef } from '../optim/methods.ts';
import { resolveObjective } from '../objectives/spec.ts';
import { parseMethodSpec } from '../optim/methods.ts';
import { parse, parseIntOpt, parseNumber, parseSeedOpt, parseVector, toJson } from './args.ts';

function parseEps(s: string | undefined): number[] {
  if (s === undefined) return Array.from({ length: 7 }, (_, k) => 10 ** (-2 - k * 0.5));
  const m = /^([^:]+):([^:]+):(\d+)$/.exec(s);
  const hi = m ? Number(m[1]) : NaN,
    lo = m ? Number(m[2]) : NaN,
    k = m ? Number(m[3]) : NaN;
  if (!m || !(hi > lo && lo > 0) || !(k >= 3 && k <= 100))
    throw new UsageError(`--eps must be HI:LO:K with HI > LO > 0 and 3 ≤ K ≤ 100 (log-spaced targets), got "${s}"`);
  return Array.from({ length: k }, (_, i) => hi * (lo / hi) ** (i / (k - 1)));
}

/** The theorems `rate` compares against, with their parameters (core/params.ts). */
const THEOREMS: Record<string, ParamDef[]> = {
  'ngd-gpl': [
    { name: 'mu', doc: 'generalised PL constant', positive: true },
    { name: 'rho', doc: 'PL exponent', positive: true },
    { name: 'L0', doc: 'smoothness constant', min: 0 },
    { name: 'L1', doc: 'smoothness constant', min: 0 },
  ],
  'insgd-samples': [
    { name: 'gammaMax', doc: 'largest step size tried', positive: true, default: 1 },
    { name: 'maxT', doc: 'iteration cap', kind: 'int', min: 1, default: 2 ** 18 },
  ],
  'ggnc-n': [
    { name: 'L0', doc: 'smoothness constant', positive: true },
    { name: 'L1', doc: 'smoothness constant', positive: true },
  ],
};

function theoremParams(spec: string): { name: string; p: Record<string, number> } {
  const { name, rest } = splitSpec(spec);
  const defs = THEOREMS[name];
  if (!defs)
    throw new UsageError(`--theorem: unknown theorem "${name}" (theorems: ${Object.keys(THEOREMS).join(', ')})`);
  const p = parseParams(`--theorem ${name}`, rest, defs, { defaults: true });
  requireParams(
    `--theorem ${name}`,
    name,
    p,
    defs.map((d) => d.name),
  );
  return { name, p: p as Record<string, number> };
}

function parseTheorem(s: string | undefined) {
  if (s === undefined) return undefined;
  const { name, p } = theoremParams(s);
  if (name !== 'ngd-gpl')
    throw new UsageError(`--theorem ${name} is a scaling check: use it with --method insgd or ggnc`);
  return { kind: 'ngd-gpl' as const, mu: p.mu, rho: p.rho, L0: p.L0, L1: p.L1 };
}

/** The two scaling checks: I-NSGD's O(ε⁻⁴) samples, and generalised clipping's n^(−1/4). */
async function scalingCommand(
  spec: string,
  def: MethodDef,
  params: Record<string, number | string>,
  th: string,
  values: Record<string, unknown>,
): Promise<number> {
  const { name, p } = theoremParams(th);
  const seed = parseSeedOpt(values.seed as string | undefined);
  const obj = await resolveObjective(spec);
  const x0 = values.x0 !== undefined ? parseVector('--x0', values.x0 as string, obj.dim) : undefined;
  let r;
  if (name === 'insgd-samples') {
    if (def.name !== 'insgd') throw new UsageError('--theorem insgd-samples is about insgd: use --method insgd:...');
    r = insgdSampleComplexity(obj, def, params, {
      eps: parseEps(values.eps as string | undefined),
      gammaMax: p.gammaMax,
      maxT: p.maxT,
      seed,
      x0,
    });
  } else {
    if (def.name !== 'ggnc')
      throw new UsageError('--theorem ggnc-n is about ggnc: use --method ggnc:gamma=1,rho=1,norm=2,batch=B');
    const horizons = ((values.horizons as string | undefined) ?? '256,1024,4096,16384')
      .split(',')
      .map((h) => parseIntOpt('horizons', h, 0, 2, 100_000_000));
    r = clippingRate(obj, def, params, { horizons, L0: p.L0, L1: p.L1, seed, x0 });
  }
  if (values.json)
    process.stdout.write(toJson({ objective: obj.name, method: { name: def.name, params }, seed, ...r }) + '\n');
  else {
    const lines = [`${obj.name} with ${def.name}: ${r.theorem}`];
    for (const q of r.points)
      lines.push(
        `  ${name === 'insgd-samples' ? `ε = ${q.x}: ${q.measured ?? 'not reached'} per-sample gradients (T = ${q.cost})` : `n = ${q.x}: min ‖∇f‖_* ≤ ${q.measured?.toExponential(3)}`}`,
      );
    if (r.fit)
      lines.push(
        `fitted exponent ${r.fit.slope.toFixed(3)} [${r.fit.ci[0].toFixed(3)}, ${r.fit.ci[1].toFixed(3)}] against ${r.predicted}: ${r.consistent ? 'consistent with the bound' : 'significantly WORSE than the bound'}`,
      );
    for (const n of r.notes) lines.push(`note: ${n}`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  return 0;
}

export async function cmdRate(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      method: { type: 'string' },
      eps: { type: 'string' },
      'max-iters': { type: 'string' },
      fstar: { type: 'string' },
      x0: { type: 'string' },
      theorem: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      horizons: { type: 'string' },
    },
    'rate',
  );
  if (positionals.length !== 1) throw new UsageError('rate takes one OBJECTIVE');
  if (values.method === undefined) throw new UsageError('rate needs --method SPEC (e.g. --method gd:gamma=0.05)');
  const { def, params } = parseMethodSpec(values.method as string);
  const th = (values.theorem as string | undefined) ?? '';
  if (th.startsWith('insgd-samples') || th.startsWith('ggnc-n'))
    return scalingCommand(positionals[0], def, params, th, values);
  const theorem = parseTheorem(values.theorem as string | undefined);
  if (theorem && def.name !== 'ngd')
    throw new UsageError(
      '--theorem ngd-gpl is about ngd (β-normalised GD): use --method ngd:gamma=1,beta=B (γ is replaced by γ(ε))',
    );
  const eps = parseEps(values.eps as string | undefined);
  const maxIters = parseIntOpt('max-iters', values['max-iters'] as string | undefined, 1_000_000, 1, 100_000_000);
  const seed = parseSeedOpt(values.seed as string | undefined);
  const obj = await resolveObjective(positionals[0]);
  const fstar = values.fstar !== undefined ? parseNumber('--fstar', values.fstar as string) : obj.fstar;
  if (fstar === undefined) throw new UsageError(`rate needs f*: ${obj.name} has none known; pass --fstar`);
  const x0 = values.x0 !== undefined ? parseVector('--x0', values.x0 as string, obj.dim) : undefined;
  const r = measureRate(obj, def, params, { eps, maxIters, fstar, seed, x0, theorem });
  if (values.json) process.stdout.write(toJson(r) + '\n');
  else {
    const lines = [`${r.objective} with ${def.name}: T(ε) for f − f* ≤ ε`];
    for (const h of r.hits)
      lines.push(
        `  ε = ${h.eps.toExponential(2)}: T = ${h.iters ?? 'not reached'}${h.gamma !== undefined ? ` (γ = ${h.gamma.toExponential(3)})` : ''}`,
      );
    if (r.exponent)
      lines.push(
        `fitted exponent p in T ∝ ε^(−p): ${r.exponent.slope.toFixed(3)} [${r.exponent.ci[0].toFixed(3)}, ${r.exponent.ci[1].toFixed(3)}]`,
      );
    lines.push(`tail regime: ${r.regime.kind}`);
    if (r.prediction) {
      lines.push(`${r.prediction.theorem}:`);
      lines.push(`  paper: ${r.prediction.paper.case} → p = ${r.prediction.paper.exponent.toFixed(3)}`);
      lines.push(`  derived: p = ${r.prediction.derived.exponent.toFixed(3)} (${r.prediction.derived.note})`);
      const f = r.prediction.fitted;
      lines.push(
        `  inside the fit's 95 % interval${f ? ` [${f.ci[0].toFixed(3)}, ${f.ci[1].toFixed(3)}]` : ''}: ${r.prediction.supported}`,
        `  within ${r.prediction.withinTolerance.tolerance} of the fit${f ? ` (${f.slope.toFixed(3)})` : ''}, the allowance for the pre-asymptotic bias of finite targets: ${r.prediction.withinTolerance.supported}`,
      );
    }
    for (const n of r.notes) lines.push(`note: ${n}`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  return 0;
}
