/**
 * A seeded generator of realistic CRM data for the matching benchmark: company names built
 * from a large syllable vocabulary (so brand words follow a long-tailed distribution, like
 * real names) plus frequent industry words and legal suffixes from many countries, websites,
 * phones, addresses; leads that are partly the same companies as accounts (spelled
 * differently, free-mail addresses) and partner records that are partly existing companies
 * (with typos, abbreviations, missing suffixes, other phone formats) and partly new ones.
 */
import type { MatchRecord } from '../../src/matching/index.ts';

import type { Random } from '../seeded-random.ts';

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ra',
  'ven',
  'tor',
  'zen',
  'qua',
  'bri',
  'dex',
  'ly',
  'na',
  'pho',
  'ri',
  'sol',
  'ta',
  'vi',
  'xo',
  'an',
  'el',
  'or',
  'is',
  'um',
  'ex',
  'al',
  'co',
  'de',
  'fi',
  'go',
  'ha',
  'jo',
  'ku',
  'le',
  'ma',
  'ne',
  'po',
  'ro',
  'sa',
  'te',
  'va',
  'wi',
  'ya',
  'zo',
  'bel',
  'cor',
  'dan',
  'fen',
  'gar',
  'hol',
  'jen',
  'kin',
  'lan',
  'mor',
  'nor',
  'pel',
  'quin',
  'ros',
  'sten',
  'tal',
  'ver',
  'win',
  'york',
  'ash',
  'bright',
  'crest',
  'dale',
  'field',
  'grove',
  'hart',
  'land',
  'mark',
  'point',
  'ridge',
  'stone',
  'view',
  'wood',
  'brook',
  'haven',
  'gate',
  'bay',
  'hill',
  'star',
  'wave',
  'peak',
  'core',
  'link',
];
const INDUSTRY = [
  'Systems',
  'Solutions',
  'Logistics',
  'Health',
  'Capital',
  'Partners',
  'Foods',
  'Energy',
  'Labs',
  'Software',
  'Consulting',
  'Manufacturing',
  'Holdings',
  'Group',
  'Technologies',
  'Industries',
  'Services',
  'Media',
  'Retail',
  'Analytics',
  'Networks',
  'Dynamics',
  'Pharmaceuticals',
  'Biotech',
  'Motors',
  'Construction',
  'Design',
  'Security',
  'Cloud',
  'Data',
  'Financial',
  'Insurance',
  'Realty',
  'Marine',
  'Aerospace',
  'Robotics',
  'Education',
  'Legal',
  'Hospitality',
  'Global',
  'International',
  'Digital',
  'Medical',
  'Engineering',
  'Transport',
  'Supply',
  'Ventures',
  'Studios',
  'Brands',
  'Foundation',
];
interface Country {
  code: string;
  weight: number;
  suffixes: string[];
  tlds: string[];
  cities: [string, string][];
  phone: (random: Random) => string;
}
const digits = (random: Random, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(random() * 10);
  return s;
};
const nanp = (random: Random): string =>
  `${2 + Math.floor(random() * 8)}${digits(random, 2)}${2 + Math.floor(random() * 8)}${digits(random, 6)}`;
const COUNTRIES: Country[] = [
  {
    code: 'US',
    weight: 0.72,
    suffixes: ['Inc', 'Inc.', 'LLC', 'Corp', 'Corporation', 'Co', '', '', 'Incorporated', 'L.L.C.'],
    tlds: ['com', 'com', 'com', 'io', 'net', 'co', 'us', 'ai'],
    cities: [
      ['New York', '100'],
      ['Chicago', '606'],
      ['Austin', '787'],
      ['Seattle', '981'],
      ['Boston', '021'],
      ['Denver', '802'],
      ['Atlanta', '303'],
      ['San Jose', '951'],
      ['Miami', '331'],
      ['Phoenix', '850'],
      ['Portland', '972'],
      ['Dallas', '752'],
    ],
    phone: nanp,
  },
  {
    code: 'CA',
    weight: 0.08,
    suffixes: ['Inc', 'Ltd', 'Corp', ''],
    tlds: ['ca', 'com'],
    cities: [
      ['Toronto', 'M5V'],
      ['Vancouver', 'V6B'],
      ['Montreal', 'H2Y'],
    ],
    phone: nanp,
  },
  {
    code: 'GB',
    weight: 0.08,
    suffixes: ['Ltd', 'Limited', 'PLC', ''],
    tlds: ['co.uk', 'com', 'uk'],
    cities: [
      ['London', 'EC1'],
      ['Manchester', 'M1'],
      ['Leeds', 'LS1'],
    ],
    phone: (r) => `+44 20 ${digits(r, 4)} ${digits(r, 4)}`,
  },
  {
    code: 'DE',
    weight: 0.06,
    suffixes: ['GmbH', 'AG', 'GmbH & Co. KG', 'SE'],
    tlds: ['de', 'com'],
    cities: [
      ['Berlin', '101'],
      ['München', '803'],
      ['Köln', '506'],
    ],
    phone: (r) => `+49 30 ${digits(r, 8)}`,
  },
  {
    code: 'FR',
    weight: 0.03,
    suffixes: ['SAS', 'SA', 'SARL'],
    tlds: ['fr', 'com'],
    cities: [
      ['Paris', '750'],
      ['Lyon', '690'],
    ],
    phone: (r) => `+33 1 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
  },
  {
    code: 'NL',
    weight: 0.03,
    suffixes: ['BV', 'B.V.', 'NV'],
    tlds: ['nl', 'com'],
    cities: [
      ['Amsterdam', '101'],
      ['Utrecht', '351'],
    ],
    phone: (r) => `+31 20 ${digits(r, 7)}`,
  },
];
const STREETS = [
  'Main',
  'Oak',
  'Maple',
  'Cedar',
  'Pine',
  'Elm',
  'Washington',
  'Lake',
  'Hill',
  'Park',
  'Market',
  'Broadway',
  'Mission',
  'Union',
  'Church',
  'High',
  'King',
  'Queen',
  'River',
  'Sunset',
  'Franklin',
  'Madison',
  'Jefferson',
  'Lincoln',
];
const STREET_TYPES = ['St', 'Street', 'Ave', 'Avenue', 'Rd', 'Blvd', 'Dr', 'Way'];
const FREE_MAIL = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com'];
const FIRST = [
  'Anna',
  'Ben',
  'Carla',
  'David',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'James',
  'Kofi',
  'Lena',
  'Marco',
  'Nina',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tara',
];
const LAST = [
  'Smith',
  'Garcia',
  'Müller',
  'Chen',
  'Okafor',
  'Rossi',
  'Dubois',
  'Kowalski',
  'Nguyen',
  'Patel',
  'Johnson',
  'Silva',
  'Novak',
  'Larsen',
  'Kim',
  'Brown',
];

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function pickCountry(random: Random): Country {
  let roll = random();
  for (const country of COUNTRIES) {
    roll -= country.weight;
    if (roll <= 0) return country;
  }
  return COUNTRIES[0] as Country;
}

function brandWord(random: Random): string {
  const count = random() < 0.55 ? 2 : 3;
  let word = '';
  for (let i = 0; i < count; i++) word += pick(random, SYLLABLES);
  return word[0]?.toUpperCase() + word.slice(1);
}

/** A company as the org would hold it. */
export interface GeneratedCompany {
  brand: string;
  name: string;
  domain: string;
  country: Country;
  city: string;
  postalCode: string;
  street: string;
  phone: string;
}

export function generateCompany(random: Random, serial: number): GeneratedCompany {
  const country = pickCountry(random);
  const brand = random() < 0.25 ? `${brandWord(random)} ${brandWord(random)}` : brandWord(random);
  const industryCount = random() < 0.3 ? 0 : random() < 0.8 ? 1 : 2;
  const words = [brand];
  for (let i = 0; i < industryCount; i++) words.push(pick(random, INDUSTRY));
  const suffix = pick(random, country.suffixes);
  const name = suffix ? `${words.join(' ')} ${suffix}` : words.join(' ');
  // Real domains are unique per company: brands repeat across companies, so the serial disambiguates.
  const domain = `${brand.toLowerCase().replace(/[^a-z]/g, '')}${industryCount > 0 && random() < 0.4 ? (words[1] ?? '').toLowerCase().slice(0, 4) : ''}-${serial.toString(36)}.${pick(random, country.tlds)}`;
  const [city, postalPrefix] = pick(random, country.cities);
  return {
    brand,
    name,
    domain,
    country,
    city,
    postalCode: `${postalPrefix}${digits(random, 2)}`,
    street: `${1 + Math.floor(random() * 9800)} ${pick(random, STREETS)} ${pick(random, STREET_TYPES)}`,
    phone: country.phone(random),
  };
}

export function accountRecord(company: GeneratedCompany, id: string, random: Random): MatchRecord {
  return {
    id,
    kind: 'Account',
    name: company.name,
    website: random() < 0.85 ? (random() < 0.5 ? `https://www.${company.domain}` : `www.${company.domain}`) : undefined,
    phone: random() < 0.7 ? company.phone : undefined,
    street: random() < 0.6 ? company.street : undefined,
    city: company.city,
    postalCode: random() < 0.6 ? company.postalCode : undefined,
    country: company.country.code,
  };
}

function person(random: Random): { first: string; last: string } {
  return { first: pick(random, FIRST), last: pick(random, LAST) };
}

/** A lead: usually its company spelled another way, the contact's (sometimes free-mail) email. */
export function leadRecord(company: GeneratedCompany, id: string, random: Random): MatchRecord {
  const { first, last } = person(random);
  const emailDomain = random() < 0.2 ? pick(random, FREE_MAIL) : company.domain;
  return {
    id,
    kind: 'Lead',
    name: variantName(company, random),
    email: `${first.toLowerCase()}.${last.toLowerCase()}@${emailDomain}`,
    phone: random() < 0.5 ? company.phone : undefined,
    city: random() < 0.7 ? company.city : undefined,
    country: company.country.code,
    contactName: `${first} ${last}`,
  };
}

/** A partner's record of a company: the way a partner would type it. */
export function partnerRecord(company: GeneratedCompany, id: string, random: Random): MatchRecord {
  const { first, last } = person(random);
  const record: MatchRecord = {
    id,
    kind: 'Partner_Referral__c',
    name: variantName(company, random),
    country: random() < 0.8 ? company.country.code : undefined,
  };
  if (random() < 0.6) record.website = random() < 0.5 ? company.domain : `http://${company.domain}/`;
  if (random() < 0.6)
    record.email = `${first[0]?.toLowerCase()}${last.toLowerCase()}@${random() < 0.15 ? pick(random, FREE_MAIL) : company.domain}`;
  if (random() < 0.4) record.phone = reformatPhone(company.phone, random);
  if (random() < 0.5) record.city = company.city;
  if (random() < 0.3) record.street = company.street.replace(/ Street$/, ' St.').replace(/ Avenue$/, ' Ave');
  record.contactName = `${first} ${last}`;
  return record;
}

function reformatPhone(phone: string, random: Random): string {
  if (!phone.startsWith('+') && phone.length === 10) {
    return random() < 0.5
      ? `(${phone.slice(0, 3)}) ${phone.slice(3, 6)}-${phone.slice(6)}`
      : `+1 ${phone.slice(0, 3)}.${phone.slice(3, 6)}.${phone.slice(6)}`;
  }
  return phone.replace(/ /g, random() < 0.5 ? '-' : '');
}

/** Realistic respellings: suffix dropped or changed, case, an abbreviation, a typo. */
function variantName(company: GeneratedCompany, random: Random): string {
  let name = company.name;
  const roll = random();
  if (roll < 0.3)
    name = name.replace(
      /\s+(Inc\.?|LLC|L\.L\.C\.|Corp|Corporation|Co|Ltd|Limited|PLC|GmbH( & Co\. KG)?|AG|SE|SAS|SA|SARL|BV|B\.V\.|NV|Incorporated)$/,
      '',
    );
  else if (roll < 0.45) name = name.toUpperCase();
  else if (roll < 0.55)
    name = name
      .replace('International', 'Intl')
      .replace('Manufacturing', 'Mfg')
      .replace('Services', 'Svcs')
      .replace('Technologies', 'Tech');
  else if (roll < 0.7) name = typo(name, random);
  else if (roll < 0.75) name = `The ${name}`;
  return name;
}

function typo(text: string, random: Random): string {
  if (text.length < 6) return text;
  const at = 2 + Math.floor(random() * (text.length - 4));
  const kind = random();
  if (kind < 0.33) return text.slice(0, at) + text.slice(at + 1);
  if (kind < 0.66) return text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2);
  return text.slice(0, at) + text[at] + text.slice(at);
}
