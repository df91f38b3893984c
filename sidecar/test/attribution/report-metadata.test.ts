/**
 * Contract checks for the Salesforce report metadata this area ships: every report type column is a
 * real field (through its lookup where it has one), every report column is offered by its report
 * type, and every dashboard component names a report in the package. A typo fails here, not at deploy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_FORCE_APP_DIR, FIELDS } from '@partner-lead-sync/model';

const ROOT = path.join(DEFAULT_FORCE_APP_DIR, 'main', 'default');
const fieldsOf = (object: string): Record<string, string> | undefined =>
  (FIELDS as unknown as Record<string, Record<string, string>>)[object];

function all(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1] as string);
}

function referenceTo(object: string, field: string): string {
  const xml = readFileSync(path.join(ROOT, 'objects', object, 'fields', `${field}.field-meta.xml`), 'utf8');
  const [target] = all(xml, 'referenceTo');
  assert.ok(target, `${object}.${field} is not a lookup`);
  return target;
}

/** Report type name → the column tokens a report on it may use (`Base$Field`). */
function reportTypeColumns(): Map<string, Set<string>> {
  const types = new Map<string, Set<string>>();
  for (const file of readdirSync(path.join(ROOT, 'reportTypes'))) {
    const xml = readFileSync(path.join(ROOT, 'reportTypes', file), 'utf8');
    const [base] = all(xml, 'baseObject');
    assert.ok(base && fieldsOf(base), `${file}: base object ${base} is not in the model`);
    const tokens = new Set<string>();
    for (const column of xml.matchAll(/<columns>([\s\S]*?)<\/columns>/g)) {
      const [field] = all(column[1] as string, 'field');
      const [table] = all(column[1] as string, 'table');
      assert.equal(table, base, `${file}: ${field} sits on table ${table}`);
      const parts = (field as string).split('.');
      const [first, second] = parts as [string, string | undefined];
      assert.ok(fieldsOf(base)?.[first], `${file}: ${base}.${first} does not exist`);
      if (second) assert.ok(fieldsOf(referenceTo(base, first))?.[second], `${file}: ${field} does not exist`);
      tokens.add(`${base}$${field}`);
    }
    types.set(`${file.replace('.reportType-meta.xml', '')}__c`, tokens);
  }
  return types;
}

test('report types name real fields, reports use only what their report type offers', () => {
  const types = reportTypeColumns();
  assert.deepEqual([...types.keys()].sort(), ['Partner_Attributions__c', 'Partner_Decisions__c', 'Partner_Referrals__c']);
  const dir = path.join(ROOT, 'reports', 'Partner_Programme');
  const reports = readdirSync(dir);
  assert.equal(reports.length, 4);
  for (const file of reports) {
    const xml = readFileSync(path.join(dir, file), 'utf8');
    const [type] = all(xml, 'reportType');
    const offered = types.get(type as string);
    assert.ok(offered, `${file}: unknown report type ${type}`);
    const used = [...all(xml, 'field'), ...all(xml, 'column')];
    assert.ok(used.length > 0);
    for (const token of used) assert.ok(offered.has(token), `${file}: ${token} is not a column of ${type}`);
    const grouped = new Set(xml.match(/<groupings(Down|Across)>[\s\S]*?<\/groupings\1>/g)?.flatMap((g) => all(g, 'field')) ?? []);
    const columns = [...xml.matchAll(/<columns>([\s\S]*?)<\/columns>/g)].flatMap((c) => all(c[1] as string, 'field'));
    for (const column of columns) assert.ok(!grouped.has(column), `${file}: ${column} is both a grouping and a column`);
  }
});

test('the dashboard shows reports that exist, with sortBy and chartAxisRange on every chart', () => {
  const xml = readFileSync(path.join(ROOT, 'dashboards', 'Partner_Programme_Dashboards', 'Partner_Programme.dashboard-meta.xml'), 'utf8');
  const reports = new Set(
    readdirSync(path.join(ROOT, 'reports', 'Partner_Programme')).map((f) => `Partner_Programme/${f.replace('.report-meta.xml', '')}`),
  );
  const components = [...xml.matchAll(/<dashboardComponent>([\s\S]*?)<\/dashboardComponent>/g)].map((m) => m[1] as string);
  assert.equal(components.length, 4);
  for (const component of components) {
    const [report] = all(component, 'report');
    assert.ok(reports.has(report as string), `dashboard names missing report ${report}`);
    const [type] = all(component, 'componentType');
    if (type !== 'Table' && type !== 'Metric') {
      assert.equal(all(component, 'sortBy').length, 1, `${report}: chart without sortBy`);
      assert.equal(all(component, 'chartAxisRange').length, 1, `${report}: chart without chartAxisRange`);
    }
  }
  assert.deepEqual(all(xml, 'title').at(-1), 'Partner Programme');
});
