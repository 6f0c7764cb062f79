/** The box [lo, hi]^n every coordinate is sampled in (the same bounds for each coordinate). */
export type Box = [number, number];

/** True when every coordinate of x lies in the box (within `slack` of its width). */
export function inBox(x: ArrayLike<number>, box: Box, slack = 0): boolean {
  const s = slack * (box[1] - box[0]);
  for (let i = 0; i < x.length; i++) if (!(x[i] >= box[0] - s && x[i] <= box[1] + s)) return false;
  return true;
}

/** Clamp x into the box, in place. */
export function clampToBox(x: Float64Array, box: Box): Float64Array {
  for (let i = 0; i < x.length; i++) x[i] = Math.min(box[1], Math.max(box[0], x[i]));
  return x;
}
