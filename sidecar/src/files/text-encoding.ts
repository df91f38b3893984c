/**
 * Reading text files people hand us (a partner's account list, a CSV of sites) in the
 * encoding they were written in. Spreadsheets write CSV in more than UTF-8: Excel on Windows
 * writes Windows-1252 ("CSV (Comma delimited)") and UTF-16 ("Unicode Text"). Read as UTF-8,
 * such a file turns every accented letter into U+FFFD, silently: names no longer match and
 * come back garbled. So a file is read as UTF-16 when it starts with a UTF-16 byte-order
 * mark, as UTF-8 when every byte sequence in it is valid UTF-8 (a stray Windows-1252 accent
 * almost never is), and as Windows-1252 otherwise (which covers Latin-1's printable text),
 * with the line where UTF-8 first failed, for the caller to report.
 */
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';

export interface EncodingGuess {
  /** A WHATWG encoding label TextDecoder accepts. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** When the file is not UTF-8: the line (from 1) of its first byte that is not. */
  notUtf8AtLine?: number;
}

const NEWLINE = 10;

/** The encoding of a UTF-16 byte-order mark at the start, if there is one. */
function byteOrderMark(start: Uint8Array): EncodingGuess | undefined {
  if (start[0] === 0xff && start[1] === 0xfe) return { encoding: 'utf-16le' };
  if (start[0] === 0xfe && start[1] === 0xff) return { encoding: 'utf-16be' };
  return undefined;
}

/** Follows a byte stream through a strict UTF-8 decoder and keeps count of its lines. */
class Utf8Check {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private lines = 1;
  notUtf8AtLine: number | undefined;

  /** Checks the next bytes; false once a sequence is not UTF-8 (notUtf8AtLine is then set). */
  take(bytes: Uint8Array, last: boolean): boolean {
    try {
      this.decoder.decode(bytes, { stream: !last });
    } catch {
      // The decoder reports no position: the line is counted up to the first byte of the chunk
      // that the lenient decoder replaces.
      const text = new TextDecoder('utf-8').decode(bytes);
      const bad = text.indexOf('\uFFFD');
      let newlines = 0;
      for (let i = 0; i < (bad < 0 ? text.length : bad); i++) if (text.charCodeAt(i) === NEWLINE) newlines++;
      this.notUtf8AtLine = this.lines + newlines;
      return false;
    }
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === NEWLINE) this.lines++;
    return true;
  }
}

/** The encoding of a whole file's bytes (see the module comment). */
export function guessEncoding(bytes: Uint8Array): EncodingGuess {
  const marked = byteOrderMark(bytes);
  if (marked) return marked;
  const check = new Utf8Check();
  return check.take(bytes, true) ? { encoding: 'utf-8' } : { encoding: 'windows-1252', notUtf8AtLine: check.notUtf8AtLine as number };
}

/** A whole file's bytes as text, in the encoding guessEncoding finds (which it returns too). */
export function decodeGuessed(bytes: Uint8Array): EncodingGuess & { text: string } {
  const guess = guessEncoding(bytes);
  return { ...guess, text: new TextDecoder(guess.encoding).decode(bytes) };
}

/** guessEncoding for a file, read as a stream (a file of millions of rows is never held whole). */
export async function guessFileEncoding(file: string): Promise<EncodingGuess> {
  const check = new Utf8Check();
  let first = true;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    if (first) {
      first = false;
      const marked = byteOrderMark(chunk);
      if (marked) return marked;
    }
    if (!check.take(chunk, false)) return { encoding: 'windows-1252', notUtf8AtLine: check.notUtf8AtLine as number };
  }
  return check.take(new Uint8Array(0), true)
    ? { encoding: 'utf-8' }
    : { encoding: 'windows-1252', notUtf8AtLine: check.notUtf8AtLine as number };
}

/** A stream that turns bytes in `encoding` into text (a byte-order mark is dropped). */
export function decodingStream(encoding: string): Transform {
  const decoder = new TextDecoder(encoding);
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, callback) {
      const text = decoder.decode(chunk, { stream: true });
      // An object-mode stream cannot carry an empty chunk (a chunk that only began a character).
      callback(null, text === '' ? undefined : text);
    },
    flush(callback) {
      const rest = decoder.decode();
      callback(null, rest === '' ? undefined : rest);
    },
  });
}

/** Whether TextDecoder knows the label ("utf-8", "latin1", "windows-1252", "utf-16le", "shift_jis" …). */
export function isKnownEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}
