import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { MATCH_BATCH, formatReasons, matchCommand } from '../../src/cli/commands/match.ts';
import { UsageError } from '../../src/cli/command.ts';
import { MatchIndex } from '../../src/matching/index.ts';
import { workersForJob } from '../../src/matching/index/match-index.ts';
import type { MatchRecord } from '../../src/matching/index.ts';
import { DEFAULT_PROGRAM_SETTINGS } from '../../src/settings/program-settings.ts';
import { accountRecord, generateCompany, partnerRecord } from '../../bench/match/generate.ts';
import { seededRandom } from '../../bench/seeded-random.ts';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { io: { stdout, stderr, env: {} }, out: () => out, err: () => err };
}

const dir = mkdtempSync(path.join(tmpdir(), 'match-command-'));
const input = path.join(dir, 'sites.csv');
writeFileSync(
  input,
  [
    'Key,Company,Web,Tel,Street,Zip',
    'a1,"Erie Neighborhood House","","(312) 563-5800","1701 W Superior St",60622',
    'a2,"ERIE NEIGHBORHOOD HOUSE\nERIE COMMUNITY CENTER","","5635800","1701 W. SUPERIOR",60622',
    'a3,"Globex Corporation","https://www.globex.com","","",""',
    'a4,"Globex Corp.","globex.com","","",""',
    'a5,"Westcott","","5353090","409 W. 80Th St.",',
    'a6,"Unrelated Bakery","","","12 Main St",99501',
  ].join('\n'),
);
const map = 'name=Company,website=Web,phone=Tel,address=Street,zip=Zip';

function rows(file: string): Record<string, string>[] {
  return parse(readFileSync(file), { columns: true }) as Record<string, string>[];
}

describe('partner-sync match', () => {
  it('matches each record against the others (never itself), one row per input record', async () => {
    const out = path.join(dir, 'self.csv');
    const run = io();
    assert.equal(await matchCommand.run(['--input', input, '--id', 'Key', '--map', map, '--out', out], run.io), 0);
    const result = rows(out);
    assert.deepEqual(Object.keys(result[0] ?? {}), ['input_id', 'match_id', 'score', 'decision', 'reasons']);
    assert.equal(result.length, 6);
    const byId = new Map(result.map((r) => [r.input_id, r]));
    assert.equal(byId.get('a1')?.match_id, 'a2');
    assert.equal(byId.get('a2')?.match_id, 'a1');
    assert.equal(byId.get('a3')?.match_id, 'a4');
    assert.equal(byId.get('a3')?.decision, 'match');
    assert.match(byId.get('a3')?.reasons ?? '', /domain=match\(\+5\.5\)/);
    assert.equal(byId.get('a6')?.match_id, '');
    assert.equal(byId.get('a5')?.match_id, '');
    for (const row of result) assert.notEqual(row.match_id, row.input_id);
    assert.match(run.err(), /6 records matched against 6: 4 matches/);
  });

  it('matches against another file when --against is given', async () => {
    const against = path.join(dir, 'crm.csv');
    writeFileSync(against, 'Id,Account Name,Website\n001A,Globex Corporation,globex.com\n001B,Erie House,\n');
    const out = path.join(dir, 'against.csv');
    const code = await matchCommand.run(
      [
        '--input',
        input,
        '--against',
        against,
        '--against-id',
        'Id',
        '--against-map',
        'name=Account Name,website=Website',
        '--id',
        'Key',
        '--map',
        map,
        '--out',
        out,
      ],
      io().io,
    );
    assert.equal(code, 0);
    const byId = new Map(rows(out).map((r) => [r.input_id, r]));
    assert.equal(byId.get('a3')?.match_id, '001A');
    assert.equal(byId.get('a4')?.match_id, '001A');
    // A name alone (no corroborating field in the CRM file) is never a match.
    assert.equal(byId.get('a1')?.match_id, '');
  });

  it('writes to standard output with --out -', async () => {
    const run = io();
    assert.equal(await matchCommand.run(['--input', input, '--id', 'Key', '--map', map, '--out', '-'], run.io), 0);
    assert.match(run.out(), /^input_id,match_id,score,decision,reasons\n/);
  });

  it('fails clearly on unknown columns, missing files and bad flags', async () => {
    let run = io();
    assert.equal(
      await matchCommand.run(['--input', input, '--id', 'Key', '--map', 'name=Compnay', '--out', path.join(dir, 'x.csv')], run.io),
      2,
    );
    assert.match(run.err(), /unknown column "Compnay"; the columns are: "Key", "Company"/);
    run = io();
    assert.equal(
      await matchCommand.run(
        ['--input', path.join(dir, 'missing.csv'), '--id', 'Key', '--map', map, '--out', path.join(dir, 'x.csv')],
        run.io,
      ),
      2,
    );
    assert.match(run.err(), /--input file not found/);
    for (const [args, said] of [
      [['--out', path.join(dir, 'no-such-folder', 'x.csv')], /--out .*x\.csv: the folder .*no-such-folder does not exist/],
      [['--out', dir], /--out .* is a folder, not a file/],
      [['--out', '/dev/full'], /--out \/dev\/full: ENOSPC/],
    ] as const) {
      run = io();
      assert.equal(await matchCommand.run(['--input', input, '--id', 'Key', '--map', map, ...args], run.io), 2);
      assert.match(run.err(), said);
    }
    run = io();
    assert.equal(await matchCommand.run(['--input', dir, '--id', 'Key', '--map', map, '--out', path.join(dir, 'x.csv')], run.io), 2);
    assert.match(run.err(), /--input .* is a folder, not a file/);
    const empty = path.join(dir, 'empty.csv');
    writeFileSync(empty, '\n\n');
    run = io();
    assert.equal(await matchCommand.run(['--input', empty, '--id', 'Key', '--map', map, '--out', path.join(dir, 'x.csv')], run.io), 2);
    assert.match(run.err(), /--input .*empty\.csv is empty: not even a header row/);
    const doubled = path.join(dir, 'doubled.csv');
    writeFileSync(doubled, 'Key,Company,Company\nk1,Acme,Acme Holdings\n');
    run = io();
    assert.equal(
      await matchCommand.run(['--input', doubled, '--id', 'Key', '--map', 'name=Company', '--out', path.join(dir, 'x.csv')], run.io),
      2,
    );
    assert.match(run.err(), /column "Company" appears more than once in the header; rename one/);
    await assert.rejects(
      matchCommand.run(['--input', input, '--map', map, '--out', 'x.csv'], io().io),
      (error: Error) => error instanceof UsageError && /--id is required/.test(error.message),
    );
    await assert.rejects(
      matchCommand.run(['--input', input, '--id', 'Key', '--map', 'colour=Company', '--out', 'x.csv'], io().io),
      /unknown field "colour"/,
    );
    await assert.rejects(
      matchCommand.run(['--input', input, '--id', 'Key', '--map', map, '--out', 'x.csv', '--default-country', 'XX'], io().io),
      /--default-country/,
    );
  });

  it('matches rows with overlong values on their first characters and names them on stderr', async () => {
    // A closing quote gone missing: the name field swallows the rows after it.
    const swallowed = Array.from({ length: 80 }, (_, i) => `b${i},Some Other Site ${i},,,${i} Main St,60622`).join('\n');
    const file = path.join(dir, 'overlong.csv');
    const rowsOfFile = [
      'Key,Company,Web,Tel,Street,Zip',
      'a1,"Erie Neighborhood House","","(312) 563-5800","1701 W Superior St",60622',
      `a2,"Erie Neighborhood House ${swallowed}","","5635800","1701 W. SUPERIOR",60622`,
      '',
      // Twelve more, so the stderr names ten and counts the rest.
      ...Array.from({ length: 12 }, (_, i) => `c${i},"${'Filler Company '.repeat(20)}${i}","","","${i} Oak St",60622`),
    ];
    writeFileSync(file, `${rowsOfFile.join('\n')}\n`);
    const out = path.join(dir, 'overlong-out.csv');
    const run = io();
    assert.equal(await matchCommand.run(['--input', file, '--id', 'Key', '--map', map, '--out', out], run.io), 0);
    const result = rows(out);
    assert.equal(result.length, 14, 'every row, overlong or not, has its output row');
    // Compared on its name's first 255 characters, with its phone and street, a2 still matches a1.
    assert.equal(result.find((r) => r.input_id === 'a1')?.match_id, 'a2');
    const length = (rowsOfFile[2] as string).split('"')[1]?.length;
    assert.match(
      run.err(),
      new RegExp(`--input line 3 \\(id "a2"\\): column "Company" has ${length} characters; only the first 255 are compared`),
    );
    // Lines are where a record starts: after the 80 lines of a2 and an empty line, c0 is on line 84.
    assert.match(run.err(), /--input line 84 \(id "c0"\): column "Company" has 301 characters/);
    assert.equal(run.err().match(/only the first 255 are compared/g)?.length, 10);
    assert.match(run.err(), /3 more rows have values over 255 characters/);
  });

  it('reads files saved by Excel on Windows (Windows-1252, UTF-16) as well as UTF-8, and says which', async () => {
    const header = 'Key,Company,Tel,Street,Zip';
    const lines = [
      'w1,"Société Générale Crèche","(312) 555-0101","12 Rue de la Paix",60601',
      'w2,"Müller Kindergärten GmbH","(312) 555-0102","5 Hauptstraße",60602',
    ];
    const crm = path.join(dir, 'crm-utf8.csv');
    writeFileSync(
      crm,
      [
        header,
        'c1,"Societe Generale Creche","3125550101","12 Rue de la Paix",60601',
        'c2,"Muller Kindergarten","3125550102","5 Hauptstrasse",60602',
      ].join('\n'),
    );
    const windows = path.join(dir, 'sites-1252.csv');
    writeFileSync(windows, Buffer.from([header, ...lines].join('\r\n'), 'latin1'));
    const unicodeText = path.join(dir, 'sites-utf16.csv');
    writeFileSync(unicodeText, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([header, ...lines].join('\r\n'), 'utf16le')]));
    const columns = 'name=Company,phone=Tel,address=Street,zip=Zip';
    for (const [file, extra, said] of [
      [windows, [], /--input .*sites-1252\.csv is not UTF-8 \(line 2 has a byte that is not\): read as Windows-1252/],
      [windows, ['--encoding', 'windows-1252'], null],
      [unicodeText, [], null],
    ] as const) {
      const out = path.join(dir, 'encoded-out.csv');
      const run = io();
      const args = ['--input', file, '--against', crm, '--id', 'Key', '--map', columns, '--out', out, ...extra];
      assert.equal(await matchCommand.run(args, run.io), 0, run.err());
      const byId = new Map(rows(out).map((r) => [r.input_id, r]));
      // Read right, the accented names fold to exactly the CRM's spelling.
      assert.equal(byId.get('w1')?.match_id, 'c1', `${file} ${extra.join(' ')}`);
      assert.match(byId.get('w1')?.reasons ?? '', /name=1\.00/);
      assert.equal(byId.get('w2')?.match_id, 'c2', `${file} ${extra.join(' ')}`);
      assert.match(byId.get('w2')?.reasons ?? '', /name=1\.00/);
      if (said) assert.match(run.err(), said);
      else assert.doesNotMatch(run.err(), /not UTF-8/);
    }
    await assert.rejects(
      matchCommand.run(['--input', windows, '--id', 'Key', '--map', columns, '--out', 'x.csv', '--encoding', 'klingon'], io().io),
      (error: Error) => error instanceof UsageError && /--encoding "klingon" is not an encoding/.test(error.message),
    );
  });

  it('reads semicolon- and tab-separated files without being told, and says so', async () => {
    const semicolons = path.join(dir, 'sites-semicolon.csv');
    writeFileSync(
      semicolons,
      'Key;Company;Street\r\nk1;"Acme Plumbing; Heating Ltd";12 Main St\r\nk2;Acme Plumbing Heating;12 Main Street\r\n',
    );
    const tabs = path.join(dir, 'sites-tabs.txt');
    writeFileSync(tabs, 'Key\tCompany\tStreet\nk1\tAcme Plumbing Heating Ltd\t12 Main St\nk2\tAcme Plumbing Heating\t12 Main Street\n');
    const columns = 'name=Company,address=Street';
    for (const [file, extra, said] of [
      [semicolons, [], /--input .*sites-semicolon\.csv: fields separated by ";" \(guessed from the header/g],
      [tabs, [], /fields separated by tabs/g],
      [tabs, ['--delimiter', '\\t'], null],
      [tabs, ['--delimiter', 'tab'], null],
    ] as const) {
      const out = path.join(dir, 'delimited-out.csv');
      const run = io();
      assert.equal(
        await matchCommand.run(['--input', file, '--id', 'Key', '--map', columns, '--out', out, ...extra], run.io),
        0,
        run.err(),
      );
      assert.deepEqual(
        rows(out).map((r) => [r.input_id, r.match_id]),
        [
          ['k1', 'k2'],
          ['k2', 'k1'],
        ],
        `${file} ${extra.join(' ')}`,
      );
      if (said) assert.equal(run.err().match(said)?.length, 1, 'said once, though the file is read twice');
      else assert.doesNotMatch(run.err(), /fields separated by/);
    }
    await assert.rejects(
      matchCommand.run(['--input', tabs, '--id', 'Key', '--map', columns, '--out', 'x.csv', '--delimiter', '"'], io().io),
      (error: Error) => error instanceof UsageError && /--delimiter """ cannot separate fields/.test(error.message),
    );
  });

  it('finds a column asked for in another case, when only one column spells it so', async () => {
    const upper = path.join(dir, 'sites-upper.csv');
    writeFileSync(upper, 'KEY,COMPANY,STREET,Street\nk1,Acme Plumbing Ltd,12 Main St,x\nk2,Acme Plumbing,12 Main Street,y\n');
    const out = path.join(dir, 'upper-out.csv');
    const run = io();
    assert.equal(await matchCommand.run(['--input', upper, '--id', 'Key', '--map', 'name=Company', '--out', out], run.io), 0, run.err());
    assert.deepEqual(
      rows(out).map((r) => r.input_id),
      ['k1', 'k2'],
    );
    // "STREET" and "Street": which one "street" means is not guessed.
    const ambiguous = io();
    assert.equal(
      await matchCommand.run(['--input', upper, '--id', 'Key', '--map', 'name=Company,address=street', '--out', out], ambiguous.io),
      2,
    );
    assert.match(ambiguous.err(), /unknown column "street"/);
  });

  it('takes a field by another name it goes by, and names a mapped state it does not compare', async () => {
    const out = path.join(dir, 'aliases-out.csv');
    const aliased = io();
    const args = ['--input', input, '--id', 'Key', '--out', out];
    const mapped = 'company=Company,url=Web,telephone=Tel,street=Street,postal_code=Zip,state=Zip';
    assert.equal(await matchCommand.run([...args, '--map', mapped], aliased.io), 0, aliased.err());
    const byAlias = rows(out);
    assert.match(aliased.err(), /not compared, left out: --map state=Zip/);
    assert.equal(await matchCommand.run([...args, '--map', map], io().io), 0);
    assert.deepEqual(byAlias, rows(out));
    // One field mapped twice (here through an alias) is refused, as a misspelt field is: several
    // columns are asked for with "+".
    await assert.rejects(
      () => matchCommand.run([...args, '--map', 'name=Company,company=Web'], io().io),
      (error: Error) =>
        error instanceof UsageError && /name is mapped twice \("Company" and "Web"\); join columns with \+/.test(error.message),
    );
    await assert.rejects(
      () => matchCommand.run([...args, '--map', 'name=Company+,phone=Tel'], io().io),
      (error: Error) => error instanceof UsageError && /"Company\+" has an empty column name/.test(error.message),
    );
  });

  it('fills a field from several columns joined with "+": parts read together, alternatives the first not empty', async () => {
    // A CRM export's shape: the contact in two columns, the street in two lines, a phone or a mobile.
    const split = path.join(dir, 'split.csv');
    writeFileSync(
      split,
      [
        'Id,Account,First Name,Last Name,Street 1,Street 2,Phone,Mobile,Zip',
        'c1,Erie Neighborhood House,Ana,Diaz,1701 W Superior St,Suite 2,,(312) 563-5800,60622',
        'c2,Erie Neighborhood House,Ana,Diaz,Suite 2,1701 W. Superior,312-563-5800,,60622',
        'c3,Erie Neighborhood House,Ana,Diaz,,,,,60622',
      ].join('\n'),
    );
    const out = path.join(dir, 'split-out.csv');
    const run = io();
    const joined = 'name=Account,contact=First Name+Last Name,address=Street 1+Street 2,phone=Phone+Mobile,zip=Zip';
    assert.equal(await matchCommand.run(['--input', split, '--id', 'Id', '--map', joined, '--out', out], run.io), 0, run.err());
    const byId = new Map(rows(out).map((r) => [r.input_id, r]));
    assert.equal(byId.get('c1')?.match_id, 'c2');
    // The two lines are one address, the mobile stands in for the missing phone, and the
    // contact is the first and last name together.
    assert.match(byId.get('c1')?.reasons ?? '', /address=match/);
    assert.match(byId.get('c1')?.reasons ?? '', /phone=match/);
    assert.match(byId.get('c3')?.reasons ?? '', /contact_name=match/);
    // A column named in a "+" that the file has not is named like any unknown column.
    const missing = io();
    assert.equal(
      await matchCommand.run(
        ['--input', split, '--id', 'Id', '--map', 'name=Account,contact=First Name+Surname', '--out', out],
        missing.io,
      ),
      2,
    );
    assert.match(missing.err(), /unknown column "Surname"/);
    // A column whose own name has a "+" is that column.
    const plus = path.join(dir, 'plus.csv');
    writeFileSync(plus, 'Id,Account,Phone+Fax\np1,Globex Corporation,312-555-0100\np2,Globex Corp,(312) 555-0100\n');
    const plusOut = path.join(dir, 'plus-out.csv');
    const whole = io();
    assert.equal(
      await matchCommand.run(['--input', plus, '--id', 'Id', '--map', 'name=Account,phone=Phone + Fax', '--out', plusOut], whole.io),
      0,
      whole.err(),
    );
    assert.match(rows(plusOut)[0]?.reasons ?? '', /phone=match/);
  });

  it('looks rows up in batches that use the worker threads a large file started', () => {
    assert.equal(workersForJob(MATCH_BATCH, true, undefined, 1), 1);
  });

  it('answers a file of many batches as one lookup per row that skips the row itself would', async () => {
    // 9,000 rows: two batches of lookups, the second partial; companies twice or once.
    const random = seededRandom(21);
    const records: MatchRecord[] = [];
    for (let i = 0; records.length < 9000; i++) {
      const company = generateCompany(random, i);
      records.push(accountRecord(company, `A${i}`, random));
      if (random() < 0.5) records.push(partnerRecord(company, `P${i}`, random));
    }
    const fields = ['name', 'website', 'email', 'phone', 'street', 'city', 'postalCode', 'country', 'contactName'] as const;
    const file = path.join(dir, 'many.csv');
    writeFileSync(file, stringify([['Id', ...fields], ...records.map((r) => [r.id, ...fields.map((f) => r[f] ?? '')])]));
    const out = path.join(dir, 'many-out.csv');
    const map =
      'name=name,website=website,email=email,phone=phone,address=street,city=city,zip=postalCode,country=country,contact=contactName';
    assert.equal(await matchCommand.run(['--input', file, '--id', 'Id', '--map', map, '--out', out], io().io), 0);

    // The same records as the CLI reads them (every field a string), each looked up on its own.
    const index = new MatchIndex({ thresholds: DEFAULT_PROGRAM_SETTINGS });
    const asRead = records.map((r, position) => ({ id: String(position), ...Object.fromEntries(fields.map((f) => [f, r[f] ?? ''])) }));
    for (const record of asRead) index.upsert(record);
    const result = rows(out);
    assert.equal(result.length, records.length);
    let matched = 0;
    result.forEach((row, position) => {
      const best = index.best(
        { ...(asRead[position] as MatchRecord), id: `q${position}` },
        { minConfidence: 0.05, excludeId: String(position) },
      );
      const expected = !best
        ? ['', '0', 'none']
        : [best.decision === 'match' ? (records[Number(best.id)]?.id ?? '') : '', String(best.confidence), best.decision];
      assert.deepEqual([row.match_id, row.score, row.decision], expected, `row ${position} (${row.input_id})`);
      if (best) assert.ok(row.reasons?.endsWith(formatReasons(best)), `reasons of row ${position}`);
      if (row.match_id) matched++;
    });
    assert.ok(matched > 2000, `the file has matches to compare (${matched})`);
  });

  it('stops without a word when the reader of standard output goes away (| head)', async () => {
    const closed = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    assert.equal(
      await matchCommand.run(['--input', input, '--id', 'Key', '--map', map, '--out', '-'], { stdout: closed, stderr, env: {} }),
      0,
    );
    assert.equal(err, '');
  });
});
