/** The words the demo org is written in: partner names, opportunity stages, what partners say about a referral. */

export const PARTNER_WORDS = [
  'Cloud Partners',
  'IT Services',
  'Consulting',
  'Solutions Group',
  'Digital',
  'Systems Integration',
  'Networks',
  'Advisory',
  'Technologies',
  'Managed Services',
];
export const PARTNER_STARTS = [
  'Summit',
  'Northwind',
  'Bluewater',
  'Ironclad',
  'Brightpath',
  'Keystone',
  'Tailspin',
  'Contoso',
  'Fabrikam',
  'Lakeshore',
  'Redwood',
  'Silverline',
  'Trident',
  'Vantage',
  'Westbridge',
  'Alpine',
  'Harbourside',
  'Kinetic',
  'Meridian',
  'Oakridge',
];
export type Tier = 'Platinum' | 'Gold' | 'Silver' | 'Registered';
export const PARTNER_TYPES = ['Referral', 'Reseller', 'Services', 'Technology', 'MSP', 'Distributor'];
export const VERTICALS = [
  'Technology',
  'Financial Services',
  'Healthcare',
  'Manufacturing',
  'Retail',
  'Public Sector',
  'Education',
  'Media',
];
export const PRODUCTS = ['Core Platform', 'Analytics', 'Integration', 'Security', 'Professional Services'];
export const OPEN_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Proposal/Price Quote',
  'Negotiation/Review',
];
export const STAGE_PROBABILITY: Record<string, number> = {
  Prospecting: 10,
  Qualification: 10,
  'Needs Analysis': 20,
  'Value Proposition': 50,
  'Id. Decision Makers': 60,
  'Proposal/Price Quote': 75,
  'Negotiation/Review': 90,
  'Closed Won': 100,
  'Closed Lost': 0,
};
export const USE_CASES = [
  'Consolidating three regional CRMs into one platform before their fiscal year end.',
  'Replacing spreadsheets for partner-sourced pipeline reporting; needs SSO and audit trail.',
  'Evaluating analytics add-on for 200 field sales reps; budget approved for Q2.',
  'Security review found gaps in data residency; looking for EU hosting and encryption at rest.',
  'Integration of ERP order data with the service desk; current vendor contract ends in 4 months.',
  'Expanding to APAC and needs multi-currency quoting.',
];
export const HOW_MET = [
  'Met the CIO at our annual customer summit; she asked for an introduction.',
  'Existing customer of ours for managed services; raised the need in a quarterly business review.',
  'Inbound enquiry to our website after a joint webinar.',
  'Our account manager has worked with their operations team for three years.',
  'Introduced by a mutual contact at a regional industry association event.',
];
export const COMPETITORS = ['HubSpot', 'Microsoft Dynamics', 'Zoho', 'Pipedrive', 'In-house build', ''];

export type Scenario =
  | 'new'
  | 'existingCustomer'
  | 'directActivity'
  | 'openOpportunity'
  | 'partnerConflict'
  | 'exactDuplicate'
  | 'nearDuplicate'
  | 'existingLead'
  | 'incomplete'
  | 'strategicAccount';

export const SCENARIOS: [Scenario, number][] = [
  ['new', 32],
  ['existingCustomer', 8],
  ['directActivity', 8],
  ['openOpportunity', 6],
  ['partnerConflict', 12],
  ['exactDuplicate', 6],
  ['nearDuplicate', 10],
  ['existingLead', 7],
  ['incomplete', 8],
  ['strategicAccount', 3],
];
