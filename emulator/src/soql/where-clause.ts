/**
 * SOQL WHERE clauses: the parser gives a flat chain of conditions with parenthesis counts;
 * this rebuilds the boolean tree (NOT binds tighter than AND, AND tighter than OR) and
 * compiles each condition to a test on a record.
 */
import type { FieldSchema } from '@partner-lead-sync/model';
import { SalesforceError } from '../errors.ts';
import { normalizeId } from '../ids.ts';
import type { FieldValue, StoredRecord } from '../storage/record-store.ts';
import { parseDate, parseDateTime } from '../data/field-values.ts';
import { dateLiteralRange } from './date-literals.ts';
import type { DateRange } from './date-literals.ts';
import type { FieldPath, RecordReader } from './field-paths.ts';

export type RecordTest = (record: StoredRecord, reader: RecordReader) => boolean;

/** The parts of a parsed condition the compiler needs (the parser's Condition type, loosely). */
export interface ParsedCondition {
  field?: string;
  fn?: unknown;
  operator: string;
  literalType?: string | string[];
  value?: string | string[];
  valueQuery?: unknown;
  openParen?: number;
  closeParen?: number;
}

export interface ParsedWhere {
  left: ParsedCondition | null;
  operator?: string;
  right?: ParsedWhere;
}

export interface WhereCompiler {
  resolvePath(raw: string): FieldPath;
  /** Values of the first field of a semi-join subquery (Id IN (SELECT …)). */
  subqueryValues(query: unknown): Set<string>;
  now: number;
}

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { condition: ParsedCondition };

function tokenize(where: ParsedWhere): Token[] {
  const tokens: Token[] = [];
  let node: ParsedWhere | undefined = where;
  while (node) {
    const left: ParsedCondition | null = node.left;
    if (node.operator === 'NOT') {
      for (let i = 0; i < (left?.openParen ?? 0); i++) tokens.push('(');
      tokens.push('NOT');
      node = node.right;
      continue;
    }
    if (left) {
      for (let i = 0; i < (left.openParen ?? 0); i++) tokens.push('(');
      tokens.push({ condition: left });
      for (let i = 0; i < (left.closeParen ?? 0); i++) tokens.push(')');
    }
    if (node.operator === 'AND' || node.operator === 'OR') tokens.push(node.operator);
    node = node.right;
  }
  return tokens;
}

export function compileWhere(where: ParsedWhere, compiler: WhereCompiler): RecordTest {
  const tokens = tokenize(where);
  let position = 0;
  const malformed = () => new SalesforceError('MALFORMED_QUERY', 'unexpected token in WHERE clause');

  const parseOr = (): RecordTest => {
    const parts = [parseAnd()];
    while (tokens[position] === 'OR') {
      position++;
      parts.push(parseAnd());
    }
    return parts.length === 1 ? parts[0]! : (record, reader) => parts.some((test) => test(record, reader));
  };
  const parseAnd = (): RecordTest => {
    const parts = [parseNot()];
    while (tokens[position] === 'AND') {
      position++;
      parts.push(parseNot());
    }
    return parts.length === 1 ? parts[0]! : (record, reader) => parts.every((test) => test(record, reader));
  };
  const parseNot = (): RecordTest => {
    if (tokens[position] === 'NOT') {
      position++;
      const inner = parseNot();
      return (record, reader) => !inner(record, reader);
    }
    return parsePrimary();
  };
  const parsePrimary = (): RecordTest => {
    const token = tokens[position++];
    if (token === '(') {
      const inner = parseOr();
      if (tokens[position++] !== ')') throw malformed();
      return inner;
    }
    if (token && typeof token === 'object') return compileCondition(token.condition, compiler);
    throw malformed();
  };

  const test = parseOr();
  if (position !== tokens.length) throw malformed();
  return test;
}

/** Top-level AND conditions, for pushing SystemModstamp ranges down to the store. */
export function topLevelConditions(where: ParsedWhere | undefined): ParsedCondition[] | undefined {
  if (!where) return [];
  const tokens = tokenize(where);
  if (tokens.some((t) => t === 'OR' || t === 'NOT')) return undefined;
  return tokens.filter((t): t is { condition: ParsedCondition } => typeof t === 'object').map((t) => t.condition);
}

type Comparable = string | number | boolean | null;

/** A stored value in comparable form: dates and datetimes as ms, text lower-cased. */
export function comparable(field: FieldSchema, value: FieldValue | undefined): Comparable {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'Date':
      return Date.parse(`${String(value)}T00:00:00Z`);
    case 'DateTime':
      return Date.parse(String(value));
    case 'Id':
    case 'Lookup':
    case 'MasterDetail':
      return String(value);
    default:
      return typeof value === 'string' ? value.toLowerCase() : value;
  }
}

function unquote(text: string): string {
  const inner = text.startsWith("'") && text.endsWith("'") ? text.slice(1, -1) : text;
  return inner.replace(/\\(.)/g, (_, char: string) => ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' })[char] ?? char);
}

type Literal = { kind: 'value'; value: Comparable } | { kind: 'range'; range: DateRange };

function literalOf(field: FieldSchema, literalType: string, raw: string, now: number, context: string): Literal {
  switch (literalType) {
    case 'NULL':
      return { kind: 'value', value: null };
    case 'BOOLEAN':
      return { kind: 'value', value: raw.toUpperCase() === 'TRUE' };
    case 'INTEGER':
    case 'DECIMAL':
    case 'INTEGER_WITH_CURRENCY_PREFIX':
    case 'DECIMAL_WITH_CURRENCY_PREFIX':
      return { kind: 'value', value: Number(raw.replace(/^[A-Z]{3}/, '')) };
    case 'DATE': {
      const date = parseDate(raw);
      if (!date) throw new SalesforceError('MALFORMED_QUERY', `${context}: invalid date: ${raw}`);
      return { kind: 'value', value: Date.parse(`${date}T00:00:00Z`) };
    }
    case 'DATETIME': {
      const ms = parseDateTime(raw);
      if (ms === undefined) throw new SalesforceError('MALFORMED_QUERY', `${context}: invalid date time: ${raw}`);
      return { kind: 'value', value: ms };
    }
    case 'DATE_LITERAL':
    case 'DATE_N_LITERAL':
      return { kind: 'range', range: dateLiteralRange(raw, now) };
    default: {
      const text = unquote(raw);
      if (field.type === 'Id' || field.type === 'Lookup' || field.type === 'MasterDetail') {
        const id = normalizeId(text);
        // A malformed id matches nothing, as in an org where the filter value is compared as text.
        return { kind: 'value', value: id ?? `invalid:${text}` };
      }
      if (
        field.type === 'Date' ||
        field.type === 'DateTime' ||
        field.type === 'Number' ||
        field.type === 'Currency' ||
        field.type === 'Percent' ||
        field.type === 'Checkbox'
      ) {
        throw new SalesforceError(
          'INVALID_FIELD',
          `${context}\nvalue of filter criterion for field '${field.name}' must be of type ${field.type.toLowerCase()} and should not be enclosed in quotes`,
        );
      }
      return { kind: 'value', value: text.toLowerCase() };
    }
  }
}

function likePattern(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\' && i + 1 < pattern.length) source += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (char === '%') source += '.*';
    else if (char === '_') source += '.';
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'is');
}

function equals(value: Comparable, literal: Literal): boolean {
  if (literal.kind === 'range') return typeof value === 'number' && value >= literal.range.start && value < literal.range.end;
  return value === literal.value;
}

function compare(value: Comparable, operator: string, literal: Literal): boolean {
  if (value === null) return false;
  if (literal.kind === 'range') {
    if (typeof value !== 'number') return false;
    const { start, end } = literal.range;
    return operator === '<' ? value < start : operator === '<=' ? value < end : operator === '>' ? value >= end : value >= start;
  }
  const other = literal.value;
  if (other === null) return false;
  return operator === '<' ? value < other : operator === '<=' ? value <= other : operator === '>' ? value > other : value >= other;
}

function compileCondition(condition: ParsedCondition, compiler: WhereCompiler): RecordTest {
  if (!condition.field) throw new SalesforceError('MALFORMED_QUERY', 'functions in WHERE are not supported by the org emulator');
  const path = compiler.resolvePath(condition.field);
  const field = path.field;
  const operator = condition.operator.toUpperCase();
  const read = (record: StoredRecord, reader: RecordReader) => comparable(field, reader.value(record, path));
  const types = (index: number) =>
    Array.isArray(condition.literalType) ? (condition.literalType[index] ?? 'STRING') : (condition.literalType ?? 'STRING');

  if (operator === 'IN' || operator === 'NOT IN') {
    let members: Set<Comparable>;
    if (condition.literalType === 'SUBQUERY' || condition.valueQuery) {
      members = new Set([...compiler.subqueryValues(condition.valueQuery)].map((v) => comparable(field, v)));
    } else {
      const raws = Array.isArray(condition.value) ? condition.value : [condition.value ?? ''];
      members = new Set(
        raws.map((raw, index) => {
          const literal = literalOf(field, types(index), raw, compiler.now, condition.field!);
          return literal.kind === 'value' ? literal.value : null;
        }),
      );
    }
    const negate = operator === 'NOT IN';
    return (record, reader) => members.has(read(record, reader)) !== negate;
  }
  if (operator === 'INCLUDES' || operator === 'EXCLUDES') {
    const raws = Array.isArray(condition.value) ? condition.value : [condition.value ?? ''];
    const wanted = raws.map((raw) => unquote(raw).toLowerCase().split(';'));
    const negate = operator === 'EXCLUDES';
    return (record, reader) => {
      const value = read(record, reader);
      const selected = new Set(typeof value === 'string' ? value.split(';') : []);
      return wanted.some((all) => all.every((v) => selected.has(v))) !== negate;
    };
  }
  const raw = Array.isArray(condition.value) ? (condition.value[0] ?? '') : (condition.value ?? '');
  if (operator === 'LIKE') {
    const pattern = likePattern(unquote(raw));
    return (record, reader) => {
      const value = reader.value(record, path);
      return value !== null && pattern.test(String(value));
    };
  }
  const literal = literalOf(field, types(0), raw, compiler.now, condition.field);
  switch (operator) {
    case '=':
      return (record, reader) => equals(read(record, reader), literal);
    case '!=':
    case '<>':
      return (record, reader) => !equals(read(record, reader), literal);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (record, reader) => compare(read(record, reader), operator, literal);
    default:
      throw new SalesforceError('MALFORMED_QUERY', `unexpected token: ${condition.operator}`);
  }
}

/** A SystemModstamp lower bound among the top-level conditions, for the store to use its index. */
export function modstampLowerBound(conditions: ParsedCondition[]): { ms: number; inclusive: boolean } | undefined {
  for (const condition of conditions) {
    if (condition.field?.toLowerCase() !== 'systemmodstamp' || condition.literalType !== 'DATETIME') continue;
    if (condition.operator !== '>' && condition.operator !== '>=') continue;
    const ms = parseDateTime(String(condition.value));
    if (ms !== undefined) return { ms, inclusive: condition.operator === '>=' };
  }
  return undefined;
}
