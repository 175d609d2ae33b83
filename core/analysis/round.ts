// Rounding for the JSON: enough digits for every use, none of the floating-point noise.

/** `round(1.23456, 2)` = 1.23; non-finite values become 0 so the JSON stays valid. */
export function round(value: number, digits: number): number {
  if (!Number.isFinite(value)) return 0;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
