import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PartnerListError, computeOverlaps, overlapRecords, partnerAccountsFromRows } from '../../src/matching/index.ts';
import { checker, globexAccount, northwind } from './fixtures.ts';

function ourAccounts() {
  const c = checker();
  c.upsertAccount(globexAccount);
  c.upsertAccount({
    id: '001000000000002',
    name: 'Initech LLC',
    website: 'initech.io',
    city: 'Austin',
    strategic: false,
    registrationBlocked: false,
    type: 'Customer - Direct',
  });
  c.upsertAccount({ id: '001000000000003', name: 'Hooli', website: 'hooli.xyz', strategic: false, registrationBlocked: false });
  c.upsertOpportunity({ id: '006H', accountId: '001000000000003', isClosed: false, isWon: false });
  return c;
}

describe('partner account lists', () => {
  it('reads a Crossbeam-style export', () => {
    const accounts = partnerAccountsFromRows(
      [
        { 'Record ID': 'cb-1', 'Record Name': 'Globex Corp', Domain: 'globex.com', Population: 'Customers' },
        { 'Record ID': 'cb-2', 'Record Name': 'Hooli Inc', Domain: 'www.hooli.xyz', Population: 'Open Opportunities' },
      ],
      'crossbeam.csv',
    );
    assert.deepEqual(accounts[0], { recordId: 'cb-1', name: 'Globex Corp', website: 'globex.com', population: 'Customer' });
    assert.equal(accounts[1]?.population, 'Open Opportunity');
  });

  it('reads a Reveal-style export and a plain partner CSV', () => {
    const reveal = partnerAccountsFromRows(
      [{ 'Account name': 'Initech', Website: 'https://initech.io', Status: 'Prospect', 'Account ID': 'rv-9' }],
      'reveal.csv',
    );
    assert.deepEqual(reveal[0], { recordId: 'rv-9', name: 'Initech', website: 'https://initech.io', population: 'Prospect' });
    const plain = partnerAccountsFromRows([{ company: 'Umbrella', city: 'Raccoon City' }], 'ours.csv');
    assert.deepEqual(plain[0], { recordId: 'row-1', name: 'Umbrella', city: 'Raccoon City', population: 'Prospect' });
  });

  it("reads Reveal's open-deal column beside the account status: a prospect with an open deal is an open opportunity", () => {
    const accounts = partnerAccountsFromRows(
      [
        { 'Company Name': 'Initech', 'Account Status': 'Prospect', 'Open deal': 'Yes' },
        { 'Company Name': 'Hooli', 'Account Status': 'Prospect', 'Open deal': 'No' },
        { 'Company Name': 'Globex', 'Account Status': 'Customer', 'Open deal': 'Yes' },
        { 'Company Name': 'Umbrella', 'Account Status': 'Prospect', 'Open deal': '' },
        { 'Company Name': 'Massive Dynamic', 'Account Status': 'Prospect', 'Open deal': 'Q3 expansion ($40k)' },
        { 'Company Name': 'Soylent', 'Account Status': 'Prospect', 'Open deal': '$0.00' },
        { 'Company Name': 'Vandelay', 'Account Status': 'Prospect', 'Open deal': '0,00 €' },
        { 'Company Name': 'Stark', 'Account Status': 'Prospect', 'Open deal': 'USD 12,500.00' },
        { 'Company Name': 'Wayne', 'Account Status': 'Prospect', 'Open deal': 'No open deal' },
        { 'Company Name': 'Northwind', 'Account Status': 'Prospect', 'Open deal': 'Northwind renewal' },
      ],
      'reveal.csv',
    );
    assert.deepEqual(
      accounts.map((account) => account.population),
      [
        'Open Opportunity',
        'Prospect',
        'Customer',
        'Prospect',
        'Open Opportunity',
        'Prospect',
        'Prospect',
        'Open Opportunity',
        'Prospect',
        'Open Opportunity',
      ],
    );
  });

  it('does not take an account the partner lost, or never won, for its customer', () => {
    const statuses = [
      'Non-customer',
      'Not a customer',
      'Former Customer',
      'Ex-client',
      'Churned',
      'Closed Lost',
      'Customer',
      'Active customer',
      'Closed Won',
      'Customer - churn risk',
    ];
    const accounts = partnerAccountsFromRows(
      statuses.map((status, index) => ({ 'Company Name': `Company ${index}`, 'Account Status': status })),
      'partner.csv',
    );
    assert.deepEqual(
      accounts.map((account) => account.population),
      ['Prospect', 'Prospect', 'Prospect', 'Prospect', 'Prospect', 'Prospect', 'Customer', 'Customer', 'Customer', 'Customer'],
    );
  });

  it('reads lists exported in German, French, Spanish and Dutch: their headers and statuses', () => {
    const german = partnerAccountsFromRows(
      [
        {
          Firmenname: 'Müller GmbH',
          Webseite: 'mueller.de',
          Straße: 'Hauptstr. 5',
          PLZ: 'D-80331',
          Ort: 'München',
          Land: 'Deutschland',
          Kundenstatus: 'Bestandskunde',
        },
        { Firmenname: 'Schmidt AG', Webseite: 'schmidt.de', Straße: '', PLZ: '', Ort: '', Land: '', Kundenstatus: 'Ehemaliger Kunde' },
        { Firmenname: 'Weber KG', Webseite: 'weber.de', Straße: '', PLZ: '', Ort: '', Land: '', Kundenstatus: 'Verkaufschance' },
        { Firmenname: 'Bauer SE', Webseite: '', Straße: '', PLZ: '', Ort: '', Land: '', Kundenstatus: 'Interessent' },
      ],
      'partner-de.csv',
    );
    assert.deepEqual(german[0], {
      recordId: 'row-1',
      name: 'Müller GmbH',
      website: 'mueller.de',
      street: 'Hauptstr. 5',
      postalCode: 'D-80331',
      city: 'München',
      country: 'Deutschland',
      population: 'Customer',
    });
    assert.deepEqual(
      german.map((account) => account.population),
      ['Customer', 'Prospect', 'Open Opportunity', 'Prospect'],
    );
    const others = partnerAccountsFromRows(
      [
        { 'Nom de l’entreprise': 'Dupont SA', 'Site web': 'dupont.fr', Téléphone: '01 42 14 20 00', Ville: 'Paris', Statut: 'Client' },
        { 'Nom de l’entreprise': 'Martin SARL', 'Site web': 'martin.fr', Téléphone: '', Ville: '', Statut: 'Ancien client' },
        { 'Nom de l’entreprise': 'García SL', 'Site web': '', Téléphone: '', Ville: '', Statut: 'Oportunidad abierta' },
        { 'Nom de l’entreprise': 'De Vries BV', 'Site web': '', Téléphone: '', Ville: '', Statut: 'Klant' },
      ],
      'partner-fr.csv',
    );
    assert.equal(others[0]?.phone, '01 42 14 20 00');
    assert.equal(others[0]?.city, 'Paris');
    assert.deepEqual(
      others.map((account) => account.population),
      ['Customer', 'Prospect', 'Open Opportunity', 'Customer'],
    );
    const openDeal = partnerAccountsFromRows(
      ['Nein', 'No open deal', 'None', 'Non-profit renewal', 'Nonstop expansion'].map((cell) => ({
        Company: 'Acme',
        Status: 'Prospect',
        'Open deal': cell,
      })),
      'partner.csv',
    );
    assert.deepEqual(
      openDeal.map((account) => account.population),
      ['Prospect', 'Prospect', 'Prospect', 'Open Opportunity', 'Open Opportunity'],
    );
  });

  it('names the file and row of bad input', () => {
    assert.throws(
      () => partnerAccountsFromRows([{ Foo: 'x' }], 'bad.csv'),
      (error: Error) => error instanceof PartnerListError && /bad\.csv: no company name or domain column/.test(error.message),
    );
    assert.throws(() => partnerAccountsFromRows([{ Name: 'A' }, { Name: ' ' }], 'p.csv'), /p\.csv row 2/);
  });
});

describe('overlaps', () => {
  const rows = [
    { 'Record ID': 'cb-1', 'Record Name': 'Globex Corp', Domain: 'globex.com', Population: 'Customers' },
    { 'Record ID': 'cb-2', 'Record Name': 'Initech', Domain: 'initech.io', Population: 'Prospects' },
    { 'Record ID': 'cb-3', 'Record Name': 'Hooli', Domain: 'hooli.xyz', Population: 'Opportunities' },
    { 'Record ID': 'cb-4', 'Record Name': 'Vandelay Industries', Domain: 'vandelay.example', Population: 'Customers' },
  ];

  it('finds overlaps with populations on both sides', async () => {
    const c = ourAccounts();
    const { overlaps, counts } = await computeOverlaps({
      partner: northwind,
      accounts: partnerAccountsFromRows(rows, 'cb.csv'),
      index: c.index,
      populationOf: (id) => c.populationOf(id),
    });
    assert.equal(overlaps.length, 3);
    const byRecord = new Map(overlaps.map((o) => [o.partnerRecordId, o]));
    assert.equal(byRecord.get('cb-1')?.ourPopulation, 'Prospect');
    assert.equal(byRecord.get('cb-1')?.partnerPopulation, 'Customer');
    assert.equal(byRecord.get('cb-2')?.ourPopulation, 'Customer');
    assert.equal(byRecord.get('cb-3')?.ourPopulation, 'Open Opportunity');
    assert.equal(byRecord.get('cb-1')?.method, 'Domain');
    assert.equal(byRecord.get('cb-1')?.key, 'northwind:cb-1');
    assert.equal(counts['Customer × Prospect'], 1);
  });

  it('respects the partner data-sharing level and writes Account_Overlap__c rows', async () => {
    const c = ourAccounts();
    for (const [level, visible] of [
      ['Full', true],
      ['Overlap Only', true],
      ['Counts Only', false],
      ['None', false],
    ] as const) {
      const { overlaps } = await computeOverlaps({
        partner: { ...northwind, dataSharingLevel: level },
        accounts: partnerAccountsFromRows(rows, 'cb.csv'),
        index: c.index,
        populationOf: (id) => c.populationOf(id),
      });
      assert.ok(
        overlaps.every((o) => o.visibleToPartner === visible),
        level,
      );
      const records = overlapRecords(overlaps, northwind.id, '2026-11-24T10:00:00.000Z');
      assert.ok(records.every((r) => r.Visible_To_Partner__c === visible && r.Active__c === true && r.Channel_Partner__c === northwind.id));
      assert.ok(records.every((r) => ['Domain', 'Email Domain', 'Name and Location', 'Name'].includes(r.Match_Method__c as string)));
    }
  });
});
