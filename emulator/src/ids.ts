/**
 * Salesforce record ids: a 3-character key prefix, 12 characters, and a 3-character suffix
 * that makes the 15-character id case-insensitively unique (the "case-safe" 18-character id).
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
/** Fixed "pod" characters after the key prefix, as an org's ids share them. */
const INSTANCE_CHARS = '5g0';

/** The checksum suffix of a 15-character id: one character per block of five, uppercase letters as bits. */
export function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const char = id15.charAt(block * 5 + i);
      if (char >= 'A' && char <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/** Builds the 18-character id of the n-th record with the given key prefix. */
export function makeRecordId(keyPrefix: string, sequence: number): string {
  let counter = '';
  let rest = sequence;
  for (let i = 0; i < 9; i++) {
    counter = BASE62.charAt(rest % 62) + counter;
    rest = Math.floor(rest / 62);
  }
  const id15 = keyPrefix + INSTANCE_CHARS + counter;
  return id15 + caseSafeSuffix(id15);
}

const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** The 18-character form of a 15- or 18-character id, or undefined when the text is not an id. */
export function normalizeId(value: string): string | undefined {
  if (!ID_PATTERN.test(value)) return undefined;
  const id15 = value.slice(0, 15);
  const id18 = id15 + caseSafeSuffix(id15);
  if (value.length === 18 && value.slice(15).toUpperCase() !== id18.slice(15)) return undefined;
  return id18;
}

export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}
