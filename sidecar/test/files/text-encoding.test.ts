import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { decodingStream, guessEncoding, guessFileEncoding, isKnownEncoding } from '../../src/files/text-encoding.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'text-encoding-'));
const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string): Buffer => {
  const bytes = Buffer.from(text, 'utf16le');
  for (let i = 0; i < bytes.length; i += 2) [bytes[i], bytes[i + 1]] = [bytes[i + 1] as number, bytes[i] as number];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), bytes]);
};

async function decodeAll(chunks: Buffer[], encoding: string): Promise<string> {
  let text = '';
  for await (const part of Readable.from(chunks).pipe(decodingStream(encoding))) text += part as string;
  return text;
}

describe('text encodings of files people hand us', () => {
  it('reads UTF-8 as UTF-8, with or without a byte-order mark', () => {
    assert.deepEqual(guessEncoding(Buffer.from('Name\nCafé Société\n')), { encoding: 'utf-8' });
    assert.deepEqual(guessEncoding(Buffer.from('\uFEFFName\nCafé\n')), { encoding: 'utf-8' });
    assert.deepEqual(guessEncoding(Buffer.from('plain ascii')), { encoding: 'utf-8' });
  });

  it('reads bytes that are not UTF-8 as Windows-1252 and says on which line UTF-8 failed', () => {
    // "Société Générale" and "Müller" as Excel on Windows saves them.
    const bytes = Buffer.from('Name\nAcme\nSoci\xe9t\xe9 G\xe9n\xe9rale\nM\xfcller\n', 'latin1');
    assert.deepEqual(guessEncoding(bytes), { encoding: 'windows-1252', notUtf8AtLine: 3 });
    assert.equal(new TextDecoder('windows-1252').decode(bytes).split('\n')[2], 'Société Générale');
  });

  it('reads UTF-16 by its byte-order mark', () => {
    assert.deepEqual(guessEncoding(utf16le('Name\nCafé\n')), { encoding: 'utf-16le' });
    assert.deepEqual(guessEncoding(utf16be('Name\nCafé\n')), { encoding: 'utf-16be' });
  });

  it('guesses a file streamed in chunks, past the first chunk, with the right line', async () => {
    const good = `${'Acme Widgets,Chicago\n'.repeat(10_000)}`; // ~210 kB: several read chunks
    const file = path.join(dir, 'late.csv');
    writeFileSync(file, Buffer.concat([Buffer.from(good), Buffer.from('Caf\xe9 Ol\xe9,Paris\n', 'latin1')]));
    assert.deepEqual(await guessFileEncoding(file), { encoding: 'windows-1252', notUtf8AtLine: 10_001 });
    const fine = path.join(dir, 'fine.csv');
    writeFileSync(fine, `${good}Café Olé,Paris\n`);
    assert.deepEqual(await guessFileEncoding(fine), { encoding: 'utf-8' });
    const wide = path.join(dir, 'wide.csv');
    writeFileSync(wide, utf16le(good));
    assert.deepEqual(await guessFileEncoding(wide), { encoding: 'utf-16le' });
  });

  it('decodes a stream whose characters are split between chunks, and drops the byte-order mark', async () => {
    const bytes = Buffer.from('\uFEFFCafé — Zürich 東京');
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    assert.equal(await decodeAll(chunks, 'utf-8'), 'Café — Zürich 東京');
    assert.equal(await decodeAll([utf16le('Zürich')], 'utf-16le'), 'Zürich');
  });

  it('knows the encodings TextDecoder knows', () => {
    for (const label of ['utf-8', 'UTF8', 'windows-1252', 'latin1', 'utf-16le', 'shift_jis']) assert.ok(isKnownEncoding(label), label);
    assert.equal(isKnownEncoding('klingon'), false);
  });
});
