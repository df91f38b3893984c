import { reduceErrors } from 'c/ldsUtils';

describe('reduceErrors', () => {
  it('reads UI API read errors (a list of messages in the body)', () => {
    expect(reduceErrors({ body: [{ message: 'No access' }, { message: 'Invalid field' }] })).toEqual(['No access', 'Invalid field']);
  });

  it('reads page-level and field-level DML errors', () => {
    expect(reduceErrors({ body: { pageErrors: [{ message: 'Record locked' }] } })).toEqual(['Record locked']);
    expect(
      reduceErrors({
        body: { fieldErrors: { Status__c: [{ message: 'Bad value for restricted picklist' }], Name: [{ message: 'Required' }] } },
      }),
    ).toEqual(['Bad value for restricted picklist', 'Required']);
  });

  it('reads UI API output errors with their codes', () => {
    expect(reduceErrors({ body: { output: { errors: [{ errorCode: 'DUPLICATE_VALUE', message: 'Referral_Key__c exists' }] } } })).toEqual([
      'DUPLICATE_VALUE (Referral_Key__c exists)',
    ]);
    expect(reduceErrors({ body: { output: { errors: [], fieldErrors: { Email__c: [{ message: 'Invalid email' }] } } } })).toEqual([
      'Invalid email',
    ]);
  });

  it('reads Apex, JavaScript and HTTP errors and flattens a list', () => {
    expect(
      reduceErrors([{ body: { message: 'Apex said no' } }, new Error('Script failed'), { statusText: 'Gateway Timeout' }, 'plain text']),
    ).toEqual(['Apex said no', 'Script failed', 'Gateway Timeout', 'plain text']);
  });

  it('drops empty and unknown errors', () => {
    expect(reduceErrors(undefined)).toEqual([]);
    expect(reduceErrors([null, {}, { body: {} }, ''])).toEqual([]);
  });
});
