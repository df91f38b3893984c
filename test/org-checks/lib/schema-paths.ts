/** Resolves `Object.Field` and `Object.Relationship__r.Field` paths against the package model. */
import type { ObjectSchema, PackageSchema } from '@partner-lead-sync/model';

export interface SchemaLookup {
  schema: PackageSchema;
  caseSensitive: boolean;
}

export function findObject(lookup: SchemaLookup, name: string): ObjectSchema | undefined {
  if (lookup.caseSensitive) return lookup.schema.objects[name];
  const lower = name.toLowerCase();
  return Object.values(lookup.schema.objects).find((object) => object.name.toLowerCase() === lower);
}

const same = (lookup: SchemaLookup, a: string, b: string): boolean =>
  lookup.caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase();

/**
 * Walks `path` (dot-separated, relative to `objectName`). Returns undefined when every part
 * exists, otherwise a sentence saying which part is missing.
 */
export function explainMissingPath(lookup: SchemaLookup, objectName: string, path: string): string | undefined {
  let object = findObject(lookup, objectName);
  if (!object) return `object ${objectName} is not in the package model`;
  const parts = path.split('.');
  for (const [index, part] of parts.entries()) {
    const isLast = index === parts.length - 1;
    if (isLast) {
      const field = Object.values(object.fields).find((candidate) => same(lookup, candidate.name, part));
      return field ? undefined : `${object.name} has no field ${part}`;
    }
    const relationship = Object.values(object.fields).find(
      (candidate) => candidate.relationshipName && same(lookup, candidate.relationshipName, part),
    );
    const target = relationship?.referenceTo?.[0];
    if (!relationship || !target) return `${object.name} has no relationship ${part}`;
    const next = findObject(lookup, target);
    if (!next) return `${object.name}.${part} points to ${target}, which is not in the package model`;
    object = next;
  }
  return undefined;
}

/** The child object of `objectName`'s child relationship `relationshipName`, if it exists. */
export function childObject(lookup: SchemaLookup, objectName: string, relationshipName: string): string | undefined {
  const object = findObject(lookup, objectName);
  return object?.childRelationships.find((child) => same(lookup, child.relationshipName, relationshipName))?.childObject;
}

/** Every field and relationship name in the model, lower-cased, plus the object names. */
export function knownNames(schema: PackageSchema): Set<string> {
  const names = new Set<string>();
  for (const object of Object.values(schema.objects)) {
    names.add(object.name.toLowerCase());
    for (const field of Object.values(object.fields)) {
      names.add(field.name.toLowerCase());
      if (field.relationshipName) names.add(field.relationshipName.toLowerCase());
    }
    for (const child of object.childRelationships) names.add(child.relationshipName.toLowerCase());
  }
  return names;
}
