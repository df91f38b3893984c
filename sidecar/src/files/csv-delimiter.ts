/**
 * Which character separates the fields of a delimited text file people hand us. Not every
 * "CSV" is comma-separated: Excel writes semicolons where the decimal separator is a comma
 * (most of continental Europe), "Unicode Text" is tab-separated, and exports from older
 * systems use pipes. Read with the wrong delimiter, a file is one column, and every column
 * asked for is "unknown".
 */
import { openSync, readSync, closeSync } from 'node:fs';

export const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter of a file whose header line is `header`: the first candidate (comma first)
 * under which every column in `wanted` is a field of the header (in any case); else the
 * candidate that appears most often outside quotes (a comma on a tie or when none does).
 */
export function guessDelimiter(header: string, wanted: readonly string[]): string {
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const fields = splitHeader(header, delimiter).map((field) => field.toLowerCase());
    if (wanted.length > 0 && wanted.every((column) => fields.includes(column.toLowerCase()))) return delimiter;
  }
  let best: string = ',';
  let bestCount = 0;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const count = splitHeader(header, delimiter).length - 1;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/** The header's fields split at `delimiter` outside double quotes, unquoted and trimmed. */
export function splitHeader(header: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const character = header[i] as string;
    if (character === '"') {
      // A doubled quote inside a quoted field is one quote.
      if (quoted && header[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = !quoted;
    } else if (character === delimiter && !quoted) {
      fields.push(field.trim());
      field = '';
    } else field += character;
  }
  fields.push(field.trim());
  return fields;
}

/** Bytes read to find the header line: headers are short, and a line cut here still has its first fields. */
const HEADER_BYTES = 64 * 1024;

/** The first line of a file in the given encoding, without a byte-order mark or line end. */
export function readHeaderLine(file: string, encoding: string): string {
  const descriptor = openSync(file, 'r');
  try {
    const bytes = new Uint8Array(HEADER_BYTES);
    const read = readSync(descriptor, bytes, 0, HEADER_BYTES, 0);
    return firstLine(new TextDecoder(encoding).decode(bytes.subarray(0, read)));
  } finally {
    closeSync(descriptor);
  }
}

/** A text's first line, without its line end: the header of a delimited file already read. */
export function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}
