/**
 * A small, realistic org for the sidecar's integration tests, created over the API: three
 * partners, a dozen accounts, opportunities (open and won), leads, activities, and referrals
 * that include a same-partner duplicate, a partner-vs-partner conflict, a partner-vs-direct
 * case, a submission missing context and an approved registration with touches (attribution).
 * Small on purpose: the kill-at-every-call test replays a full cycle once per API call.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { OrgClient } from '../../src/org/org-client.ts';
import type { OrgRecord } from '../../src/sync/record-values.ts';

const DAY = 86_400_000;
/** One base time per test process, so orgs seeded in the same test hold identical data. */
const BASE_TIME = Math.floor(Date.now() / DAY) * DAY;
const iso = (msAgo: number) => new Date(BASE_TIME - msAgo).toISOString();
const day = (msAgo: number) => iso(msAgo).slice(0, 10);

async function create(client: OrgClient, objectName: string, records: OrgRecord[]): Promise<string[]> {
  const response = await client.request<{ id?: string; success: boolean; errors?: { message: string; fields?: string[] }[] }[]>(
    {
      method: 'POST',
      url: '/composite/sobjects',
      body: JSON.stringify({ allOrNone: true, records: records.map((record) => ({ attributes: { type: objectName }, ...record })) }),
    },
    { idempotent: false },
  );
  return response.body.map((result, index) => {
    if (!result.success || !result.id) throw new Error(`seeding ${objectName} #${index}: ${JSON.stringify(result.errors)}`);
    return result.id;
  });
}

export interface SmallOrg {
  partners: Record<'acme' | 'bright' | 'crest', string>;
  accounts: Record<string, string>;
  referrals: Record<string, string>;
}

export async function seedSmallOrg(client: OrgClient): Promise<SmallOrg> {
  const [acme, bright, crest] = (await create(client, 'Channel_Partner__c', [
    {
      Name: 'Acme Partners',
      Partner_Key__c: 'ACME',
      Tier__c: 'Gold',
      Status__c: 'Active',
      Partner_Type__c: 'Referral',
      Data_Sharing_Level__c: 'Full',
      Primary_Contact_Email__c: 'alliances@acmepartners.com',
    },
    {
      Name: 'Bright Channel',
      Partner_Key__c: 'BRIGHT',
      Tier__c: 'Silver',
      Status__c: 'Active',
      Partner_Type__c: 'Reseller',
      Data_Sharing_Level__c: 'Overlap Only',
      Primary_Contact_Email__c: 'team@brightchannel.io',
    },
    {
      Name: 'Crest Advisory',
      Partner_Key__c: 'CREST',
      Tier__c: 'Platinum',
      Status__c: 'Active',
      Partner_Type__c: 'Services',
      Strategic__c: true,
      Data_Sharing_Level__c: 'Counts Only',
    },
  ])) as [string, string, string];
  const accountRows = [
    ['Globex Corporation', 'https://www.globex.com', 'Customer - Direct', 'Chicago', 'United States'],
    ['Initech LLC', 'initech.com', 'Prospect', 'Austin', 'United States'],
    ['Hooli Inc.', 'hooli.com', 'Prospect', 'Palo Alto', 'United States'],
    ['Soylent GmbH', 'soylent.de', 'Prospect', 'Berlin', 'Germany'],
    ['Wayne Enterprises', 'wayne-enterprises.com', 'Customer - Channel', 'Gotham', 'United States'],
    ['Stark Industries', 'starkindustries.com', 'Prospect', 'New York', 'United States'],
    ['Wonka Industries Ltd', 'wonka.co.uk', 'Prospect', 'London', 'United Kingdom'],
    ['Tyrell Corporation', 'tyrell.com', 'Prospect', 'Los Angeles', 'United States'],
  ] as const;
  const accountIds = await create(
    client,
    'Account',
    accountRows.map(([Name, Website, Type, BillingCity, BillingCountry]) => ({
      Name,
      Website,
      Type,
      BillingCity,
      BillingCountry,
      ...(Name === 'Tyrell Corporation' ? { Strategic_Account__c: true } : {}),
    })),
  );
  const accounts = Object.fromEntries(accountRows.map(([name], index) => [name, accountIds[index]!]));
  const [globexWon] = await create(client, 'Opportunity', [
    {
      Name: 'Globex platform renewal',
      AccountId: accounts['Globex Corporation'],
      StageName: 'Closed Won',
      CloseDate: day(10 * DAY),
      Amount: 120000,
    },
    { Name: 'Initech expansion', AccountId: accounts['Initech LLC'], StageName: 'Prospecting', CloseDate: day(-30 * DAY), Amount: 45000 },
    {
      Name: 'Wayne security suite',
      AccountId: accounts['Wayne Enterprises'],
      StageName: 'Negotiation/Review',
      CloseDate: day(-15 * DAY),
      Amount: 80000,
    },
  ]);
  await create(client, 'Lead', [
    {
      FirstName: 'Dana',
      LastName: 'Scully',
      Company: 'Hooli',
      Email: 'dana.scully@hooli.com',
      Status: 'Working - Contacted',
      LeadSource: 'Web',
    },
    {
      FirstName: 'Ben',
      LastName: 'Wyatt',
      Company: 'Pawnee Parks',
      Email: 'ben@pawneeparks.org',
      Status: 'Open - Not Contacted',
      LeadSource: 'Event',
    },
  ]);
  await create(client, 'Task', [
    { Subject: 'Discovery call', WhatId: accounts['Hooli Inc.'], ActivityDate: day(5 * DAY), Status: 'Completed' },
  ]);
  const full = (company: string, website: string, email: string) => ({
    Company_Name__c: company,
    Company_Website__c: website,
    Contact_First_Name__c: 'Alex',
    Contact_Last_Name__c: 'Morgan',
    Contact_Email__c: email,
    Use_Case__c: 'Wants to route partner leads automatically and stop double work.',
    How_Met__c: 'Met at a partner roundtable and ran a discovery call together.',
    Partner_Source__c: 'Partner Outbound',
    Consent_Confirmed__c: true,
    Country__c: 'United States',
    Intake_Channel__c: 'Intake Form',
  });
  const referralRows: [string, OrgRecord][] = [
    [
      'umbrella-acme',
      {
        ...full('Umbrella Corporation', 'umbrella.com', 'alex.morgan@umbrella.com'),
        Channel_Partner__c: acme,
        Status__c: 'Submitted',
        Submitted_At__c: iso(10 * DAY),
        Referral_Key__c: 'T-UMB-ACME',
      },
    ],
    [
      'umbrella-acme-again',
      {
        ...full('Umbrella Corp.', 'https://umbrella.com', 'alex.morgan@umbrella.com'),
        Channel_Partner__c: acme,
        Status__c: 'Submitted',
        Submitted_At__c: iso(3 * DAY),
        Referral_Key__c: 'T-UMB-ACME-2',
      },
    ],
    [
      'umbrella-bright',
      {
        ...full('Umbrella Corp', 'www.umbrella.com', 'j.wesker@umbrella.com'),
        Channel_Partner__c: bright,
        Status__c: 'Submitted',
        Submitted_At__c: iso(5 * DAY),
        Referral_Key__c: 'T-UMB-BRIGHT',
      },
    ],
    [
      'initech-acme',
      {
        ...full('Initech', 'initech.com', 'peter@initech.com'),
        Channel_Partner__c: acme,
        Status__c: 'Submitted',
        Submitted_At__c: iso(2 * DAY),
        Referral_Key__c: 'T-INI-ACME',
      },
    ],
    [
      'stark-bright',
      {
        Company_Name__c: 'Stark Industries',
        Contact_First_Name__c: 'Pepper',
        Contact_Last_Name__c: 'Potts',
        Contact_Email__c: 'pepper@starkindustries.com',
        Channel_Partner__c: bright,
        Status__c: 'Submitted',
        Submitted_At__c: iso(1 * DAY),
        Referral_Key__c: 'T-STARK-BRIGHT',
        Intake_Channel__c: 'API',
      },
    ],
    [
      'tyrell-crest',
      {
        ...full('Tyrell Corp', 'tyrell.com', 'eldon@tyrell.com'),
        Channel_Partner__c: crest,
        Status__c: 'Submitted',
        Submitted_At__c: iso(1 * DAY),
        Referral_Key__c: 'T-TYR-CREST',
      },
    ],
    [
      'globex-acme-approved',
      {
        ...full('Globex', 'globex.com', 'hank@globex.com'),
        Channel_Partner__c: acme,
        Status__c: 'Approved',
        Submitted_At__c: iso(80 * DAY),
        Decided_At__c: iso(78 * DAY),
        Protection_Start__c: day(78 * DAY),
        Protection_End__c: day(-12 * DAY),
        Converted_Opportunity__c: globexWon,
        Referral_Key__c: 'T-GLOBEX-ACME',
      },
    ],
  ];
  const referralIds = await create(
    client,
    'Partner_Referral__c',
    referralRows.map(([, record]) => record),
  );
  const referrals = Object.fromEntries(referralRows.map(([name], index) => [name, referralIds[index]!]));
  await create(client, 'Partner_Touch__c', [
    {
      Channel_Partner__c: bright,
      Opportunity__c: globexWon,
      Touch_Type__c: 'Technical Assist',
      Touched_At__c: iso(30 * DAY),
      Source__c: 'Manual',
      Touch_Key__c: 'T-TOUCH-1',
    },
    {
      Channel_Partner__c: acme,
      Opportunity__c: globexWon,
      Touch_Type__c: 'Co-Sell Meeting',
      Touched_At__c: iso(20 * DAY),
      Source__c: 'Manual',
      Touch_Key__c: 'T-TOUCH-2',
    },
  ]);
  return { partners: { acme, bright, crest }, accounts, referrals };
}

/** A partner account list as Crossbeam exports it, for the overlap refresh. */
export function writePartnerLists(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'ACME.csv');
  fs.writeFileSync(
    file,
    [
      'Record ID,Record Name,Domain,Population',
      'p-1,Globex Corp,globex.com,Customers',
      'p-2,Initech,initech.com,Opportunities',
      'p-3,Wonka Industries,wonka.co.uk,Prospects',
      'p-4,Nobody Special,nobody-special.example,Prospects',
    ].join('\n'),
  );
  const fixed = new Date('2026-11-01T00:00:00Z');
  fs.utimesSync(file, fixed, fixed);
  return dir;
}
