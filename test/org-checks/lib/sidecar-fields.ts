/**
 * Every field the sidecar reads or writes exists in the model:
 *  - each SOQL string (a literal or template starting with SELECT) is parsed with
 *    @jetstreamapp/soql-parser-js and every field path, relationship and sub-query in its
 *    SELECT, WHERE, GROUP BY and ORDER BY is resolved against the queried object;
 *  - each `'Object.Field__c'` string must resolve exactly;
 *  - the `__c` keys of an object literal, interface or type literal (write payloads, row
 *    shapes) must all be fields of one object: the object having most of them (ties go to
 *    the one whose external-id key is among them); the keys it lacks are reported;
 *  - any other custom name the code uses — property accesses, string literals — must be a
 *    field, relationship or object somewhere in the model (typed paths are checked by tsc).
 * Template substitutions become placeholders (a field in the SELECT list, a bind value in a
 * condition); a query whose FROM object is itself dynamic cannot be checked and is skipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import type { PackageSchema } from '@partner-lead-sync/model';
import ts from 'typescript';
import { finding } from './findings.ts';
import type { Finding } from './findings.ts';
import type { ProjectLayout } from './project.ts';
import { childObject, explainMissingPath, knownNames } from './schema-paths.ts';
import type { SchemaLookup } from './schema-paths.ts';

const CUSTOM_NAME = /^[A-Za-z][A-Za-z0-9_]*__(c|r|mdt)$/;
const QUALIFIED_FIELD = /^([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z][A-Za-z0-9_]*__c)$/;
const SOQL_START = /^\s*SELECT\s/i;

function sidecarSources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Query text with each `${…}` replaced by a placeholder that fits where it stands, or undefined when FROM is dynamic. */
export function soqlWithPlaceholders(parts: readonly string[]): string | undefined {
  let text = parts[0] ?? '';
  for (const literal of parts.slice(1)) {
    const inQuotes = (text.match(/'/g)?.length ?? 0) % 2 === 1;
    if (/\bFROM\s*$/i.test(text)) return undefined;
    if (inQuotes) text += 'placeholder';
    else if (!/\bFROM\b/i.test(text)) text += 'Id';
    else if (/\b(LIMIT|OFFSET)\s*$/i.test(text)) text += '1';
    else if (/(=|<|>|\bIN|\bLIKE|\bINCLUDES|\bEXCLUDES|\(|,)\s*$/i.test(text)) text += ':placeholder';
    text += literal;
  }
  return text;
}

interface QueryLike {
  sObject?: string;
  relationshipName?: string;
  fields?: unknown[];
  where?: unknown;
  orderBy?: unknown;
  groupBy?: unknown;
  having?: unknown;
}

/** Field paths a parsed (sub)query refers to, and its sub-queries. */
function collectQueryReferences(query: QueryLike): { fields: string[]; subqueries: QueryLike[] } {
  const fields: string[] = [];
  const subqueries: QueryLike[] = [];
  const addFunctionParameters = (parameters: unknown): void => {
    for (const parameter of Array.isArray(parameters) ? parameters : []) {
      if (typeof parameter === 'string' && /^[A-Za-z][\w.]*$/.test(parameter)) fields.push(parameter);
      else if (parameter && typeof parameter === 'object') addFunctionParameters((parameter as { parameters?: unknown }).parameters);
    }
  };
  for (const field of query.fields ?? []) {
    const item = field as { type?: string; field?: string; relationships?: string[]; subquery?: QueryLike; parameters?: unknown };
    if (item.type === 'Field' && item.field) fields.push(item.field);
    else if (item.type === 'FieldRelationship' && item.field) fields.push([...(item.relationships ?? []), item.field].join('.'));
    else if (item.type === 'FieldSubquery' && item.subquery) subqueries.push(item.subquery);
    else if (item.type === 'FieldFunctionExpression') addFunctionParameters(item.parameters);
  }
  const walkCondition = (condition: unknown): void => {
    if (!condition || typeof condition !== 'object') return;
    const node = condition as { left?: { field?: string; fn?: { parameters?: unknown } }; right?: unknown; valueQuery?: QueryLike };
    if (node.left?.field) fields.push(node.left.field);
    if (node.left?.fn) addFunctionParameters(node.left.fn.parameters);
    walkCondition(node.right);
  };
  walkCondition(query.where);
  walkCondition(query.having);
  for (const list of [query.orderBy, query.groupBy]) {
    for (const entry of Array.isArray(list) ? list : list ? [list] : []) {
      const item = entry as { field?: string; fn?: { parameters?: unknown } };
      if (item.field) fields.push(item.field);
      if (item.fn) addFunctionParameters(item.fn.parameters);
    }
  }
  return { fields, subqueries };
}

function checkQuery(lookup: SchemaLookup, objectName: string, query: QueryLike, report: (name: string, message: string) => void): void {
  const { fields, subqueries } = collectQueryReferences(query);
  for (const fieldPath of fields) {
    const problem = explainMissingPath(lookup, objectName, fieldPath);
    if (problem) report(`${objectName}.${fieldPath}`, problem);
  }
  for (const subquery of subqueries) {
    const relationship = subquery.relationshipName ?? '';
    const child = childObject(lookup, objectName, relationship);
    if (!child) report(`${objectName}.${relationship}`, `${objectName} has no child relationship ${relationship}`);
    else checkQuery(lookup, child, subquery, report);
  }
}

interface KeyedMember {
  node: ts.Node;
  name: string;
}

/** For a record-shaped literal: which object it is (by its keys), and the keys that object lacks. */
export function unknownRecordKeys(schema: PackageSchema, keys: readonly string[]): { objectName: string; missing: string[] } | undefined {
  const objectNames = new Set(Object.keys(schema.objects).map((name) => name.toLowerCase()));
  const fieldKeys = keys.filter((key) => /__(c|r)$/i.test(key) && !objectNames.has(key.toLowerCase()));
  if (fieldKeys.length === 0) return undefined;
  let best: { objectName: string; matched: number; keyed: boolean; missing: string[] } | undefined;
  for (const object of Object.values(schema.objects)) {
    const names = new Set(
      Object.values(object.fields)
        .flatMap((field) => [field.name, field.relationshipName ?? ''])
        .map((name) => name.toLowerCase()),
    );
    for (const child of object.childRelationships) names.add(child.relationshipName.toLowerCase());
    const missing = fieldKeys.filter((key) => !names.has(key.toLowerCase()));
    const matched = fieldKeys.length - missing.length;
    const keyed = Object.values(object.fields).some(
      (field) => field.externalId && fieldKeys.some((key) => key.toLowerCase() === field.name.toLowerCase()),
    );
    if (!best || matched > best.matched || (matched === best.matched && keyed && !best.keyed))
      best = { objectName: object.name, matched, keyed, missing };
  }
  return best && best.matched > 0 && best.missing.length > 0 ? { objectName: best.objectName, missing: best.missing } : undefined;
}

// A copied tree has the same sources: parse each text once per process.
const sourceFiles = new Map<string, ts.SourceFile>();

function parseSource(file: string): ts.SourceFile {
  const text = readFileSync(file, 'utf8');
  const key = `${path.basename(file)}\0${text}`;
  let source = sourceFiles.get(key);
  if (!source) {
    source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    sourceFiles.set(key, source);
  }
  return source;
}

export function checkSidecarFields(layout: ProjectLayout, schema: PackageSchema): Finding[] {
  const lookup: SchemaLookup = { schema, caseSensitive: false };
  const names = knownNames(schema);
  const findings: Finding[] = [];
  for (const file of sidecarSources(layout.sidecarSourceDir)) {
    const source = parseSource(file);
    const lineOf = (node: ts.Node): number => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const report = (node: ts.Node, name: string, message: string): void => {
      findings.push(finding('sidecar-fields', layout.root, file, name, `line ${lineOf(node)}: ${message}`));
    };
    const checkName = (node: ts.Node, name: string, usage: string): void => {
      if (CUSTOM_NAME.test(name) && !names.has(name.toLowerCase()))
        report(node, name, `${usage} names no field, relationship or object in the model`);
    };
    const checkSoql = (node: ts.Node, parts: readonly string[]): void => {
      const soql = soqlWithPlaceholders(parts);
      if (soql === undefined) return;
      let parsed: QueryLike;
      try {
        parsed = parseQuery(soql, { allowApexBindVariables: true }) as QueryLike;
      } catch (error) {
        report(node, soql.slice(0, 80), `SOQL does not parse: ${(error as Error).message.split('\n')[0]}`);
        return;
      }
      checkQuery(lookup, parsed.sObject ?? '', parsed, (name, message) => report(node, name, `SOQL: ${message}`));
    };
    const checkString = (node: ts.Node, text: string): void => {
      if (SOQL_START.test(text)) return checkSoql(node, [text]);
      const qualified = QUALIFIED_FIELD.exec(text);
      if (qualified && names.has(qualified[1]!.toLowerCase())) {
        const problem = explainMissingPath(lookup, qualified[1]!, qualified[2]!);
        if (problem) report(node, text, problem);
        return;
      }
      checkName(node, text, 'string');
    };
    const checkRecordShape = (members: KeyedMember[]): void => {
      const unknown = unknownRecordKeys(
        schema,
        members.map((member) => member.name),
      );
      for (const key of unknown?.missing ?? []) {
        const member = members.find((candidate) => candidate.name === key);
        if (member && unknown) {
          report(
            member.node,
            `${unknown.objectName}.${key}`,
            `record literal (a ${unknown.objectName} by its other keys): ${unknown.objectName} has no field ${key}`,
          );
        }
      }
    };
    const memberName = (member: ts.ObjectLiteralElementLike | ts.TypeElement): KeyedMember | undefined => {
      const name = member.name;
      if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) return { node: member, name: name.text };
      return undefined;
    };
    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node)) checkRecordShape(node.properties.flatMap((member) => memberName(member) ?? []));
      else if (ts.isInterfaceDeclaration(node) || ts.isTypeLiteralNode(node))
        checkRecordShape(node.members.flatMap((member) => memberName(member) ?? []));
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        if (!ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) checkString(node, node.text);
      } else if (ts.isTemplateExpression(node)) {
        if (SOQL_START.test(node.head.text)) checkSoql(node, [node.head.text, ...node.templateSpans.map((span) => span.literal.text)]);
      } else if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
        const parent = node.parent;
        const isMemberName =
          (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
          ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent)) &&
            parent.name === node) ||
          ts.isShorthandPropertyAssignment(parent);
        if (isMemberName) checkName(node, node.text, 'property');
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return findings;
}
