import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { guessDelimiter, readHeaderLine, splitHeader } from '../../src/files/csv-delimiter.ts';

describe('the field delimiter of a file', () => {
  it('is the one under which the header has every column asked for, a comma first', () => {
    assert.equal(guessDelimiter('Id,Site name,Address', ['Site name', 'Address']), ',');
    assert.equal(guessDelimiter('Id;Site name;Address', ['Site name', 'Address']), ';');
    assert.equal(guessDelimiter('Id\tSite name\tAddress', ['Id', 'Address']), '\t');
    assert.equal(guessDelimiter('Id|Site name|Address', ['Site name']), '|');
    assert.equal(guessDelimiter('ID;SITE NAME;ADDRESS,CITY', ['Site name']), ';');
    // A semicolon inside a quoted comma-separated header does not decide it.
    assert.equal(guessDelimiter('Id,"Name; legal",Address', ['Name; legal', 'Address']), ',');
    assert.equal(guessDelimiter('"Id";"Name, legal";"Address"', ['Name, legal']), ';');
  });

  it('is the most frequent candidate when no split has the columns (the caller then names them as unknown)', () => {
    assert.equal(guessDelimiter('Id;Name;Street,Number', ['Company']), ';');
    assert.equal(guessDelimiter('Id\tName\tStreet', ['Company']), '\t');
    assert.equal(guessDelimiter('Company', ['Name']), ',');
  });

  it('splits a header at the delimiter outside quotes, unquoting doubled quotes', () => {
    assert.deepEqual(splitHeader('a,"b,c", d ,"say ""hi"""', ','), ['a', 'b,c', 'd', 'say "hi"']);
    assert.deepEqual(splitHeader('', ','), ['']);
  });

  it('reads the header line in the file’s encoding, without its byte-order mark or line end', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csv-delimiter-'));
    const utf8 = path.join(dir, 'bom.csv');
    writeFileSync(utf8, '\uFEFFId;Société\r\n1;x\r\n');
    assert.equal(readHeaderLine(utf8, 'utf-8'), 'Id;Société');
    const utf16 = path.join(dir, 'unicode.txt');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Id\tName\r\n1\tx', 'utf16le')]));
    assert.equal(readHeaderLine(utf16, 'utf-16le'), 'Id\tName');
    const oneLine = path.join(dir, 'one-line.csv');
    writeFileSync(oneLine, 'Id,Name');
    assert.equal(readHeaderLine(oneLine, 'utf-8'), 'Id,Name');
  });
});
