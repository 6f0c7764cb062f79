/**
 * Objective specifications on the command line (contract: builtin:NAME?k=v&k=v,
 * expr:EXPRESSION, or a module path) → an Objective.
 */
import { parseParams, splitSpec } from '../core/params.ts';
import { UsageError } from '../errors.ts';
import { exprObjective } from './expr.ts';
import { loadModuleObjective } from './module.ts';
import { guarded, type BuiltinDef, type Objective, type ParamValues } from './objective.ts';
import { BUILTINS, findBuiltin } from './registry.ts';

/** Parse "k=v&k=v" against a built-in's parameter list (defaults filled in). */
export function parseBuiltinParams(def: BuiltinDef, query: string): ParamValues {
  return parseParams(`builtin:${def.name}`, query, def.params, { sep: '&', decode: true, defaults: true });
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
    const { name, rest } = splitSpec(spec.slice('builtin:'.length), '?');
    return makeBuiltin(name, rest);
  }
  if (spec.startsWith('expr:')) return exprObjective(spec.slice('expr:'.length)).objective;
  if (/\.(ts|js|mjs|mts|cjs)$/.test(spec)) return guarded(await loadModuleObjective(spec));
  throw new UsageError(
    `cannot read objective "${spec}": use builtin:NAME, expr:EXPRESSION or a path to a .ts, .js or .mjs module`,
  );
}
