/**
 * The statistics behind every estimate (docs/theory.md §0.1), pure functions of a sample
 * set. For lhs ≤ A + B·w: the tightest A at a given B, the tightest B at a given A, and the
 * frontier B ↦ Â(B) = max_i (lhs_i − B·w_i), the upper envelope of lines.
 *
 * Rounding never tightens them: every sample enters through its most lenient reading, lhs at
 * its lower error bound and w at its upper one (L_i = lhs_i − err, W_i = w_i + err), so each
 * statistic is a valid lower bound on the constant the samples' true values require. A
 * sample whose weight is within its error of zero (w ≤ wErr: a stationary point for the
 * gradient weights, a minimiser for the gap) is a zero-weight sample: if its lhs exceeds A,
 * no finite B works ("unbounded", or 0 for a lower-type constant), which the caller re-checks
 * in higher precision before it believes it (refine.ts).
 *
 * Slopes beyond 1e10 times the natural scale (max L / max W) are reported as unbounded: they
 * come from samples whose weight is ten orders of magnitude below the largest, next to a zero
 * of w, where the true supremum is +∞; a finite number there (1e17, say) says nothing.
 */
import type { Sample } from './model.ts';

/** The sample set as parallel arrays (an evidence pool, or an array of samples via `view`). */
export interface SampleView {
  count: number;
  lhs: ArrayLike<number>;
  w: ArrayLike<number>;
  lhsErr: ArrayLike<number>;
  wErr: ArrayLike<number>;
}

export function view(S: Sample[]): SampleView {
  return {
    count: S.length,
    lhs: S.map((s) => s.lhs),
    w: S.map((s) => s.w),
    lhsErr: S.map((s) => s.lhsErr),
    wErr: S.map((s) => s.wErr),
  };
}

const asView = (S: Sample[] | SampleView): SampleView => (Array.isArray(S) ? view(S) : (S as SampleView));

/** A violation only counts beyond the error bounds of both sides plus 1e-12 relative. */
export const tolOf = (s: Sample, A: number, B: number) =>
  s.lhsErr + Math.abs(B) * s.wErr + 1e-12 * (Math.abs(s.lhs) + Math.abs(A) + Math.abs(B * s.w)) + 1e-300;

/** w indistinguishable from zero at the sample's own error bound. */
export const zeroWeight = (w: number, wErr: number) => w <= wErr;

/** The cap on slopes: 1e10 times max L / max W over the samples. */
function slopeCap(v: SampleView, A = 0): number {
  let lmax = 0,
    wmax = 0;
  for (let i = 0; i < v.count; i++) {
    const L = v.lhs[i] - v.lhsErr[i];
    if (Number.isFinite(L)) lmax = Math.max(lmax, Math.abs(L));
    wmax = Math.max(wmax, v.w[i] + v.wErr[i]);
  }
  return wmax > 0 ? (1e10 * Math.max(lmax + Math.abs(A), 1e-300)) / wmax : Infinity;
}

/** Tightest A for a given B ≥ 0: max_i (L_i − B·W_i); i the sample that attains it. */
export function tightA(S: Sample[] | SampleView, B: number): { A: number; i: number } {
  const v = asView(S);
  let A = -Infinity,
    at = -1;
  for (let i = 0; i < v.count; i++) {
    const a = v.lhs[i] - v.lhsErr[i] - B * (v.w[i] + (B >= 0 ? v.wErr[i] : -v.wErr[i]));
    if (a > A) {
      A = a;
      at = i;
    }
  }
  return { A, i: at };
}

/**
 * Tightest B for a given A: max_i (L_i − A)/W_i (a negative excess divided by the smallest w
 * its error allows). Infinity when a zero-weight sample exceeds A (`forced`), or when the
 * supremum passes the slope cap (`capped`).
 */
export function tightB(
  S: Sample[] | SampleView,
  A: number,
): { B: number; i: number; forced?: boolean; capped?: boolean } {
  const v = asView(S);
  let B = -Infinity,
    at = -1;
  for (let i = 0; i < v.count; i++) {
    const L = v.lhs[i] - v.lhsErr[i];
    if (!Number.isFinite(L)) continue;
    const excess = L - A;
    if (zeroWeight(v.w[i], v.wErr[i])) {
      if (excess > 1e-12 * (Math.abs(v.lhs[i]) + Math.abs(A))) return { B: Infinity, i, forced: true };
      continue;
    }
    const b = excess >= 0 ? excess / (v.w[i] + v.wErr[i]) : excess / (v.w[i] - v.wErr[i]);
    if (b > B) {
      B = b;
      at = i;
    }
  }
  if (B > slopeCap(v, A)) return { B: Infinity, i: at, capped: true };
  return { B, i: at };
}

/** The k samples with the largest lenient statistic: L_i − B·W_i (`by: 'A'`) or (L_i − A)/W_i (`by: 'B'`, zero weights first). */
export function topSamples(S: Sample[] | SampleView, k: number, by: 'A' | 'B', c: number): number[] {
  const v = asView(S);
  // One pass keeping the k best in a small sorted array: O(N·k) for the few k the refinement asks.
  const best: number[] = [],
    bestScore: number[] = [];
  for (let i = 0; i < v.count; i++) {
    const L = v.lhs[i] - v.lhsErr[i];
    if (!Number.isFinite(L)) continue;
    let sc: number;
    if (by === 'A') sc = L - c * (v.w[i] + v.wErr[i]);
    else if (zeroWeight(v.w[i], v.wErr[i])) sc = L - c > 0 ? Infinity : -Infinity;
    else sc = (L - c) / (v.w[i] + v.wErr[i]);
    if (best.length === k && !(sc > bestScore[k - 1])) continue;
    let j = Math.min(best.length, k - 1);
    if (best.length < k) {
      best.push(i);
      bestScore.push(sc);
    }
    while (j > 0 && bestScore[j - 1] < sc) {
      best[j] = best[j - 1];
      bestScore[j] = bestScore[j - 1];
      j--;
    }
    best[j] = i;
    bestScore[j] = sc;
  }
  return best;
}

export interface FrontierVertex {
  B: number;
  A: number;
  /** The sample active just after this breakpoint (the one that sets Â from here on). */
  i: number;
}

/**
 * The frontier B ↦ Â(B) for B ≥ 0, as its breakpoints: (0, Â(0)), then one vertex per change
 * of the active sample, down to A = 0 (constants are ≥ 0). Â is convex and non-increasing, so
 * the breakpoints are the upper convex hull of the points (W_i, L_i) from the highest one
 * leftwards. When the last active sample has weight zero (or the next slope passes the cap),
 * Â stays flat beyond the last vertex: no finite B brings A to 0.
 */
export function frontier(S: Sample[] | SampleView): FrontierVertex[] {
  const v = asView(S);
  // Lenient points; zero-weight samples sit at W = 0 (flat lines).
  const pts: { W: number; L: number; i: number }[] = [];
  for (let i = 0; i < v.count; i++) {
    const L = v.lhs[i] - v.lhsErr[i];
    if (!Number.isFinite(L)) continue;
    pts.push({ W: zeroWeight(v.w[i], v.wErr[i]) ? 0 : v.w[i] + v.wErr[i], L, i });
  }
  if (pts.length === 0) return [];
  const cap = slopeCap(v);
  // The top point: largest L, smallest W among ties.
  let top = pts[0];
  for (const p of pts) if (p.L > top.L || (p.L === top.L && p.W < top.W)) top = p;
  // Candidates left of it, by W ascending (largest L first on ties, then deduplicated).
  const left = pts.filter((p) => p.W < top.W).sort((a, b) => a.W - b.W || b.L - a.L);
  const chain: { W: number; L: number; i: number }[] = [];
  for (const p of [...left, top]) {
    if (chain.length > 0 && chain[chain.length - 1].W === p.W) continue;
    // Upper hull from left to right: drop the last point while it lies on or below the chord.
    while (chain.length >= 2) {
      const a = chain[chain.length - 2],
        b = chain[chain.length - 1];
      if ((b.W - a.W) * (p.L - a.L) - (b.L - a.L) * (p.W - a.W) >= 0) chain.pop();
      else break;
    }
    chain.push(p);
  }
  // The envelope only uses the part of the hull where the slope is ≥ 0 (B ≥ 0): from the top
  // leftwards while L does not rise again.
  const out: FrontierVertex[] = [{ B: 0, A: top.L, i: top.i }];
  let k = chain.length - 1;
  while (k > 0) {
    const cur = chain[k],
      nxt = chain[k - 1];
    const B = (cur.L - nxt.L) / (cur.W - nxt.W);
    if (!(B >= 0)) break;
    const bZero = cur.W > 0 ? cur.L / cur.W : Infinity;
    if (B >= bZero || B > cap) break;
    const A = cur.L - B * cur.W;
    if (B > out[out.length - 1].B) out.push({ B, A, i: nxt.i });
    else out[out.length - 1] = { B: out[out.length - 1].B, A: out[out.length - 1].A, i: nxt.i };
    k--;
  }
  const last = chain[k];
  const lastB = out[out.length - 1].B;
  if (last.W > 0 && last.L > 0) {
    const bZero = last.L / last.W;
    if (bZero <= cap && bZero > lastB) out.push({ B: bZero, A: 0, i: last.i });
  }
  return out;
}

/** Â at B from the frontier's vertices (linear between them, flat beyond a flat end). */
export function frontierAt(fr: FrontierVertex[], B: number): number {
  if (fr.length === 0) return -Infinity;
  for (let k = fr.length - 1; k >= 0; k--) {
    if (B >= fr[k].B) {
      if (k === fr.length - 1) return fr[k].A === 0 ? 0 : fr[k].A;
      const a = fr[k],
        b = fr[k + 1];
      return a.A + ((b.A - a.A) * (B - a.B)) / (b.B - a.B);
    }
  }
  return fr[0].A;
}

/** Does the frontier end at A = 0 (a finite B with A = 0), or stay flat? */
export const reachesZero = (fr: FrontierVertex[]) => fr.length > 0 && fr[fr.length - 1].A === 0;

/**
 * At most `max` breakpoints of a frontier. Â(B) is convex, so the chord between two kept
 * breakpoints lies above it: the thinned frontier still gives valid (if slightly looser)
 * constants everywhere, and it is exact at every kept breakpoint.
 */
export function thinFrontier<T extends { B: number; A: number }>(all: T[], max = 24): T[] {
  // Breakpoints that agree to 1e-6 of the frontier's own scale are one breakpoint (keep the later:
  // it is exact there too, and dropping a vertex only loosens the frontier by its chord); printed to
  // six digits they would read as a repeated vertex.
  let sB = 1e-300,
    sA = 1e-300;
  for (const p of all) {
    sB = Math.max(sB, Math.abs(p.B));
    sA = Math.max(sA, Math.abs(p.A));
  }
  const pts = all.filter(
    (p, i) =>
      i === all.length - 1 || !(Math.abs(p.B - all[i + 1].B) <= 1e-6 * sB && Math.abs(p.A - all[i + 1].A) <= 1e-6 * sA),
  );
  if (pts.length <= max) return pts;
  const keep = new Set<number>([0, pts.length - 1, pts.length - 2]);
  // Spread the rest evenly in A (the drop from Â(0) to the end).
  const a0 = pts[0].A,
    a1 = pts[pts.length - 1].A;
  for (let k = 1; k <= max - 3; k++) {
    const target = a0 + ((a1 - a0) * k) / (max - 2);
    let best = 0;
    for (let i = 0; i < pts.length; i++) if (Math.abs(pts[i].A - target) < Math.abs(pts[best].A - target)) best = i;
    keep.add(best);
  }
  return [...keep].sort((a, b) => a - b).map((i) => pts[i]);
}
