/**
 * Contract checks between the parts of the package that only meet at deploy or run time:
 * LWC imports ↔ the model and Apex, permission sets ↔ fields and classes, Apex ↔ its tests.
 * Each returns findings (empty when the contract holds); the tests in ../ assert on them.
 */
import path from 'node:path';
import type { PackageSchema } from '@partner-lead-sync/model';
import type { ApexClassSignature, ParsedApexClass } from '../../../scripts/lwc/apex-signatures.ts';
import { finding } from './findings.ts';
import type { Finding } from './findings.ts';
import type { LwcModuleScan } from './lwc-imports.ts';
import type { PermissionSetGrants } from './permission-sets.ts';
import type { ProjectLayout } from './project.ts';
import { explainMissingPath, findObject } from './schema-paths.ts';

const SCHEMA_PREFIX = '@salesforce/schema/';
const APEX_PREFIX = '@salesforce/apex/';

/** Every `@salesforce/schema/...` import names an object or field of the model. */
export function checkSchemaImports(layout: ProjectLayout, schema: PackageSchema, scan: LwcModuleScan): Finding[] {
  const lookup = { schema, caseSensitive: true };
  const findings: Finding[] = [];
  for (const item of scan.imports) {
    if (!item.specifier.startsWith(SCHEMA_PREFIX)) continue;
    const reference = item.specifier.slice(SCHEMA_PREFIX.length);
    const [objectName = '', ...fieldPath] = reference.split('.');
    const problem =
      fieldPath.length === 0
        ? findObject(lookup, objectName)
          ? undefined
          : `object ${objectName} is not in force-app or the known standard objects`
        : explainMissingPath(lookup, objectName, fieldPath.join('.'));
    if (problem) findings.push(finding('schema-import', layout.root, item.file, reference, `line ${item.line}: ${problem}`));
  }
  return findings;
}

function classesByName(apexClasses: ParsedApexClass[]): Map<string, { parsed: ParsedApexClass; signature: ApexClassSignature }> {
  const byName = new Map<string, { parsed: ParsedApexClass; signature: ApexClassSignature }>();
  for (const parsed of apexClasses) if (parsed.signature) byName.set(parsed.signature.name, { parsed, signature: parsed.signature });
  return byName;
}

/** The Apex classes the LWC import (`Class` of `@salesforce/apex/Class.method`). */
export function apexClassesUsedByLwc(scan: LwcModuleScan): Set<string> {
  const used = new Set<string>();
  for (const item of scan.imports) {
    if (item.specifier.startsWith(APEX_PREFIX)) used.add(item.specifier.slice(APEX_PREFIX.length).split('.')[0] ?? '');
  }
  return used;
}

/**
 * Every `@salesforce/apex/Class.method` import names a public static @AuraEnabled method, and
 * every call site (imperative call or @wire config) passes only that method's parameter names.
 */
export function checkApexImports(layout: ProjectLayout, apexClasses: ParsedApexClass[], scan: LwcModuleScan): Finding[] {
  const byName = classesByName(apexClasses);
  const findings: Finding[] = [];
  const methodOf = (reference: string) => {
    const [className = '', methodName = ''] = reference.split('.');
    const apexClass = byName.get(className);
    return { className, methodName, apexClass, method: apexClass?.signature.methods.find((candidate) => candidate.name === methodName) };
  };
  for (const item of scan.imports) {
    if (!item.specifier.startsWith(APEX_PREFIX)) continue;
    const reference = item.specifier.slice(APEX_PREFIX.length);
    const { className, methodName, apexClass, method } = methodOf(reference);
    let problem: string | undefined;
    if (!className || !methodName) problem = 'expected @salesforce/apex/Class.method';
    else if (!apexClass) problem = `no Apex class ${className} in force-app (or it does not parse)`;
    else if (!method) problem = `Apex class ${className} has no method ${methodName}`;
    else if (!method.auraEnabled) problem = `${className}.${methodName} is not @AuraEnabled`;
    else if (!method.isStatic) problem = `${className}.${methodName} is not static`;
    if (problem) findings.push(finding('apex-import', layout.root, item.file, reference, `line ${item.line}: ${problem}`));
  }
  for (const call of scan.apexCalls) {
    const { method } = methodOf(call.apexMethod);
    if (!method) continue;
    const declared = new Set(method.parameters.map((parameter) => parameter.name));
    for (const name of call.parameterNames) {
      if (!declared.has(name)) {
        const expected = method.parameters.map((parameter) => parameter.name).join(', ') || 'none';
        findings.push(
          finding(
            'apex-parameters',
            layout.root,
            call.file,
            `${call.apexMethod}(${name})`,
            `line ${call.line}: ${call.kind === 'wire' ? '@wire config' : 'call'} passes "${name}", Apex parameters are: ${expected}`,
          ),
        );
      }
    }
  }
  return findings;
}

function fieldFile(layout: ProjectLayout, objectName: string, fieldName: string): string {
  return path.join(layout.forceAppDir, 'main', 'default', 'objects', objectName, 'fields', `${fieldName}.field-meta.xml`);
}

/**
 * Field-level security: every custom field (required and master-detail fields excepted, and
 * custom metadata, which has no FLS) is readable in at least one permission set; no permission
 * set grants a required or master-detail field (the deploy rejects it) or a field/object that
 * does not exist.
 */
export function checkFieldPermissions(layout: ProjectLayout, schema: PackageSchema, permissionSets: PermissionSetGrants[]): Finding[] {
  const findings: Finding[] = [];
  for (const object of Object.values(schema.objects)) {
    if (object.customMetadata) continue;
    for (const field of Object.values(object.fields)) {
      if (!field.custom || field.required || field.type === 'MasterDetail') continue;
      const key = `${object.name}.${field.name}`;
      const granted = permissionSets.some((permissionSet) => permissionSet.fields.get(key)?.readable);
      if (!granted) {
        findings.push(
          finding(
            'field-permissions',
            layout.root,
            fieldFile(layout, object.name, field.name),
            key,
            'custom field is not readable in any permission set',
          ),
        );
      }
    }
  }
  const lookup = { schema, caseSensitive: true };
  for (const permissionSet of permissionSets) {
    for (const key of permissionSet.fields.keys()) {
      const [objectName = '', fieldName = ''] = key.split('.');
      const problem = explainMissingPath(lookup, objectName, fieldName);
      if (problem) {
        findings.push(finding('field-permissions', layout.root, permissionSet.file, key, `grants a field that does not exist: ${problem}`));
        continue;
      }
      const field = findObject(lookup, objectName)?.fields[fieldName];
      if (field?.required || field?.type === 'MasterDetail') {
        findings.push(
          finding(
            'field-permissions',
            layout.root,
            permissionSet.file,
            key,
            'grants a required or master-detail field (the deploy rejects it)',
          ),
        );
      }
    }
    for (const objectName of permissionSet.objects) {
      if (!findObject(lookup, objectName)) {
        findings.push(
          finding('object-permissions', layout.root, permissionSet.file, objectName, 'grants an object that is not in the model'),
        );
      }
    }
  }
  return findings;
}

/** Every Apex class the LWC call is enabled in at least one permission set; no grant names a missing class. */
export function checkClassAccess(
  layout: ProjectLayout,
  apexClasses: ParsedApexClass[],
  scan: LwcModuleScan,
  permissionSets: PermissionSetGrants[],
): Finding[] {
  const findings: Finding[] = [];
  const byName = classesByName(apexClasses);
  const firstImport = new Map<string, string>();
  for (const item of scan.imports) {
    if (item.specifier.startsWith(APEX_PREFIX)) {
      const className = item.specifier.slice(APEX_PREFIX.length).split('.')[0] ?? '';
      if (!firstImport.has(className)) firstImport.set(className, item.file);
    }
  }
  for (const [className, importingFile] of firstImport) {
    if (!byName.has(className)) continue; // reported by checkApexImports
    if (!permissionSets.some((permissionSet) => permissionSet.classes.has(className))) {
      findings.push(
        finding(
          'class-access',
          layout.root,
          importingFile,
          className,
          'Apex class called from LWC has no enabled classAccesses in any permission set',
        ),
      );
    }
  }
  const existing = new Set([...byName.keys()]);
  for (const permissionSet of permissionSets) {
    for (const className of permissionSet.classesNamed) {
      if (!existing.has(className)) {
        findings.push(
          finding('class-access', layout.root, permissionSet.file, className, 'classAccesses names an Apex class that does not exist'),
        );
      }
    }
  }
  return findings;
}

/**
 * Every non-test Apex class has a test: an @IsTest class named <Class>Test or <Class>_Test, or
 * an @IsTest class that mentions it by name.
 */
export function checkApexTestClasses(layout: ProjectLayout, apexClasses: ParsedApexClass[], sources: Map<string, string>): Finding[] {
  const testClasses = apexClasses.filter((parsed) => parsed.signature?.isTest);
  const testNames = new Set(testClasses.map((parsed) => parsed.signature?.name.toLowerCase()));
  const findings: Finding[] = [];
  for (const parsed of apexClasses) {
    const signature = parsed.signature;
    if (!signature || signature.isTest) continue;
    const name = signature.name;
    const byName = testNames.has(`${name.toLowerCase()}test`) || testNames.has(`${name.toLowerCase()}_test`);
    const mentioned = new RegExp(`\\b${name}\\b`, 'i');
    const byMention = testClasses.some((test) => mentioned.test(sources.get(test.file) ?? ''));
    if (!byName && !byMention) {
      findings.push(finding('apex-tests', layout.root, parsed.file, name, `no test class (${name}Test) and no @IsTest class mentions it`));
    }
  }
  return findings;
}
