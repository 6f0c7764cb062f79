/**
 * One parameter model for everything that takes `k=v` parameters on the command line:
 * built-in objectives (`builtin:NAME?k=v&k=v`), conditions and methods (`NAME:k=v,k=v`)
 * and theorems (`--theorem NAME:k=v`). Each parameter is declared once, with its kind,
 * bounds and default, and validated up front with a message that names the parameter
 * and says what to write (fast-check's constraint objects, docs/architecture.md).
 */
import { UsageError } from '../errors.ts';

export type ParamValue = number | string;
export type ParamValues = Record<string, ParamValue>;

export interface ParamDef {
  name: string;
  doc: string;
  /** 'num' (default): a finite number; 'int': a whole number; 'enum': one of `choices`. */
  kind?: 'num' | 'int' | 'enum';
  /** A parameter with a default always counts as given. */
  default?: ParamValue;
  /** Inclusive bounds. */
  min?: number;
  max?: number;
  /** Strictly positive. */
  positive?: boolean;
  /** Strict lower bound (the value must exceed it). */
  gt?: number;
  choices?: string[];
}

/** "NAME" or "NAME<sep>rest": the name (trimmed) and the rest ('' when absent). */
export function splitSpec(spec: string, sep = ':'): { name: string; rest: string } {
  const i = spec.indexOf(sep);
  return i < 0 ? { name: spec.trim(), rest: '' } : { name: spec.slice(0, i).trim(), rest: spec.slice(i + 1) };
}

/** Validate one raw value against its declaration; `owner` prefixes the message (e.g. "condition l0l1"). */
export function parseParamValue(owner: string, p: ParamDef, raw: string): ParamValue {
  if (p.kind === 'enum' || p.choices) {
    if (!p.choices!.includes(raw))
      throw new UsageError(`${owner}: ${p.name} must be one of ${p.choices!.join(', ')}, got "${raw}"`);
    return raw;
  }
  const v = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(v)) throw new UsageError(`${owner}: ${p.name} must be a finite number, got "${raw}"`);
  if (p.kind === 'int' && !Number.isInteger(v))
    throw new UsageError(`${owner}: ${p.name} must be an integer, got "${raw}"`);
  if (p.min !== undefined && v < p.min) throw new UsageError(`${owner}: ${p.name} must be ≥ ${p.min}, got ${raw}`);
  if (p.max !== undefined && v > p.max) throw new UsageError(`${owner}: ${p.name} must be ≤ ${p.max}, got ${raw}`);
  if (p.positive && !(v > 0)) throw new UsageError(`${owner}: ${p.name} must be > 0, got ${raw}`);
  if (p.gt !== undefined && !(v > p.gt)) throw new UsageError(`${owner}: ${p.name} must be > ${p.gt}, got ${raw}`);
  return v;
}

export interface ParseParamsOptions {
  /** Separator between parameters: ',' for conditions and methods, '&' for built-ins. */
  sep?: string;
  /** URL-decode keys and values (built-in query strings). */
  decode?: boolean;
  /** Start from every declared default. */
  defaults?: boolean;
}

/**
 * Parse "k=v<sep>k=v" against the declarations: unknown names, repeated names,
 * malformed pairs and out-of-range values are usage errors that name the parameter.
 */
export function parseParams(owner: string, text: string, defs: ParamDef[], o: ParseParamsOptions = {}): ParamValues {
  const sep = o.sep ?? ',';
  const out: ParamValues = {};
  if (o.defaults) for (const p of defs) if (p.default !== undefined) out[p.name] = p.default;
  const given = new Set<string>();
  for (const part of text.split(sep)) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) {
      const example = defs[0] ? ` (e.g. ${defs[0].name}=${defs[0].default ?? 1})` : '';
      throw new UsageError(`${owner}: parameter "${part}" must be written k=v${example}`);
    }
    const dec = (s: string) => (o.decode ? decodeURIComponent(s) : s);
    const k = dec(part.slice(0, eq)).trim();
    const raw = dec(part.slice(eq + 1)).trim();
    const p = defs.find((q) => q.name === k);
    if (!p) {
      const known = defs.map((q) => q.name).join(', ') || 'none';
      throw new UsageError(`${owner}: unknown parameter "${k}" (parameters: ${known})`);
    }
    if (given.has(k)) throw new UsageError(`${owner}: ${k} is given twice`);
    given.add(k);
    out[k] = parseParamValue(owner, p, raw);
  }
  return out;
}

/** Parameters without a value (no default, not given): a usage error naming them and how to write them. */
export function requireParams(owner: string, name: string, values: ParamValues, names: string[]): void {
  const missing = names.filter((k) => values[k] === undefined);
  if (missing.length > 0)
    throw new UsageError(
      `${owner} needs ${missing.join(', ')} (write ${name}:${missing.map((k) => `${k}=...`).join(',')})`,
    );
}

/** "k=v k=v" for `gensmooth list`: choices as a|b, defaults as k=v, required ones bare. */
export function describeParams(defs: ParamDef[]): string {
  return defs
    .map((p) =>
      p.choices ? `${p.name}=${p.choices.join('|')}` : p.default !== undefined ? `${p.name}=${p.default}` : p.name,
    )
    .join(' ');
}
