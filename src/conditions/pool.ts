/**
 * The evidence pool of one statistic (a condition and its shape parameters) in one run:
 * every point or pair evaluated for it — the initial sample, the structured starts, every
 * step of every search, the points shared by other conditions — with its error-bounded
 * (lhs, w). Every claim on the statistic is judged against all of it, and every estimate is
 * computed from all of it, so a `holds` and an estimate can never contradict each other.
 *
 * Storage is flat typed arrays grown by doubling: a million samples cost a few numbers each.
 */
import type { KrylovBound } from '../core/krylov.ts';
import type { Origin } from '../domains/domain.ts';
import type { Sample } from './model.ts';

export const ORIGINS: Origin[] = ['uniform', 'sampled', 'special', 'structured', 'ascent', 'local', 'shared', 'at'];

export class Pool {
  /** Length of one z (n for points, 2n for pairs). */
  readonly len: number;
  count = 0;
  private cap = 0;
  Z: Float64Array = new Float64Array(0);
  lhs: Float64Array = new Float64Array(0);
  w: Float64Array = new Float64Array(0);
  lhsErr: Float64Array = new Float64Array(0);
  wErr: Float64Array = new Float64Array(0);
  origin: Uint8Array = new Uint8Array(0);
  /** Lanczos intervals of Hessian-norm samples (sparse). */
  krylov = new Map<number, KrylovBound>();
  /** Samples replaced by a more precise evaluation (refine.ts), so they are not re-checked twice. */
  verified = new Set<number>();
  /** Evaluations that were undefined (NaN, ±∞) and the first such z. */
  undefinedCount = 0;
  firstUndefined: Float64Array | null = null;
  /** Evaluations attempted per origin (defined or not): where the budget went. */
  spent = new Map<Origin, number>();

  constructor(
    readonly kind: 'point' | 'pair',
    readonly n: number,
  ) {
    this.len = kind === 'pair' ? 2 * n : n;
  }

  private grow(min: number): void {
    if (min <= this.cap) return;
    const cap = Math.max(min, 2 * this.cap, 256);
    const f = (a: Float64Array, k = 1) => {
      const b = new Float64Array(cap * k);
      b.set(a.subarray(0, this.count * k));
      return b;
    };
    this.Z = f(this.Z, this.len);
    this.lhs = f(this.lhs);
    this.w = f(this.w);
    this.lhsErr = f(this.lhsErr);
    this.wErr = f(this.wErr);
    const o = new Uint8Array(cap);
    o.set(this.origin.subarray(0, this.count));
    this.origin = o;
    this.cap = cap;
  }

  /** Record one evaluation; returns the sample's index, or −1 for an undefined one. */
  add(z: Float64Array, s: Sample | null, origin: Origin): number {
    this.spent.set(origin, (this.spent.get(origin) ?? 0) + 1);
    if (s === null || !Number.isFinite(s.lhs) || !Number.isFinite(s.w)) {
      this.undefinedCount++;
      if (!this.firstUndefined) this.firstUndefined = Float64Array.from(z);
      return -1;
    }
    this.grow(this.count + 1);
    const i = this.count++;
    this.Z.set(z.subarray(0, this.len), i * this.len);
    this.set(i, s);
    this.origin[i] = ORIGINS.indexOf(origin);
    return i;
  }

  /** Overwrite sample i's values (a more precise evaluation of the same z). */
  set(i: number, s: Sample): void {
    this.lhs[i] = s.lhs;
    this.w[i] = s.w;
    this.lhsErr[i] = s.lhsErr;
    this.wErr[i] = s.wErr;
    if (s.krylov) this.krylov.set(i, s.krylov);
    else this.krylov.delete(i);
  }

  /** Drop sample i from every statistic (an evaluation that did not survive the re-check). */
  drop(i: number): void {
    this.lhs[i] = -Infinity;
    this.w[i] = 0;
    this.lhsErr[i] = 0;
    this.wErr[i] = 0;
    this.krylov.delete(i);
  }

  /** Save what re-evaluation changes (values, Lanczos intervals, the verified set); the function restores it. */
  snapshot(): () => void {
    const n = this.count;
    const [lhs, w, lhsErr, wErr] = [this.lhs, this.w, this.lhsErr, this.wErr].map((a) => a.slice(0, n));
    const krylov = new Map(this.krylov);
    const verified = new Set(this.verified);
    return () => {
      this.lhs.set(lhs);
      this.w.set(w);
      this.lhsErr.set(lhsErr);
      this.wErr.set(wErr);
      this.krylov = new Map(krylov);
      this.verified = new Set(verified);
    };
  }

  isDropped(i: number): boolean {
    return this.lhs[i] === -Infinity;
  }

  sample(i: number): Sample {
    const s: Sample = { lhs: this.lhs[i], w: this.w[i], lhsErr: this.lhsErr[i], wErr: this.wErr[i] };
    const k = this.krylov.get(i);
    if (k) s.krylov = k;
    return s;
  }

  /** All live samples, in order (for the pure statistics of estimate.ts). */
  samples(): Sample[] {
    const out: Sample[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.sample(i));
    return out;
  }

  /** A copy of z_i. */
  z(i: number): Float64Array {
    return this.Z.slice(i * this.len, (i + 1) * this.len);
  }

  originOf(i: number): Origin {
    return ORIGINS[this.origin[i]];
  }

  countOf(origin: Origin): number {
    const k = ORIGINS.indexOf(origin);
    let c = 0;
    for (let i = 0; i < this.count; i++) if (this.origin[i] === k) c++;
    return c;
  }
}
