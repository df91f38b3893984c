/**
 * `partner-sync match`: record-level matching of company records in CSV files, no org
 * needed. Each input row gets one output row: its best match at or above the match
 * threshold (or an empty match_id), the confidence, the decision and the reasons.
 */
import { accessSync, constants as fsConstants, createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { finished, pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import type { CountryCode } from 'libphonenumber-js';
import { getCountries } from 'libphonenumber-js';
import { MAX_COMPARED_LENGTH, MatchIndex, overlongFields } from '../../matching/index.ts';
import type { MatchCandidate, MatchRecord, MatchTextField } from '../../matching/index.ts';
import { DEFAULT_PROGRAM_SETTINGS } from '../../settings/program-settings.ts';
import { decodingStream, guessFileEncoding, isKnownEncoding } from '../../files/text-encoding.ts';
import { guessDelimiter, readHeaderLine, splitHeader } from '../../files/csv-delimiter.ts';
import { UsageError } from '../command.ts';
import type { CliCommand, CliIo } from '../command.ts';

/** The record fields --map can fill. */
export const MAPPABLE_FIELDS = ['name', 'website', 'email', 'phone', 'address', 'city', 'zip', 'country', 'contact'] as const;
type MappableField = (typeof MAPPABLE_FIELDS)[number];
/** The columns each mapped field is read from: one, or several joined with "+" ("contact=First Name+Last Name"). */
type FieldMap = Partial<Record<MappableField, string[]>>;

const USAGE = `Usage: partner-sync match --input <csv> [--against <csv>] --id <column>
                          --map name=<col>,website=<col>,email=<col>,phone=<col>,address=<col>,city=<col>,zip=<col>,country=<col>
                          --out <csv> [options]

Matches company records. Without --against, each input record is matched against all the other
input records (never itself); with --against, against the records of that file. Writes one row
per input record: input_id,match_id,score,decision,reasons (match_id empty when there is no
match at or above the threshold; decision is match, review or none).

Options:
  --input <csv>            records to match (header row; quoted multi-line fields are fine)
  --against <csv>          records to match them against (default: the input itself)
  --id <column>            id column (in both files)
  --against-id <column>    id column of the --against file, when it differs
  --map <field=col,...>    which columns hold which fields; fields: ${MAPPABLE_FIELDS.join(', ')}
                           (at least name or website), or a name a field goes by (company, url,
                           street, postal_code …); state, region, province and county are left out.
                           Column names are matched exactly, or in any case when only one column
                           spells the name so. Several columns joined by + fill one field: name,
                           address and contact read them all ("contact=First Name+Last Name",
                           "address=Street 1+Street 2"), the others the first that is not empty
                           ("phone=Phone+Mobile").
  --against-map <...>      the --against file's columns, when they differ (default: --map)
  --out <csv>              output file ("-" for standard output)
  --default-country <CC>   country for phone numbers without one (default US)
  --threshold <0..1>       match threshold (default: programme setting ${DEFAULT_PROGRAM_SETTINGS.matchThreshold})
  --review-threshold <0..1>  review threshold (default ${DEFAULT_PROGRAM_SETTINGS.reviewThreshold})
  --delimiter <char>       field delimiter of the files (, ; tab | …); by default the one under
                           which the header has the columns asked for, said on stderr when not ,
  --encoding <name>        the files' encoding (utf-8, windows-1252, utf-16le, latin1 …); by default
                           UTF-16 with a byte-order mark, else UTF-8 if the whole file is valid UTF-8,
                           else Windows-1252 (Excel's CSV on Windows), said on stderr
`;

export interface MatchFilesOptions {
  input: string;
  against?: string;
  idColumn: string;
  againstIdColumn?: string;
  map: FieldMap;
  againstMap?: FieldMap;
  out: string;
  defaultCountry: CountryCode;
  matchThreshold: number;
  reviewThreshold: number;
  /** The files' field delimiter; undefined: guessed per file from its header (guessDelimiter). */
  delimiter?: string;
  /** The files' encoding; undefined: guessed per file (guessFileEncoding). */
  encoding?: string;
  /** Mapped columns of fields the matcher does not compare ("--map state=State"), said on stderr. */
  uncompared?: string[];
}

export interface MatchFilesSummary {
  inputRecords: number;
  indexedRecords: number;
  matches: number;
  reviews: number;
  seconds: number;
}

export const matchCommand: CliCommand = {
  name: 'match',
  summary: 'match company records in CSV files (no org needed)',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const options = parseMatchArgs(args);
    if (options.uncompared)
      io.stderr.write(
        `partner-sync match: not compared, left out: ${options.uncompared.join(', ')} (fields: ${MAPPABLE_FIELDS.join(', ')})\n`,
      );
    try {
      const summary = await matchFiles(options, io);
      io.stderr.write(
        `partner-sync match: ${summary.inputRecords} records matched against ${summary.indexedRecords}: ` +
          `${summary.matches} matches, ${summary.reviews} for review (${summary.seconds.toFixed(2)} s)\n`,
      );
      return 0;
    } catch (error) {
      if (error instanceof OutputClosed) return 0;
      if (error instanceof MatchInputError) {
        io.stderr.write(`partner-sync match: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
  },
};

/**
 * The reader of standard output went away (`partner-sync match … --out - | head`): the run
 * stops without a word, as command-line tools do.
 */
class OutputClosed extends Error {}

function outputFailure(out: string, error: Error): Error {
  if (out === '-' && (error as NodeJS.ErrnoException).code === 'EPIPE') return new OutputClosed('standard output was closed');
  return new MatchInputError(`--out ${out}: ${error.message}`);
}

/** Bad files or columns: reported as one clear line, exit code 2. */
export class MatchInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MatchInputError';
  }
}

export function parseMatchArgs(args: string[]): MatchFilesOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        input: { type: 'string' },
        against: { type: 'string' },
        id: { type: 'string' },
        'against-id': { type: 'string' },
        map: { type: 'string' },
        'against-map': { type: 'string' },
        out: { type: 'string' },
        'default-country': { type: 'string' },
        threshold: { type: 'string' },
        'review-threshold': { type: 'string' },
        delimiter: { type: 'string' },
        encoding: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const required = (name: string): string => {
    const value = values[name];
    if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
    return value;
  };
  const country = (typeof values['default-country'] === 'string' ? values['default-country'] : 'US').toUpperCase();
  if (!(getCountries() as string[]).includes(country))
    throw new UsageError(`--default-country "${country}" is not an ISO 3166 country code`);
  const matchThreshold = fraction(values.threshold, '--threshold', DEFAULT_PROGRAM_SETTINGS.matchThreshold);
  const reviewThreshold = Math.min(
    matchThreshold,
    fraction(values['review-threshold'], '--review-threshold', DEFAULT_PROGRAM_SETTINGS.reviewThreshold),
  );
  const uncompared: string[] = [];
  const options: MatchFilesOptions = {
    input: required('input'),
    idColumn: required('id'),
    map: parseFieldMap(required('map'), '--map', uncompared),
    out: required('out'),
    defaultCountry: country as CountryCode,
    matchThreshold,
    reviewThreshold,
  };
  if (typeof values.delimiter === 'string') options.delimiter = delimiterOption(values.delimiter);
  if (typeof values.encoding === 'string') {
    if (!isKnownEncoding(values.encoding))
      throw new UsageError(`--encoding "${values.encoding}" is not an encoding (e.g. utf-8, windows-1252, utf-16le, latin1)`);
    options.encoding = values.encoding;
  }
  if (typeof values.against === 'string') options.against = values.against;
  if (typeof values['against-id'] === 'string') options.againstIdColumn = values['against-id'];
  if (typeof values['against-map'] === 'string') options.againstMap = parseFieldMap(values['against-map'], '--against-map', uncompared);
  if (uncompared.length > 0) options.uncompared = uncompared;
  return options;
}

/** --delimiter as typed: a character, or "\\t" / "tab" for a tab (a shell passes "\t" as two characters). */
function delimiterOption(value: string): string {
  const delimiter = value === '\\t' || value.toLowerCase() === 'tab' ? '\t' : value;
  if (delimiter === '' || delimiter.includes('"') || /[\r\n]/.test(delimiter))
    throw new UsageError(`--delimiter "${value}" cannot separate fields (give a character such as , ; tab |)`);
  return delimiter;
}

function fraction(value: string | boolean | undefined, flag: string, fallback: number): number {
  if (typeof value !== 'string') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`${flag} must be a number between 0 and 1, got "${value}"`);
  return n;
}

/** Other names a field goes by in exports and in people's heads ("street=", "postal_code=", "company="). */
const FIELD_ALIASES = new Map<string, MappableField>([
  ...['company', 'company_name', 'account', 'account_name', 'organisation', 'organization', 'org', 'business', 'business_name'].map(
    (alias) => [alias, 'name'] as const,
  ),
  ...['url', 'web', 'site', 'domain', 'homepage'].map((alias) => [alias, 'website'] as const),
  ...['e-mail', 'mail', 'email_address'].map((alias) => [alias, 'email'] as const),
  ...['telephone', 'tel', 'phone_number'].map((alias) => [alias, 'phone'] as const),
  ...['street', 'street_address', 'addr', 'address1', 'address_1', 'address_line_1'].map((alias) => [alias, 'address'] as const),
  ...['town'].map((alias) => [alias, 'city'] as const),
  ...['postal', 'postal_code', 'postalcode', 'postcode', 'post_code', 'zipcode', 'zip_code'].map((alias) => [alias, 'zip'] as const),
  ...['country_code'].map((alias) => [alias, 'country'] as const),
  ...['contact_name', 'person'].map((alias) => [alias, 'contact'] as const),
]);

/** Parts of an address the matcher does not compare: mapped, they are named on stderr and left out, not refused. */
const UNCOMPARED_FIELDS = new Set(['state', 'region', 'province', 'county']);

/**
 * --map as typed: field=column pairs, a field by its name or an alias. Fields the matcher does
 * not compare (UNCOMPARED_FIELDS) go into `uncompared`, for the caller to say so.
 */
export function parseFieldMap(text: string, flag: string, uncompared: string[] = []): FieldMap {
  const map: FieldMap = {};
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const equals = part.indexOf('=');
    if (equals <= 0) throw new UsageError(`${flag}: "${part}" is not field=column`);
    const typed = part.slice(0, equals).trim().toLowerCase();
    const spec = part.slice(equals + 1).trim();
    if (spec === '') throw new UsageError(`${flag}: no column given for ${typed}`);
    if (UNCOMPARED_FIELDS.has(typed)) {
      uncompared.push(`${flag} ${typed}=${spec}`);
      continue;
    }
    const field = (MAPPABLE_FIELDS as readonly string[]).includes(typed) ? (typed as MappableField) : FIELD_ALIASES.get(typed);
    if (field === undefined) throw new UsageError(`${flag}: unknown field "${typed}" (fields: ${MAPPABLE_FIELDS.join(', ')})`);
    const columns = [...new Set(columnParts(spec))];
    if (columns.includes('')) throw new UsageError(`${flag}: "${spec}" has an empty column name around a "+"`);
    // Twice, often through an alias ("name=Company,company=Web"), is a slip: several columns are joined with "+".
    const before = map[field];
    if (before !== undefined && before.join('+') !== columns.join('+'))
      throw new UsageError(`${flag}: ${field} is mapped twice ("${before.join('+')}" and "${spec}"); join columns with + to read several`);
    map[field] = columns;
  }
  if (!map.name && !map.website) throw new UsageError(`${flag} must map at least name or website`);
  return map;
}

/** The columns of a "+"-joined --map value ("First Name + Last Name"), trimmed. */
function columnParts(spec: string): string[] {
  return spec.split('+').map((column) => column.trim());
}

/**
 * Fails at once, before any work, when the output file cannot be written: its folder missing,
 * the path a folder, no permission. (The file itself is only created once the input has been read.)
 */
function checkWritable(file: string): void {
  const folder = path.dirname(path.resolve(file));
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new MatchInputError(`--out ${file}: the folder ${folder} does not exist`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new MatchInputError(`--out ${file} is a folder, not a file`);
  try {
    accessSync(existsSync(file) ? file : folder, fsConstants.W_OK);
  } catch {
    throw new MatchInputError(`--out ${file}: no permission to write there`);
  }
}

/**
 * How the files are read (their encoding and field delimiter): as --encoding / --delimiter
 * say, else guessed once per file (a file read twice, to index and to match, is guessed once),
 * and a guess that is not the usual (UTF-8, a comma) said on stderr.
 */
class FileFormats {
  private readonly encodings = new Map<string, string>();
  private readonly delimiters = new Map<string, string>();
  private readonly options: Pick<MatchFilesOptions, 'encoding' | 'delimiter'>;
  private readonly io: CliIo;

  constructor(options: Pick<MatchFilesOptions, 'encoding' | 'delimiter'>, io: CliIo) {
    this.options = options;
    this.io = io;
  }

  async encodingOf(file: string, flag: string): Promise<string> {
    if (this.options.encoding !== undefined) return this.options.encoding;
    const known = this.encodings.get(file);
    if (known !== undefined) return known;
    let guess;
    try {
      guess = await guessFileEncoding(file);
    } catch (error) {
      throw new MatchInputError(`${flag} ${file}: ${(error as Error).message}`);
    }
    if (guess.notUtf8AtLine !== undefined)
      this.say(
        `${flag} ${file} is not UTF-8 (line ${guess.notUtf8AtLine} has a byte that is not): read as Windows-1252; give --encoding to read it otherwise`,
      );
    this.encodings.set(file, guess.encoding);
    return guess.encoding;
  }

  /**
   * The map with each "+" that is part of a column's own name put back: "Phone+Fax" is one
   * column when the file's header has a column of that name, else the columns "Phone" and "Fax".
   */
  async resolveColumns(file: string, flag: string, idColumn: string, map: FieldMap): Promise<FieldMap> {
    const joined = Object.values(map).filter((columns) => columns.length > 1);
    if (joined.length === 0 || !existsSync(file) || !statSync(file).isFile()) return map;
    const encoding = await this.encodingOf(file, flag);
    const delimiter = this.delimiterOf(file, flag, encoding, columnsOf(idColumn, map));
    const header = splitHeader(readHeaderLine(file, encoding), delimiter).map((column) => columnParts(column).join('+'));
    const resolved: FieldMap = {};
    for (const field of MAPPABLE_FIELDS) {
      const columns = map[field];
      if (columns === undefined) continue;
      const whole = columns.join('+');
      resolved[field] = columns.length > 1 && header.includes(whole) ? [whole] : columns;
    }
    return resolved;
  }

  /** The delimiter under which the header has `columns` (guessDelimiter). */
  delimiterOf(file: string, flag: string, encoding: string, columns: readonly string[]): string {
    if (this.options.delimiter !== undefined) return this.options.delimiter;
    const known = this.delimiters.get(file);
    if (known !== undefined) return known;
    const delimiter = guessDelimiter(readHeaderLine(file, encoding), columns);
    if (delimiter !== ',')
      this.say(
        `${flag} ${file}: fields separated by ${delimiter === '\t' ? 'tabs' : `"${delimiter}"`} (guessed from the header; give --delimiter to choose)`,
      );
    this.delimiters.set(file, delimiter);
    return delimiter;
  }

  private say(message: string): void {
    this.io.stderr.write(`partner-sync match: ${message}\n`);
  }
}

/** Streams a CSV file's rows with the line each starts on, checking first that the named columns exist. */
async function* readRows(
  file: string,
  flag: string,
  formats: FileFormats,
  columns: string[],
): AsyncGenerator<{ row: Record<string, string>; line: number }> {
  if (!existsSync(file)) throw new MatchInputError(`${flag} file not found: ${file}`);
  if (!statSync(file).isFile()) throw new MatchInputError(`${flag} ${file} is a folder, not a file`);
  const encoding = await formats.encodingOf(file, flag);
  const delimiter = formats.delimiterOf(file, flag, encoding, columns);
  let headerRead = false;
  const parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    columns: (header: string[]) => {
      headerRead = true;
      const trimmed = header.map((h) => h.trim());
      // A column asked for in another case ("site name" for "Site Name") is that column, when
      // only one column of the header spells it so.
      for (const column of columns) {
        if (trimmed.includes(column)) continue;
        const sameLetters = trimmed.flatMap((h, i) => (h.toLowerCase() === column.toLowerCase() ? [i] : []));
        if (sameLetters.length === 1) trimmed[sameLetters[0] as number] = column;
      }
      const missing = columns.filter((c) => !trimmed.includes(c));
      if (missing.length > 0) {
        throw new MatchInputError(
          `${file}: unknown column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}; the columns are: ${trimmed.map((c) => `"${c}"`).join(', ')}`,
        );
      }
      // Two columns of one name: a row keeps only the last one's value, which may not be the one meant.
      const twice = columns.filter((c) => trimmed.indexOf(c) !== trimmed.lastIndexOf(c));
      if (twice.length > 0) throw new MatchInputError(`${file}: column "${twice[0]}" appears more than once in the header; rename one`);
      return trimmed;
    },
  });
  // A pipeline, not pipe(): an error of the file or the decoder destroys the parser, and so
  // reaches the loop below, which reports it (the pipeline's own promise need not).
  pipeline(createReadStream(file), decodingStream(encoding), parser).catch(() => undefined);
  // csv-parse gives the line a record ends on; a record starts on the line after the previous
  // one ends, past any empty lines skipped in between (a quoted field may span many lines).
  let previousEnd = 1;
  let emptyLines = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number; empty_lines: number };
    }>) {
      yield { row: record, line: previousEnd + 1 + info.empty_lines - emptyLines };
      previousEnd = info.lines;
      emptyLines = info.empty_lines;
    }
  } catch (error) {
    if (error instanceof MatchInputError) throw error;
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof MatchInputError) throw cause;
    throw new MatchInputError(`${file}: ${(error as Error).message}`);
  }
  if (!headerRead) throw new MatchInputError(`${flag} ${file} is empty: not even a header row`);
}

/** The record field each --map field fills. */
const RECORD_FIELD: Record<MappableField, MatchTextField> = {
  name: 'name',
  website: 'website',
  email: 'email',
  phone: 'phone',
  address: 'street',
  city: 'city',
  zip: 'postalCode',
  country: 'country',
  contact: 'contactName',
};

/**
 * How the values of a field mapped to several columns make one: the parts of a name, an address
 * or a person's name joined (address lines as one address), undefined for a field whose
 * columns are alternatives (a phone, else a mobile): the first one that is not empty.
 */
const JOINED_WITH: Record<MappableField, string | undefined> = {
  name: ' ',
  website: undefined,
  email: undefined,
  phone: undefined,
  address: ', ',
  city: undefined,
  zip: undefined,
  country: undefined,
  contact: ' ',
};

function toRecord(id: string, row: Record<string, string>, map: FieldMap): MatchRecord {
  // Every field is set, unmapped ones to undefined, in one order: records of one shape.
  const record: MatchRecord = { id };
  for (const field of MAPPABLE_FIELDS) {
    const columns = map[field];
    record[RECORD_FIELD[field]] = columns === undefined ? undefined : fieldValue(row, columns, JOINED_WITH[field]);
  }
  return record;
}

function fieldValue(row: Record<string, string>, columns: string[], joinedWith: string | undefined): string | undefined {
  if (columns.length === 1) return row[columns[0] as string];
  const values = columns.map((column) => row[column]?.trim() ?? '').filter((value) => value !== '');
  return joinedWith === undefined ? values[0] : values.join(joinedWith);
}

/** The column (or columns) a record field was read from. */
function columnOf(field: MatchTextField, map: FieldMap): string | undefined {
  const mapped = MAPPABLE_FIELDS.find((candidate) => RECORD_FIELD[candidate] === field);
  return mapped === undefined ? undefined : map[mapped]?.join('+');
}

const NAMED_OVERLONG_ROWS = 10;

/**
 * Rows with values longer than the matcher compares (MAX_COMPARED_LENGTH): each is still
 * matched, on the value's first characters, and the first few are named on stderr with
 * their columns (a missing closing quote makes one field swallow the rows after it).
 */
class OverlongValues {
  private rows = 0;
  private readonly io: CliIo;

  constructor(io: CliIo) {
    this.io = io;
  }

  check(flag: string, line: number, id: string, record: MatchRecord, map: FieldMap): void {
    const fields = overlongFields(record);
    if (fields.length === 0 || this.rows++ >= NAMED_OVERLONG_ROWS) return;
    const what = fields.map((field) => `column "${columnOf(field, map)}" has ${(record[field] as string).length} characters`);
    this.io.stderr.write(
      `partner-sync match: ${flag} line ${line} (id "${id}"): ${what.join(', ')}; only the first ${MAX_COMPARED_LENGTH} are compared\n`,
    );
  }

  done(): void {
    if (this.rows > NAMED_OVERLONG_ROWS)
      this.io.stderr.write(
        `partner-sync match: ${this.rows - NAMED_OVERLONG_ROWS} more rows have values over ${MAX_COMPARED_LENGTH} characters\n`,
      );
  }
}

function columnsOf(idColumn: string, map: FieldMap): string[] {
  return [...new Set([idColumn, ...Object.values(map).flat()])];
}

/** The reasons column: "signal=outcome(weight)" joined by ";", e.g. "phone=match(+4);name=0.93(+3.2)". */
export function formatReasons(candidate: MatchCandidate): string {
  return candidate.reasons
    .map((reason) => {
      const what = reason.similarity !== undefined ? reason.similarity.toFixed(2) : reason.outcome;
      return `${reason.signal}=${what}(${reason.weight >= 0 ? '+' : ''}${reason.weight})`;
    })
    .join(';');
}

class Progress {
  private readonly enabled: boolean;
  private last = 0;
  private readonly io: CliIo;

  constructor(io: CliIo) {
    this.io = io;
    this.enabled = io.stderr.isTTY === true;
  }

  update(label: string, done: number, total?: number): void {
    if (!this.enabled || done - this.last < 500) return;
    this.last = done;
    this.io.stderr.write(`\r${label} ${done}${total ? `/${total} (${Math.floor((100 * done) / total)}%)` : ''}   `);
  }

  done(): void {
    if (this.enabled) this.io.stderr.write('\r\x1b[K');
    this.last = 0;
  }
}

const INDEX_BATCH = 100_000;
/**
 * Input records looked up at a time: a batch this size uses the index's worker threads once a
 * large file started them (workersForJob).
 */
export const MATCH_BATCH = 8192;

/**
 * Indexes the reference records (the --against file, or the input itself), then streams the
 * input again and writes one output row per record. Index ids are row positions, so repeated
 * or empty ids in a file never make a record match or skip the wrong row.
 */
export async function matchFiles(options: MatchFilesOptions, io: CliIo): Promise<MatchFilesSummary> {
  const started = performance.now();
  const thresholds = { ...DEFAULT_PROGRAM_SETTINGS, matchThreshold: options.matchThreshold, reviewThreshold: options.reviewThreshold };
  const index = new MatchIndex({ thresholds, defaultCountry: options.defaultCountry });
  // Its worker threads end with the run, whether it succeeds or fails part-way.
  try {
    return { ...(await matchWithIndex(index, options, io)), seconds: (performance.now() - started) / 1000 };
  } finally {
    await index.close();
  }
}

async function matchWithIndex(index: MatchIndex, options: MatchFilesOptions, io: CliIo): Promise<Omit<MatchFilesSummary, 'seconds'>> {
  const progress = new Progress(io);
  const referenceFile = options.against ?? options.input;
  const referenceFlag = options.against ? '--against' : '--input';
  const referenceIdColumn = options.against ? (options.againstIdColumn ?? options.idColumn) : options.idColumn;
  if (!existsSync(options.input)) throw new MatchInputError(`--input file not found: ${options.input}`);
  if (options.out !== '-') checkWritable(options.out);

  const overlong = new OverlongValues(io);
  const formats = new FileFormats(options, io);
  const inputMap = await formats.resolveColumns(options.input, '--input', options.idColumn, options.map);
  const referenceMap = options.against
    ? await formats.resolveColumns(options.against, '--against', referenceIdColumn, options.againstMap ?? options.map)
    : inputMap;
  const referenceIds: string[] = [];
  // Indexed in bulk loads of INDEX_BATCH rows: the index normalises them on worker threads.
  let pending: MatchRecord[] = [];
  for await (const { row, line } of readRows(referenceFile, referenceFlag, formats, columnsOf(referenceIdColumn, referenceMap))) {
    const position = referenceIds.length;
    referenceIds.push(row[referenceIdColumn] ?? '');
    const record = toRecord(String(position), row, referenceMap);
    overlong.check(referenceFlag, line, row[referenceIdColumn] ?? '', record, referenceMap);
    pending.push(record);
    if (pending.length === INDEX_BATCH) {
      await index.upsertMany(pending);
      pending = [];
    }
    progress.update('indexed', referenceIds.length);
  }
  await index.upsertMany(pending);
  progress.done();

  const output = stringify({ header: true, columns: ['input_id', 'match_id', 'score', 'decision', 'reasons'] });
  const sink: NodeJS.WritableStream = options.out === '-' ? io.stdout : createWriteStream(options.out);
  // A write that fails (a full disk) ends the run with its reason, not an unhandled error: the
  // rows left are let drain into nothing and the next write reports it.
  let writeError: Error | undefined;
  sink.on('error', (error: Error) => {
    writeError ??= error;
    output.unpipe(sink);
    output.resume();
  });
  output.pipe(sink);
  const write = async (row: (string | number)[]): Promise<void> => {
    if (writeError) throw outputFailure(options.out, writeError);
    if (!output.write(row)) await once(output, 'drain');
  };
  let inputRecords = 0;
  let matches = 0;
  let reviews = 0;
  // Queries go to the index a batch at a time (findMany: worker threads answer some of them).
  // Without --against every record is also in the index: its best other record is the first
  // of its two best that is not itself (the same as a lookup that skips it).
  let batch: { inputId: string; query: MatchRecord; self: string }[] = [];
  const answerBatch = async (): Promise<void> => {
    if (batch.length === 0) return;
    const answers = await index.findMany(
      batch.map(({ query }) => query),
      { minConfidence: 0.05, limit: options.against ? 1 : 2 },
    );
    for (let i = 0; i < batch.length; i++) {
      const { inputId, self } = batch[i] as (typeof batch)[number];
      const best = (answers[i] ?? []).find((candidate) => options.against !== undefined || candidate.id !== self);
      if (!best) {
        await write([inputId, '', 0, 'none', '']);
      } else if (best.decision === 'match') {
        matches++;
        await write([inputId, referenceIds[Number(best.id)] ?? '', best.confidence, 'match', formatReasons(best)]);
      } else {
        if (best.decision === 'review') reviews++;
        const candidate = `candidate=${referenceIds[Number(best.id)] ?? ''}`;
        await write([inputId, '', best.confidence, best.decision, `${candidate};${formatReasons(best)}`]);
      }
    }
    batch = [];
    progress.update('matched', inputRecords, options.against ? undefined : referenceIds.length);
  };
  for await (const { row, line } of readRows(options.input, '--input', formats, columnsOf(options.idColumn, inputMap))) {
    const position = inputRecords++;
    const inputId = row[options.idColumn] ?? '';
    const query = toRecord(`input:${position}`, row, inputMap);
    // Without --against the input was the reference file, checked as it was indexed.
    if (options.against) overlong.check('--input', line, inputId, query, inputMap);
    batch.push({ inputId, query, self: String(position) });
    if (batch.length === MATCH_BATCH) await answerBatch();
  }
  await answerBatch();
  progress.done();
  overlong.done();
  output.end();
  try {
    if (sink !== io.stdout) await finished(sink);
    else await finished(output);
  } catch (error) {
    throw outputFailure(options.out, writeError ?? (error as Error));
  }
  if (writeError) throw outputFailure(options.out, writeError);
  return { inputRecords, indexedRecords: index.size, matches, reviews };
}
