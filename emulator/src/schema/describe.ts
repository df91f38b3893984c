/**
 * sObject describe results in the shape the REST API returns (and jsforce's describe types
 * expect), built from the package model.
 */
import type { FieldSchema, ObjectSchema } from '@partner-lead-sync/model';
import type { OrgSchema } from './org-schema.ts';

const DESCRIBE_TYPES: Record<string, { type: string; soapType: string }> = {
  Id: { type: 'id', soapType: 'tns:ID' },
  AutoNumber: { type: 'string', soapType: 'xsd:string' },
  Text: { type: 'string', soapType: 'xsd:string' },
  TextArea: { type: 'textarea', soapType: 'xsd:string' },
  LongTextArea: { type: 'textarea', soapType: 'xsd:string' },
  Email: { type: 'email', soapType: 'xsd:string' },
  Phone: { type: 'phone', soapType: 'xsd:string' },
  Url: { type: 'url', soapType: 'xsd:string' },
  Number: { type: 'double', soapType: 'xsd:double' },
  Currency: { type: 'currency', soapType: 'xsd:double' },
  Percent: { type: 'percent', soapType: 'xsd:double' },
  Checkbox: { type: 'boolean', soapType: 'xsd:boolean' },
  Date: { type: 'date', soapType: 'xsd:date' },
  DateTime: { type: 'datetime', soapType: 'xsd:dateTime' },
  Picklist: { type: 'picklist', soapType: 'xsd:string' },
  MultiselectPicklist: { type: 'multipicklist', soapType: 'xsd:string' },
  Lookup: { type: 'reference', soapType: 'tns:ID' },
  MasterDetail: { type: 'reference', soapType: 'tns:ID' },
};

function objectUrls(object: ObjectSchema, apiVersion: string): Record<string, string> {
  const base = `/services/data/v${apiVersion}/sobjects/${object.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

function objectFlags(object: ObjectSchema) {
  const writable = !object.customMetadata;
  return {
    activateable: false,
    createable: writable,
    custom: object.custom,
    customSetting: false,
    deletable: writable,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isSubtype: false,
    keyPrefix: object.keyPrefix,
    label: object.label,
    labelPlural: object.labelPlural,
    layoutable: writable,
    mergeable: ['Account', 'Contact', 'Lead'].includes(object.name),
    mruEnabled: writable,
    name: object.name,
    queryable: true,
    replicateable: writable,
    retrieveable: true,
    searchable: writable,
    triggerable: writable,
    undeletable: writable,
    updateable: writable,
  };
}

export function describeGlobal(schema: OrgSchema, apiVersion: string) {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: schema.objects.map((object) => ({ ...objectFlags(object), urls: objectUrls(object, apiVersion) })),
  };
}

export function describeField(object: ObjectSchema, field: FieldSchema) {
  const kind = DESCRIBE_TYPES[field.type] ?? { type: 'string', soapType: 'xsd:string' };
  const writable = !field.systemManaged && !object.customMetadata;
  const isText = kind.soapType === 'xsd:string';
  const isNumber = kind.soapType === 'xsd:double';
  const hasDefault = field.defaultValue !== undefined && field.type !== 'Checkbox';
  return {
    aggregatable: field.type !== 'LongTextArea',
    autoNumber: field.type === 'AutoNumber',
    byteLength: isText || kind.type === 'id' || kind.type === 'reference' ? (field.length ?? 18) * 3 : 0,
    calculated: false,
    cascadeDelete: false,
    caseSensitive: field.caseSensitive,
    createable: writable,
    custom: field.custom,
    defaultValue: field.type === 'Checkbox' ? (field.defaultValue ?? false) : null,
    defaultedOnCreate: field.type === 'Checkbox' || hasDefault || field.systemManaged || field.name === 'OwnerId',
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: 0,
    externalId: field.externalId,
    filterable: field.type !== 'LongTextArea',
    groupable: !isNumber && field.type !== 'LongTextArea' && field.type !== 'DateTime',
    htmlFormatted: false,
    idLookup: field.name === 'Id' || field.externalId || (field.unique && isText),
    inlineHelpText: null,
    label: field.label,
    length: isText ? (field.length ?? 255) : kind.type === 'id' || kind.type === 'reference' ? 18 : 0,
    name: field.name,
    nameField: field.name === 'Name',
    namePointing: (field.referenceTo?.length ?? 0) > 1,
    nillable:
      !field.required &&
      field.type !== 'Checkbox' &&
      field.name !== 'Id' &&
      !['CreatedDate', 'LastModifiedDate', 'SystemModstamp', 'CreatedById', 'LastModifiedById'].includes(field.name),
    picklistValues: (field.picklistValues ?? []).map((value) => ({
      active: true,
      defaultValue: field.defaultValue === value,
      label: value,
      validFor: null,
      value,
    })),
    precision: isNumber ? (field.precision ?? 18) : 0,
    referenceTo: field.referenceTo ?? [],
    relationshipName: field.relationshipName ?? null,
    relationshipOrder: field.type === 'MasterDetail' ? 0 : null,
    restrictedPicklist: field.restrictedPicklist ?? false,
    scale: isNumber ? (field.scale ?? 0) : 0,
    soapType: kind.soapType,
    sortable: field.type !== 'LongTextArea',
    type: kind.type,
    unique: field.unique,
    updateable: writable && !field.createOnly && field.name !== 'Id',
    writeRequiresMasterRead: false,
  };
}

export function describeObject(schema: OrgSchema, object: ObjectSchema, apiVersion: string) {
  return {
    ...objectFlags(object),
    actionOverrides: [],
    childRelationships: object.childRelationships.map((relationship) => {
      const child = schema.object(relationship.childObject);
      const field = child?.fields[relationship.field];
      return {
        cascadeDelete: field?.type === 'MasterDetail',
        childSObject: relationship.childObject,
        deprecatedAndHidden: false,
        field: relationship.field,
        junctionIdListNames: [],
        junctionReferenceTo: [],
        relationshipName: relationship.relationshipName,
        restrictedDelete: false,
      };
    }),
    compactLayoutable: !object.customMetadata,
    fields: Object.values(object.fields).map((field) => describeField(object, field)),
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [
      {
        active: true,
        available: true,
        defaultRecordTypeMapping: true,
        developerName: 'Master',
        master: true,
        name: 'Master',
        recordTypeId: '012000000000000AAA',
        urls: { layout: `/services/data/v${apiVersion}/sobjects/${object.name}/describe/layouts/012000000000000AAA` },
      },
    ],
    supportedScopes: [{ label: 'All records', name: 'everything' }],
    urls: objectUrls(object, apiVersion),
  };
}

/** GET /sobjects/{name}: the basic information resource. */
export function basicInfo(object: ObjectSchema, apiVersion: string) {
  return { objectDescribe: { ...objectFlags(object), urls: objectUrls(object, apiVersion) }, recentItems: [] };
}
