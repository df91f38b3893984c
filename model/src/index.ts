/**
 * The package model: one description of the package's objects, read from force-app, shared by
 * the emulator (runtime schema), the sidecar and the LWC (generated types).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type * from './schema-types.ts';
export { loadPackageSchema, loadCustomMetadataRecords, parseFieldXml, MetadataError } from './force-app-reader.ts';
export type { CustomMetadataRecord } from './force-app-reader.ts';
export { OPPORTUNITY_STAGES } from './standard-objects.ts';

/** The repository's force-app folder. */
export const DEFAULT_FORCE_APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'force-app');
export type * from '../generated/sobjects.ts';
export { FIELDS, PACKAGE_OBJECT_NAMES } from '../generated/sobjects.ts';
