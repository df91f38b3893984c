/**
 * Orders strings by their UTF-16 code units, as `<` does: the same on every machine, where
 * `localeCompare` follows the locale and ICU version. The engines sort ids and keys with it so
 * that what they write comes out in one order wherever the sidecar runs.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
