/**
 * Measurements from another framework (`gensmooth fit FILE`): a CSV file with a header
 * line, or a JSON array of row objects, one row per point of a training run. Every
 * value is a number; an empty cell (CSV) or null / a missing key (JSON) means "not
 * measured at this row" (a curvature measured every 10 steps, the last iterate's
 * smoothness), and the row is left out of the conditions that need that column.
 * Anything else stops with exit 2 and the fix in one line.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';

/** The documented columns (docs/fit.md). */
export const COLUMNS = [
  'step',
  'loss',
  'loss_gap',
  'grad_norm',
  'hess_norm',
  'hess_norm_lower',
  'local_smoothness',
] as const;
export type Column = (typeof COLUMNS)[number];

/** Norms and gaps cannot be negative: a negative value is a bug upstream, not a measurement. */
const NONNEGATIVE: Column[] = ['loss_gap', 'grad_norm', 'hess_norm', 'hess_norm_lower', 'local_smoothness'];

export interface Table {
  source: string;
  /** csv, json, or measurements gensmooth took itself in this process (rows named by position). */
  format: 'csv' | 'json' | 'run';
  /** Every column of the file, documented or not, in file order. */
  columns: string[];
  /** Values by documented column; NaN where the row has no value. */
  data: Partial<Record<Column, Float64Array>>;
  rows: number;
  /** Where each row is in the file: its line (CSV), its array index + 1 (JSON), its position (run). */
  where: Int32Array;
}

/** Split one CSV line (RFC 4180 quotes: "a,b" and "" inside quotes). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '',
    q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

function number(file: string, what: string, col: string, raw: unknown): number {
  if (raw === null || raw === undefined || raw === '') return NaN;
  const v = typeof raw === 'number' ? raw : typeof raw === 'string' && /^[\s+\-.\deE]+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(v))
    throw new UsageError(
      `${file}: ${what}, column ${col}: ${JSON.stringify(raw)} is not a finite ` +
        `number (leave the cell empty if it was not measured there)`,
    );
  if (NONNEGATIVE.includes(col as Column) && v < 0)
    throw new UsageError(
      `${file}: ${what}, column ${col} is ${v} < 0: norms and loss gaps are ≥ ` +
        `0 (${col === 'loss_gap' ? 'f* must lie below every loss' : 'check how it was computed'})`,
    );
  return v;
}

/** Parse the text of a CSV or JSON measurements file. */
export function parseTable(text: string, source: string): Table {
  const t = text.replace(/^\uFEFF/, '');
  const trimmed = t.trimStart();
  if (trimmed === '')
    throw new UsageError(`${source} is empty: write a header line (e.g. step,loss,grad_norm) and one row per point`);
  const json = trimmed.startsWith('[') || trimmed.startsWith('{') || /\.json$/i.test(source);
  let columns: string[];
  let cells: unknown[][];
  let where: number[];
  if (json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(t);
    } catch (e) {
      throw new UsageError(`${source}: not valid JSON (${(e as Error).message}); write an array of row objects`);
    }
    if (!Array.isArray(parsed))
      throw new UsageError(`${source}: the JSON must be an array of row objects, e.g. [{"step": 0, "grad_norm": 1.5}]`);
    const seen = new Set<string>();
    parsed.forEach((r, i) => {
      if (r === null || typeof r !== 'object' || Array.isArray(r))
        throw new UsageError(`${source}: entry ${i + 1} is not an object: write each row as {"column": value, ...}`);
      for (const k of Object.keys(r)) seen.add(k);
    });
    columns = [...seen];
    cells = parsed.map((r) => columns.map((c) => (r as Record<string, unknown>)[c]));
    where = parsed.map((_, i) => i + 1);
  } else {
    const lines = t.split(/\r?\n/);
    const first = lines.findIndex((l) => l.trim() !== '');
    columns = splitCsv(lines[first]);
    if (columns.some((c) => c !== '' && /^[\s+\-.\deE]+$/.test(c) && Number.isFinite(Number(c))))
      throw new UsageError(
        `${source}: the first line is data, not a header: start the file with the ` +
          `column names (e.g. step,loss,grad_norm)`,
      );
    cells = [];
    where = [];
    for (let i = first + 1; i < lines.length; i++) {
      if (lines[i].trim() === '') continue;
      const c = splitCsv(lines[i]);
      if (c.length !== columns.length)
        throw new UsageError(
          `${source}: line ${i + 1} has ${c.length} fields but the header has ${columns.length}: ` +
            `one value per column (empty where not measured)`,
        );
      cells.push(c);
      where.push(i + 1);
    }
  }
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup !== undefined) throw new UsageError(`${source}: column ${dup} appears twice: keep one`);
  if (cells.length === 0)
    throw new UsageError(`${source} has a header but no rows: write one row per point of the run`);
  const data: Partial<Record<Column, Float64Array>> = {};
  columns.forEach((c, j) => {
    if (!(COLUMNS as readonly string[]).includes(c)) return;
    const col = new Float64Array(cells.length);
    for (let i = 0; i < cells.length; i++)
      col[i] = number(source, json ? `entry ${where[i]}` : `line ${where[i]}`, c, cells[i][j]);
    data[c as Column] = col;
  });
  if (data.hess_norm && data.hess_norm_lower)
    throw new UsageError(
      `${source} has both hess_norm and hess_norm_lower: keep one (hess_norm_lower ` +
        `marks lower bounds, e.g. a few power iterations)`,
    );
  return { source, format: json ? 'json' : 'csv', columns, data, rows: cells.length, where: Int32Array.from(where) };
}

export function readTable(path: string): Table {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `cannot read ${path}: no such file` : `cannot read ${path}: ${(e as Error).message}`,
    );
  }
  return parseTable(text, path);
}

/** A table of measurements taken in this process (e.g. measure.ts), named `source`. */
export function tableOf(
  source: string,
  columns: Column[],
  data: Partial<Record<Column, Float64Array>>,
  rows: number,
): Table {
  return {
    source,
    format: 'run',
    columns: [...columns],
    data,
    rows,
    where: Int32Array.from({ length: rows }, (_, i) => i + 1),
  };
}

/** How a row is named in messages: "line 17", "entry 5" or "row 3". */
export const whereOf = (t: Table, i: number) =>
  `${t.format === 'csv' ? 'line' : t.format === 'json' ? 'entry' : 'row'} ${t.where[i]}`;

/** Rows as CSV text with the given columns (how gensmooth writes measurements itself; NaN → empty cell). */
export function toCsv(columns: Column[], data: Partial<Record<Column, ArrayLike<number>>>, rows: number): string {
  const out = [columns.join(',')];
  for (let i = 0; i < rows; i++)
    out.push(
      columns
        .map((c) => {
          const v = data[c]?.[i];
          return v === undefined || Number.isNaN(v) ? '' : String(v);
        })
        .join(','),
    );
  return out.join('\n') + '\n';
}
