/** A stored record as GET /sobjects/{type}/{id} returns it. */
import type { ObjectSchema } from '@partner-lead-sync/model';
import { SalesforceError } from '../errors.ts';
import type { OrgSchema } from '../schema/org-schema.ts';
import { attributesOf, renderValue } from '../soql/query-engine.ts';
import type { StoredRecord } from '../storage/record-store.ts';

export function recordJson(schema: OrgSchema, object: ObjectSchema, record: StoredRecord, apiVersion: string, fieldList?: string | null) {
  const fields = fieldList
    ? fieldList.split(',').map((name) => {
        const field = schema.field(object, name.trim());
        if (!field)
          throw new SalesforceError(
            'INVALID_FIELD',
            `No such column '${name.trim()}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
          );
        return field;
      })
    : Object.values(object.fields);
  const json: Record<string, unknown> = { attributes: attributesOf(record, apiVersion) };
  for (const field of fields) json[field.name] = renderValue(field.type, record.values[field.name]);
  return json;
}
