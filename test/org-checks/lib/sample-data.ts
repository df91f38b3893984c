/**
 * The sample data loaded by scripts/setup-scratch-org.sh (an `sf data import tree` plan) fits
 * the model: every field exists and is writable, picklist values are real, required fields are
 * set, and every @reference points to a record saved earlier in the plan.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PackageSchema } from '@partner-lead-sync/model';
import { finding } from './findings.ts';
import type { Finding } from './findings.ts';

interface PlanEntry {
  sobject: string;
  saveRefs?: boolean;
  resolveRefs?: boolean;
  files: string[];
}

interface TreeRecord {
  attributes: { type: string; referenceId: string };
  [field: string]: unknown;
}

export function checkSampleData(root: string, planFile: string, schema: PackageSchema): Finding[] {
  const findings: Finding[] = [];
  const report = (file: string, name: string, message: string): void => {
    findings.push(finding('sample-data', root, file, name, message));
  };
  const plan = JSON.parse(readFileSync(planFile, 'utf8')) as PlanEntry[];
  const saved = new Set<string>();
  for (const entry of plan) {
    const object = schema.objects[entry.sobject];
    for (const relativeFile of entry.files) {
      const file = path.join(path.dirname(planFile), relativeFile);
      if (!object) {
        report(planFile, entry.sobject, 'object is not in the model');
        continue;
      }
      if (!existsSync(file)) {
        report(planFile, relativeFile, 'data file does not exist');
        continue;
      }
      const records = (JSON.parse(readFileSync(file, 'utf8')) as { records: TreeRecord[] }).records;
      for (const record of records) {
        const id = record.attributes.referenceId;
        if (record.attributes.type !== entry.sobject) report(file, id, `record type ${record.attributes.type} in a ${entry.sobject} file`);
        for (const [fieldName, value] of Object.entries(record)) {
          if (fieldName === 'attributes') continue;
          const field = object.fields[fieldName];
          const key = `${entry.sobject}.${fieldName}`;
          if (!field) {
            report(file, key, `${id}: no such field`);
            continue;
          }
          if (field.systemManaged) report(file, key, `${id}: field is not writable`);
          if (typeof value === 'string' && value.startsWith('@')) {
            if (!entry.resolveRefs || !saved.has(value.slice(1)))
              report(file, key, `${id}: reference ${value} is not saved earlier in the plan`);
          } else if (field.picklistValues) {
            const values = field.type === 'MultiselectPicklist' ? String(value).split(';') : [String(value)];
            const unknown = values.filter((item) => !field.picklistValues?.includes(item));
            if (unknown.length > 0) report(file, key, `${id}: not in the picklist: ${unknown.join(', ')}`);
          }
        }
        for (const field of Object.values(object.fields)) {
          if (field.required && !field.systemManaged && field.defaultValue === undefined && !(field.name in record)) {
            report(file, `${entry.sobject}.${field.name}`, `${id}: required field is not set`);
          }
        }
        if (entry.saveRefs) saved.add(id);
      }
    }
  }
  return findings;
}
