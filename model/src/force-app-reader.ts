/**
 * Reads the package's objects and fields from force-app XML: the one source of the model.
 * The emulator builds its schema from this at start-up; scripts/generate-model.ts turns it
 * into the TypeScript types the sidecar and the LWC use.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { FieldSchema, FieldType, ObjectSchema, PackageSchema } from './schema-types.ts';
import { STANDARD_CHILD_RELATIONSHIPS, standardObjects, systemFields } from './standard-objects.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => ['value', 'values', 'fields', 'columns'].includes(name),
});

const METADATA_TYPES: ReadonlySet<string> = new Set<FieldType>([
  'AutoNumber',
  'Text',
  'TextArea',
  'LongTextArea',
  'Email',
  'Phone',
  'Url',
  'Number',
  'Currency',
  'Percent',
  'Checkbox',
  'Date',
  'DateTime',
  'Picklist',
  'MultiselectPicklist',
  'Lookup',
  'MasterDetail',
]);

/** Error raised for metadata the model cannot represent: names the file so it can be fixed. */
export class MetadataError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'MetadataError';
  }
}

/**
 * fast-xml-parser output has no schema; every value read from it is checked or converted
 * (String, bool, num) where it is used, so one untyped alias is clearer than casts everywhere.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ParsedXml = any;

function readXml(file: string): Record<string, ParsedXml> {
  return parser.parse(readFileSync(file, 'utf8')) as Record<string, ParsedXml>;
}

const bool = (value: unknown): boolean => String(value) === 'true';
const num = (value: unknown): number | undefined => (value === undefined ? undefined : Number(value));

export function parseFieldXml(file: string): FieldSchema {
  const xml = readXml(file).CustomField;
  if (!xml) throw new MetadataError(file, 'not a CustomField');
  const name: string = xml.fullName ?? path.basename(file).replace('.field-meta.xml', '');
  const type = String(xml.type) as FieldType;
  if (!METADATA_TYPES.has(type)) throw new MetadataError(file, `unsupported field type "${xml.type}"`);
  const values: ParsedXml[] = xml.valueSet?.valueSetDefinition?.value ?? [];
  const field: FieldSchema = {
    name,
    label: String(xml.label ?? name),
    type,
    required: bool(xml.required) || type === 'MasterDetail',
    unique: bool(xml.unique),
    externalId: bool(xml.externalId),
    caseSensitive: bool(xml.caseSensitive),
    systemManaged: type === 'AutoNumber',
    custom: true,
  };
  const length = num(xml.length);
  if (length !== undefined) field.length = length;
  if (type === 'TextArea') field.length = 255;
  if (type === 'Email' || type === 'Phone') field.length = type === 'Email' ? 80 : 40;
  if (type === 'Url') field.length = 255;
  const precision = num(xml.precision);
  if (precision !== undefined) field.precision = precision;
  const scale = num(xml.scale);
  if (scale !== undefined) field.scale = scale;
  if (type === 'Picklist' || type === 'MultiselectPicklist') {
    field.picklistValues = values.map((v) => String(v.fullName));
    field.restrictedPicklist = bool(xml.valueSet?.restricted);
    const fallback = values.find((v) => bool(v.default));
    if (fallback) field.defaultValue = String(fallback.fullName);
  }
  if (type === 'Checkbox') field.defaultValue = bool(xml.defaultValue);
  if (type === 'Lookup' || type === 'MasterDetail') {
    if (!xml.referenceTo || !xml.relationshipName) throw new MetadataError(file, 'lookup without referenceTo or relationshipName');
    field.referenceTo = [String(xml.referenceTo)];
    field.relationshipName = name.replace(/__c$/, '__r');
    field.childRelationshipName = `${xml.relationshipName}__r`;
  }
  return field;
}

/** Deterministic custom-object key prefixes (a00, a01, …) in name order, as a stable org would give. */
function customKeyPrefix(index: number): string {
  const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return `a${digits[Math.floor(index / 62) % 62]}${digits[index % 62]}`;
}

function readFields(objectDir: string): FieldSchema[] {
  const dir = path.join(objectDir, 'fields');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.field-meta.xml'))
    .sort()
    .map((f) => parseFieldXml(path.join(dir, f)));
}

function customMetadataSystemFields(): FieldSchema[] {
  const base = { required: false, unique: false, externalId: false, caseSensitive: false, systemManaged: true, custom: false };
  return [
    { ...base, name: 'Id', label: 'Record ID', type: 'Id', length: 18 },
    { ...base, name: 'DeveloperName', label: 'Custom Metadata Record Name', type: 'Text', length: 40 },
    { ...base, name: 'MasterLabel', label: 'Label', type: 'Text', length: 40 },
    { ...base, name: 'Label', label: 'Label', type: 'Text', length: 40 },
    { ...base, name: 'QualifiedApiName', label: 'Qualified API Name', type: 'Text', length: 70 },
  ];
}

/** Reads force-app (the folder holding main/default) into the package model, standard objects included. */
export function loadPackageSchema(forceAppDir: string): PackageSchema {
  const objectsDir = path.join(forceAppDir, 'main', 'default', 'objects');
  if (!existsSync(objectsDir)) throw new MetadataError(objectsDir, 'no objects folder');
  const objects: Record<string, ObjectSchema> = {};
  for (const standard of standardObjects()) objects[standard.name] = standard;

  const dirs = readdirSync(objectsDir).sort();
  const customNames = dirs.filter((d) => d.endsWith('__c'));
  for (const dirName of dirs) {
    const objectDir = path.join(objectsDir, dirName);
    const objectFile = path.join(objectDir, `${dirName}.object-meta.xml`);
    const fields = readFields(objectDir);
    if (!existsSync(objectFile)) {
      const standard = objects[dirName];
      if (!standard)
        throw new MetadataError(objectDir, `fields on "${dirName}", which is neither in force-app nor a known standard object`);
      for (const f of fields) standard.fields[f.name] = f;
      continue;
    }
    const xml = readXml(objectFile).CustomObject;
    if (!xml) throw new MetadataError(objectFile, 'not a CustomObject');
    const isMetadataType = dirName.endsWith('__mdt');
    const schema: ObjectSchema = {
      name: dirName,
      label: String(xml.label),
      labelPlural: String(xml.pluralLabel ?? xml.label),
      custom: true,
      customMetadata: isMetadataType,
      keyPrefix: isMetadataType ? 'm00' : customKeyPrefix(customNames.indexOf(dirName)),
      fields: {},
      childRelationships: [],
    };
    const hasMasterDetail = fields.some((f) => f.type === 'MasterDetail');
    const base = isMetadataType ? customMetadataSystemFields() : systemFields({ owned: !hasMasterDetail });
    for (const f of base) schema.fields[f.name] = f;
    if (!isMetadataType) {
      const nameField = xml.nameField ?? {};
      const autoNumber = nameField.type === 'AutoNumber';
      schema.fields.Name = {
        name: 'Name',
        label: String(nameField.label ?? 'Name'),
        type: autoNumber ? 'AutoNumber' : 'Text',
        length: autoNumber ? 30 : 80,
        required: !autoNumber,
        unique: false,
        externalId: false,
        caseSensitive: false,
        systemManaged: autoNumber,
        custom: false,
      };
    }
    for (const f of fields) schema.fields[f.name] = f;
    objects[dirName] = schema;
  }
  linkChildRelationships(objects);
  return { objects };
}

function linkChildRelationships(objects: Record<string, ObjectSchema>): void {
  for (const child of Object.values(objects)) {
    for (const f of Object.values(child.fields)) {
      if (!f.referenceTo || f.systemManaged) continue;
      for (const parentName of f.referenceTo) {
        const parent = objects[parentName];
        if (!parent) continue;
        const relationshipName = f.custom ? f.childRelationshipName : STANDARD_CHILD_RELATIONSHIPS[`${child.name}.${f.name}`];
        if (!relationshipName) continue;
        parent.childRelationships.push({ relationshipName, childObject: child.name, field: f.name });
      }
    }
  }
}

export interface CustomMetadataRecord {
  type: string;
  developerName: string;
  label: string;
  values: Record<string, string | number | boolean | null>;
}

/** Reads the custom metadata records (programme settings) shipped in force-app. */
export function loadCustomMetadataRecords(forceAppDir: string): CustomMetadataRecord[] {
  const dir = path.join(forceAppDir, 'main', 'default', 'customMetadata');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md-meta.xml'))
    .sort()
    .map((file) => {
      const [type, developerName] = file.replace('.md-meta.xml', '').split('.') as [string, string];
      const xml = readXml(path.join(dir, file)).CustomMetadata;
      const values: CustomMetadataRecord['values'] = {};
      for (const v of xml.values ?? []) {
        const raw = Array.isArray(v.value) ? v.value[0] : v.value;
        const xsiType = typeof raw === 'object' ? raw['@_xsi:type'] : undefined;
        const text = typeof raw === 'object' ? (raw['#text'] ?? null) : raw;
        values[String(v.field)] =
          text === null
            ? null
            : xsiType === 'xsd:double' || xsiType === 'xsd:int'
              ? Number(text)
              : xsiType === 'xsd:boolean'
                ? text === 'true'
                : String(text);
      }
      return { type: `${type}__mdt`, developerName, label: String(xml.label), values };
    });
}
