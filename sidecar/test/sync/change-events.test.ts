/** Which referral change events start a check: not the sidecar's own writes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changeEventChannel, needsCheck } from '../../src/sync/change-events.ts';
import { OWN_REFERRAL_FIELDS } from '../../src/jobs/index.ts';

const SIDECAR = '005000000000001AAA';
const PERSON = '005000000000002AAA';
const update = (changedFields: string[], commitUser: string) => ({
  entityName: 'Partner_Referral__c',
  recordIds: ['a06000000000001AAA'],
  changeType: 'UPDATE',
  changedFields,
  commitUser,
});

test('new referrals are checked; the sidecar’s own updates are not', () => {
  assert.equal(changeEventChannel('Partner_Referral__c'), '/data/Partner_Referral__ChangeEvent');
  assert.equal(needsCheck({ ...update([], SIDECAR), changeType: 'CREATE' }, OWN_REFERRAL_FIELDS, SIDECAR), true);
  assert.equal(
    needsCheck(
      update(['Classification__c', 'Recommendation__c', 'Checked_At__c', 'LastModifiedDate', 'SystemModstamp'], SIDECAR),
      OWN_REFERRAL_FIELDS,
      SIDECAR,
    ),
    false,
  );
  assert.equal(needsCheck(update(['Company_Website__c'], SIDECAR), OWN_REFERRAL_FIELDS, SIDECAR), true, 'a field we do not write changed');
  assert.equal(needsCheck(update(['Status__c'], PERSON), OWN_REFERRAL_FIELDS, SIDECAR), true, 'a person changed it');
  assert.equal(needsCheck({ ...update([], SIDECAR), changeType: 'DELETE' }, OWN_REFERRAL_FIELDS, SIDECAR), false);
});
