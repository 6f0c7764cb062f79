/**
 * Module objectives: a .ts, .js or .mjs file whose default export is an objective
 * (contract: dim, value, grad; hvp and the other members optional). TypeScript
 * files load through tsx's scoped loader, imported only then: tsx (and esbuild behind
 * it) costs start-up time that built-ins, expressions and JavaScript modules never pay.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ObjectiveError, UsageError } from '../errors.ts';
import type { Objective } from './objective.ts';

export async function loadModuleObjective(path: string): Promise<Objective> {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new UsageError(`objective module "${path}" does not exist`);
  let mod: Record<string, unknown>;
  try {
    const url = pathToFileURL(abs).href;
    // TypeScript modules load through tsx's loader wherever they live.
    if (/\.(ts|mts|cts)$/.test(abs)) {
      const { tsImport } = await import('tsx/esm/api');
      mod = (await tsImport(url, import.meta.url)) as Record<string, unknown>;
    } else mod = (await import(url)) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(
      `objective module "${path}" could not be loaded: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    );
  }
  let obj = mod.default as Record<string, unknown> | undefined;
  // A TypeScript file outside an ESM package loads as CommonJS: unwrap its interop default.
  if (obj && typeof obj === 'object' && !('dim' in obj) && 'default' in obj)
    obj = obj.default as Record<string, unknown>;
  // A class as default export: instantiate it without arguments.
  if (typeof obj === 'function' && /^class\s/.test(Function.prototype.toString.call(obj))) {
    try {
      obj = new (obj as unknown as new () => Record<string, unknown>)();
    } catch (e) {
      throw new UsageError(
        `objective module "${path}": constructing the default-export class failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  if (obj === null || typeof obj !== 'object') {
    throw new UsageError(
      `objective module "${path}" has no usable default export: export default { dim, value(x), grad(x, out) }`,
    );
  }
  const dim = obj.dim;
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 1)
    throw new UsageError(
      `objective module "${path}": default export needs an integer dim ≥ 1, got ${JSON.stringify(dim)}`,
    );
  for (const m of ['value', 'grad'] as const) {
    if (typeof obj[m] !== 'function')
      throw new UsageError(`objective module "${path}": default export needs a ${m}() method`);
  }
  for (const m of ['hvp', 'hessian'] as const) {
    if (obj[m] !== undefined && typeof obj[m] !== 'function')
      throw new UsageError(`objective module "${path}": ${m} must be a function when present`);
  }
  const o = obj as unknown as Objective & {
    value: (x: Float64Array) => number;
    grad: (x: Float64Array, out: Float64Array) => number | void;
  };
  const name = typeof obj.name === 'string' && obj.name ? obj.name : path;
  const result: Objective = {
    name: path,
    dim,
    value: (x) => o.value.call(obj, x),
    grad: (x, out) => {
      const r: unknown = o.grad.call(obj, x, out);
      if (typeof r === 'number') return r;
      // Tolerate a gradient returned as an array instead of written into out, but only
      // with the right length: a wrong length is the objective's fault (exit 3).
      if (r !== null && typeof r === 'object' && typeof (r as ArrayLike<number>).length === 'number') {
        const arr = r as ArrayLike<number>;
        if (arr.length !== dim)
          throw new ObjectiveError(
            `objective module "${path}": grad returned ${arr.length} entries, expected dim = ${dim}`,
          );
        for (let i = 0; i < dim; i++) out[i] = Number(arr[i]);
      }
      return o.value.call(obj, x);
    },
    notes: name !== path ? [`module objective "${name}"`] : [],
  };
  if (o.hvp) result.hvp = (x, v, out) => o.hvp!.call(obj, x, v, out);
  if (o.hessian) result.hessian = (x, out) => o.hessian!.call(obj, x, out);
  for (const k of ['fstar', 'smoothness', 'finiteSum'] as const)
    if (obj[k] !== undefined) (result as unknown as Record<string, unknown>)[k] = obj[k];
  for (const k of ['xstar', 'x0'] as const) {
    const v = obj[k];
    if (v !== undefined) {
      const arr = Float64Array.from(v as ArrayLike<number>);
      if (arr.length !== dim)
        throw new UsageError(`objective module "${path}": ${k} has length ${arr.length}, expected dim = ${dim}`);
      result[k] = arr;
    }
  }
  return result;
}
