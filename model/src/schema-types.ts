/**
 * The vocabulary of the package model. Field types use the Metadata API names that
 * force-app XML uses, so a field reads the same here as in its .field-meta.xml.
 */
export type FieldType =
  | 'Id'
  | 'AutoNumber'
  | 'Text'
  | 'TextArea'
  | 'LongTextArea'
  | 'Email'
  | 'Phone'
  | 'Url'
  | 'Number'
  | 'Currency'
  | 'Percent'
  | 'Checkbox'
  | 'Date'
  | 'DateTime'
  | 'Picklist'
  | 'MultiselectPicklist'
  | 'Lookup'
  | 'MasterDetail';

export interface FieldSchema {
  name: string;
  label: string;
  type: FieldType;
  /** Maximum characters for text-like fields. */
  length?: number;
  precision?: number;
  scale?: number;
  /** Required on create (universally required in the org). */
  required: boolean;
  unique: boolean;
  externalId: boolean;
  caseSensitive: boolean;
  /** Written by the platform only (Id, audit fields, auto numbers, formula-like standard fields). */
  systemManaged: boolean;
  /** The platform lets it be set on create but not changed afterwards. */
  createOnly?: boolean;
  picklistValues?: string[];
  restrictedPicklist?: boolean;
  defaultValue?: string | boolean;
  /** Lookups: the objects referred to (several for polymorphic WhoId/WhatId). */
  referenceTo?: string[];
  /** Parent relationship on this object: Account for AccountId, Channel_Partner__r for Channel_Partner__c. */
  relationshipName?: string;
  /** Child relationship on the parent object: Referrals__r for Partner_Referral__c.Channel_Partner__c. */
  childRelationshipName?: string;
  custom: boolean;
}

export interface ChildRelationshipSchema {
  relationshipName: string;
  childObject: string;
  field: string;
}

export interface ObjectSchema {
  name: string;
  label: string;
  labelPlural: string;
  custom: boolean;
  /** Custom metadata types are read-only through the data API. */
  customMetadata: boolean;
  keyPrefix: string;
  fields: Record<string, FieldSchema>;
  childRelationships: ChildRelationshipSchema[];
}

export interface PackageSchema {
  objects: Record<string, ObjectSchema>;
}
