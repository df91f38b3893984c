/**
 * Shared helpers for Lightning Data Service and Apex results (a UI-less module, as in
 * lwc-recipes). Import with `import { reduceErrors } from 'c/ldsUtils';`.
 */

interface MessageHolder {
  message?: unknown;
  errorCode?: unknown;
}

type UnknownRecord = Record<string, unknown>;

function isRecord(value: unknown): value is UnknownRecord {
  return typeof value === 'object' && value !== null;
}

function messagesOf(entries: unknown): string[] {
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry: unknown) => {
    const message = isRecord(entry) ? (entry as MessageHolder).message : undefined;
    return typeof message === 'string' ? [message] : [];
  });
}

function fieldErrorMessages(fieldErrors: unknown): string[] {
  if (!isRecord(fieldErrors)) return [];
  return Object.values(fieldErrors).flatMap((entries) => messagesOf(entries));
}

function outputErrorMessages(entries: unknown): string[] {
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry: unknown) => {
    if (!isRecord(entry) || typeof entry.message !== 'string') return [];
    return [typeof entry.errorCode === 'string' ? `${entry.errorCode} (${entry.message})` : entry.message];
  });
}

/** The readable messages of one error, whichever of the platform's shapes it has. */
function messagesOfError(error: unknown): string[] {
  if (typeof error === 'string') return [error];
  if (!isRecord(error)) return [];
  const body = error.body;
  // UI API read errors: a list of { message }.
  if (Array.isArray(body)) return messagesOf(body);
  if (isRecord(body)) {
    const pageErrors = messagesOf(body.pageErrors);
    if (pageErrors.length > 0) return pageErrors;
    const fieldErrors = fieldErrorMessages(body.fieldErrors);
    if (fieldErrors.length > 0) return fieldErrors;
    const output = isRecord(body.output) ? body.output : undefined;
    const outputErrors = outputErrorMessages(output?.errors);
    if (outputErrors.length > 0) return outputErrors;
    const outputFieldErrors = fieldErrorMessages(output?.fieldErrors);
    if (outputFieldErrors.length > 0) return outputFieldErrors;
    // UI API DML, Apex and network errors.
    if (typeof body.message === 'string') return [body.message];
  }
  // JavaScript errors.
  if (typeof error.message === 'string') return [error.message];
  // Unknown shape: fall back to the HTTP status text.
  return typeof error.statusText === 'string' ? [error.statusText] : [];
}

/**
 * Reduces one or more LDS, Apex, fetch or JavaScript errors to a flat list of readable
 * messages, empty ones dropped.
 */
export function reduceErrors(errors: unknown): string[] {
  const list: unknown[] = Array.isArray(errors) ? errors : [errors];
  return list.flatMap((error) => messagesOfError(error)).filter((message) => message.length > 0);
}
