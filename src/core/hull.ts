/** Convex hulls of point sets in the plane: the upper frontier of tightest constants. */

/** Upper convex hull of (w, lhs): the frontier of tightest constants, as drawn in sample space. */
export function upperHull(w: number[], l: number[]): { x: number[]; y: number[] } {
  const pts = w
    .map((x, i) => [x, l[i]] as [number, number])
    .filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const hull: [number, number][] = [];
  for (const p of pts) {
    while (hull.length >= 2) {
      const [a, b] = [hull[hull.length - 2], hull[hull.length - 1]];
      if ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= 0) hull.pop();
      else break;
    }
    hull.push(p);
  }
  // Keep the non-increasing-slope part that matters for B ≥ 0: from the max-lhs vertex leftwards.
  let top = 0;
  for (let i = 1; i < hull.length; i++) if (hull[i][1] > hull[top][1]) top = i;
  const used = hull.slice(0, top + 1);
  return { x: used.map((p) => p[0]), y: used.map((p) => p[1]) };
}
