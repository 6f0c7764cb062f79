/**
 * Objective specifications on the command line (contract: builtin:NAME?k=v&k=v,
 * expr:EXPRESSION, or a module path) → an Objective.
 */
import { UsageError } from '../errors.ts';
import { exprObjective } from './expr.ts';
import { loadModuleObjective } from './module.ts';
import { guarded, type BuiltinDef, type Objective, type ParamValues } from './objective.ts';
import { BUILTINS, findBuiltin } from './registry.ts';

/** Parse "k=v&k=v" against a built-in's parameter list (defaults filled in). */
export function parseBuiltinParams(def: BuiltinDef, query: string): ParamValues {
  const out: ParamValues = {};
  for (const p of def.params) out[p.name] = p.default;
  if (query === '') return out;
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new UsageError(`builtin:${def.name}: parameter "${part}" must be written k=v`);
    const k = decodeURIComponent(part.slice(0, eq));
    const raw = decodeURIComponent(part.slice(eq + 1));
    const spec = def.params.find((p) => p.name === k);
    if (!spec) {
      const known = def.params.map((p) => p.name).join(', ') || 'none';
      throw new UsageError(`builtin:${def.name}: unknown parameter "${k}" (parameters: ${known})`);
    }
    if (spec.kind === 'enum') {
      if (!spec.choices!.includes(raw))
        throw new UsageError(`builtin:${def.name}: ${k} must be one of ${spec.choices!.join(', ')}, got "${raw}"`);
      out[k] = raw;
      continue;
    }
    const v = raw.trim() === '' ? NaN : Number(raw);
    if (!Number.isFinite(v)) throw new UsageError(`builtin:${def.name}: ${k} must be a number, got "${raw}"`);
    if (spec.kind === 'int' && !Number.isInteger(v))
      throw new UsageError(`builtin:${def.name}: ${k} must be an integer, got "${raw}"`);
    if (spec.min !== undefined && v < spec.min)
      throw new UsageError(`builtin:${def.name}: ${k} must be ≥ ${spec.min}, got ${raw}`);
    if (spec.max !== undefined && v > spec.max)
      throw new UsageError(`builtin:${def.name}: ${k} must be ≤ ${spec.max}, got ${raw}`);
    if (spec.gt !== undefined && !(v > spec.gt))
      throw new UsageError(`builtin:${def.name}: ${k} must be > ${spec.gt}, got ${raw}`);
    out[k] = v;
  }
  return out;
}

export function makeBuiltin(name: string, query = ''): Objective {
  const def = findBuiltin(name);
  if (!def)
    throw new UsageError(`unknown built-in objective "${name}" (built-ins: ${BUILTINS.map((b) => b.name).join(', ')})`);
  const params = parseBuiltinParams(def, query);
  try {
    return def.make(params);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`builtin:${name}: ${e.message}`);
    throw e;
  }
}

/** Resolve an objective specification. */
export async function resolveObjective(spec: string): Promise<Objective> {
  if (spec.startsWith('builtin:')) {
    const rest = spec.slice('builtin:'.length);
    const q = rest.indexOf('?');
    return makeBuiltin(q < 0 ? rest : rest.slice(0, q), q < 0 ? '' : rest.slice(q + 1));
  }
  if (spec.startsWith('expr:')) return exprObjective(spec.slice('expr:'.length)).objective;
  if (/\.(ts|js|mjs|mts|cjs)$/.test(spec)) return guarded(await loadModuleObjective(spec));
  throw new UsageError(
    `cannot read objective "${spec}": use builtin:NAME, expr:EXPRESSION or a path to a .ts, .js or .mjs module`,
  );
}
