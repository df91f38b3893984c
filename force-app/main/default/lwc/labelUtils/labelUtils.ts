/**
 * Shared helpers for user-facing text (a UI-less module). Custom labels carry `{0}`-style
 * placeholders, as String.format does in Apex, so translators see whole sentences.
 */

/** Fills `{0}`, `{1}`… in a label; a missing or null argument leaves an empty string. */
export function formatLabel(label: string, ...args: ReadonlyArray<string | number | null | undefined>): string {
  return label.replace(/\{(\d+)\}/g, (_placeholder, index: string) => {
    const value = args[Number(index)];
    return value === null || value === undefined ? '' : String(value);
  });
}

/** Parses a JSON string that may be absent or malformed; undefined when it cannot be read. */
export function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
