/**
 * The emulator's view of the package model: case-insensitive look-ups of objects, fields and
 * relationships as SOQL and the REST API resolve them, plus the auto-number formats.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPackageSchema } from '@partner-lead-sync/model';
import type { ChildRelationshipSchema, FieldSchema, ObjectSchema } from '@partner-lead-sync/model';

export interface AutoNumberFormat {
  prefix: string;
  digits: number;
  suffix: string;
}

export class OrgSchema {
  readonly objects: ObjectSchema[];
  private readonly byLowerName = new Map<string, ObjectSchema>();
  private readonly byKeyPrefix = new Map<string, ObjectSchema>();
  private readonly fieldsByObject = new Map<string, Map<string, FieldSchema>>();
  private readonly autoNumbers = new Map<string, AutoNumberFormat>();

  constructor(objects: ObjectSchema[], autoNumbers: Map<string, AutoNumberFormat>) {
    this.objects = objects;
    for (const object of objects) {
      this.byLowerName.set(object.name.toLowerCase(), object);
      this.byKeyPrefix.set(object.keyPrefix, object);
      const fields = new Map<string, FieldSchema>();
      for (const field of Object.values(object.fields)) fields.set(field.name.toLowerCase(), field);
      this.fieldsByObject.set(object.name, fields);
    }
    for (const [name, format] of autoNumbers) this.autoNumbers.set(name, format);
  }

  static load(forceAppDir: string): OrgSchema {
    const packageSchema = loadPackageSchema(forceAppDir);
    const objects = Object.values(packageSchema.objects);
    // The model gives every custom metadata type the same prefix; an org gives each its own.
    let metadataIndex = 0;
    for (const object of objects) {
      if (object.customMetadata) object.keyPrefix = `m0${String.fromCharCode(65 + metadataIndex++)}`;
    }
    return new OrgSchema(objects, readAutoNumberFormats(forceAppDir, objects));
  }

  object(name: string): ObjectSchema | undefined {
    return this.byLowerName.get(name.toLowerCase());
  }

  objectForId(id: string): ObjectSchema | undefined {
    return this.byKeyPrefix.get(id.slice(0, 3));
  }

  field(object: ObjectSchema, name: string): FieldSchema | undefined {
    return this.fieldsByObject.get(object.name)?.get(name.toLowerCase());
  }

  /** The lookup field behind a parent relationship name (Account → AccountId, Channel_Partner__r → Channel_Partner__c). */
  parentRelationship(object: ObjectSchema, relationshipName: string): FieldSchema | undefined {
    const lower = relationshipName.toLowerCase();
    return Object.values(object.fields).find((f) => f.relationshipName?.toLowerCase() === lower);
  }

  childRelationship(object: ObjectSchema, relationshipName: string): ChildRelationshipSchema | undefined {
    const lower = relationshipName.toLowerCase();
    return object.childRelationships.find((r) => r.relationshipName.toLowerCase() === lower);
  }

  autoNumberFormat(objectName: string): AutoNumberFormat | undefined {
    return this.autoNumbers.get(objectName);
  }

  /** The field that names a record (Name, or none for objects without one). */
  nameField(object: ObjectSchema): FieldSchema | undefined {
    return object.fields.Name;
  }
}

/** Auto-number display formats (REF-{000000}) from each object's nameField; the model does not carry them. */
function readAutoNumberFormats(forceAppDir: string, objects: ObjectSchema[]): Map<string, AutoNumberFormat> {
  const formats = new Map<string, AutoNumberFormat>();
  for (const object of objects) {
    if (object.fields.Name?.type !== 'AutoNumber') continue;
    const file = path.join(forceAppDir, 'main', 'default', 'objects', object.name, `${object.name}.object-meta.xml`);
    const xml = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const displayFormat = /<nameField>[\s\S]*?<displayFormat>([^<]*)<\/displayFormat>/.exec(xml)?.[1] ?? 'A-{0000000}';
    const match = /^(.*)\{(0+)\}(.*)$/.exec(displayFormat);
    formats.set(
      object.name,
      match
        ? { prefix: match[1] ?? '', digits: match[2]?.length ?? 1, suffix: match[3] ?? '' }
        : { prefix: displayFormat, digits: 7, suffix: '' },
    );
  }
  return formats;
}

export function formatAutoNumber(format: AutoNumberFormat, value: number): string {
  return `${format.prefix}${String(value).padStart(format.digits, '0')}${format.suffix}`;
}
