/** Bulk API 2.0 `columnDelimiter` names and the characters they stand for (COMMA when unset). */
const DELIMITERS: Record<string, string> = { COMMA: ',', TAB: '\t', PIPE: '|', SEMICOLON: ';', CARET: '^', BACKQUOTE: '`' };

export function delimiterCharacter(columnDelimiter: string): string {
  return DELIMITERS[columnDelimiter] ?? ',';
}
