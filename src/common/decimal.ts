/**
 * Exact decimal arithmetic for the few figures the hub computes in JavaScript from PostgreSQL
 * `numeric` values (credits, grade points, scores). pg hands a numeric to the hub as the JS number
 * nearest to it (src/db/source-db.ts): that number prints back as the decimal, but it is not the
 * decimal, so sums, products and quotients of such numbers in binary floating point drift — 94.95 /
 * 30 gives 3.1649999…, which Math.round turns into 3.16 where 3.165 must round up to 3.17.
 *
 * So values are first turned into whole numbers of units of 10^-places — exact for every value with
 * at most `places` decimals, and checked — and integer arithmetic takes over; the only rounding is
 * the explicit one at the end, half away from zero as PostgreSQL's `round(numeric, n)`.
 *
 * Money is not computed here: every sum or difference of money is done in SQL on numeric (exact)
 * and reaches JavaScript once, as its result.
 */

/** The JS number nearest to units × 10^-places: the one that prints as that decimal. */
export function fromUnits(units: number, places: number): number {
  // A division of two exactly represented integers is rounded once, to the nearest double.
  return units / 10 ** places;
}

/** The units of `value` at `places`, or null when it has more decimals or is beyond the exact range. */
function unitsOrNull(value: number, places: number): number | null {
  const units = Math.round(value * 10 ** places);
  // units × 10^-places read back as a double is `value` exactly when `value` is that decimal.
  return Number.isSafeInteger(units) && fromUnits(units, places) === value ? units : null;
}

/** True when `value` is a decimal with at most `places` decimals (within the exact range). */
export function hasAtMostPlaces(value: number, places: number): boolean {
  return Number.isFinite(value) && unitsOrNull(value, places) !== null;
}

/**
 * The whole number of 10^-places units `value` stands for (3.67 at 2 places is 367). Throws a
 * RangeError when `value` has more decimals than `places` or its units pass 2^53: a figure the
 * hub cannot compute exactly is an error, never a wrong number.
 */
export function toUnits(value: number, places: number): number {
  const units = unitsOrNull(value, places);
  if (units === null) throw new RangeError(`${value} is not a decimal with at most ${places} places within the exact range`);
  return units;
}

/**
 * numerator / denominator, both whole numbers, rounded half away from zero to `places` decimals —
 * what PostgreSQL's round(numeric, places) gives for the exact quotient (0.165 → 0.17,
 * −0.165 → −0.17). Throws a RangeError when either is not a safe integer or the denominator is 0.
 */
export function roundedQuotient(numerator: number, denominator: number, places: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new RangeError(`cannot divide ${numerator} by ${denominator} exactly`);
  }
  // BigInt: numerator × 10^places may pass 2^53; this runs once per quotient, not per row.
  const scaled = BigInt(Math.abs(numerator)) * 10n ** BigInt(places);
  const divisor = BigInt(Math.abs(denominator));
  let quotient = scaled / divisor;
  if (2n * (scaled % divisor) >= divisor) quotient += 1n;
  if (quotient > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${numerator} / ${denominator} is beyond the exact range at ${places} places`);
  const negative = numerator < 0 !== denominator < 0 && quotient !== 0n;
  return fromUnits(negative ? -Number(quotient) : Number(quotient), places);
}
