/**
 * Deploy-correctness of the declarative metadata, checked without an org:
 *  - child elements in Metadata API order (the WSDL sequences are alphabetical after
 *    fullName; a deploy rejects "Element … invalid at this location");
 *  - layouts, list views and compact layouts name fields that exist; required fields sit on
 *    layouts as Required and auto-number fields as Readonly; list-view picklist filters use
 *    real values;
 *  - console app: every tab exists and has a workspace mapping; custom tabs have their object.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { ObjectSchema, PackageSchema } from '@partner-lead-sync/model';
import { finding } from './findings.ts';
import type { Finding } from './findings.ts';
import type { ProjectLayout } from './project.ts';

/** Folders whose types are not (all) alphabetical in the WSDL, or are not ours to police. */
const ORDER_EXEMPT = new Set(['lwc', 'aura', 'flows', 'flexipages', 'reports', 'dashboards', 'staticresources']);

const orderedParser = new XMLParser({ preserveOrder: true, ignoreAttributes: true, parseTagValue: false });
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) =>
    ['layoutSections', 'layoutColumns', 'layoutItems', 'columns', 'filters', 'fields', 'tabs', 'mappings', 'value'].includes(name),
});

function metadataFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const entryPath = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!ORDER_EXEMPT.has(entry.name) && entry.name !== '__tests__') found.push(...metadataFiles(entryPath));
    } else if (entry.name.endsWith('-meta.xml')) {
      found.push(entryPath);
    }
  }
  return found.sort();
}

type OrderedNode = Record<string, OrderedNode[] | string>;

/**
 * Subtypes extend a base type, and the WSDL puts the base type's elements first: an app's
 * <actionOverrides> is an AppActionOverride, whose own elements (pageOrSobjectType, profile,
 * recordType) follow the alphabetical ActionOverride ones.
 */
const SUBTYPE_OWN_ELEMENTS: Record<string, ReadonlySet<string>> = {
  actionOverrides: new Set(['pageOrSobjectType', 'profile', 'recordType']),
  profileActionOverrides: new Set(['pageOrSobjectType', 'profile', 'recordType']),
};

function firstOutOfOrder(nodes: OrderedNode[], trail: string, parentName = ''): string | undefined {
  let previous = '';
  const subtypeOwn = SUBTYPE_OWN_ELEMENTS[parentName];
  for (const node of nodes) {
    const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text');
    if (!name) continue;
    // fullName is inherited from Metadata and always comes first.
    if (name === 'fullName' && previous === '') continue;
    // The subtype's own sequence starts after the base type's.
    if (subtypeOwn?.has(name) && !subtypeOwn.has(previous)) previous = '';
    if (name < previous) return `${trail}: <${name}> after <${previous}>`;
    previous = name;
    const children = node[name];
    if (Array.isArray(children)) {
      const nested = firstOutOfOrder(children, `${trail}/${name}`, name);
      if (nested) return nested;
    }
  }
  return undefined;
}

export function checkElementOrder(layout: ProjectLayout): Finding[] {
  return metadataFiles(layout.forceAppDir).flatMap((file) => {
    const document = orderedParser.parse(readFileSync(file, 'utf8')) as OrderedNode[];
    const root = document.find((node) => !Object.keys(node).includes('?xml'));
    const rootName = root ? Object.keys(root).find((key) => key !== ':@') : undefined;
    const children = root && rootName ? root[rootName] : undefined;
    const problem = Array.isArray(children) ? firstOutOfOrder(children, rootName ?? '') : undefined;
    return problem
      ? [finding('metadata-order', layout.root, file, path.basename(file), `elements out of Metadata API order: ${problem}`)]
      : [];
  });
}

function fieldOf(object: ObjectSchema | undefined, name: string) {
  if (!object) return undefined;
  return object.fields[name] ?? Object.values(object.fields).find((field) => field.name.toLowerCase() === name.toLowerCase());
}

const defaultDir = (layout: ProjectLayout): string => path.join(layout.forceAppDir, 'main', 'default');

export function checkLayouts(layout: ProjectLayout, schema: PackageSchema): Finding[] {
  const dir = path.join(defaultDir(layout), 'layouts');
  if (!existsSync(dir)) return [];
  const findings: Finding[] = [];
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.layout-meta.xml'))) {
    const file = path.join(dir, name);
    const objectName = name.slice(0, name.indexOf('-'));
    const object = schema.objects[objectName];
    if (!object) {
      findings.push(finding('layouts', layout.root, file, objectName, 'layout for an object that is not in the model'));
      continue;
    }
    type Item = { field?: string; behavior?: string };
    const xml = parser.parse(readFileSync(file, 'utf8')) as {
      Layout?: { layoutSections?: Array<{ layoutColumns?: Array<{ layoutItems?: Item[] }> }> };
    };
    const items = (xml.Layout?.layoutSections ?? []).flatMap((section) =>
      (section.layoutColumns ?? []).flatMap((column) => column.layoutItems ?? []),
    );
    for (const item of items) {
      if (!item.field) continue;
      const field = fieldOf(object, item.field);
      const key = `${objectName}.${item.field}`;
      if (!field) findings.push(finding('layouts', layout.root, file, key, 'layout names a field that does not exist'));
      else if (field.custom && field.required && item.behavior !== 'Required')
        findings.push(finding('layouts', layout.root, file, key, `required field must be Required on the layout, not ${item.behavior}`));
      else if (field.type === 'AutoNumber' && item.behavior !== 'Readonly')
        findings.push(finding('layouts', layout.root, file, key, 'auto-number field must be Readonly on the layout'));
    }
  }
  return findings;
}

export function checkListViewsAndCompactLayouts(layout: ProjectLayout, schema: PackageSchema): Finding[] {
  const findings: Finding[] = [];
  const objectsDir = path.join(defaultDir(layout), 'objects');
  if (!existsSync(objectsDir)) return findings;
  for (const objectName of readdirSync(objectsDir)) {
    const object = schema.objects[objectName];
    const listViewsDir = path.join(objectsDir, objectName, 'listViews');
    for (const name of existsSync(listViewsDir) ? readdirSync(listViewsDir) : []) {
      const file = path.join(listViewsDir, name);
      type Filter = { field?: string; value?: string[] };
      const view = (parser.parse(readFileSync(file, 'utf8')) as { ListView?: { columns?: string[]; filters?: Filter[] } }).ListView ?? {};
      for (const column of view.columns ?? []) {
        if (column.endsWith('__c') && !fieldOf(object, column))
          findings.push(finding('list-views', layout.root, file, `${objectName}.${column}`, 'column names a field that does not exist'));
      }
      for (const filter of view.filters ?? []) {
        if (!filter.field?.endsWith('__c')) continue;
        const field = fieldOf(object, filter.field);
        if (!field) {
          findings.push(
            finding('list-views', layout.root, file, `${objectName}.${filter.field}`, 'filter names a field that does not exist'),
          );
          continue;
        }
        const values = (filter.value ?? []).flatMap((value) => String(value).split(','));
        const unknown = field.picklistValues ? values.filter((value) => !field.picklistValues?.includes(value)) : [];
        if (unknown.length > 0)
          findings.push(
            finding(
              'list-views',
              layout.root,
              file,
              `${objectName}.${filter.field}`,
              `filter values not in the picklist: ${unknown.join(', ')}`,
            ),
          );
      }
    }
    const compactDir = path.join(objectsDir, objectName, 'compactLayouts');
    for (const name of existsSync(compactDir) ? readdirSync(compactDir) : []) {
      const file = path.join(compactDir, name);
      const compact = (parser.parse(readFileSync(file, 'utf8')) as { CompactLayout?: { fields?: string[] } }).CompactLayout ?? {};
      for (const fieldName of compact.fields ?? []) {
        if (!fieldOf(object, fieldName))
          findings.push(
            finding('compact-layouts', layout.root, file, `${objectName}.${fieldName}`, 'compact layout names a field that does not exist'),
          );
      }
    }
  }
  return findings;
}

export function checkAppsAndTabs(layout: ProjectLayout, schema: PackageSchema): Finding[] {
  const findings: Finding[] = [];
  const tabsDir = path.join(defaultDir(layout), 'tabs');
  const tabNames = new Set(existsSync(tabsDir) ? readdirSync(tabsDir).map((name) => name.replace('.tab-meta.xml', '')) : []);
  for (const tab of tabNames) {
    const file = path.join(tabsDir, `${tab}.tab-meta.xml`);
    const xml = (parser.parse(readFileSync(file, 'utf8')) as { CustomTab?: { customObject?: string; motif?: string } }).CustomTab ?? {};
    if (xml.customObject === 'true' && !schema.objects[tab])
      findings.push(finding('tabs', layout.root, file, tab, 'custom object tab for an object that does not exist'));
    if (!xml.motif || !/^Custom\d+: \S.*$/.test(xml.motif))
      findings.push(finding('tabs', layout.root, file, tab, `motif must look like "Custom53: Bell", got ${xml.motif ?? 'none'}`));
  }
  const appsDir = path.join(defaultDir(layout), 'applications');
  for (const name of existsSync(appsDir) ? readdirSync(appsDir) : []) {
    const file = path.join(appsDir, name);
    type App = { navType?: string; tabs?: string[]; workspaceConfig?: { mappings?: Array<{ tab?: string }> } };
    const app = (parser.parse(readFileSync(file, 'utf8')) as { CustomApplication?: App }).CustomApplication ?? {};
    const tabs = app.tabs ?? [];
    for (const tab of tabs) {
      if (!tab.startsWith('standard-') && !tabNames.has(tab))
        findings.push(finding('apps', layout.root, file, tab, 'app names a tab that does not exist'));
    }
    if (app.navType === 'Console') {
      const mapped = new Set((app.workspaceConfig?.mappings ?? []).map((mapping) => mapping.tab));
      for (const tab of tabs)
        if (!mapped.has(tab)) findings.push(finding('apps', layout.root, file, tab, 'console app tab has no workspaceConfig mapping'));
    }
  }
  return findings;
}

/** Custom metadata records belong to a type in force-app and set only that type's fields. */
export function checkCustomMetadataRecords(layout: ProjectLayout, schema: PackageSchema): Finding[] {
  const dir = path.join(defaultDir(layout), 'customMetadata');
  if (!existsSync(dir)) return [];
  const findings: Finding[] = [];
  const recordParser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => name === 'values' });
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.md-meta.xml'))) {
    const file = path.join(dir, name);
    const typeName = `${name.split('.')[0]}__mdt`;
    const type = schema.objects[typeName];
    if (!type) {
      findings.push(finding('custom-metadata', layout.root, file, typeName, 'record of a custom metadata type that is not in force-app'));
      continue;
    }
    type Value = { field?: string };
    const record =
      (recordParser.parse(readFileSync(file, 'utf8')) as { CustomMetadata?: { label?: string; values?: Value[] } }).CustomMetadata ?? {};
    if (!record.label) findings.push(finding('custom-metadata', layout.root, file, name, 'record has no label'));
    for (const value of record.values ?? []) {
      if (value.field && !fieldOf(type, value.field))
        findings.push(
          finding('custom-metadata', layout.root, file, `${typeName}.${value.field}`, 'record sets a field the type does not have'),
        );
    }
  }
  return findings;
}
