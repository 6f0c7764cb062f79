/**
 * `--domain SPEC` (docs/contract.md): `box:LO:HI` or `box:LO1,...:HI1,...`; `ball:R` around
 * `--center` (default the objective's start); `sublevel:F`, optionally `sublevel:F:box:...` or
 * `sublevel:F:ball:R` for the ambient domain (default box:-3:3); `trajectory:METHOD_SPEC` (with
 * `--iters N`, the start `--x0` or the objective's own, and `tube=r` among the method's parameters);
 * `points:FILE`. Problems are usage errors that say what to write.
 */
import { Rng, type Seed } from '../core/rng.ts';
import { UsageError } from '../errors.ts';
import type { Objective } from '../objectives/objective.ts';
import { parseMethodSpec } from '../optim/methods.ts';
import { optimize } from '../optim/run.ts';
import { ballDomain } from './ball.ts';
import { parseBoxSpec } from './box.ts';
import type { Domain } from './domain.ts';
import { finiteDomain, readPoints } from './finite.ts';
import { sublevelDomain } from './sublevel.ts';

export interface DomainContext {
  obj: Objective;
  seed: Seed;
  /** --center X1,... (ball). */
  center?: Float64Array;
  /** --iters N (trajectory). */
  iters?: number;
  /** --x0 X1,... (trajectory). */
  x0?: Float64Array;
}

export const DOMAIN_KINDS = 'box:LO:HI, box:LO1,...:HI1,..., ball:R, sublevel:F, trajectory:METHOD_SPEC, points:FILE';

export function parseDomain(spec: string, c: DomainContext): Domain {
  const n = c.obj.dim;
  const colon = spec.indexOf(':');
  const kind = colon < 0 ? spec : spec.slice(0, colon);
  const rest = colon < 0 ? '' : spec.slice(colon + 1);
  switch (kind) {
    case 'box':
      return parseBoxSpec(spec, n);
    case 'ball': {
      const R = Number(rest);
      if (rest.trim() === '' || !(R > 0) || !Number.isFinite(R))
        throw new UsageError(`--domain ${spec}: write ball:R with a radius R > 0, e.g. ball:1`);
      const centre = c.center ?? c.obj.x0;
      if (!centre)
        throw new UsageError(
          `--domain ${spec}: ${c.obj.name} has no start to centre the ball on: pass --center X1,...`,
        );
      if (centre.length !== n)
        throw new UsageError(`--center has ${centre.length} entries but the objective has dimension ${n}`);
      return ballDomain(Float64Array.from(centre), R, spec);
    }
    case 'sublevel': {
      const k = rest.indexOf(':');
      const levelText = k < 0 ? rest : rest.slice(0, k);
      const F = levelText.trim() === '' ? NaN : Number(levelText);
      if (!Number.isFinite(F))
        throw new UsageError(`--domain ${spec}: write sublevel:F with a finite level F, e.g. sublevel:2`);
      const ambientSpec = k < 0 ? 'box:-3:3' : rest.slice(k + 1);
      if (!/^(box|ball):/.test(ambientSpec))
        throw new UsageError(
          `--domain ${spec}: the set is taken inside a box or a ball: sublevel:F:box:LO:HI or sublevel:F:ball:R`,
        );
      const ambient = parseDomain(ambientSpec, c);
      return sublevelDomain(c.obj, F, ambient, { rng: new Rng(c.seed, 'domain/sublevel'), spec });
    }
    case 'trajectory': {
      if (rest.trim() === '')
        throw new UsageError(`--domain ${spec}: write trajectory:METHOD_SPEC, e.g. trajectory:gd:gamma=0.1`);
      // tube=r belongs to the domain, the rest to the method.
      const m = /(^|[:,])tube=([^,]*)/.exec(rest);
      const tube = m ? Number(m[2]) : 0;
      if (m && !(tube >= 0)) throw new UsageError(`--domain ${spec}: tube=r needs a number r ≥ 0, got "${m[2]}"`);
      const methodSpec = m
        ? rest
            .replace(m[0], m[1] === ':' ? ':' : '')
            .replace(/:$/, '')
            .replace(/:,/, ':')
        : rest;
      const { def, params } = parseMethodSpec(methodSpec);
      const iters = c.iters ?? 200;
      const iterates: Float64Array[] = [];
      const result = optimize(c.obj, def, params, {
        iters,
        seed: c.seed,
        x0: c.x0,
        recordEvery: 1,
        stopWhen: (x) => {
          iterates.push(Float64Array.from(x));
          return false;
        },
      });
      const last = Float64Array.from(result.x);
      if (iterates.length === 0 || last.some((v, i) => v !== iterates[iterates.length - 1][i])) iterates.push(last);
      const finite = iterates.filter((x) => x.every(Number.isFinite));
      return finiteDomain(finite, {
        spec,
        describe: { kind: 'trajectory', method: { name: def.name, params }, iters, status: result.status },
        tube,
        notes: [
          `the trajectory of ${def.name} from ${c.x0 ? '--x0' : c.obj.x0 ? "the objective's start" : 'a seeded start'}: ${finite.length} iterates (${result.status})`,
        ],
      });
    }
    case 'points': {
      if (rest.trim() === '')
        throw new UsageError(`--domain ${spec}: write points:FILE (a JSON array of points, or CSV rows)`);
      return finiteDomain(readPoints(rest, n), { spec, describe: { kind: 'points', file: rest } });
    }
    default:
      throw new UsageError(`unknown domain "${kind}" in --domain ${spec} (domains: ${DOMAIN_KINDS})`);
  }
}
