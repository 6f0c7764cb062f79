/**
 * The Hessian norms of a double-precision context (context.ts), cached per point: exact (a dense
 * Hessian and its eigenvalues by Householder + QL) up to `denseMax` dimensions; above, Lanczos
 * from a random start seeded by the point itself (so the value is a function of the point,
 * whatever the evaluation order), which gives a certain lower bound and a probabilistic upper
 * bound (core/krylov.ts, docs/theory.md §0.3). An objective with a structured operator
 * (`hessianAt`, `hessianAtMany`) forms its per-point work once; several points' norms can be
 * computed ahead together and are charged to the evaluation that first asks for them.
 */
import { normInterval, normIntervalMany, type NormResult } from '../core/krylov.ts';
import { Rng } from '../core/rng.ts';
import { symEigen } from '../core/symeig.ts';
import { denseHessian, type Objective } from '../objectives/objective.ts';
import { EPS, type Approx } from './model.ts';

/** A 32-bit hash of a point's bits (FNV-1a), to seed the point's own Lanczos start. */
export function pointHash(x: Float64Array): number {
  const u = new Uint32Array(x.buffer, x.byteOffset, x.length * 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < u.length; i++) {
    h ^= u[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function finiteAll(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

export const isInf = (v: number): boolean => v === Infinity || v === -Infinity;

/** A point's exact bytes as a map key (every double told apart, −0 from 0 included). */
export const pointKey = (x: Float64Array): string =>
  Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('latin1');

export interface HessEntry {
  a: Approx;
  /** The eigenvector of the largest |λ| and its sign (for the gradient of the norm); dense: computed on demand. */
  v: Float64Array | null;
  sign: number;
}

/** What the norms are charged to: the context's counters. */
export interface HessCounters {
  evaluations: number;
  overflows: number;
  hessExact: boolean;
  lanczosSteps: number;
}

export interface HessNorms {
  /** The norm at x (null: not finite), with its eigenvector when asked. */
  at(x: Float64Array, needVector: boolean): HessEntry | null;
  /** Compute the norms at these points ahead, together (hessianAtMany): the same values and calls as one at a time. */
  prefetch(points: Float64Array[]): void;
  /** Forget every norm computed so far. */
  clear(): void;
}

/**
 * The norm cache of a context over `obj` (already counting overflows), `hvp` its counted
 * Hessian-vector product, `H` a scratch n×n buffer (empty when n² is too large).
 */
export function hessianNorms(
  obj: Objective,
  hvp: (x: Float64Array, v: Float64Array, out: Float64Array) => void,
  c: HessCounters,
  o: { denseMax: number; lanczosTol?: number; H: Float64Array },
): HessNorms {
  const n = obj.dim;
  const H = o.H;
  const dense = n <= o.denseMax && H.length === n * n;
  const cache = new Map<string, HessEntry | null>();
  // Bounded memory: at most 20 000 points, and about 200 MB of keys and eigenvectors.
  const cacheMax = Math.max(64, Math.min(20_000, Math.floor(2e8 / (16 * n))));
  /** Norms computed ahead (prefetch), charged to the evaluation that first uses them. */
  const pending = new Map<string, { calls: number; overflow: boolean; inexact: boolean }>();

  /** A Lanczos run's cache entry, and what computing it says about overflows and exactness. */
  const lanczosEntry = (r: NormResult) => {
    if (!Number.isFinite(r.bound.lower) || !Number.isFinite(r.bound.thetaMin))
      return { entry: null, overflow: isInf(r.bound.lower), inexact: false };
    const top = Math.abs(r.lambdaMax) >= Math.abs(r.lambdaMin);
    const entry: HessEntry = {
      a: { v: r.bound.lower, err: 16 * EPS * r.bound.lower * n, krylov: r.bound },
      v: top ? r.vecMax : r.vecMin,
      sign: Math.sign(top ? r.lambdaMax : r.lambdaMin) || 1,
    };
    return { entry, overflow: false, inexact: !r.bound.exact };
  };

  const denseEntry = (x: Float64Array, needVector: boolean): HessEntry | null => {
    denseHessian(obj, x, H);
    c.evaluations += obj.hessian ? 1 : n;
    if (!finiteAll(H)) {
      if (H.some(isInf)) c.overflows++;
      return null;
    }
    const { values, vectors } = symEigen(H, n, needVector);
    const top = Math.abs(values[n - 1]) >= Math.abs(values[0]) ? n - 1 : 0;
    const norm = Math.abs(values[top]);
    const v = needVector ? new Float64Array(n) : null;
    if (v) for (let i = 0; i < n; i++) v[i] = vectors[i * n + top];
    const err = 16 * n * EPS * norm + (obj.hvp || obj.hessian ? 0 : 1e-7 * norm);
    return { a: { v: norm, err }, v, sign: Math.sign(values[top]) || 1 };
  };

  const krylovEntry = (x: Float64Array): HessEntry | null => {
    const rng = new Rng(pointHash(x), 'lanczos');
    // A structured operator forms its per-point work once (one call), then each product is one call.
    let op = (v: Float64Array, out: Float64Array) => hvp(x, v, out);
    if (obj.hessianAt) {
      const at = obj.hessianAt(x);
      c.evaluations++;
      op = (v, out) => {
        c.evaluations++;
        at(v, out);
      };
    }
    const e = lanczosEntry(normInterval(op, n, rng, c.lanczosSteps, o.lanczosTol));
    if (e.overflow) c.overflows++;
    if (e.inexact) c.hessExact = false;
    return e.entry;
  };

  return {
    at(x, needVector) {
      const key = pointKey(x);
      const owed = pending.get(key);
      if (owed) {
        pending.delete(key);
        c.evaluations += owed.calls;
        if (owed.overflow) c.overflows++;
        if (owed.inexact) c.hessExact = false;
      }
      const hit = cache.get(key);
      if (hit !== undefined && (hit === null || hit.v !== null || !needVector)) return hit;
      const entry = dense ? denseEntry(x, needVector) : krylovEntry(x);
      if (cache.size > cacheMax) cache.clear();
      cache.set(key, entry);
      return entry;
    },
    prefetch(points) {
      if (dense || !obj.hessianAtMany) return;
      const todo: Float64Array[] = [];
      const keys: string[] = [];
      for (const x of points) {
        const key = pointKey(x);
        if (cache.has(key) || keys.includes(key)) continue;
        todo.push(x);
        keys.push(key);
      }
      if (todo.length < 2 || cache.size + todo.length > cacheMax) return;
      const ops = obj.hessianAtMany(todo);
      const rs = normIntervalMany(
        ops,
        n,
        todo.map((x) => new Rng(pointHash(x), 'lanczos')),
        c.lanczosSteps,
        o.lanczosTol,
      );
      rs.forEach((r, k) => {
        const e = lanczosEntry(r);
        cache.set(keys[k], e.entry);
        // What `at` would have counted: the per-point setup and one call per product.
        pending.set(keys[k], { calls: 1 + r.iterations, overflow: e.overflow, inexact: e.inexact });
      });
    },
    clear() {
      cache.clear();
      pending.clear();
    },
  };
}
