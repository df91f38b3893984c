/** Reads the grants of every permission set in force-app. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export interface PermissionSetGrants {
  name: string;
  file: string;
  /** `Object.Field` → readable / editable. */
  fields: Map<string, { readable: boolean; editable: boolean }>;
  objects: Set<string>;
  /** Apex classes with `enabled` true. */
  classes: Set<string>;
  /** Every apexClass named in classAccesses, enabled or not. */
  classesNamed: Set<string>;
}

const parser = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['fieldPermissions', 'objectPermissions', 'classAccesses'].includes(name),
});

interface PermissionSetXml {
  PermissionSet?: {
    fieldPermissions?: Array<{ field: string; readable?: string; editable?: string }>;
    objectPermissions?: Array<{ object: string; allowRead?: string }>;
    classAccesses?: Array<{ apexClass: string; enabled?: string }>;
  };
}

export function readPermissionSets(forceAppDir: string): PermissionSetGrants[] {
  const dir = path.join(forceAppDir, 'main', 'default', 'permissionsets');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.permissionset-meta.xml'))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const xml = (parser.parse(readFileSync(file, 'utf8')) as PermissionSetXml).PermissionSet ?? {};
      const classAccesses = xml.classAccesses ?? [];
      return {
        name: name.replace('.permissionset-meta.xml', ''),
        file,
        fields: new Map(
          (xml.fieldPermissions ?? []).map((grant) => [
            grant.field,
            { readable: grant.readable === 'true', editable: grant.editable === 'true' },
          ]),
        ),
        objects: new Set((xml.objectPermissions ?? []).map((grant) => grant.object)),
        classes: new Set(classAccesses.filter((grant) => grant.enabled === 'true').map((grant) => grant.apexClass)),
        classesNamed: new Set(classAccesses.map((grant) => grant.apexClass)),
      };
    });
}
