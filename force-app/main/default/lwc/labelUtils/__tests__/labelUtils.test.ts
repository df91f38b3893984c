import { formatLabel, parseJson } from 'c/labelUtils';

describe('c/labelUtils', () => {
  it('fills numbered placeholders in order and leaves missing ones empty', () => {
    expect(formatLabel('Case {0} is {1}.', 'REF-000042', 'Submitted')).toBe('Case REF-000042 is Submitted.');
    expect(formatLabel('{1} before {0}', 'a', 'b')).toBe('b before a');
    expect(formatLabel('Days left: {0}{1}', 3, null)).toBe('Days left: 3');
  });

  it('parses JSON and returns undefined for blank or malformed text', () => {
    expect(parseJson('{"summary":"ok"}')).toEqual({ summary: 'ok' });
    expect(parseJson('')).toBeUndefined();
    expect(parseJson(null)).toBeUndefined();
    expect(parseJson('{not json')).toBeUndefined();
  });
});
