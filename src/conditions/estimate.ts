/**
 * The statistics behind every estimate (theory.md §0.1), pure functions of a sample
 * set: for lhs ≤ A + B·w, the tightest A at a given B, the tightest B at a given A,
 * and the frontier B ↦ Â(B) as the upper convex hull of the points (w_i, lhs_i).
 * Each sample enters through its error-bounded value, so rounding never makes an
 * estimate tighter than the samples support.
 */
import type { Sample } from './conditions.ts';

export const tolOf = (s: Sample, A: number, B: number) =>
  s.lhsErr + Math.abs(B) * s.wErr + 1e-12 * (Math.abs(s.lhs) + Math.abs(A) + Math.abs(B * s.w)) + 1e-300;

/**
 * Tightest B for a given A: max_i (lhs_i − A)/w_i over samples with w_i > 0, using
 * each sample's lower error bound, so rounding never inflates it. Infinity when a
 * sample with w = 0 (within its error) already exceeds A, or when the supremum runs
 * beyond 1e10 times the natural scale max lhs / max w: that only happens as samples
 * approach a point where w vanishes and lhs does not (a stationary point for the
 * gradient forms, a minimiser for the gap forms), where the true supremum is +∞.
 */
export function tightB(S: Sample[], A: number): { B: number; i: number } {
  let B = -Infinity,
    at = -1,
    lmax = 0,
    wmax = 0;
  for (let i = 0; i < S.length; i++) {
    const s = S[i];
    lmax = Math.max(lmax, Math.abs(s.lhs));
    wmax = Math.max(wmax, s.w);
    if (s.w <= s.wErr) {
      if (s.lhs - A > s.lhsErr + 1e-12 * (Math.abs(s.lhs) + Math.abs(A))) return { B: Infinity, i };
      continue;
    }
    const excess = s.lhs - A;
    const b = excess >= 0 ? (excess - s.lhsErr) / (s.w + s.wErr) : excess / (s.w - s.wErr);
    if (b > B) {
      B = b;
      at = i;
    }
  }
  if (wmax > 0 && B > (1e10 * Math.max(lmax + Math.abs(A), 1e-300)) / wmax) return { B: Infinity, i: at };
  return { B, i: at };
}

/** Tightest A for a given B: max_i (lhs_i − B·w_i), each at its lower error bound. */
export function tightA(S: Sample[], B: number): { A: number; i: number } {
  let A = -Infinity,
    at = -1;
  for (let i = 0; i < S.length; i++) {
    const s = S[i];
    const a = s.lhs - B * s.w - (s.lhsErr + Math.abs(B) * s.wErr);
    if (a > A) {
      A = a;
      at = i;
    }
  }
  return { A, i: at };
}

/**
 * The frontier B ↦ Â(B) = max_i (lhs_i − B·w_i) for B ≥ 0 (theory.md §0.1), as its
 * breakpoints: the vertices of the upper convex hull of the points (w_i, lhs_i) met
 * as B grows, down to A = 0 (constants are ≥ 0). When a sample has w = 0 the
 * frontier ends at the breakpoint where it reaches that sample's lhs and stays flat
 * beyond it (the report then gives the other constant at 0 as "unbounded").
 */
export function frontier(S: Sample[]): { B: number; A: number }[] {
  if (S.length === 0) return [];
  let cur = 0;
  for (let i = 1; i < S.length; i++) {
    if (S[i].lhs > S[cur].lhs || (S[i].lhs === S[cur].lhs && S[i].w < S[cur].w)) cur = i;
  }
  const pts: { B: number; A: number }[] = [{ B: 0, A: S[cur].lhs }];
  let B = 0;
  for (let guard = 0; guard < S.length; guard++) {
    const v = S[cur];
    let next = -1,
      nextB = Infinity;
    for (let j = 0; j < S.length; j++) {
      const s = S[j];
      if (s.w >= v.w) continue;
      const b = (v.lhs - s.lhs) / (v.w - s.w);
      if (b < nextB || (b === nextB && next >= 0 && s.w < S[next].w)) {
        nextB = b;
        next = j;
      }
    }
    const A0 = v.lhs - B * v.w;
    // Where the current piece reaches A = 0.
    const bZero = v.w > 0 ? v.lhs / v.w : Infinity;
    if (next < 0 || nextB >= bZero) {
      // Either the piece reaches A = 0, or the last vertex has w = 0 and the
      // frontier stays flat at its lhs for every larger B (no extra point needed).
      if (Number.isFinite(bZero) && A0 > 0) pts.push({ B: bZero, A: 0 });
      break;
    }
    if (nextB > B) pts.push({ B: nextB, A: v.lhs - nextB * v.w });
    B = Math.max(B, nextB);
    cur = next;
  }
  return pts;
}

/**
 * At most `max` breakpoints of a frontier. Â(B) is convex, so the chord between two
 * kept breakpoints lies above it: the thinned frontier still gives valid (if slightly
 * looser) constants everywhere, and it is exact at every kept breakpoint.
 */
export function thinFrontier(all: { B: number; A: number }[], max = 24): { B: number; A: number }[] {
  // Breakpoints closer than rounding are one breakpoint (keep the later: it is exact there too).
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300);
  const pts = all.filter((p, i) => i === all.length - 1 || !(close(p.B, all[i + 1].B) && close(p.A, all[i + 1].A)));
  if (pts.length <= max) return pts;
  const keep = new Set<number>([0, pts.length - 1, pts.length - 2]);
  // Spread the rest evenly in A (the drop from Â(0) to the end).
  const a0 = pts[0].A,
    a1 = pts[pts.length - 1].A;
  for (let k = 1; k < max - 1; k++) {
    const target = a0 + ((a1 - a0) * k) / (max - 1);
    let best = 0;
    for (let i = 0; i < pts.length; i++) if (Math.abs(pts[i].A - target) < Math.abs(pts[best].A - target)) best = i;
    keep.add(best);
  }
  return [...keep].sort((a, b) => a - b).map((i) => pts[i]);
}
