/**
 * Believable company and person identities: names, registrable domains, websites, addresses
 * and phones by region, plus the variants real submissions contain (legal suffixes, casing,
 * www/https/subdomains, email domains). Exported for the matching benchmark to reuse.
 */
import { SeededRandom } from './random.ts';

const NAME_STARTS = [
  'Acme',
  'Apex',
  'Arbor',
  'Aster',
  'Atlas',
  'Aurora',
  'Beacon',
  'Birch',
  'Blue',
  'Bright',
  'Cascade',
  'Cedar',
  'Clear',
  'Cobalt',
  'Copper',
  'Crest',
  'Crystal',
  'Delta',
  'Eagle',
  'Ember',
  'Evergreen',
  'Falcon',
  'Fern',
  'Forge',
  'Frontier',
  'Golden',
  'Granite',
  'Harbor',
  'Helix',
  'Highland',
  'Horizon',
  'Iron',
  'Juniper',
  'Keystone',
  'Lake',
  'Lantern',
  'Liberty',
  'Lumen',
  'Maple',
  'Meridian',
  'Metro',
  'Nimbus',
  'North',
  'Nova',
  'Oak',
  'Onyx',
  'Orbit',
  'Pacific',
  'Peak',
  'Pine',
  'Pioneer',
  'Prairie',
  'Prime',
  'Quantum',
  'Quarry',
  'Red',
  'Ridge',
  'River',
  'Sage',
  'Sierra',
  'Silver',
  'Sky',
  'Solar',
  'Spruce',
  'Star',
  'Sterling',
  'Stone',
  'Summit',
  'Sun',
  'Terra',
  'Tide',
  'Timber',
  'True',
  'Union',
  'Valley',
  'Vector',
  'Vista',
  'West',
  'Willow',
  'Zenith',
];
const NAME_ENDS = [
  'Analytics',
  'Bank',
  'Bio',
  'Brands',
  'Capital',
  'Care',
  'Chemicals',
  'Cloud',
  'Construction',
  'Consulting',
  'Data',
  'Dynamics',
  'Energy',
  'Engineering',
  'Foods',
  'Freight',
  'Group',
  'Health',
  'Holdings',
  'Industries',
  'Insurance',
  'Labs',
  'Logistics',
  'Manufacturing',
  'Media',
  'Medical',
  'Metals',
  'Mobility',
  'Networks',
  'Partners',
  'Pharma',
  'Robotics',
  'Security',
  'Software',
  'Solutions',
  'Systems',
  'Technologies',
  'Telecom',
  'Textiles',
  'Therapeutics',
  'Ventures',
  'Works',
];
const BRAND_SUFFIXES = ['', 'ix', 'on', 'ara', 'eon', 'ia', 'ex', 'ova', 'ium', 'is'];
const QUALIFIERS = [
  'Global',
  'United',
  'First',
  'Pacific',
  'Atlantic',
  'Northern',
  'Southern',
  'Eastern',
  'Western',
  'Central',
  'Allied',
  'Premier',
  'Royal',
  'National',
  'Continental',
  'Coastal',
  'Metro',
  'Urban',
  'Rural',
  'Alpine',
  'Nordic',
  'Iberian',
  'Celtic',
  'Baltic',
  'Andean',
  'Sahara',
  'Delta',
  'Canyon',
  'Island',
  'Harbor',
  'Capital',
  'Crown',
  'Liberty',
  'Heritage',
  'Pioneer',
  'Frontier',
  'Modern',
  'Classic',
  'Future',
  'Smart',
  'Rapid',
  'Secure',
  'Open',
  'Bright',
  'Blue',
  'Green',
  'Golden',
  'Silver',
  'Red',
  'White',
  'Black',
  'Grand',
  'Little',
  'Great',
  'New',
  'Old',
  'Twin',
  'Triple',
  'Prime',
  'Apex',
];
const LEGAL_SUFFIXES = ['Inc.', 'LLC', 'Ltd', 'GmbH', 'Corp.', 'Corporation', 'Co.', 'S.A.', 'plc', 'Pty Ltd', 'AG', 'B.V.'];
const TLDS = ['com', 'com', 'com', 'com', 'io', 'co', 'net', 'ai'];
const FIRST_NAMES = [
  'Aisha',
  'Alex',
  'Amelia',
  'Ana',
  'Andrea',
  'Ben',
  'Carlos',
  'Chen',
  'Chloe',
  'Daniel',
  'David',
  'Elena',
  'Emma',
  'Fatima',
  'Felix',
  'Grace',
  'Hana',
  'Hannah',
  'Ines',
  'Isaac',
  'James',
  'Jin',
  'Julia',
  'Kai',
  'Laura',
  'Leo',
  'Liam',
  'Lucas',
  'Maria',
  'Maya',
  'Mei',
  'Mohammed',
  'Nadia',
  'Noah',
  'Olivia',
  'Omar',
  'Priya',
  'Rafael',
  'Ravi',
  'Sara',
  'Sofia',
  'Sven',
  'Tariq',
  'Thomas',
  'Yuki',
  'Zoe',
];
const LAST_NAMES = [
  'Abbott',
  'Ahmed',
  'Andersen',
  'Bauer',
  'Becker',
  'Brown',
  'Castillo',
  'Chen',
  'Clarke',
  'Costa',
  'Davies',
  'Dubois',
  'Evans',
  'Fischer',
  'Garcia',
  'Gupta',
  'Hansen',
  'Hughes',
  'Ito',
  'Jensen',
  'Khan',
  'Kim',
  'Kowalski',
  'Larsen',
  'Lee',
  'Lopez',
  'Martin',
  'Meyer',
  'Moreau',
  'Murphy',
  'Nakamura',
  'Nguyen',
  'Novak',
  'Okafor',
  'Patel',
  'Petrov',
  'Rossi',
  'Santos',
  'Schmidt',
  'Silva',
  'Singh',
  'Smith',
  'Tanaka',
  'Taylor',
  'Wagner',
  'Walsh',
  'Weber',
  'Williams',
  'Wright',
  'Zhang',
];
const TITLES = [
  'CTO',
  'CIO',
  'VP Engineering',
  'Head of IT',
  'Director of Operations',
  'IT Manager',
  'CFO',
  'VP Sales',
  'Head of Data',
  'Procurement Lead',
  'COO',
];

export type Region = 'North America' | 'Latin America' | 'EMEA' | 'APAC';

interface Place {
  city: string;
  state: string | null;
  country: string;
  postalCode: () => string;
  phone: (random: SeededRandom) => string;
}

const digits = (random: SeededRandom, n: number) => Array.from({ length: n }, () => random.int(0, 9)).join('');
const usPhone = (random: SeededRandom) => `+1 (${random.int(201, 989)}) ${random.int(200, 999)}-${digits(random, 4)}`;

const PLACES: Record<Region, Place[]> = {
  'North America': [
    { city: 'Austin', state: 'TX', country: 'United States', postalCode: () => '78701', phone: usPhone },
    { city: 'Chicago', state: 'IL', country: 'United States', postalCode: () => '60601', phone: usPhone },
    { city: 'Denver', state: 'CO', country: 'United States', postalCode: () => '80202', phone: usPhone },
    { city: 'Boston', state: 'MA', country: 'United States', postalCode: () => '02110', phone: usPhone },
    { city: 'Seattle', state: 'WA', country: 'United States', postalCode: () => '98101', phone: usPhone },
    { city: 'Atlanta', state: 'GA', country: 'United States', postalCode: () => '30303', phone: usPhone },
    { city: 'San Jose', state: 'CA', country: 'United States', postalCode: () => '95113', phone: usPhone },
    { city: 'Toronto', state: 'ON', country: 'Canada', postalCode: () => 'M5H 2N2', phone: usPhone },
  ],
  'Latin America': [
    {
      city: 'São Paulo',
      state: 'SP',
      country: 'Brazil',
      postalCode: () => '01310-100',
      phone: (r) => `+55 11 ${digits(r, 4)}-${digits(r, 4)}`,
    },
    {
      city: 'Mexico City',
      state: 'CDMX',
      country: 'Mexico',
      postalCode: () => '06600',
      phone: (r) => `+52 55 ${digits(r, 4)} ${digits(r, 4)}`,
    },
    { city: 'Bogotá', state: null, country: 'Colombia', postalCode: () => '110111', phone: (r) => `+57 1 ${digits(r, 3)} ${digits(r, 4)}` },
    { city: 'Santiago', state: null, country: 'Chile', postalCode: () => '8320000', phone: (r) => `+56 2 ${digits(r, 4)} ${digits(r, 4)}` },
  ],
  EMEA: [
    {
      city: 'London',
      state: null,
      country: 'United Kingdom',
      postalCode: () => 'EC2A 4BX',
      phone: (r) => `+44 20 ${digits(r, 4)} ${digits(r, 4)}`,
    },
    { city: 'Berlin', state: null, country: 'Germany', postalCode: () => '10115', phone: (r) => `+49 30 ${digits(r, 8)}` },
    { city: 'Munich', state: 'Bavaria', country: 'Germany', postalCode: () => '80331', phone: (r) => `+49 89 ${digits(r, 8)}` },
    {
      city: 'Paris',
      state: null,
      country: 'France',
      postalCode: () => '75002',
      phone: (r) => `+33 1 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
    },
    {
      city: 'Amsterdam',
      state: null,
      country: 'Netherlands',
      postalCode: () => '1012 AB',
      phone: (r) => `+31 20 ${digits(r, 3)} ${digits(r, 4)}`,
    },
    {
      city: 'Stockholm',
      state: null,
      country: 'Sweden',
      postalCode: () => '111 52',
      phone: (r) => `+46 8 ${digits(r, 3)} ${digits(r, 3)} ${digits(r, 2)}`,
    },
    {
      city: 'Dubai',
      state: null,
      country: 'United Arab Emirates',
      postalCode: () => '00000',
      phone: (r) => `+971 4 ${digits(r, 3)} ${digits(r, 4)}`,
    },
    {
      city: 'Madrid',
      state: null,
      country: 'Spain',
      postalCode: () => '28013',
      phone: (r) => `+34 91 ${digits(r, 3)} ${digits(r, 2)} ${digits(r, 2)}`,
    },
  ],
  APAC: [
    { city: 'Sydney', state: 'NSW', country: 'Australia', postalCode: () => '2000', phone: (r) => `+61 2 ${digits(r, 4)} ${digits(r, 4)}` },
    {
      city: 'Singapore',
      state: null,
      country: 'Singapore',
      postalCode: () => '018989',
      phone: (r) => `+65 ${digits(r, 4)} ${digits(r, 4)}`,
    },
    { city: 'Tokyo', state: null, country: 'Japan', postalCode: () => '100-0005', phone: (r) => `+81 3 ${digits(r, 4)} ${digits(r, 4)}` },
    {
      city: 'Bengaluru',
      state: 'Karnataka',
      country: 'India',
      postalCode: () => '560001',
      phone: (r) => `+91 80 ${digits(r, 4)} ${digits(r, 4)}`,
    },
    {
      city: 'Auckland',
      state: null,
      country: 'New Zealand',
      postalCode: () => '1010',
      phone: (r) => `+64 9 ${digits(r, 3)} ${digits(r, 4)}`,
    },
  ],
};
const STREETS = [
  'Market St',
  'Harbour Rd',
  'King St',
  'Main St',
  'Park Ave',
  'Station Rd',
  'Innovation Way',
  'Riverside Dr',
  'Hauptstraße',
  'Rue de Rivoli',
];

export const REGIONS: Region[] = ['North America', 'EMEA', 'APAC', 'Latin America'];
const REGION_WEIGHTS: [Region, number][] = [
  ['North America', 45],
  ['EMEA', 30],
  ['APAC', 17],
  ['Latin America', 8],
];
export const INDUSTRIES = ['Technology', 'Financial Services', 'Healthcare', 'Manufacturing', 'Retail', 'Government', 'Education', 'Media'];

export interface CompanyIdentity {
  /** Name as the CRM holds it: "Cobalt Logistics Ltd". */
  name: string;
  /** Name without legal suffix: "Cobalt Logistics". */
  baseName: string;
  legalSuffix: string | null;
  /** Registrable domain: "cobaltlogistics.com". */
  domain: string;
  website: string;
  industry: string;
  region: Region;
  street: string;
  city: string;
  state: string | null;
  postalCode: string;
  country: string;
  phone: string;
  employees: number;
}

export interface PersonIdentity {
  firstName: string;
  lastName: string;
  title: string;
}

/** The index-th company of the seeded universe (same seed and index, same company). */
export function companyIdentity(seed: number, index: number): CompanyIdentity {
  const random = SeededRandom.forIndex(seed, 'company', index);
  // Word pairs are visited in a seed-dependent order without repeats; past the pair space a
  // brand suffix, then a qualifier word, then a number keep every name in the universe unique.
  const space = NAME_STARTS.length * NAME_ENDS.length;
  const combination = ((((index % space) * 1009 + (seed >>> 0)) % space) + space) % space;
  const start = NAME_STARTS[combination % NAME_STARTS.length]!;
  const end = NAME_ENDS[Math.floor(combination / NAME_STARTS.length) % NAME_ENDS.length]!;
  const generation = Math.floor(index / space);
  const suffix = BRAND_SUFFIXES[generation % BRAND_SUFFIXES.length]!;
  const qualifierRound = Math.floor(generation / BRAND_SUFFIXES.length);
  const qualifier = qualifierRound === 0 ? '' : `${QUALIFIERS[(qualifierRound - 1) % QUALIFIERS.length]} `;
  const number = qualifierRound > QUALIFIERS.length ? ` ${Math.floor((qualifierRound - 1) / QUALIFIERS.length) + 1}` : '';
  const brand = `${qualifier}${start}${suffix}`;
  const baseName = `${brand} ${end}${number}`;
  const legalSuffix = random.chance(0.55) ? random.pick(LEGAL_SUFFIXES) : null;
  const slug = `${brand.replace(/ /g, '')}${random.chance(0.3) ? '-' : ''}${end}${number.trim()}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9-]/g, '');
  const domain = `${slug}.${random.pick(TLDS)}`;
  const region = random.weighted(REGION_WEIGHTS);
  const place = random.pick(PLACES[region]);
  return {
    name: legalSuffix ? `${baseName} ${legalSuffix}` : baseName,
    baseName,
    legalSuffix,
    domain,
    website: random.chance(0.7) ? `https://www.${domain}` : `https://${domain}`,
    industry: random.pick(INDUSTRIES),
    region,
    street: `${random.int(1, 999)} ${random.pick(STREETS)}`,
    city: place.city,
    state: place.state,
    postalCode: place.postalCode(),
    country: place.country,
    phone: place.phone(random),
    employees: Math.round(Math.exp(random.next() * 10 + 2)),
  };
}

export function personIdentity(random: SeededRandom): PersonIdentity {
  return { firstName: random.pick(FIRST_NAMES), lastName: random.pick(LAST_NAMES), title: random.pick(TITLES) };
}

export function emailAddress(person: PersonIdentity, domain: string, random: SeededRandom): string {
  const first = person.firstName
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
  const last = person.lastName
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
  const local = random.pick([`${first}.${last}`, `${first[0]}${last}`, `${first}`, `${first}_${last}`]);
  return `${local}@${domain}`;
}

/** How a partner might write an existing company's name: casing, suffix changes, "The", "&". */
export function companyNameVariant(company: CompanyIdentity, random: SeededRandom): string {
  const variants = [
    company.baseName,
    company.baseName.toUpperCase(),
    `${company.baseName} ${random.pick(LEGAL_SUFFIXES.filter((s) => s !== company.legalSuffix))}`,
    `The ${company.baseName}`,
    company.baseName.replace(/ /g, ''),
    `${company.baseName.split(' ')[0]} ${company.baseName.split(' ')[1]?.slice(0, 4) ?? ''}.`,
    company.name.toLowerCase(),
  ];
  return random.pick(variants);
}

/** How a partner might write an existing company's website: scheme, www, subdomain, path, trailing slash. */
export function websiteVariant(company: CompanyIdentity, random: SeededRandom): string {
  return random.pick([
    company.domain,
    `www.${company.domain}`,
    `http://${company.domain}/`,
    `https://www.${company.domain}/en-us/`,
    `https://${random.pick(['app', 'shop', 'eu', 'go', 'info'])}.${company.domain}`,
    `HTTPS://WWW.${company.domain.toUpperCase()}`,
  ]);
}

/** A sibling email domain a contact may use (country TLD or a mail subdomain). */
export function emailDomainVariant(company: CompanyIdentity, random: SeededRandom): string {
  const stem = company.domain.replace(/\.[a-z]+$/, '');
  return random.pick([company.domain, `${stem}.co.uk`, `${stem}.de`, `mail.${company.domain}`, `${stem}-group.com`]);
}
