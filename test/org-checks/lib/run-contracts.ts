/** All contract checks against one project layout (the repository, or a mutated copy). */
import { readFileSync } from 'node:fs';
import { loadPackageSchema } from '@partner-lead-sync/model';
import { readApexClasses } from '../../../scripts/lwc/apex-signatures.ts';
import { checkApexImports, checkApexTestClasses, checkClassAccess, checkFieldPermissions, checkSchemaImports } from './contracts.ts';
import type { Finding } from './findings.ts';
import { scanLwc } from './lwc-imports.ts';
import { readPermissionSets } from './permission-sets.ts';
import type { ProjectLayout } from './project.ts';
import { checkSidecarFields } from './sidecar-fields.ts';

export interface ContractFindings {
  schemaImports: Finding[];
  apexImports: Finding[];
  fieldPermissions: Finding[];
  classAccess: Finding[];
  sidecarFields: Finding[];
  apexTests: Finding[];
}

/** Runs every contract check, or only those named in `only` (the others come back empty). */
export function runContracts(layout: ProjectLayout, only?: ReadonlyArray<keyof ContractFindings>): ContractFindings {
  const wanted = (name: keyof ContractFindings): boolean => !only || only.includes(name);
  const schema = loadPackageSchema(layout.forceAppDir);
  const apexClasses = readApexClasses(layout.forceAppDir);
  const scan = scanLwc(layout.lwcDir);
  const permissionSets = readPermissionSets(layout.forceAppDir);
  const sources = new Map(apexClasses.map((parsed) => [parsed.file, readFileSync(parsed.file, 'utf8')]));
  return {
    schemaImports: wanted('schemaImports') ? checkSchemaImports(layout, schema, scan) : [],
    apexImports: wanted('apexImports') ? checkApexImports(layout, apexClasses, scan) : [],
    fieldPermissions: wanted('fieldPermissions') ? checkFieldPermissions(layout, schema, permissionSets) : [],
    classAccess: wanted('classAccess') ? checkClassAccess(layout, apexClasses, scan, permissionSets) : [],
    sidecarFields: wanted('sidecarFields') ? checkSidecarFields(layout, schema) : [],
    apexTests: wanted('apexTests') ? checkApexTestClasses(layout, apexClasses, sources) : [],
  };
}
