/**
 * Finite domains: the iterates of an optimizer run (`trajectory:METHOD_SPEC`, with `--iters N` and
 * the run's start) or points a user supplies (`points:FILE`, e.g. checkpoints of a training run).
 * Point conditions are evaluated at every point, pair conditions at every pair of consecutive
 * points (for a trajectory: the local smoothness between consecutive iterates that Zhang, He, Sra
 * and Jadbabaie plot). There is nothing to search on a finite set, and a `holds` there is
 * exhaustive. With `tube=r` the domain is the union of the balls of radius r around the points,
 * sampled and searched like any other domain.
 */
import { readFileSync } from 'node:fs';
import type { Rng } from '../core/rng.ts';
import { UsageError } from '../errors.ts';
import { joinXY, type Domain, type Drawn } from './domain.ts';

export interface FiniteOptions {
  spec: string;
  describe: Record<string, unknown>;
  tube?: number;
  notes?: string[];
}

export function finiteDomain(points: Float64Array[], o: FiniteOptions): Domain {
  if (points.length === 0) throw new UsageError(`${o.spec}: the domain has no points`);
  const n = points[0].length;
  const r = o.tube ?? 0;
  if (!(r >= 0) || !Number.isFinite(r)) throw new UsageError(`${o.spec}: tube=r needs r ≥ 0, got ${r}`);
  const lo = new Float64Array(n).fill(Infinity),
    hi = new Float64Array(n).fill(-Infinity);
  for (const p of points)
    for (let i = 0; i < n; i++) {
      lo[i] = Math.min(lo[i], p[i] - r);
      hi[i] = Math.max(hi[i], p[i] + r);
    }
  let width = 0;
  for (let i = 0; i < n; i++) width = Math.max(width, hi[i] - lo[i]);
  if (!(width > 0)) width = 1;
  const d2 = (x: ArrayLike<number>, p: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (x[i] - p[i]) ** 2;
    return s;
  };
  const nearest = (x: ArrayLike<number>) => {
    let best = 0,
      bd = Infinity;
    for (let k = 0; k < points.length; k++) {
      const d = d2(x, points[k]);
      if (d < bd) {
        bd = d;
        best = k;
      }
    }
    return { k: best, d: Math.sqrt(bd) };
  };
  const inTube = (rng: Rng, c: Float64Array) => {
    const x = rng.ball(new Float64Array(n), r);
    for (let i = 0; i < n; i++) x[i] += c[i];
    return x;
  };
  return {
    spec: o.spec,
    describe: () => ({ ...o.describe, points: points.length, ...(r > 0 ? { tube: r } : {}) }),
    n,
    lo,
    hi,
    width,
    finite: r > 0 ? undefined : { points: points.length, pairs: points.length - 1 },
    notes: o.notes,
    contains: (x) => {
      const { d } = nearest(x);
      return r > 0 ? d <= r * (1 + 1e-12) : d === 0;
    },
    project(x) {
      const { k, d } = nearest(x);
      const c = points[k];
      if (d <= r) return;
      for (let i = 0; i < n; i++) x[i] = r > 0 ? c[i] + ((x[i] - c[i]) * r) / d : c[i];
    },
    centre: () => Float64Array.from(points[points.length - 1]),
    starts: (rng, count) =>
      Array.from({ length: count }, () => {
        const c = points[rng.int(points.length)];
        return r > 0 ? inTube(rng, c) : Float64Array.from(c);
      }),
    initial(rng, kind, count) {
      const out: Drawn[] = [];
      if (kind === 'point') for (const p of points) out.push({ z: Float64Array.from(p), origin: 'sampled' });
      else
        for (let k = 0; k + 1 < points.length; k++)
          out.push({ z: joinXY(points[k], points[k + 1]), origin: 'sampled' });
      if (r > 0) {
        // The tube: points in the balls around the points, and pairs inside one ball.
        const trng = rng.stream('tube');
        while (out.length < count) {
          const c = points[trng.int(points.length)];
          out.push({
            z: kind === 'point' ? inTube(trng, c) : joinXY(inTube(trng, c), inTube(trng, c)),
            origin: 'sampled',
          });
        }
      }
      return out;
    },
  };
}

/** Points from a file: a JSON array of arrays, or CSV rows of numbers (a header row of names is skipped). */
export function readPoints(file: string, dim: number): Float64Array[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`points:${file}: cannot read the file (${e instanceof Error ? e.message.split('\n')[0] : e})`);
  }
  const rows: unknown[][] = [];
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (e) {
      throw new UsageError(
        `points:${file}: not valid JSON (${e instanceof Error ? e.message : e}); write [[x1, x2, ...], ...]`,
      );
    }
    if (!Array.isArray(data) || !data.every(Array.isArray))
      throw new UsageError(
        `points:${file}: the JSON must be an array of points, each an array of numbers: [[x1, x2, ...], ...]`,
      );
    rows.push(...(data as unknown[][]));
  } else {
    const lines = trimmed.split(/\r?\n/).filter((l) => l.trim() !== '');
    lines.forEach((l, k) => {
      const cells = l.split(',').map((c) => c.trim());
      if (k === 0 && cells.some((c) => c !== '' && !Number.isFinite(Number(c)))) return; // a header row
      rows.push(cells.map((c) => (c === '' ? NaN : Number(c))));
    });
  }
  if (rows.length === 0) throw new UsageError(`points:${file}: no points in the file`);
  return rows.map((row, k) => {
    if (row.length !== dim)
      throw new UsageError(
        `points:${file}: point ${k + 1} has ${row.length} coordinates, but the objective has dimension ${dim}`,
      );
    const x = Float64Array.from(row as number[]);
    const bad = row.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (bad >= 0)
      throw new UsageError(
        `points:${file}: point ${k + 1}, coordinate ${bad + 1} is ${JSON.stringify(row[bad])}, not a finite number`,
      );
    return x;
  });
}
