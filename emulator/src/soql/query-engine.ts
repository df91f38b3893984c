/**
 * A SOQL evaluator over the record store, on @jetstreamapp/soql-parser-js: select lists with
 * parent relationship fields and child subqueries, WHERE, ORDER BY, LIMIT/OFFSET, COUNT()
 * and GROUP BY aggregates. Matching ids are kept; records are projected page by page.
 */
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import type { ObjectSchema } from '@partner-lead-sync/model';
import { formatDateTime } from '../clock.ts';
import { SalesforceError } from '../errors.ts';
import type { OrgSchema } from '../schema/org-schema.ts';
import type { FieldValue, RecordStore, StoredRecord } from '../storage/record-store.ts';
import { RecordReader, resolveFieldPath } from './field-paths.ts';
import type { FieldPath } from './field-paths.ts';
import { comparable, compileWhere, modstampLowerBound, topLevelConditions } from './where-clause.ts';
import type { ParsedWhere, RecordTest } from './where-clause.ts';

export type JsonRecord = Record<string, unknown>;

const MAX_OFFSET = 2000;

export interface QueryResultSet {
  totalSize: number;
  /** Selected columns as dotted paths (Account.Name), child subqueries as their relationship name. */
  columns: string[];
  aggregate: boolean;
  hasChildSubqueries: boolean;
  /** Records [start, start + count) in the query's order, rendered as the REST API returns them. */
  page(start: number, count: number): JsonRecord[];
}

interface ParsedQuery {
  fields?: ParsedSelectItem[];
  sObject?: string;
  relationshipName?: string;
  where?: ParsedWhere;
  orderBy?: ParsedOrderBy | ParsedOrderBy[];
  groupBy?: { field?: string; fn?: unknown } | { field?: string; fn?: unknown }[];
  having?: unknown;
  limit?: number;
  offset?: number;
}

interface ParsedSelectItem {
  type: string;
  field?: string;
  relationships?: string[];
  rawValue?: string;
  alias?: string;
  functionName?: string;
  parameters?: (string | unknown)[];
  isAggregateFn?: boolean;
  subquery?: ParsedQuery;
}

interface ParsedOrderBy {
  field?: string;
  fn?: { functionName?: string; parameters?: string[]; rawValue?: string };
  order?: 'ASC' | 'DESC';
  nulls?: 'FIRST' | 'LAST';
}

type Projection =
  { kind: 'field'; path: FieldPath } | { kind: 'children'; name: string; childObject: ObjectSchema; childField: string; plan: QueryPlan };

interface SortKey {
  path: FieldPath;
  descending: boolean;
  nullsLast: boolean;
}

interface QueryPlan {
  object: ObjectSchema;
  projections: Projection[];
  test: RecordTest | undefined;
  sort: SortKey[];
  limit: number | undefined;
  offset: number;
  where: ParsedWhere | undefined;
}

interface AggregateColumn {
  outputName: string;
  functionName: string | undefined;
  path: FieldPath | undefined;
}

export interface QueryOptions {
  includeDeleted: boolean;
  apiVersion: string;
}

export class QueryEngine {
  private readonly schema: OrgSchema;
  private readonly store: RecordStore;

  constructor(schema: OrgSchema, store: RecordStore) {
    this.schema = schema;
    this.store = store;
  }

  run(soql: string, options: QueryOptions): QueryResultSet {
    const parsed = parseSoql(soql);
    const object = this.objectOf(parsed.sObject ?? '', soql);
    const fields = parsed.fields ?? [];
    const isAggregate = fields.some((f) => f.type === 'FieldFunctionExpression' && f.isAggregateFn) || parsed.groupBy !== undefined;
    const now = Date.now();
    const reader = new RecordReader(this.store);
    if (isAggregate) return this.runAggregate(parsed, object, soql, options, reader, now);

    if ((parsed.offset ?? 0) > MAX_OFFSET) {
      throw new SalesforceError('NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
    }
    const plan = this.plan(parsed, object, soql, now);
    const ids = this.matchingIds(plan, reader, options.includeDeleted);
    return {
      totalSize: ids.length,
      columns: plan.projections.map((p) => (p.kind === 'field' ? [...p.path.relationshipNames, p.path.field.name].join('.') : p.name)),
      aggregate: false,
      hasChildSubqueries: plan.projections.some((p) => p.kind === 'children'),
      page: (start, count) => {
        const records = ids
          .slice(start, start + count)
          .map((id) => this.store.get(id))
          .filter((r): r is StoredRecord => r !== undefined);
        return this.project(plan, records, reader, options);
      },
    };
  }

  /**
   * Column metadata for `query?q=…&columns=true`, which the Salesforce CLI (`sf data query`)
   * reads to lay out its table: relationship paths nest as joinColumns, sub-queries too.
   */
  describeColumns(soql: string): ColumnMetadataResult {
    const parsed = parseSoql(soql);
    const object = this.objectOf(parsed.sObject ?? '', soql);
    const fields = parsed.fields ?? [];
    const isAggregate = fields.some((f) => f.type === 'FieldFunctionExpression' && f.isAggregateFn) || parsed.groupBy !== undefined;
    if (isAggregate) {
      let expression = 0;
      const columns = fields.map((item) => {
        const name = item.alias ?? (item.type === 'Field' ? String(item.field) : `expr${expression++}`);
        return columnMetadata(name, name, { aggregate: true, custom: false, type: item.type === 'Field' ? 'Text' : 'Number' });
      });
      return {
        columnMetadata: columns,
        entityName: object.name,
        groupBy: parsed.groupBy !== undefined,
        idSelected: false,
        keyPrefix: object.keyPrefix,
      };
    }
    const plan = this.plan(parsed, object, soql, Date.now());
    return {
      columnMetadata: planColumns(plan),
      entityName: object.name,
      groupBy: false,
      idSelected: plan.projections.some((p) => p.kind === 'field' && p.path.lookups.length === 0 && p.path.field.name === 'Id'),
      keyPrefix: object.keyPrefix,
    };
  }

  private objectOf(name: string, soql: string): ObjectSchema {
    const object = this.schema.object(name);
    if (!object) {
      const index = Math.max(0, soql.indexOf(name));
      throw new SalesforceError(
        'INVALID_TYPE',
        `\n${soql}\n${' '.repeat(index)}^\nERROR at Row:1:Column:${index + 1}\nsObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    return object;
  }

  private plan(parsed: ParsedQuery, object: ObjectSchema, soql: string, now: number): QueryPlan {
    const projections: Projection[] = [];
    for (const item of parsed.fields ?? []) {
      if (item.type === 'Field' || item.type === 'FieldRelationship') {
        const raw = item.type === 'Field' ? (item.field ?? '') : (item.rawValue ?? [...(item.relationships ?? []), item.field].join('.'));
        projections.push({ kind: 'field', path: resolveFieldPath(this.schema, object, raw, soql) });
      } else if (item.type === 'FieldSubquery' && item.subquery) {
        const relationshipName = item.subquery.relationshipName ?? '';
        const relationship = this.schema.childRelationship(object, relationshipName);
        if (!relationship) {
          throw new SalesforceError(
            'INVALID_TYPE',
            `\n${soql}\nERROR at Row:1:Column:1\nDidn't understand relationship '${relationshipName}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
          );
        }
        const childObject = this.objectOf(relationship.childObject, soql);
        projections.push({
          kind: 'children',
          name: relationship.relationshipName,
          childObject,
          childField: relationship.field,
          plan: this.plan(item.subquery, childObject, soql, now),
        });
      } else if (item.type === 'FieldFunctionExpression' && item.functionName?.toLowerCase() === 'tolabel') {
        projections.push({ kind: 'field', path: resolveFieldPath(this.schema, object, String(item.parameters?.[0] ?? ''), soql) });
      } else {
        throw new SalesforceError(
          'MALFORMED_QUERY',
          `\n${soql}\nERROR at Row:1:Column:1\n${item.rawValue ?? item.type} is not supported by the org emulator`,
        );
      }
    }
    const test = parsed.where
      ? compileWhere(parsed.where, {
          now,
          resolvePath: (raw) => resolveFieldPath(this.schema, object, raw, soql),
          subqueryValues: (query) => this.subqueryValues(query as ParsedQuery, soql),
        })
      : undefined;
    const sort = asArray(parsed.orderBy).map((order) => {
      if (!order.field)
        throw new SalesforceError('MALFORMED_QUERY', `\n${soql}\nERROR at Row:1:Column:1\nORDER BY a function is not supported here`);
      const descending = order.order === 'DESC';
      return {
        path: resolveFieldPath(this.schema, object, order.field, soql),
        descending,
        nullsLast: order.nulls ? order.nulls === 'LAST' : descending,
      };
    });
    return { object, projections, test, sort, limit: parsed.limit, offset: parsed.offset ?? 0, where: parsed.where };
  }

  private subqueryValues(query: ParsedQuery, soql: string): Set<string> {
    const object = this.objectOf(query.sObject ?? '', soql);
    const plan = this.plan(query, object, soql, Date.now());
    const first = plan.projections[0];
    if (first?.kind !== 'field') throw new SalesforceError('MALFORMED_QUERY', 'a semi-join subquery selects one field');
    const reader = new RecordReader(this.store);
    const values = new Set<string>();
    for (const id of this.matchingIds(plan, reader, false)) {
      const record = this.store.get(id);
      const value = record ? reader.value(record, first.path) : null;
      if (value !== null) values.add(String(value));
    }
    return values;
  }

  /** Ids of matching records in query order, after OFFSET and LIMIT. */
  private matchingIds(plan: QueryPlan, reader: RecordReader, includeDeleted: boolean): string[] {
    const conditions = topLevelConditions(plan.where);
    const modstampFrom = conditions ? modstampLowerBound(conditions) : undefined;
    const sortNames = plan.sort.map((s) => `${s.path.lookups.length === 0 ? s.path.field.name : '-'}:${s.descending}`);
    const byModstamp = sortNames.join(',') === 'SystemModstamp:false,Id:false' || sortNames.join(',') === 'SystemModstamp:false';
    const storeOrder = plan.sort.length === 0 || sortNames.join(',') === 'Id:false' || byModstamp;
    const scan = this.store.scan(plan.object.name, {
      includeDeleted,
      orderByModstamp: byModstamp,
      ...(modstampFrom ? { modstampFrom } : {}),
    });
    const wanted = plan.limit === undefined ? Number.POSITIVE_INFINITY : plan.offset + plan.limit;

    if (storeOrder) {
      const ids: string[] = [];
      for (const record of scan) {
        if (plan.test && !plan.test(record, reader)) continue;
        ids.push(record.id);
        if (ids.length >= wanted) break;
      }
      return ids.slice(plan.offset);
    }
    const rows: { id: string; keys: (string | number | boolean | null)[] }[] = [];
    for (const record of scan) {
      if (plan.test && !plan.test(record, reader)) continue;
      rows.push({ id: record.id, keys: plan.sort.map((s) => comparable(s.path.field, reader.value(record, s.path))) });
    }
    rows.sort((a, b) => compareRows(a.keys, b.keys, plan.sort) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return rows.slice(plan.offset, wanted === Number.POSITIVE_INFINITY ? undefined : wanted).map((row) => row.id);
  }

  private project(plan: QueryPlan, records: StoredRecord[], reader: RecordReader, options: QueryOptions): JsonRecord[] {
    const childrenByProjection = new Map<Projection, Map<string, StoredRecord[]>>();
    for (const projection of plan.projections) {
      if (projection.kind !== 'children') continue;
      const parentIds = new Set(records.map((r) => r.id));
      const grouped = new Map<string, StoredRecord[]>();
      for (const id of this.matchingIds({ ...projection.plan, limit: undefined, offset: 0 }, reader, options.includeDeleted)) {
        const child = this.store.get(id);
        const parentId = child?.values[projection.childField];
        if (!child || typeof parentId !== 'string' || !parentIds.has(parentId)) continue;
        const list = grouped.get(parentId) ?? [];
        list.push(child);
        grouped.set(parentId, list);
      }
      childrenByProjection.set(projection, grouped);
    }
    return records.map((record) => {
      const json: JsonRecord = { attributes: attributesOf(record, options.apiVersion) };
      for (const projection of plan.projections) {
        if (projection.kind === 'field') {
          writePath(json, record, projection.path, reader, options.apiVersion);
          continue;
        }
        const all = childrenByProjection.get(projection)?.get(record.id) ?? [];
        const children = all.slice(
          projection.plan.offset,
          projection.plan.limit === undefined ? undefined : projection.plan.offset + projection.plan.limit,
        );
        json[projection.name] =
          children.length === 0
            ? null
            : { totalSize: children.length, done: true, records: this.project(projection.plan, children, reader, options) };
      }
      return json;
    });
  }

  private runAggregate(
    parsed: ParsedQuery,
    object: ObjectSchema,
    soql: string,
    options: QueryOptions,
    reader: RecordReader,
    now: number,
  ): QueryResultSet {
    if (parsed.having)
      throw new SalesforceError('MALFORMED_QUERY', `\n${soql}\nERROR at Row:1:Column:1\nHAVING is not supported by the org emulator`);
    const fields = parsed.fields ?? [];
    const plan = this.plan({ ...parsed, fields: [], orderBy: undefined, limit: undefined, offset: undefined }, object, soql, now);
    const ids = this.matchingIds(plan, reader, options.includeDeleted);
    const onlyCount =
      fields.length === 1 && fields[0]?.functionName?.toUpperCase() === 'COUNT' && (fields[0].parameters ?? []).length === 0;
    if (onlyCount && parsed.groupBy === undefined)
      return { totalSize: ids.length, columns: [], aggregate: true, hasChildSubqueries: false, page: () => [] };

    const groupPaths = asArray(parsed.groupBy).map((g) => {
      if (!g.field) throw new SalesforceError('MALFORMED_QUERY', 'GROUP BY a function is not supported by the org emulator');
      return resolveFieldPath(this.schema, object, g.field, soql);
    });
    let expressionIndex = 0;
    const columns: AggregateColumn[] = fields.map((item) => {
      if (item.type === 'FieldFunctionExpression' && item.isAggregateFn) {
        const parameter = item.parameters?.[0];
        return {
          outputName: item.alias ?? `expr${expressionIndex++}`,
          functionName: item.functionName?.toUpperCase(),
          path: typeof parameter === 'string' ? resolveFieldPath(this.schema, object, parameter, soql) : undefined,
        };
      }
      const raw = item.type === 'Field' ? (item.field ?? '') : (item.rawValue ?? '');
      const path = resolveFieldPath(this.schema, object, raw, soql);
      if (!groupPaths.some((g) => g.field === path.field && g.lookups.length === path.lookups.length)) {
        throw new SalesforceError('MALFORMED_QUERY', `\n${soql}\nERROR at Row:1:Column:1\nField must be grouped or aggregated: ${raw}`);
      }
      return { outputName: item.alias ?? path.field.name, functionName: undefined, path };
    });

    const groups = new Map<string, StoredRecord[]>();
    for (const id of ids) {
      const record = this.store.get(id);
      if (!record) continue;
      const key = JSON.stringify(groupPaths.map((p) => comparable(p.field, reader.value(record, p))));
      const list = groups.get(key) ?? [];
      list.push(record);
      groups.set(key, list);
    }
    if (groups.size === 0 && groupPaths.length === 0) groups.set('[]', []);
    let rows = [...groups.values()].map((members) => {
      const json: JsonRecord = { attributes: { type: 'AggregateResult' } };
      for (const column of columns) {
        json[column.outputName] = aggregate(column, members, reader);
      }
      return json;
    });
    const order = asArray(parsed.orderBy);
    if (order.length > 0) {
      const keys = order.map((o) => {
        const name = o.field
          ? (columns.find((c) => c.functionName === undefined && c.path?.raw.toLowerCase() === o.field!.toLowerCase())?.outputName ??
            o.field)
          : (columns.find((c) => c.functionName === o.fn?.functionName?.toUpperCase() && c.path?.raw === o.fn?.parameters?.[0])
              ?.outputName ?? '');
        return { name, descending: o.order === 'DESC', nullsLast: o.nulls ? o.nulls === 'LAST' : o.order === 'DESC' };
      });
      rows.sort((a, b) => {
        for (const key of keys) {
          const result = compareValues(normalizeForSort(a[key.name]), normalizeForSort(b[key.name]), key.descending, key.nullsLast);
          if (result !== 0) return result;
        }
        return 0;
      });
    }
    rows = rows.slice(parsed.offset ?? 0, parsed.limit === undefined ? undefined : (parsed.offset ?? 0) + parsed.limit);
    return {
      totalSize: rows.length,
      columns: columns.map((c) => c.outputName),
      aggregate: true,
      hasChildSubqueries: false,
      page: (start, count) => rows.slice(start, start + count),
    };
  }
}

function parseSoql(soql: string): ParsedQuery {
  try {
    return parseQuery(soql) as unknown as ParsedQuery;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new SalesforceError('MALFORMED_QUERY', `\n${soql}\nERROR at Row:1:Column:1\n${detail}`);
  }
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function normalizeForSort(value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value.toLowerCase() : (value as number | boolean);
}

function compareValues(
  a: string | number | boolean | null,
  b: string | number | boolean | null,
  descending: boolean,
  nullsLast: boolean,
): number {
  if (a === b) return 0;
  if (a === null) return nullsLast ? 1 : -1;
  if (b === null) return nullsLast ? -1 : 1;
  const result = a < b ? -1 : 1;
  return descending ? -result : result;
}

function compareRows(a: (string | number | boolean | null)[], b: (string | number | boolean | null)[], sort: SortKey[]): number {
  for (let i = 0; i < sort.length; i++) {
    const key = sort[i]!;
    const result = compareValues(a[i] ?? null, b[i] ?? null, key.descending, key.nullsLast);
    if (result !== 0) return result;
  }
  return 0;
}

function aggregate(column: AggregateColumn, members: StoredRecord[], reader: RecordReader): FieldValue {
  if (column.functionName === undefined) {
    const first = members[0];
    return first && column.path ? renderValue(column.path.field.type, reader.value(first, column.path)) : null;
  }
  const path = column.path;
  const values = path ? members.map((m) => reader.value(m, path)).filter((v): v is string | number | boolean => v !== null) : [];
  switch (column.functionName) {
    case 'COUNT':
      return path ? values.length : members.length;
    case 'COUNT_DISTINCT':
      return new Set(values.map((v) => (typeof v === 'string' ? v.toLowerCase() : v))).size;
    case 'SUM':
      return values.length === 0 ? null : values.reduce<number>((sum, v) => sum + Number(v), 0);
    case 'AVG':
      return values.length === 0 ? null : values.reduce<number>((sum, v) => sum + Number(v), 0) / values.length;
    case 'MIN':
    case 'MAX': {
      if (values.length === 0 || !path) return null;
      const sorted = [...values].sort((a, b) => {
        const x = comparable(path.field, a);
        const y = comparable(path.field, b);
        return x === y ? 0 : (x ?? 0) < (y ?? 0) ? -1 : 1;
      });
      const picked = column.functionName === 'MIN' ? sorted[0]! : sorted[sorted.length - 1]!;
      return renderValue(path.field.type, picked);
    }
    default:
      throw new SalesforceError('MALFORMED_QUERY', `aggregate function ${column.functionName} is not supported by the org emulator`);
  }
}

export function renderValue(type: string, value: FieldValue | undefined): FieldValue {
  if (value === undefined || value === null) return null;
  if (type === 'DateTime' && typeof value === 'string') return formatDateTime(Date.parse(value));
  return value;
}

export function attributesOf(record: StoredRecord, apiVersion: string): { type: string; url: string } {
  return { type: record.object, url: `/services/data/v${apiVersion}/sobjects/${record.object}/${record.id}` };
}

/** Writes a (possibly relationship) field into the JSON record, nesting parent objects as the API does. */
function writePath(json: JsonRecord, record: StoredRecord, path: FieldPath, reader: RecordReader, apiVersion: string): void {
  let target: JsonRecord = json;
  let current: StoredRecord | null = record;
  for (let i = 0; i < path.lookups.length; i++) {
    const lookup = path.lookups[i]!;
    const name = path.relationshipNames[i]!;
    const id: FieldValue | undefined = current?.values[lookup.name];
    current = typeof id === 'string' ? reader.live(id) : null;
    if (!current) {
      if (!(name in target)) target[name] = null;
      return;
    }
    const existing = target[name];
    if (existing && typeof existing === 'object') {
      target = existing as JsonRecord;
    } else {
      const nested: JsonRecord = { attributes: attributesOf(current, apiVersion) };
      target[name] = nested;
      target = nested;
    }
  }
  if (!current) return;
  target[path.field.name] = path.objectType ? current.object : renderValue(path.field.type, current.values[path.field.name]);
}

export interface ColumnMetadata {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: ColumnMetadata[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
}

export interface ColumnMetadataResult {
  columnMetadata: ColumnMetadata[];
  entityName: string;
  groupBy: boolean;
  idSelected: boolean;
  keyPrefix: string;
}

const APEX_TYPES: Record<string, string> = {
  Id: 'Id',
  Checkbox: 'Boolean',
  Number: 'Double',
  Currency: 'Double',
  Percent: 'Double',
  Date: 'Date',
  DateTime: 'Datetime',
};

function columnMetadata(
  columnName: string,
  displayName: string,
  options: { aggregate?: boolean; custom: boolean; type: string; writable?: boolean },
): ColumnMetadata {
  const numeric = ['Number', 'Currency', 'Percent'].includes(options.type);
  return {
    aggregate: options.aggregate ?? false,
    apexType: APEX_TYPES[options.type] ?? 'String',
    booleanType: options.type === 'Checkbox',
    columnName,
    custom: options.custom,
    displayName,
    foreignKeyName: null,
    insertable: options.writable ?? false,
    joinColumns: [],
    numberType: numeric,
    textType: !numeric && options.type !== 'Checkbox',
    updatable: options.writable ?? false,
  };
}

function planColumns(plan: QueryPlan): ColumnMetadata[] {
  const columns: ColumnMetadata[] = [];
  for (const projection of plan.projections) {
    if (projection.kind === 'children') {
      const child = columnMetadata(projection.name, projection.name, { custom: projection.childObject.custom, type: 'Text' });
      child.apexType = null;
      child.joinColumns = planColumns(projection.plan);
      columns.push(child);
      continue;
    }
    const { path } = projection;
    const leaf = columnMetadata(path.field.name, path.field.name, {
      custom: path.field.custom,
      type: path.field.type,
      writable: !path.field.systemManaged && path.lookups.length === 0,
    });
    // Account.Owner.Name → Account { Owner { Name } }, merged with siblings under the same relationship.
    let level = columns;
    path.relationshipNames.forEach((relationship, index) => {
      let parent = level.find((c) => c.columnName === relationship && c.joinColumns.length > 0);
      if (!parent) {
        parent = columnMetadata(relationship, path.relationshipNames.slice(0, index + 1).join('.'), {
          custom: path.lookups[index]!.custom,
          type: 'Text',
        });
        parent.apexType = null;
        parent.foreignKeyName = path.lookups[index]!.name;
        level.push(parent);
      }
      level = parent.joinColumns;
    });
    level.push({ ...leaf, displayName: [...path.relationshipNames, path.field.name].join('.') });
  }
  return columns;
}
