/**
 * The methods, by name (the contract's core table plus the ones docs/theory.md discusses),
 * each one named-field block in a family file under methods/: basic (GD, SGD, compressed,
 * zeroth-order), normalized, clipping, preconditioned (P-GD, Adam, DEO), escape
 * (perturbation, negative curvature, SAM, boxes) and variance-reduced (SPIDER).
 */
import { parseParams, requireParams, splitSpec } from '../core/params.ts';
import { UsageError } from '../errors.ts';
import type { MethodDef } from './method.ts';
import { gd, randomkSgd, sgd, zoGd } from './methods/basic.ts';
import { clippedGd, clippedScion, clippedSgd, clippedSgdCode, ggnc } from './methods/clipping.ts';
import {
  compressedPgd,
  compressedPsgd,
  dimerGd,
  pgd,
  ppgd,
  projectedGd,
  projectedNc,
  sam,
  zoNcf,
} from './methods/escape.ts';
import { insg, insgd, insgdCode, ngd, nsgd, nsgdMomentum } from './methods/normalized.ts';
import { adam, deo, precondGd } from './methods/preconditioned.ts';
import { spider, ssrgd } from './methods/variance-reduced.ts';

export type { MethodDef, MethodParam, MethodPlan, RunEnv } from './method.ts';

/** In the order `gensmooth list` shows them. */
export const METHODS: MethodDef[] = [
  gd,
  sgd,
  ngd,
  nsgd,
  clippedGd,
  clippedSgd,
  insgd,
  insg,
  nsgdMomentum,
  precondGd,
  ggnc,
  clippedScion,
  randomkSgd,
  sam,
  pgd,
  ppgd,
  spider,
  ssrgd,
  zoGd,
  zoNcf,
  dimerGd,
  compressedPgd,
  projectedGd,
  projectedNc,
  adam,
  deo,
  compressedPsgd,
  insgdCode,
  clippedSgdCode,
];

export function findMethod(name: string): MethodDef | undefined {
  return METHODS.find((m) => m.name === name);
}

/** Parse "NAME" or "NAME:k=v,k=v" into a validated parameter record (defaults filled in). */
export function parseMethodSpec(spec: string): { def: MethodDef; params: Record<string, number | string> } {
  const { name, rest } = splitSpec(spec);
  const m = findMethod(name);
  if (!m) throw new UsageError(`unknown method "${name}" (methods: ${METHODS.map((x) => x.name).join(', ')})`);
  const params = parseParams(`method ${name}`, rest, m.params, { defaults: true });
  requireParams(
    `method ${name}`,
    name,
    params,
    m.params.map((p) => p.name),
  );
  return { def: m, params };
}
