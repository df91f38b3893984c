import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addBusinessDays } from '../../src/matching/index.ts';
import { DEFAULT_PROGRAM_SETTINGS } from '../../src/settings/program-settings.ts';
import { NOW, checker, contoso, daysAgo, globexAccount, globexReferral, northwind } from './fixtures.ts';

describe('classification', () => {
  it('a complete registration of an unknown company is New and recommended for acceptance', () => {
    const check = checker().check(globexReferral(), NOW);
    assert.equal(check.classification, 'New');
    assert.equal(check.duplicateStatus, 'Unique');
    assert.equal(check.recommendation, 'Accept');
    assert.deepEqual(check.stopGates, []);
    assert.deepEqual(check.conflicts, []);
    assert.equal(check.companyDomain, 'globex.com');
    assert.equal(check.partnerVisibleReason, 'Your registration passed our checks and awaits approval.');
  });

  it("the same partner's earlier live submission makes it a Duplicate Submission (declined, not a conflict)", () => {
    const c = checker();
    c.upsertReferral(globexReferral({ id: 'a0R000000000000', key: 'NW-0999', submittedAt: daysAgo(3) }));
    const check = c.check(globexReferral(), NOW);
    assert.equal(check.classification, 'Duplicate Submission');
    assert.equal(check.duplicateOfId, 'a0R000000000000');
    assert.equal(check.recommendation, 'Decline');
    assert.equal(check.duplicateStatus, 'Duplicate');
    assert.match(check.partnerVisibleReason, /You already registered this company \(NW-0999\)/);
  });

  it('a declined earlier submission of the same partner does not block a new one', () => {
    const c = checker();
    c.upsertReferral(globexReferral({ id: 'a0R000000000000', submittedAt: daysAgo(30), status: 'Declined' }));
    assert.notEqual(c.check(globexReferral(), NOW).classification, 'Duplicate Submission');
  });

  it("another partner's registration inside the conflict window is Partner vs Partner: owner review, never accept or decline", () => {
    const c = checker();
    c.upsertReferral(
      globexReferral({
        id: 'a0R000000000009',
        key: 'CT-77',
        partnerId: contoso.id,
        submittedAt: daysAgo(5),
        contactEmail: 'lisa@globex.com',
        submitterEmail: 'x@contoso.example',
      }),
    );
    const check = c.check(globexReferral(), NOW);
    assert.equal(check.classification, 'Partner vs Partner');
    assert.equal(check.recommendation, 'Owner Review');
    const conflict = check.conflicts[0];
    assert.equal(conflict?.type, 'Partner vs Partner');
    assert.deepEqual(conflict?.partnerIds.sort(), [northwind.id, contoso.id].sort());
    assert.equal(conflict?.key, 'PVP:d:globex.com');
    assert.ok(
      conflict?.evidence.every((e, i, all) => i === 0 || (all[i - 1] as { at: string }).at <= e.at),
      'evidence is a timeline',
    );
    // The other partner is never named to the submitting partner, whatever its sharing level.
    assert.doesNotMatch(check.partnerVisibleReason, /Contoso|CT-77/);
    assert.match(check.partnerVisibleReason, /another partner/);
  });

  it("an account with many contacts does not hide another partner's registration", () => {
    const c = checker();
    c.upsertAccount(globexAccount);
    for (let i = 0; i < 30; i++)
      c.upsertContact({ id: `003C${i}`, accountId: globexAccount.id, name: `Person ${i}`, email: `person${i}@globex.com` });
    c.upsertReferral(globexReferral({ id: 'a0R000000000009', partnerId: contoso.id, submittedAt: daysAgo(5) }));
    const check = c.check(globexReferral(), NOW);
    assert.equal(check.classification, 'Partner vs Partner');
    assert.equal(check.matchedAccountId, globexAccount.id);
    assert.ok(check.matches.length <= 10);
  });

  it('an old registration outside the window is no conflict, unless its protection is still running', () => {
    const c = checker();
    c.upsertReferral(
      globexReferral({
        id: 'a0R000000000009',
        partnerId: contoso.id,
        submittedAt: daysAgo(DEFAULT_PROGRAM_SETTINGS.conflictWindowDays + 30),
      }),
    );
    assert.equal(c.check(globexReferral(), NOW).classification, 'New');
    c.upsertReferral(
      globexReferral({
        id: 'a0R000000000009',
        partnerId: contoso.id,
        submittedAt: daysAgo(DEFAULT_PROGRAM_SETTINGS.conflictWindowDays + 30),
        status: 'Approved',
        protectionEnd: daysAgo(-20),
      }),
    );
    assert.equal(c.check(globexReferral(), NOW).classification, 'Partner vs Partner');
  });

  it('a direct seller active on the account within the lookback makes it Partner vs Direct', () => {
    const c = checker();
    c.upsertAccount(globexAccount);
    c.upsertActivity({
      id: '00T1',
      kind: 'Task',
      ownerId: '005000000000007',
      whatId: globexAccount.id,
      date: daysAgo(10).slice(0, 10),
      subject: 'Discovery call',
    });
    const check = c.check(globexReferral(), NOW);
    assert.equal(check.classification, 'Partner vs Direct');
    assert.equal(check.recommendation, 'Owner Review');
    assert.equal(check.matchedAccountId, globexAccount.id);
    assert.equal(check.conflicts[0]?.directOwnerId, '005000000000007');
    assert.equal(check.conflicts[0]?.key, `PVD:${globexAccount.id}`);
    assert.match(check.partnerVisibleReason, /being worked by our sales team/);
  });

  it('activity older than the lookback, or by a partner user, is not direct engagement', () => {
    const c = checker(DEFAULT_PROGRAM_SETTINGS, ['005PARTNERUSER']);
    c.upsertAccount(globexAccount);
    c.upsertActivity({
      id: '00T1',
      kind: 'Task',
      ownerId: '005000000000007',
      whatId: globexAccount.id,
      date: daysAgo(DEFAULT_PROGRAM_SETTINGS.directEngagementLookbackDays + 5),
    });
    c.upsertActivity({ id: '00U1', kind: 'Event', ownerId: '005PARTNERUSER', whatId: globexAccount.id, date: daysAgo(2) });
    const check = c.check(globexReferral(), NOW);
    assert.equal(check.classification, 'New');
    assert.equal(check.matchedAccountId, globexAccount.id);
  });

  it("activity with one of the account's contacts counts", () => {
    const c = checker();
    c.upsertAccount(globexAccount);
    c.upsertContact({ id: '003C1', accountId: globexAccount.id, name: 'Mindy Simmons', email: 'mindy@globex.com' });
    c.upsertActivity({ id: '00U2', kind: 'Event', ownerId: '005000000000008', whoId: '003C1', date: daysAgo(3), subject: 'Demo' });
    assert.equal(c.check(globexReferral(), NOW).classification, 'Partner vs Direct');
  });

  it('a recent direct open opportunity is Partner vs Direct; an old one is Open Opportunity', () => {
    const c = checker();
    c.upsertAccount(globexAccount);
    c.upsertOpportunity({
      id: '006O1',
      accountId: globexAccount.id,
      ownerId: '005000000000009',
      isClosed: false,
      isWon: false,
      stageName: 'Qualification',
      createdDate: daysAgo(20),
      name: 'Globex CRM',
    });
    let check = c.check(globexReferral(), NOW);
    assert.equal(check.classification, 'Partner vs Direct');
    assert.equal(check.matchedOpportunityId, '006O1');
    c.upsertOpportunity({
      id: '006O1',
      accountId: globexAccount.id,
      ownerId: '005000000000009',
      isClosed: false,
      isWon: false,
      stageName: 'Qualification',
      createdDate: daysAgo(200),
      lastActivityDate: daysAgo(150),
      name: 'Globex CRM',
    });
    check = c.check(globexReferral(), NOW);
    assert.equal(check.classification, 'Open Opportunity');
    assert.equal(check.recommendation, 'Owner Review');
    assert.equal(check.matchedOpportunityId, '006O1');
  });

  it('an account that is a customer (type or won deal) is Existing Customer: owner review', () => {
    const c = checker();
    c.upsertAccount({ ...globexAccount, type: 'Customer - Direct' });
    const check = c.check(globexReferral(), NOW);
    assert.equal(check.classification, 'Existing Customer');
    assert.equal(check.recommendation, 'Owner Review');
    const d = checker();
    d.upsertAccount(globexAccount);
    d.upsertOpportunity({ id: '006W', accountId: globexAccount.id, isClosed: true, isWon: true, closeDate: '2025-03-01' });
    assert.equal(d.check(globexReferral(), NOW).classification, 'Existing Customer');
  });

  it('a blocked account is declined unless there is a conflict to review', () => {
    const c = checker();
    c.upsertAccount({ ...globexAccount, registrationBlocked: true });
    const check = c.check(globexReferral(), NOW);
    assert.ok(check.stopGates.includes('Out of Policy'));
    assert.equal(check.recommendation, 'Decline');
    c.upsertActivity({ id: '00T9', kind: 'Task', ownerId: '005000000000007', whatId: globexAccount.id, date: daysAgo(1) });
    assert.equal(c.check(globexReferral(), NOW).recommendation, 'Owner Review');
  });

  it('a name-only resemblance is at most a possible duplicate, sent to owner review', () => {
    const c = checker();
    c.upsertAccount({
      ...globexAccount,
      website: null as unknown as undefined,
      phone: undefined,
      street: undefined,
      postalCode: undefined,
    });
    const check = c.check(
      globexReferral({ website: undefined, contactEmail: 'hank@gmail.com', contactPhone: undefined, city: undefined }),
      NOW,
    );
    assert.equal(check.matchedAccountId, undefined);
    assert.equal(check.duplicateStatus, 'Possible Duplicate');
    assert.equal(check.recommendation, 'Owner Review');
  });
});

describe('stop gates and recommendations', () => {
  const gatesOf = (overrides: Parameters<typeof globexReferral>[0]) => checker().check(globexReferral(overrides), NOW);

  it('missing end-customer context (company, contact or need) → Needs More Context', () => {
    for (const overrides of [
      { companyName: '' },
      { contactEmail: undefined, contactPhone: undefined, contactLastName: undefined },
      { useCase: 'CRM' },
    ]) {
      const check = gatesOf(overrides);
      assert.ok(check.stopGates.includes('Missing Customer Context'), JSON.stringify(overrides));
      assert.equal(check.recommendation, 'Needs More Context');
    }
  });

  it('missing partner source, introduction path or consent each stop acceptance and are named to the partner', () => {
    const cases = [
      [{ partnerSource: undefined }, 'Missing Partner Source', /how this lead was sourced/],
      [{ howMet: ' ' }, 'Missing Introduction Path', /how you were introduced/],
      [{ consent: false }, 'Missing Consent', /agreed to be contacted/],
    ] as const;
    for (const [overrides, gate, hint] of cases) {
      const check = gatesOf(overrides);
      assert.deepEqual(check.stopGates, [gate]);
      assert.equal(check.recommendation, 'Needs More Context');
      assert.match(check.partnerVisibleReason, hint);
    }
  });

  it('contradictory data: a corporate contact email on another domain than the website', () => {
    const check = gatesOf({ contactEmail: 'hank@initech.io' });
    assert.ok(check.stopGates.includes('Contradictory Data'));
    assert.equal(check.recommendation, 'Needs More Context');
    // A free-mail address is not a contradiction.
    assert.ok(!gatesOf({ contactEmail: 'hank@gmail.com' }).stopGates.includes('Contradictory Data'));
  });

  it('stale data: a submission older than staleDataDays', () => {
    const check = gatesOf({ submittedAt: daysAgo(DEFAULT_PROGRAM_SETTINGS.staleDataDays + 1) });
    assert.ok(check.stopGates.includes('Stale Data'));
  });

  it('out of policy: submitter outside the partner allowed domains, or partner not active', () => {
    const check = gatesOf({ submitterEmail: 'someone@gmail.com' });
    assert.deepEqual(check.stopGates, ['Out of Policy']);
    assert.equal(check.recommendation, 'Owner Review');
    const c = checker();
    c.upsertPartner({ ...northwind, status: 'Suspended' });
    assert.ok(c.check(globexReferral(), NOW).stopGates.includes('Out of Policy'));
  });

  it('strategic partner or strategic account → owner review', () => {
    const c = checker();
    c.upsertPartner({ ...northwind, strategic: true });
    let check = c.check(globexReferral(), NOW);
    assert.deepEqual(check.stopGates, ['Strategic Review']);
    assert.equal(check.recommendation, 'Owner Review');
    const d = checker();
    d.upsertAccount({ ...globexAccount, strategic: true });
    check = d.check(globexReferral(), NOW);
    assert.ok(check.stopGates.includes('Strategic Review'));
    assert.equal(check.recommendation, 'Owner Review');
  });

  it('the decision SLA is counted in business days', () => {
    const friday = new Date('2026-11-27T15:00:00Z');
    assert.equal(addBusinessDays(friday, 2).toISOString(), '2026-12-01T15:00:00.000Z');
    const check = checker().check(globexReferral({ submittedAt: '2026-11-27T15:00:00Z' }), NOW);
    assert.equal(check.decisionSlaDue, '2026-12-01T15:00:00.000Z');
  });
});

describe('what the partner is told', () => {
  it('follows the data-sharing level and never names another partner', () => {
    for (const [level, pattern] of [
      ['Full', /already registered by another partner/],
      ['Overlap Only', /overlaps with an existing relationship/],
      ['Counts Only', /needs a review/],
      ['None', /needs a review/],
    ] as const) {
      const c = checker();
      c.upsertPartner({ ...northwind, dataSharingLevel: level });
      c.upsertReferral(globexReferral({ id: 'a0R9', key: 'CT-1', partnerId: contoso.id, submittedAt: daysAgo(2) }));
      const reason = c.check(globexReferral(), NOW).partnerVisibleReason;
      assert.match(reason, pattern, level);
      assert.doesNotMatch(reason, /Contoso|CT-1|a0R9/);
      assert.ok(reason.length <= 255);
    }
  });
});
