/**
 * 2^x for x ≤ 0 from precomputed tables, several times faster than Math.pow in the hot loop.
 * x = k + j/1024 + r with k an integer, 0 ≤ j < 1024 and 0 ≤ r < 1/1024:
 * 2^x = 2^k · 2^(j/1024) · e^(r·ln2), the last by a Taylor polynomial
 * of degree 4 (|r·ln2| < 6.8e-4, so the truncation error is below 1.3e-18 relative, under 1/80 ulp).
 * Integer exponents are exact (2^-1 = 0.5, 2^-2 = 0.25), as the published worked examples need.
 */
const FRACTION_STEPS = 1024;
/** Below 2^-1074 every double is 0. */
const SMALLEST_EXPONENT = 1075;

const POWERS_OF_HALF = new Float64Array(SMALLEST_EXPONENT + 1);
for (let k = 0; k <= SMALLEST_EXPONENT; k++) POWERS_OF_HALF[k] = 2 ** -k;

const FRACTION_POWERS = new Float64Array(FRACTION_STEPS);
for (let j = 0; j < FRACTION_STEPS; j++) FRACTION_POWERS[j] = 2 ** (j / FRACTION_STEPS);

const LN2 = Math.LN2;

/** 2^x for x ≤ 0 (x > 0 is clamped to 0 — callers measure back from a reference, never forward). */
export function exp2NonPositive(x: number): number {
  if (!(x < 0)) return 1;
  const whole = Math.floor(x);
  if (whole < -SMALLEST_EXPONENT) return 0;
  const fraction = x - whole;
  const step = (fraction * FRACTION_STEPS) | 0;
  const y = (fraction - step / FRACTION_STEPS) * LN2;
  const tail = 1 + y * (1 + y * (0.5 + y * (1 / 6 + y * (1 / 24))));
  return (POWERS_OF_HALF[-whole] as number) * (FRACTION_POWERS[step] as number) * tail;
}
