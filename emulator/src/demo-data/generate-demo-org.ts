/**
 * A seeded, deterministic, believable org for the demo and benchmarks: partners across tiers
 * and regions with their managers, accounts (customers and prospects) with contacts,
 * opportunities, tasks and events by direct owners, leads, partner touches on opportunities,
 * and partner referrals covering the cases the product must handle — exact and near
 * duplicates, partner-vs-partner and partner-vs-direct collisions, existing customers,
 * incomplete submissions. No product result (recommendation, conflict, attribution, match) is
 * written: the sidecar computes those. Records stream in batches, so a million accounts fit.
 */
import { loadCustomMetadataRecords } from '@partner-lead-sync/model';
import type { ObjectSchema } from '@partner-lead-sync/model';
import type { MonotonicClock } from '../clock.ts';
import type { OrgData } from '../data/org-data.ts';
import { makeRecordId } from '../ids.ts';
import { formatAutoNumber } from '../schema/org-schema.ts';
import type { FieldValue } from '../storage/record-store.ts';
import { demoSizes } from './demo-sizes.ts';
import type { DemoScale, DemoSizes } from './demo-sizes.ts';
import {
  REGIONS,
  companyIdentity,
  companyNameVariant,
  emailAddress,
  emailDomainVariant,
  personIdentity,
  websiteVariant,
} from './identities.ts';
import type { CompanyIdentity } from './identities.ts';
import { partnerKey } from './partner-account-lists.ts';
import { SeededRandom } from './random.ts';
import {
  PARTNER_WORDS,
  PARTNER_STARTS,
  PARTNER_TYPES,
  VERTICALS,
  PRODUCTS,
  OPEN_STAGES,
  STAGE_PROBABILITY,
  USE_CASES,
  HOW_MET,
  COMPETITORS,
  SCENARIOS,
} from './vocabulary.ts';
import type { Tier } from './vocabulary.ts';

export type { DemoScale } from './demo-sizes.ts';

export interface DemoOrgOptions {
  seed: number;
  scale: DemoScale;
  /** Owner of records without a generated owner (the integration user). */
  ownerId: string;
  /** The day the data is relative to (default: today). Dates are whole days before it. */
  now?: number;
  forceAppDir?: string;
}

export interface DemoOrgSummary {
  counts: Record<string, number>;
}

const DAY = 86_400_000;
const BATCH = 5_000;
interface AccountFacts {
  type: string;
  recentActivity: boolean;
  hasOpenOpportunity: boolean;
  strategic: boolean;
}

/** Generates the org into the store; returns how many records of each object were written. */
export function generateDemoOrg(data: OrgData, clock: MonotonicClock, options: DemoOrgOptions): DemoOrgSummary {
  const generator = new DemoOrgGenerator(data, clock, options);
  return generator.run();
}

class DemoOrgGenerator {
  private readonly data: OrgData;
  private readonly clock: MonotonicClock;
  private readonly seed: number;
  private readonly sizes: DemoSizes;
  private readonly today: number;
  private readonly ownerId: string;
  private readonly forceAppDir: string | undefined;
  private readonly counts: Record<string, number> = {};
  private readonly ids = new Map<string, { prefix: string; first: number }>();
  private readonly freeIds = new Map<string, { next: number; end: number }>();
  private transaction: { commit(): void; rollback(): void } | undefined;
  private pending = 0;
  private latestStamp = 0;
  /** Registered deals created so far (approved registrations converted to opportunities). */
  private registeredDeals = 0;
  private readonly stampCeiling = Date.now();
  private repIds: string[] = [];
  private managerIds: string[] = [];
  private protectionDays = new Map<string, number>();

  constructor(data: OrgData, clock: MonotonicClock, options: DemoOrgOptions) {
    this.data = data;
    this.clock = clock;
    this.seed = options.seed;
    this.sizes = demoSizes(options.scale);
    this.today = Math.floor((options.now ?? Date.now()) / DAY) * DAY;
    this.ownerId = options.ownerId;
    this.forceAppDir = options.forceAppDir;
  }

  run(): DemoOrgSummary {
    this.loadTierProtection();
    this.reserve('User', this.sizes.salesReps + this.sizes.partnerManagers);
    this.reserve('PartnerAccount', this.sizes.partners, 'Account');
    this.reserve('Channel_Partner__c', this.sizes.partners);
    this.reserve('Account', this.sizes.accounts);
    this.reserve('Contact', this.sizes.accounts * 4);
    this.reserve('Opportunity', this.sizes.accounts * 3);
    this.reserve('Lead', this.sizes.leads);
    this.reserve('Partner_Referral__c', this.sizes.referrals * 2);
    this.transaction = this.data.store.begin();
    try {
      this.generateUsers();
      this.generatePartners();
      for (let i = 0; i < this.sizes.accounts; i++) this.generateAccount(i);
      for (let j = 0; j < this.sizes.leads; j++) this.generateLead(j);
      this.generateReferrals();
      this.transaction.commit();
    } catch (error) {
      this.transaction.rollback();
      throw error;
    }
    // Later API writes must be stamped after every seeded record.
    this.clock.advancePast(this.latestStamp);
    return { counts: this.counts };
  }

  // --- ids and writing ---------------------------------------------------------------------

  private reserve(kind: string, count: number, objectName = kind): void {
    const object = this.object(objectName);
    this.ids.set(kind, { prefix: object.keyPrefix, first: this.data.store.reserveCounter('record-id', count) });
  }

  /** An id for a record no other record refers to by index (tasks, events, touches): taken from blocks. */
  private nextFreeId(object: ObjectSchema): string {
    let block = this.freeIds.get(object.name);
    if (!block || block.next >= block.end) {
      const first = this.data.store.reserveCounter('record-id', 10_000);
      block = { next: first, end: first + 10_000 };
      this.freeIds.set(object.name, block);
    }
    return makeRecordId(object.keyPrefix, block.next++);
  }

  private idOf(kind: string, index: number): string {
    const block = this.ids.get(kind)!;
    return makeRecordId(block.prefix, block.first + index);
  }

  private object(name: string): ObjectSchema {
    const object = this.data.schema.object(name);
    if (!object) throw new Error(`demo data: object ${name} is not in the schema`);
    return object;
  }

  private put(objectName: string, values: Record<string, FieldValue | undefined>, createdAt: number, modifiedAt = createdAt): string {
    // Seeded records are history: nothing is stamped after the generation started.
    const createdMs = Math.min(createdAt, this.stampCeiling - 1000);
    const modifiedMs = Math.min(modifiedAt, this.stampCeiling - 1000);
    const object = this.object(objectName);
    const record: Record<string, FieldValue> = {};
    for (const [name, value] of Object.entries(values)) if (value !== undefined) record[name] = value;
    if (record.Id === undefined) record.Id = this.nextFreeId(object);
    const createdBy = (record.OwnerId as string | undefined) ?? this.ownerId;
    const created = new Date(createdMs).toISOString();
    const modified = new Date(Math.max(createdMs, modifiedMs)).toISOString();
    Object.assign(record, {
      IsDeleted: false,
      CreatedDate: created,
      CreatedById: createdBy,
      LastModifiedDate: modified,
      LastModifiedById: createdBy,
      SystemModstamp: modified,
    });
    if (object.fields.OwnerId && record.OwnerId === undefined) record.OwnerId = this.ownerId;
    if (objectName === 'Contact' || objectName === 'Lead' || objectName === 'User') {
      record.Name = [record.FirstName, record.LastName].filter((p) => typeof p === 'string' && p !== '').join(' ');
    }
    if (objectName === 'Opportunity') {
      record.IsClosed = record.StageName === 'Closed Won' || record.StageName === 'Closed Lost';
      record.IsWon = record.StageName === 'Closed Won';
    }
    if (objectName === 'Task') record.IsClosed = record.Status === 'Completed';
    const format = this.data.schema.autoNumberFormat(object.name);
    if (format) record.Name = formatAutoNumber(format, this.data.store.nextCounter(`autonumber:${object.name}`));
    const stamp = Math.max(createdMs, modifiedMs);
    this.latestStamp = Math.max(this.latestStamp, stamp);
    const stored = this.data.seed(object, record, stamp);
    this.counts[object.name] = (this.counts[object.name] ?? 0) + 1;
    if (++this.pending >= BATCH) {
      this.transaction!.commit();
      this.transaction = this.data.store.begin();
      this.pending = 0;
    }
    return stored.id;
  }

  private daysAgo(days: number, random: SeededRandom): number {
    return Math.min(this.stampCeiling - 1000, this.today - days * DAY + random.int(8, 18) * 3_600_000 + random.int(0, 3_599_999));
  }

  private date(ms: number): string {
    return new Date(ms).toISOString().slice(0, 10);
  }

  private loadTierProtection(): void {
    const records = this.forceAppDir ? loadCustomMetadataRecords(this.forceAppDir) : [];
    for (const record of records) {
      if (record.type === 'Partner_Tier_Setting__mdt' && typeof record.values.Protection_Days__c === 'number') {
        this.protectionDays.set(String(record.values.Tier__c ?? record.developerName), record.values.Protection_Days__c);
      }
    }
  }

  // --- people and partners -----------------------------------------------------------------

  private generateUsers(): void {
    const total = this.sizes.salesReps + this.sizes.partnerManagers;
    for (let u = 0; u < total; u++) {
      const random = SeededRandom.forIndex(this.seed, 'user', u);
      const person = personIdentity(random);
      const isManager = u >= this.sizes.salesReps;
      const id = this.idOf('User', u);
      const local = `${person.firstName}.${person.lastName}${u}`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z0-9.]/g, '');
      this.put(
        'User',
        {
          Id: id,
          Username: `${local}@northbeam.example`,
          FirstName: person.firstName,
          LastName: person.lastName,
          Email: `${local}@northbeam.example`,
          Alias: local.slice(0, 8),
          Title: isManager ? 'Partner Manager' : random.pick(['Account Executive', 'Senior Account Executive', 'Sales Development Rep']),
          IsActive: true,
          TimeZoneSidKey: 'GMT',
          UserType: 'Standard',
        },
        this.daysAgo(random.int(400, 1200), random),
      );
      (isManager ? this.managerIds : this.repIds).push(id);
    }
  }

  private tierOf(p: number): Tier {
    const share = p / this.sizes.partners;
    return share < 0.1 ? 'Platinum' : share < 0.35 ? 'Gold' : share < 0.7 ? 'Silver' : 'Registered';
  }

  private partnerName(p: number): string {
    return `${PARTNER_STARTS[p % PARTNER_STARTS.length]} ${PARTNER_WORDS[Math.floor(p / PARTNER_STARTS.length + p) % PARTNER_WORDS.length]}`;
  }

  private partnerDomain(p: number): string {
    return `${this.partnerName(p)
      .toLowerCase()
      .replace(/[^a-z]/g, '')}.example`;
  }

  private generatePartners(): void {
    for (let p = 0; p < this.sizes.partners; p++) {
      const random = SeededRandom.forIndex(this.seed, 'partner', p);
      const name = this.partnerName(p);
      const domain = this.partnerDomain(p);
      const region = REGIONS[p % REGIONS.length]!;
      const created = this.daysAgo(random.int(200, 1500), random);
      const accountId = this.put(
        'Account',
        {
          Id: this.idOf('PartnerAccount', p),
          Name: name,
          Website: `https://www.${domain}`,
          Type: random.pick(['Channel Partner / Reseller', 'Installation Partner', 'Technology Partner']),
          Industry: 'Technology',
          BillingCountry:
            region === 'EMEA'
              ? 'United Kingdom'
              : region === 'APAC'
                ? 'Australia'
                : region === 'Latin America'
                  ? 'Brazil'
                  : 'United States',
          OwnerId: this.managerIds[p % this.managerIds.length],
        },
        created,
      );
      const contact = personIdentity(random);
      const tier = this.tierOf(p);
      const status = p === 7 ? 'Suspended' : p === 11 ? 'Onboarding' : p === this.sizes.partners - 1 ? 'Inactive' : 'Active';
      this.put(
        'Channel_Partner__c',
        {
          Id: this.idOf('Channel_Partner__c', p),
          Name: name,
          Partner_Key__c: partnerKey(p),
          Partner_Account__c: accountId,
          Partner_Manager__c: this.managerIds[p % this.managerIds.length],
          OwnerId: this.managerIds[p % this.managerIds.length],
          Tier__c: tier,
          Partner_Type__c: tier === 'Platinum' ? random.pick(['Reseller', 'Services', 'MSP']) : random.pick(PARTNER_TYPES),
          Status__c: status,
          Strategic__c: tier === 'Platinum' || p === 5,
          Regions__c: [
            region,
            ...random.some(
              REGIONS.filter((r) => r !== region),
              0,
              1,
            ),
          ].join(';'),
          Verticals__c: random.some(VERTICALS, 1, 3).join(';'),
          Products__c: random.some(PRODUCTS, 1, 3).join(';'),
          Capacity__c: random.int(5, 40),
          Open_Assignments__c: 0,
          Commission_Rate__c: tier === 'Platinum' ? 20 : tier === 'Gold' ? 15 : tier === 'Silver' ? 10 : 5,
          Data_Sharing_Level__c: random.weighted([
            ['Full', 3],
            ['Overlap Only', 5],
            ['Counts Only', 1],
            ['None', 1],
          ] as const),
          Allowed_Email_Domains__c: random.chance(0.2) ? `${domain}\n${domain.replace('.example', '-group.example')}` : domain,
          Primary_Contact_Name__c: `${contact.firstName} ${contact.lastName}`,
          Primary_Contact_Email__c: emailAddress(contact, domain, random),
          Primary_Contact_Phone__c: `+1 (555) ${random.int(200, 999)}-${String(random.int(0, 9999)).padStart(4, '0')}`,
        },
        created,
      );
    }
  }

  // --- accounts and what hangs off them ------------------------------------------------------

  /** Facts about the i-th account, derivable without reading it back (referrals use them). */
  private accountFacts(i: number): AccountFacts {
    const random = SeededRandom.forIndex(this.seed, 'account-facts', i);
    const type = random.weighted([
      ['Prospect', 62],
      ['Customer - Direct', 22],
      ['Customer - Channel', 10],
      ['Other', 6],
    ] as const);
    return {
      type,
      recentActivity: random.chance(0.22),
      hasOpenOpportunity: random.chance(type === 'Prospect' ? 0.3 : 0.2),
      strategic: random.chance(0.03),
    };
  }

  private generateAccount(i: number): void {
    const company = companyIdentity(this.seed, i);
    const facts = this.accountFacts(i);
    const random = SeededRandom.forIndex(this.seed, 'account', i);
    const ownerId = random.pick(this.repIds);
    const created = this.daysAgo(random.int(60, 1100), random);
    const accountId = this.idOf('Account', i);
    const isCustomer = facts.type.startsWith('Customer');

    const contactIds: string[] = [];
    const contactCount = isCustomer ? random.int(1, 4) : random.int(0, 2);
    for (let c = 0; c < contactCount; c++) {
      const person = personIdentity(random);
      const contactId = this.idOf('Contact', i * 4 + c);
      this.put(
        'Contact',
        {
          Id: contactId,
          FirstName: person.firstName,
          LastName: person.lastName,
          Title: person.title,
          Email: emailAddress(person, random.chance(0.9) ? company.domain : emailDomainVariant(company, random), random),
          Phone: company.phone,
          AccountId: accountId,
          MailingCity: company.city,
          MailingCountry: company.country,
          OwnerId: ownerId,
        },
        created + random.int(0, 30) * DAY,
      );
      contactIds.push(contactId);
    }

    let lastActivity: number | undefined;
    const activityCount = facts.recentActivity ? random.int(1, 3) : random.chance(0.4) ? random.int(1, 2) : 0;
    for (let t = 0; t < activityCount; t++) {
      const daysAgo = facts.recentActivity && t === 0 ? random.int(1, 55) : random.int(61, 400);
      const when = this.daysAgo(daysAgo, random);
      lastActivity = Math.max(lastActivity ?? 0, when);
      const whoId = contactIds.length > 0 ? random.pick(contactIds) : undefined;
      if (random.chance(0.75)) {
        this.put(
          'Task',
          {
            Subject: random.pick(['Discovery call', 'Follow-up email', 'Pricing discussion', 'Check-in call', 'Sent proposal']),
            WhatId: accountId,
            WhoId: whoId,
            ActivityDate: this.date(when),
            Status: 'Completed',
            Priority: 'Normal',
            Type: random.pick(['Call', 'Email', 'Meeting']),
            TaskSubtype: 'Task',
            OwnerId: ownerId,
          },
          when,
        );
      } else {
        this.put(
          'Event',
          {
            Subject: random.pick(['On-site workshop', 'Executive briefing', 'Demo']),
            WhatId: accountId,
            WhoId: whoId,
            StartDateTime: new Date(when).toISOString(),
            EndDateTime: new Date(when + 3_600_000).toISOString(),
            ActivityDateTime: new Date(when).toISOString(),
            DurationInMinutes: 60,
            Type: 'Meeting',
            OwnerId: ownerId,
          },
          when,
        );
      }
    }

    let opportunityIndex = 0;
    const addOpportunity = (stage: string, closeDaysFromToday: number) => {
      const oppId = this.idOf('Opportunity', i * 3 + opportunityIndex++);
      const opened = Math.min(this.today - DAY, this.daysAgo(Math.max(1, -closeDaysFromToday + random.int(20, 120)), random));
      const reseller =
        facts.type === 'Customer - Channel' && stage === 'Closed Won'
          ? this.idOf('Channel_Partner__c', random.int(0, this.sizes.partners - 1))
          : undefined;
      this.put(
        'Opportunity',
        {
          Id: oppId,
          Name: `${company.baseName} - ${random.pick(['Platform', 'Analytics', 'Expansion', 'Renewal', 'Security add-on'])}`,
          AccountId: accountId,
          StageName: stage,
          Probability: STAGE_PROBABILITY[stage] ?? 10,
          Amount: random.int(5, 400) * 1000,
          CloseDate: this.date(this.today + closeDaysFromToday * DAY),
          Type: isCustomer ? 'Existing Business' : 'New Business',
          LeadSource: random.pick(['Web', 'Phone Inquiry', 'Partner Referral', 'Event', 'Other']),
          Reseller_Partner__c: reseller,
          OwnerId: ownerId,
        },
        opened,
        Math.min(this.today - DAY, stage.startsWith('Closed') ? this.today + closeDaysFromToday * DAY : opened + random.int(0, 20) * DAY),
      );
      // Partners' documented help on some deals: the evidence attribution later works from.
      if (random.chance(0.18)) {
        const partner = random.int(0, this.sizes.partners - 1);
        for (let k = 0; k < random.int(1, 2); k++) {
          const touched = Math.min(this.today - DAY, opened + random.int(1, 40) * DAY);
          this.put(
            'Partner_Touch__c',
            {
              Touch_Key__c: `demo-touch-${oppId}-${k}`,
              Channel_Partner__c: this.idOf('Channel_Partner__c', partner),
              Opportunity__c: oppId,
              Account__c: accountId,
              Touch_Type__c: random.pick(['Introduction', 'Co-Sell Meeting', 'Technical Assist']),
              Touched_At__c: new Date(touched).toISOString(),
              Source__c: 'Manual',
              Logged_By__c: this.managerIds[partner % this.managerIds.length],
              Evidence__c: random.pick([
                'Joint call notes in shared drive.',
                'Partner ran the technical workshop.',
                'Introduction email forwarded by the partner.',
              ]),
            },
            touched,
          );
        }
      }
      // Some deals began as a partner's registration, approved and converted to this opportunity:
      // the history sourced attribution reads. Its own random stream keeps the draws above unchanged.
      const registration = SeededRandom.forIndex(this.seed, 'registered-deal', i * 3 + opportunityIndex);
      if (this.registeredDeals < this.sizes.referrals && registration.chance(0.1)) {
        const openedDaysAgo = Math.round((this.today - opened) / DAY);
        this.referral(this.sizes.referrals + this.registeredDeals++, registration, this.activePartner(registration), company, {
          submittedDaysAgo: openedDaysAgo + registration.int(5, 25),
          approved: true,
          convertedTo: { opportunityId: oppId, at: opened },
        });
      }
    };
    if (isCustomer) addOpportunity('Closed Won', -random.int(60, 700));
    if (facts.hasOpenOpportunity) addOpportunity(random.pick(OPEN_STAGES), random.int(10, 150));
    if (random.chance(0.12)) addOpportunity('Closed Lost', -random.int(30, 500));

    this.put(
      'Account',
      {
        Id: accountId,
        Name: company.name,
        Website: company.website,
        Phone: company.phone,
        BillingStreet: company.street,
        BillingCity: company.city,
        BillingState: company.state,
        BillingPostalCode: company.postalCode,
        BillingCountry: company.country,
        Type: facts.type,
        Industry: company.industry,
        NumberOfEmployees: company.employees,
        AnnualRevenue: company.employees * random.int(80, 300) * 1000,
        AccountSource: random.pick(['Web', 'Phone Inquiry', 'Partner Referral', 'Event', 'Purchased List']),
        Strategic_Account__c: facts.strategic,
        Partner_Registration_Blocked__c: random.chance(0.01),
        LastActivityDate: lastActivity === undefined ? null : this.date(lastActivity),
        OwnerId: ownerId,
      },
      created,
      lastActivity ?? created,
    );
  }

  private generateLead(j: number): void {
    const random = SeededRandom.forIndex(this.seed, 'lead', j);
    // One lead in ten is a company we already have as an account, written another way.
    const existing = random.chance(0.1);
    const company = existing
      ? companyIdentity(this.seed, random.int(0, this.sizes.accounts - 1))
      : companyIdentity(this.seed, this.sizes.accounts + j);
    const person = personIdentity(random);
    const created = this.daysAgo(random.int(1, 300), random);
    this.put(
      'Lead',
      {
        Id: this.idOf('Lead', j),
        FirstName: person.firstName,
        LastName: person.lastName,
        Title: person.title,
        Company: existing ? companyNameVariant(company, random) : company.name,
        Email: emailAddress(person, company.domain, random),
        Phone: company.phone,
        Website: random.chance(0.6) ? company.website : null,
        Street: company.street,
        City: company.city,
        State: company.state,
        PostalCode: company.postalCode,
        Country: company.country,
        Industry: company.industry,
        Status: random.weighted([
          ['Open - Not Contacted', 45],
          ['Working - Contacted', 35],
          ['Closed - Not Converted', 20],
        ] as const),
        LeadSource: random.pick(['Web', 'Phone Inquiry', 'Purchased List', 'Event', 'Other']),
        OwnerId: random.pick(this.repIds),
        // A few new vendor leads a channel manager has marked for partners (drawn last, so the
        // draws above are the same as without it).
        Partner_Distribution_Model__c:
          !existing && random.chance(0.04)
            ? random.weighted([
                ['Round Robin', 60],
                ['Shark Tank', 40],
              ] as const)
            : null,
      },
      created,
      created + random.int(0, 10) * DAY,
    );
  }

  // --- referrals -----------------------------------------------------------------------------

  /** An account index whose facts fit a predicate (searched deterministically from a start). */
  private findAccount(random: SeededRandom, fits: (facts: AccountFacts) => boolean): number {
    const start = random.int(0, this.sizes.accounts - 1);
    for (let step = 0; step < this.sizes.accounts; step++) {
      const index = (start + step) % this.sizes.accounts;
      if (fits(this.accountFacts(index))) return index;
    }
    return start;
  }

  private activePartner(random: SeededRandom, except?: number): number {
    for (;;) {
      const p = random.int(0, this.sizes.partners - 1);
      if (p !== except && p !== 7 && p !== this.sizes.partners - 1) return p;
    }
  }

  private generateReferrals(): void {
    let slot = 0;
    for (let k = 0; slot < this.sizes.referrals; k++) {
      const random = SeededRandom.forIndex(this.seed, 'referral', k);
      const scenario = random.weighted(SCENARIOS);
      const partner = this.activePartner(random);
      const submittedDaysAgo = random.int(0, 20);
      switch (scenario) {
        case 'new':
          this.referral(slot++, random, partner, companyIdentity(this.seed, this.sizes.accounts + this.sizes.leads + k), {
            submittedDaysAgo,
          });
          break;
        case 'existingCustomer': {
          const company = companyIdentity(
            this.seed,
            this.findAccount(random, (f) => f.type.startsWith('Customer')),
          );
          this.referral(slot++, random, partner, company, { submittedDaysAgo, nameVariant: random.chance(0.5) });
          break;
        }
        case 'directActivity': {
          const company = companyIdentity(
            this.seed,
            this.findAccount(random, (f) => f.recentActivity && f.type === 'Prospect'),
          );
          this.referral(slot++, random, partner, company, { submittedDaysAgo, websiteVariant: random.chance(0.5) });
          break;
        }
        case 'openOpportunity': {
          const company = companyIdentity(
            this.seed,
            this.findAccount(random, (f) => f.hasOpenOpportunity),
          );
          this.referral(slot++, random, partner, company, { submittedDaysAgo });
          break;
        }
        case 'strategicAccount': {
          const company = companyIdentity(
            this.seed,
            this.findAccount(random, (f) => f.strategic),
          );
          this.referral(slot++, random, partner, company, { submittedDaysAgo });
          break;
        }
        case 'existingLead': {
          // A lead whose company is its own (not one of the leads that echo an account).
          let leadIndex = random.int(0, this.sizes.leads - 1);
          while (SeededRandom.forIndex(this.seed, 'lead', leadIndex).chance(0.1)) leadIndex = (leadIndex + 1) % this.sizes.leads;
          this.referral(slot++, random, partner, companyIdentity(this.seed, this.sizes.accounts + leadIndex), {
            submittedDaysAgo,
            nameVariant: random.chance(0.3),
          });
          break;
        }
        case 'incomplete':
          this.referral(slot++, random, partner, companyIdentity(this.seed, this.sizes.accounts + this.sizes.leads + k), {
            submittedDaysAgo,
            incomplete: random.pick(['howMet', 'consent', 'source', 'useCase'] as const),
          });
          break;
        case 'partnerConflict': {
          // Another partner registered the same company earlier (often approved, with a protection window).
          const company = companyIdentity(this.seed, this.sizes.accounts + this.sizes.leads + k);
          const first = this.activePartner(random, partner);
          const approved = random.chance(0.6);
          this.referral(slot++, random, first, company, { submittedDaysAgo: submittedDaysAgo + random.int(3, 40), approved });
          if (slot < this.sizes.referrals)
            this.referral(slot++, random, partner, company, { submittedDaysAgo, nameVariant: true, websiteVariant: random.chance(0.5) });
          break;
        }
        case 'exactDuplicate': {
          const company = companyIdentity(this.seed, this.sizes.accounts + this.sizes.leads + k);
          const contact = personIdentity(random);
          this.referral(slot++, random, partner, company, { submittedDaysAgo: submittedDaysAgo + random.int(1, 5), contact });
          if (slot < this.sizes.referrals) this.referral(slot++, random, partner, company, { submittedDaysAgo, contact });
          break;
        }
        case 'nearDuplicate': {
          const company = companyIdentity(this.seed, this.sizes.accounts + this.sizes.leads + k);
          const samePartner = random.chance(0.5);
          this.referral(slot++, random, partner, company, { submittedDaysAgo: submittedDaysAgo + random.int(1, 10) });
          if (slot < this.sizes.referrals) {
            this.referral(slot++, random, samePartner ? partner : this.activePartner(random, partner), company, {
              submittedDaysAgo,
              nameVariant: true,
              websiteVariant: true,
              emailDomainVariant: random.chance(0.5),
            });
          }
          break;
        }
      }
    }
  }

  private referral(
    slot: number,
    random: SeededRandom,
    partner: number,
    company: CompanyIdentity,
    options: {
      submittedDaysAgo: number;
      nameVariant?: boolean;
      websiteVariant?: boolean;
      emailDomainVariant?: boolean;
      approved?: boolean;
      /** An approved registration the partner manager converted to this opportunity. */
      convertedTo?: { opportunityId: string; at: number };
      contact?: ReturnType<typeof personIdentity>;
      incomplete?: 'howMet' | 'consent' | 'source' | 'useCase';
    },
  ): void {
    const contact = options.contact ?? personIdentity(random);
    const submitted = this.daysAgo(options.submittedDaysAgo, random);
    const tier = this.tierOf(partner);
    const manager = this.managerIds[partner % this.managerIds.length]!;
    const consent = options.incomplete !== 'consent';
    const emailDomain = options.emailDomainVariant ? emailDomainVariant(company, random) : company.domain;
    const values: Record<string, FieldValue | undefined> = {
      Id: this.idOf('Partner_Referral__c', slot),
      Referral_Key__c: `demo-referral-${String(slot + 1).padStart(6, '0')}`,
      Channel_Partner__c: this.idOf('Channel_Partner__c', partner),
      Company_Name__c: options.nameVariant ? companyNameVariant(company, random) : company.name,
      Company_Website__c: options.websiteVariant ? websiteVariant(company, random) : random.chance(0.85) ? company.website : null,
      Contact_First_Name__c: contact.firstName,
      Contact_Last_Name__c: contact.lastName,
      Contact_Email__c: emailAddress(
        contact,
        emailDomain,
        SeededRandom.forIndex(this.seed, `email-${contact.firstName}-${contact.lastName}`, 0),
      ),
      Contact_Title__c: contact.title,
      Contact_Phone__c: random.chance(0.6) ? company.phone : null,
      Street__c: random.chance(0.5) ? company.street : null,
      City__c: company.city,
      Postal_Code__c: random.chance(0.5) ? company.postalCode : null,
      Country__c: company.country,
      Use_Case__c: options.incomplete === 'useCase' ? null : random.pick(USE_CASES),
      How_Met__c: options.incomplete === 'howMet' ? null : random.pick(HOW_MET),
      Partner_Source__c:
        options.incomplete === 'source'
          ? null
          : random.pick(['Partner Customer', 'Partner Event', 'Partner Outbound', 'Inbound to Partner', 'Existing Relationship']),
      Consent_Confirmed__c: consent,
      Consent_Confirmed_At__c: consent ? new Date(submitted).toISOString() : null,
      Estimated_Deal_Size__c: random.int(10, 300) * 1000,
      Product_Interest__c: random.some(PRODUCTS, 1, 2).join(';'),
      Competing_Vendors__c: random.pick(COMPETITORS) || null,
      Timeline__c: random.pick(['Immediate', 'This Quarter', 'Next Quarter', 'Six Months or More', 'Unknown']),
      Stage_Guess__c: random.pick(['New Intro', 'Discovery Scheduled', 'Evaluation']),
      Intake_Channel__c: random.weighted([
        ['Intake Form', 6],
        ['Partner Portal', 2],
        ['CSV Upload', 1],
        ['API', 1],
      ] as const),
      Referral_Type__c: random.weighted([
        ['Referral', 7],
        ['Resale', 2],
        ['Services', 1],
      ] as const),
      Submitted_At__c: new Date(submitted).toISOString(),
      Submitter_Name__c: this.partnerName(partner),
      Submitter_Email__c: `deals@${this.partnerDomain(partner)}`,
      Partner_Tier_At_Submission__c: tier,
      Partner_Owner__c: manager,
      Status__c: 'Submitted',
      Duplicate_Status__c: 'Not Checked',
      OwnerId: manager,
    };
    let modified = submitted;
    if (options.approved) {
      // A partner manager's earlier decision: history the product reads, not a result it produced.
      const decided = Math.min(this.today - DAY, submitted + random.int(1, 2) * DAY);
      const protection = this.protectionDays.get(tier) ?? 90;
      values.Status__c = 'Approved';
      values.Decided_At__c = new Date(decided).toISOString();
      values.Decided_By__c = manager;
      values.Decision_Reason__c = 'Registration approved: complete submission, no prior engagement.';
      values.Protection_Start__c = this.date(decided);
      values.Protection_End__c = this.date(decided + protection * DAY);
      if (random.chance(0.5))
        values.First_Meeting_At__c = new Date(Math.min(this.today - DAY, decided + random.int(2, 12) * DAY)).toISOString();
      modified = decided;
      if (options.convertedTo) {
        values.Status__c = 'Converted';
        values.Converted_Opportunity__c = options.convertedTo.opportunityId;
        values.Converted_At__c = new Date(Math.max(decided, options.convertedTo.at)).toISOString();
        modified = Math.max(decided, options.convertedTo.at);
      }
    }
    this.put('Partner_Referral__c', values, submitted, modified);
  }
}
