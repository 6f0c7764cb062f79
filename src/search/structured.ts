/**
 * Structured starting points for the search in dimension ≥ 10 (docs/theory.md §0.2).
 *
 * In high dimension the worst case of a statistic often lives on a thin structured set that
 * uniform samples never visit: one active coordinate of a separable objective Σ g(x_i) with
 * the rest at a stationary value, one active direction q_i of a rotated f(Qx), a stationary
 * manifold. Uniform points have every coordinate active, so their gradient norms are large and
 * their weights dominate. These starts put the search there: from each centre (the special
 * points, the domain's centre), coordinate-sparse points (one coordinate moved towards either
 * bound, and pairs of coordinates to their joint corners) and rays along given directions (the
 * extreme eigenvectors of Hessians at the centres and at the worst samples) up to the boundary;
 * for pair conditions, near pairs along the direction that generated each point and pairs
 * anchored at the centre.
 */
import type { Rng } from '../core/rng.ts';
import type { Domain } from '../domains/domain.ts';

export interface StructuredPoint {
  x: Float64Array;
  /** The direction that generated it (a unit coordinate vector, or an eigenvector). */
  dir: Float64Array;
  centre: Float64Array;
}

/** Distinct indices: all of 0..n−1 when n ≤ k, else k drawn without replacement. */
function someIndices(n: number, k: number, rng: Rng): number[] {
  if (n <= k) return Array.from({ length: n }, (_, i) => i);
  return Array.from(rng.indicesWithout(n, k, new Int32Array(k)));
}

/** The largest t ≥ 0 with c + t·v inside the domain's bounding box. */
function rayEnd(d: Domain, c: Float64Array, v: Float64Array): number {
  let t = Infinity;
  for (let i = 0; i < d.n; i++) {
    if (v[i] > 0) t = Math.min(t, (d.hi[i] - c[i]) / v[i]);
    else if (v[i] < 0) t = Math.min(t, (d.lo[i] - c[i]) / v[i]);
  }
  return Number.isFinite(t) ? Math.max(0, t) : 0;
}

/** Centres: the special points inside the domain and its centre, without repeats, at most `max`. */
export function centresOf(d: Domain, special: Float64Array[], max = 4): Float64Array[] {
  const out: Float64Array[] = [];
  for (const c of [...special.filter((s) => d.contains(s)), d.centre()]) {
    if (out.length >= max) break;
    if (!out.some((o) => o.every((v, i) => Math.abs(v - c[i]) <= 1e-12 * (1 + Math.abs(v)))))
      out.push(Float64Array.from(c));
  }
  return out;
}

/**
 * Coordinate-sparse and direction-sparse points, at most `max` of them, seeded: for each
 * centre, each chosen coordinate moved half-way and all the way to each bound; 2-sparse
 * corners from the first centre; rays along `dirs` at ¼, ½ and all of the way to the boundary.
 */
export function structuredPoints(
  d: Domain,
  centres: Float64Array[],
  dirs: Float64Array[],
  rng: Rng,
  max: number,
): StructuredPoint[] {
  const n = d.n;
  const out: StructuredPoint[] = [];
  const add = (x: Float64Array, dir: Float64Array, centre: Float64Array) => {
    if (out.length < max) out.push({ x, dir, centre });
  };
  const unit = (i: number) => {
    const e = new Float64Array(n);
    e[i] = 1;
    return e;
  };
  // Rays first (few, and decisive for rotated objectives), then coordinates, then 2-sparse.
  for (const c of centres)
    for (const v of dirs)
      for (const sgn of [1, -1]) {
        const s = Float64Array.from(v, (t) => sgn * t);
        const T = rayEnd(d, c, s);
        for (const f of [0.25, 0.5, 1])
          if (T > 0)
            add(
              Float64Array.from(c, (ci, i) => ci + f * T * s[i]),
              s,
              c,
            );
      }
  // The box's support points along the directions (the corner maximising ⟨x, ±v⟩): a ray from the
  // centre stops at the first face it meets, but a function whose curvature grows with |x| (phase
  // retrieval's Hessian, a polynomial's) takes its extremes at such a corner.
  for (const v of dirs)
    for (const sgn of [1, -1]) {
      const s = Float64Array.from(v, (t) => sgn * t);
      if (!s.some((t) => t !== 0)) continue;
      add(
        Float64Array.from(s, (t, i) => (t > 0 ? d.hi[i] : t < 0 ? d.lo[i] : 0.5 * (d.lo[i] + d.hi[i]))),
        s,
        centres[0] ?? d.centre(),
      );
    }
  const coords = someIndices(n, Math.max(8, Math.floor(max / (4 * Math.max(1, centres.length)))), rng);
  for (const c of centres)
    for (const i of coords)
      for (const end of [d.lo[i], d.hi[i]])
        for (const f of [1, 0.5]) {
          const x = Float64Array.from(c);
          x[i] = c[i] + f * (end - c[i]);
          if (x[i] !== c[i]) add(x, unit(i), c);
        }
  if (centres.length > 0 && n >= 2) {
    const c = centres[0];
    for (let k = 0; k < 32 && out.length < max; k++) {
      const [i, j] = rng.indicesWithout(n, 2, new Int32Array(2));
      for (const a of [d.lo[i], d.hi[i]])
        for (const b of [d.lo[j], d.hi[j]]) {
          const x = Float64Array.from(c);
          x[i] = a;
          x[j] = b;
          const dir = new Float64Array(n);
          dir[i] = a - c[i];
          dir[j] = b - c[j];
          const nd = Math.hypot(dir[i], dir[j]) || 1;
          dir[i] /= nd;
          dir[j] /= nd;
          add(x, dir, c);
        }
    }
  }
  for (const p of out) d.project(p.x);
  return out;
}

/** Pairs from structured points: near pairs along each point's direction (two radii) and pairs anchored at its centre. */
export function structuredPairs(d: Domain, pts: StructuredPoint[], max: number): Float64Array[] {
  const n = d.n;
  const out: Float64Array[] = [];
  const join = (x: Float64Array, y: Float64Array) => {
    const z = new Float64Array(2 * n);
    z.set(x, 0);
    z.set(y, n);
    return z;
  };
  for (const p of pts) {
    if (out.length >= max) break;
    for (const s of [1e-3 * d.width, -0.05 * d.width]) {
      const y = Float64Array.from(p.x, (v, i) => v + s * p.dir[i]);
      d.project(y);
      if (y.some((v, i) => v !== p.x[i])) out.push(join(p.x, y));
    }
    out.push(join(p.x, p.centre), join(p.centre, p.x));
  }
  return out.slice(0, max);
}
