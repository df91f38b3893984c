/**
 * The standard objects the product touches, with the fields it uses and the usual system
 * fields. The package's own fields on these objects (e.g. Opportunity.Reseller_Partner__c)
 * are merged in from force-app by the reader.
 */
import type { FieldSchema, FieldType, ObjectSchema } from './schema-types.ts';

type FieldOptions = Partial<Omit<FieldSchema, 'name' | 'type'>>;

function field(name: string, type: FieldType, options: FieldOptions = {}): FieldSchema {
  return {
    name,
    label: options.label ?? name.replace(/Id$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
    type,
    required: false,
    unique: false,
    externalId: false,
    caseSensitive: false,
    systemManaged: false,
    custom: false,
    ...options,
  };
}

const text = (name: string, length: number, options: FieldOptions = {}) => field(name, 'Text', { length, ...options });
const lookup = (name: string, referenceTo: string[], relationshipName: string, options: FieldOptions = {}) =>
  field(name, 'Lookup', { referenceTo, relationshipName, ...options });
const picklist = (name: string, values: string[], options: FieldOptions = {}) =>
  field(name, 'Picklist', { picklistValues: values, restrictedPicklist: false, ...options });
const system = (f: FieldSchema): FieldSchema => ({ ...f, systemManaged: true });

/** Fields every object has: the platform stamps them on every write. */
export function systemFields(options: { owned: boolean }): FieldSchema[] {
  const fields = [
    system(field('Id', 'Id', { length: 18, label: 'Record ID' })),
    system(field('IsDeleted', 'Checkbox', { label: 'Deleted', defaultValue: false })),
    system(field('CreatedDate', 'DateTime', { label: 'Created Date' })),
    system(lookup('CreatedById', ['User'], 'CreatedBy', { label: 'Created By ID' })),
    system(field('LastModifiedDate', 'DateTime', { label: 'Last Modified Date' })),
    system(lookup('LastModifiedById', ['User'], 'LastModifiedBy', { label: 'Last Modified By ID' })),
    system(field('SystemModstamp', 'DateTime', { label: 'System Modstamp' })),
  ];
  if (options.owned) fields.push(lookup('OwnerId', ['User'], 'Owner', { label: 'Owner ID' }));
  return fields;
}

const ACCOUNT_TYPES = [
  'Prospect',
  'Customer - Direct',
  'Customer - Channel',
  'Channel Partner / Reseller',
  'Installation Partner',
  'Technology Partner',
  'Other',
];
const INDUSTRIES = [
  'Technology',
  'Financial Services',
  'Healthcare',
  'Manufacturing',
  'Retail',
  'Government',
  'Education',
  'Media',
  'Other',
];
const LEAD_STATUSES = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'];
const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Event', 'Other'];
export const OPPORTUNITY_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
];

interface StandardObjectDefinition {
  label: string;
  labelPlural: string;
  keyPrefix: string;
  owned: boolean;
  fields: FieldSchema[];
}

const definitions: Record<string, StandardObjectDefinition> = {
  Account: {
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: '001',
    owned: true,
    fields: [
      text('Name', 255, { required: true, label: 'Account Name' }),
      field('Website', 'Url', { length: 255 }),
      field('Phone', 'Phone', { length: 40 }),
      text('BillingStreet', 255, { label: 'Billing Street' }),
      text('BillingCity', 40, { label: 'Billing City' }),
      text('BillingState', 80, { label: 'Billing State/Province' }),
      text('BillingPostalCode', 20, { label: 'Billing Zip/Postal Code' }),
      text('BillingCountry', 80, { label: 'Billing Country' }),
      picklist('Type', ACCOUNT_TYPES, { label: 'Account Type' }),
      picklist('Industry', INDUSTRIES),
      picklist('AccountSource', LEAD_SOURCES, { label: 'Account Source' }),
      field('NumberOfEmployees', 'Number', { precision: 8, scale: 0, label: 'Employees' }),
      field('AnnualRevenue', 'Currency', { precision: 18, scale: 0, label: 'Annual Revenue' }),
      lookup('ParentId', ['Account'], 'Parent', { label: 'Parent Account ID' }),
      field('Description', 'LongTextArea', { length: 32000 }),
      system(field('LastActivityDate', 'Date', { label: 'Last Activity' })),
    ],
  },
  Contact: {
    label: 'Contact',
    labelPlural: 'Contacts',
    keyPrefix: '003',
    owned: true,
    fields: [
      text('FirstName', 40, { label: 'First Name' }),
      text('LastName', 80, { required: true, label: 'Last Name' }),
      system(text('Name', 121, { label: 'Full Name' })),
      field('Email', 'Email', { length: 80 }),
      field('Phone', 'Phone', { length: 40 }),
      text('Title', 128),
      lookup('AccountId', ['Account'], 'Account', { label: 'Account ID' }),
      text('MailingCity', 40, { label: 'Mailing City' }),
      text('MailingCountry', 80, { label: 'Mailing Country' }),
      system(field('LastActivityDate', 'Date', { label: 'Last Activity' })),
    ],
  },
  Lead: {
    label: 'Lead',
    labelPlural: 'Leads',
    keyPrefix: '00Q',
    owned: true,
    fields: [
      text('FirstName', 40, { label: 'First Name' }),
      text('LastName', 80, { required: true, label: 'Last Name' }),
      system(text('Name', 121, { label: 'Full Name' })),
      text('Company', 255, { required: true }),
      field('Email', 'Email', { length: 80 }),
      field('Phone', 'Phone', { length: 40 }),
      text('Title', 128),
      field('Website', 'Url', { length: 255 }),
      text('Street', 255),
      text('City', 40),
      text('State', 80, { label: 'State/Province' }),
      text('PostalCode', 20, { label: 'Zip/Postal Code' }),
      text('Country', 80),
      picklist('Status', LEAD_STATUSES, { required: true, defaultValue: 'Open - Not Contacted', label: 'Lead Status' }),
      picklist('LeadSource', LEAD_SOURCES, { label: 'Lead Source' }),
      picklist('Industry', INDUSTRIES),
      field('Description', 'LongTextArea', { length: 32000 }),
      field('IsConverted', 'Checkbox', { defaultValue: false, label: 'Converted' }),
      lookup('ConvertedAccountId', ['Account'], 'ConvertedAccount', { label: 'Converted Account ID' }),
      lookup('ConvertedContactId', ['Contact'], 'ConvertedContact', { label: 'Converted Contact ID' }),
      lookup('ConvertedOpportunityId', ['Opportunity'], 'ConvertedOpportunity', { label: 'Converted Opportunity ID' }),
      field('ConvertedDate', 'Date', { label: 'Converted Date' }),
      system(field('LastActivityDate', 'Date', { label: 'Last Activity' })),
    ],
  },
  Opportunity: {
    label: 'Opportunity',
    labelPlural: 'Opportunities',
    keyPrefix: '006',
    owned: true,
    fields: [
      text('Name', 120, { required: true, label: 'Opportunity Name' }),
      lookup('AccountId', ['Account'], 'Account', { label: 'Account ID' }),
      field('Amount', 'Currency', { precision: 18, scale: 2 }),
      field('CloseDate', 'Date', { required: true, label: 'Close Date' }),
      picklist('StageName', OPPORTUNITY_STAGES, { required: true, label: 'Stage', restrictedPicklist: true }),
      system(field('IsClosed', 'Checkbox', { defaultValue: false, label: 'Closed' })),
      system(field('IsWon', 'Checkbox', { defaultValue: false, label: 'Won' })),
      field('Probability', 'Percent', { precision: 3, scale: 0, label: 'Probability (%)' }),
      picklist('Type', ['Existing Business', 'New Business'], { label: 'Opportunity Type' }),
      picklist('LeadSource', LEAD_SOURCES, { label: 'Lead Source' }),
      lookup('CampaignId', ['Campaign'], 'Campaign', { label: 'Campaign ID' }),
      field('Description', 'LongTextArea', { length: 32000 }),
      system(field('LastActivityDate', 'Date', { label: 'Last Activity' })),
    ],
  },
  OpportunityContactRole: {
    label: 'Opportunity Contact Role',
    labelPlural: 'Opportunity Contact Roles',
    keyPrefix: '00K',
    owned: false,
    fields: [
      lookup('OpportunityId', ['Opportunity'], 'Opportunity', { required: true, label: 'Opportunity ID' }),
      lookup('ContactId', ['Contact'], 'Contact', { required: true, label: 'Contact ID' }),
      picklist('Role', ['Business User', 'Decision Maker', 'Economic Buyer', 'Technical Buyer', 'Influencer', 'Other']),
      field('IsPrimary', 'Checkbox', { defaultValue: false, label: 'Primary' }),
    ],
  },
  User: {
    label: 'User',
    labelPlural: 'Users',
    keyPrefix: '005',
    owned: false,
    fields: [
      text('Username', 80, { required: true, unique: true }),
      text('FirstName', 40, { label: 'First Name' }),
      text('LastName', 80, { required: true, label: 'Last Name' }),
      system(text('Name', 121, { label: 'Full Name' })),
      field('Email', 'Email', { length: 128, required: true }),
      text('Alias', 8),
      text('Title', 80),
      field('IsActive', 'Checkbox', { defaultValue: true, label: 'Active' }),
      text('TimeZoneSidKey', 40, { label: 'Time Zone' }),
      picklist('UserType', ['Standard', 'PowerPartner', 'CspLitePortal', 'AutomatedProcess'], { label: 'User Type' }),
      lookup('ManagerId', ['User'], 'Manager', { label: 'Manager ID' }),
    ],
  },
  Task: {
    label: 'Task',
    labelPlural: 'Tasks',
    keyPrefix: '00T',
    owned: true,
    fields: [
      text('Subject', 255),
      lookup('WhoId', ['Contact', 'Lead'], 'Who', { label: 'Name ID' }),
      lookup('WhatId', ['Account', 'Opportunity', 'Campaign', 'Partner_Referral__c', 'Channel_Conflict__c'], 'What', {
        label: 'Related To ID',
      }),
      field('ActivityDate', 'Date', { label: 'Due Date Only' }),
      picklist('Status', ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'], {
        required: true,
        defaultValue: 'Not Started',
      }),
      picklist('Priority', ['High', 'Normal', 'Low'], { required: true, defaultValue: 'Normal' }),
      picklist('Type', ['Call', 'Email', 'Meeting', 'Other']),
      picklist('TaskSubtype', ['Task', 'Email', 'Call'], { label: 'Task Subtype' }),
      system(field('IsClosed', 'Checkbox', { defaultValue: false, label: 'Closed' })),
      field('Description', 'LongTextArea', { length: 32000 }),
    ],
  },
  Event: {
    label: 'Event',
    labelPlural: 'Events',
    keyPrefix: '00U',
    owned: true,
    fields: [
      text('Subject', 255),
      lookup('WhoId', ['Contact', 'Lead'], 'Who', { label: 'Name ID' }),
      lookup('WhatId', ['Account', 'Opportunity', 'Campaign', 'Partner_Referral__c', 'Channel_Conflict__c'], 'What', {
        label: 'Related To ID',
      }),
      field('StartDateTime', 'DateTime', { label: 'Start Date Time' }),
      field('EndDateTime', 'DateTime', { label: 'End Date Time' }),
      field('ActivityDateTime', 'DateTime', { label: 'Due Date Time' }),
      field('DurationInMinutes', 'Number', { precision: 8, scale: 0, label: 'Duration' }),
      picklist('Type', ['Call', 'Email', 'Meeting', 'Other']),
      field('Description', 'LongTextArea', { length: 32000 }),
    ],
  },
  Campaign: {
    label: 'Campaign',
    labelPlural: 'Campaigns',
    keyPrefix: '701',
    owned: true,
    fields: [
      text('Name', 80, { required: true, label: 'Campaign Name' }),
      picklist('Type', ['Conference', 'Webinar', 'Partners', 'Email', 'Advertisement', 'Other']),
      picklist('Status', ['Planned', 'In Progress', 'Completed', 'Aborted']),
      field('StartDate', 'Date', { label: 'Start Date' }),
      field('EndDate', 'Date', { label: 'End Date' }),
      field('IsActive', 'Checkbox', { defaultValue: false, label: 'Active' }),
    ],
  },
  Organization: {
    label: 'Organization',
    labelPlural: 'Organizations',
    keyPrefix: '00D',
    owned: false,
    fields: [
      system(text('Name', 80, { label: 'Name' })),
      system(
        picklist('OrganizationType', ['Developer Edition', 'Enterprise Edition', 'Unlimited Edition', 'Professional Edition'], {
          label: 'Edition',
        }),
      ),
      system(field('IsSandbox', 'Checkbox', { defaultValue: false, label: 'Is Sandbox' })),
      system(text('InstanceName', 5, { label: 'Instance Name' })),
      system(text('NamespacePrefix', 15, { label: 'Namespace Prefix' })),
      system(field('TrialExpirationDate', 'DateTime', { label: 'Trial Expiration Date' })),
      system(text('DefaultLocaleSidKey', 40, { label: 'Locale' })),
      system(text('TimeZoneSidKey', 40, { label: 'Default Time Zone' })),
    ],
  },
  CampaignMember: {
    label: 'Campaign Member',
    labelPlural: 'Campaign Members',
    keyPrefix: '00v',
    owned: false,
    fields: [
      lookup('CampaignId', ['Campaign'], 'Campaign', { required: true, label: 'Campaign ID', createOnly: true }),
      lookup('LeadId', ['Lead'], 'Lead', { label: 'Lead ID', createOnly: true }),
      lookup('ContactId', ['Contact'], 'Contact', { label: 'Contact ID', createOnly: true }),
      picklist('Status', ['Sent', 'Responded']),
      field('HasResponded', 'Checkbox', { defaultValue: false, label: 'Responded' }),
      field('FirstRespondedDate', 'Date', { label: 'First Responded Date' }),
    ],
  },
};

/** The standard objects as package-model objects (child relationships are linked by the reader). */
export function standardObjects(): ObjectSchema[] {
  return Object.entries(definitions).map(([name, definition]) => {
    const fields: Record<string, FieldSchema> = {};
    for (const f of [...systemFields({ owned: definition.owned }), ...definition.fields]) fields[f.name] = f;
    return {
      name,
      label: definition.label,
      labelPlural: definition.labelPlural,
      custom: false,
      customMetadata: false,
      keyPrefix: definition.keyPrefix,
      fields,
      childRelationships: [],
    };
  });
}

/** Standard child relationship names that differ from the plural of the child object. */
export const STANDARD_CHILD_RELATIONSHIPS: Record<string, string> = {
  'Contact.AccountId': 'Contacts',
  'Opportunity.AccountId': 'Opportunities',
  'OpportunityContactRole.OpportunityId': 'OpportunityContactRoles',
  'OpportunityContactRole.ContactId': 'OpportunityContactRoles',
  'Task.WhatId': 'Tasks',
  'Task.WhoId': 'Tasks',
  'Event.WhatId': 'Events',
  'Event.WhoId': 'Events',
  'CampaignMember.CampaignId': 'CampaignMembers',
  'CampaignMember.LeadId': 'CampaignMembers',
  'CampaignMember.ContactId': 'CampaignMembers',
  'Account.ParentId': 'ChildAccounts',
};
