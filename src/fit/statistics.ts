/**
 * Which conditions a table of measurements determines, and each row's statistic in the
 * form lhs ≤ A + B·w of docs/theory.md §0.1 (the same (lhs, w) the check engine computes at a
 * sampled point, here read from the columns):
 *
 * | condition      | lhs                                         | w                |
 * |----------------|---------------------------------------------|------------------|
 * | lsmooth        | local_smoothness                            | 0                |
 * | l0l1           | hess_norm (or hess_norm_lower)              | grad_norm^alpha  |
 * | l0l1-alpha     | local_smoothness (the secant form)          | grad_norm^alpha  |
 * | curvature-gap  | hess_norm, hess_norm_lower or local_smoothness | f − f*        |
 * | gpl            | f − f*                                      | grad_norm^rho    |
 *
 * A row's local_smoothness is ‖∇f(x_{t+1}) − ∇f(x_t)‖/‖x_{t+1} − x_t‖ and its grad_norm
 * is ‖∇f(x_t)‖, so in l0l1-alpha the gradient norm is taken at y = x_t, the earlier
 * point of the pair (I-NSGD eq. 2). f − f* is the loss_gap column, or loss − F with
 * --fstar F. Measured values carry no error bound: each Sample has lhsErr = wErr = 0.
 */
import type { ConditionDef, Params, Sample } from '../conditions/model.ts';
import { UsageError } from '../errors.ts';
import { whereOf, type Column, type Table } from './table.ts';

/** The conditions `fit` can evaluate, in the order the default run lists them. */
export const FIT_CONDITIONS = ['lsmooth', 'l0l1', 'l0l1-alpha', 'curvature-gap', 'gpl'];

export interface RowStatistics {
  /** One sample per usable row, and that row's index in the table. */
  samples: Sample[];
  rows: number[];
  /** Which columns gave lhs and w (w: a formula of them). */
  lhs: string;
  w: string;
  /** Rows left out because a needed cell was empty. */
  skipped: number;
  /** lhs is a lower bound on the quantity the condition bounds (estimates are lower bounds, a 'holds' is weaker). */
  lowerBound: boolean;
  notes: string[];
}

const SECANT = '‖∇f(x_{t+1}) − ∇f(x_t)‖/‖x_{t+1} − x_t‖';
const has = (t: Table, c: Column) => t.data[c] !== undefined;

function need(t: Table, cond: string, what: string, options: Column[][]): Column[] {
  const found = options.find((cols) => cols.every((c) => has(t, c)));
  if (found) return found;
  throw new UsageError(
    `${cond} needs ${what}; ${t.source} has columns ${t.columns.join(', ') || '(none)'} ` +
      `(the columns are listed in docs/fit.md)`,
  );
}

/** f − f* per row: the loss_gap column, or loss − F. A row below F means F is not a lower bound. */
function gapOf(t: Table, cond: string, fstar: number | undefined): { values: Float64Array; name: string } {
  if (fstar !== undefined) {
    need(t, cond, 'the loss gap: with --fstar, a loss column', [['loss']]);
    const loss = t.data.loss!;
    const values = new Float64Array(t.rows);
    for (let i = 0; i < t.rows; i++) {
      values[i] = loss[i] - fstar;
      if (values[i] < 0)
        throw new UsageError(
          `${t.source}: ${whereOf(t, i)} has loss ${loss[i]} below --fstar ${fstar}: ` +
            `f* must lie below every loss (pass --fstar ${loss[i]} or lower)`,
        );
    }
    return { values, name: `loss − ${fstar}` };
  }
  need(t, cond, 'the loss gap f − f*: a loss_gap column, or a loss column and --fstar F', [['loss_gap']]);
  return { values: t.data.loss_gap!, name: 'loss_gap' };
}

function powered(g: Float64Array, a: number): Float64Array {
  // 0^0 = 1 (docs/theory.md §a2 pitfalls), as the check engine's pw().
  return Float64Array.from(g, (v) => (a === 0 ? 1 : Math.pow(v, a)));
}

/** The rows' (lhs, w) for one condition; a UsageError names the missing columns. */
export function rowStatistics(t: Table, def: ConditionDef, shape: Params, fstar?: number): RowStatistics {
  const notes: string[] = [];
  let lhs: Float64Array, w: Float64Array | null;
  let lhsName: string, wName: string;
  let lowerBound = false;
  const hess = (): Column | null =>
    has(t, 'hess_norm') ? 'hess_norm' : has(t, 'hess_norm_lower') ? 'hess_norm_lower' : null;
  switch (def.name) {
    case 'lsmooth':
      need(t, 'lsmooth', `a local_smoothness column (${SECANT})`, [['local_smoothness']]);
      lhs = t.data.local_smoothness!;
      lhsName = 'local_smoothness';
      w = null;
      wName = '0';
      break;
    case 'l0l1':
    case 'l0l1-alpha': {
      const secant = def.name === 'l0l1-alpha';
      const col: Column | null = secant ? (has(t, 'local_smoothness') ? 'local_smoothness' : null) : hess();
      if (!col)
        throw new UsageError(
          secant
            ? `l0l1-alpha (the secant form) needs a local_smoothness column; ${t.source} has ${t.columns.join(', ')}`
            : `l0l1 (Hessian form) needs a hess_norm or hess_norm_lower column; ${t.source} has ` +
                t.columns.join(', ') +
                (has(t, 'local_smoothness')
                  ? ' (for the secant form between consecutive iterates use --condition l0l1-alpha)'
                  : ''),
        );
      need(t, def.name, 'a grad_norm column', [['grad_norm']]);
      lhs = t.data[col]!;
      lhsName = col;
      const a = shape.alpha as number;
      w = powered(t.data.grad_norm!, a);
      wName = a === 1 ? 'grad_norm' : `grad_norm^${a}`;
      lowerBound = col === 'hess_norm_lower';
      break;
    }
    case 'curvature-gap': {
      const col: Column | null = hess() ?? (has(t, 'local_smoothness') ? 'local_smoothness' : null);
      if (!col)
        throw new UsageError(
          `curvature-gap needs a curvature column (hess_norm, hess_norm_lower or local_smoothness); ` +
            `${t.source} has ${t.columns.join(', ')}`,
        );
      const gap = gapOf(t, 'curvature-gap', fstar);
      lhs = t.data[col]!;
      lhsName = col;
      w = gap.values;
      wName = gap.name;
      lowerBound = col !== 'hess_norm';
      if (col === 'local_smoothness')
        notes.push(
          'no hess_norm column: the secant ‖∇f(x_{t+1}) − ∇f(x_t)‖/‖x_{t+1} − x_t‖ ' +
            "stands in for ‖∇²f(x_t)‖ (the warm-up paper's proxy); it bounds the curvature " +
            'on the segment from below, with the gap at x_t',
        );
      break;
    }
    case 'gpl': {
      const gap = gapOf(t, 'gpl', fstar);
      need(t, 'gpl', 'a grad_norm column', [['grad_norm']]);
      lhs = gap.values;
      lhsName = gap.name;
      const r = shape.rho as number;
      w = powered(t.data.grad_norm!, r);
      wName = r === 1 ? 'grad_norm' : `grad_norm^${r}`;
      break;
    }
    default:
      throw new UsageError(
        `fit evaluates ${FIT_CONDITIONS.join(', ')} from measured columns; ${def.name} ` +
          `needs the objective itself (use gensmooth check)`,
      );
  }
  if (lowerBound && lhsName === 'hess_norm_lower')
    notes.push(
      'hess_norm_lower holds lower bounds on ‖∇²f‖: estimates are lower bounds ' +
        'on the constants, a fails stays valid, a holds is weaker',
    );
  const samples: Sample[] = [],
    rows: number[] = [];
  let skipped = 0;
  for (let i = 0; i < t.rows; i++) {
    const l = lhs[i],
      v = w ? w[i] : 0;
    if (Number.isNaN(l) || Number.isNaN(v)) {
      skipped++;
      continue;
    }
    samples.push({ lhs: l, w: v, lhsErr: 0, wErr: 0 });
    rows.push(i);
  }
  if (skipped > 0) notes.push(`${skipped} row(s) have no value in ${lhsName} or ${wName} and were left out`);
  return { samples, rows, lhs: lhsName, w: wName, skipped, lowerBound, notes };
}
