/**
 * Country → sales region, for distribution eligibility. Regions are the values of
 * Channel_Partner__c.Regions__c. Countries are recognised by ISO 3166 alpha-2 code or by
 * common English name; unknown countries have no region (and so match no regional partner).
 */
export type SalesRegion = 'North America' | 'Latin America' | 'EMEA' | 'APAC';

const REGION_BY_CODE: Record<string, SalesRegion> = {};
const NAME_TO_CODE: Record<string, string> = {};

function register(region: SalesRegion, entries: Array<[code: string, ...names: string[]]>): void {
  for (const [code, ...names] of entries) {
    REGION_BY_CODE[code] = region;
    for (const name of names) NAME_TO_CODE[name] = code;
  }
}

register('North America', [
  ['US', 'united states', 'united states of america', 'usa', 'u.s.', 'u.s.a.', 'america'],
  ['CA', 'canada'],
]);
register('Latin America', [
  ['MX', 'mexico', 'méxico'],
  ['BR', 'brazil', 'brasil'],
  ['AR', 'argentina'],
  ['CL', 'chile'],
  ['CO', 'colombia'],
  ['PE', 'peru', 'perú'],
  ['UY', 'uruguay'],
  ['EC', 'ecuador'],
  ['CR', 'costa rica'],
  ['PA', 'panama'],
  ['GT', 'guatemala'],
  ['DO', 'dominican republic'],
  ['PR', 'puerto rico'],
  ['VE', 'venezuela'],
  ['BO', 'bolivia'],
  ['PY', 'paraguay'],
]);
register('EMEA', [
  ['GB', 'united kingdom', 'uk', 'great britain', 'england', 'scotland', 'wales'],
  ['IE', 'ireland'],
  ['FR', 'france'],
  ['DE', 'germany', 'deutschland'],
  ['NL', 'netherlands', 'the netherlands', 'holland'],
  ['BE', 'belgium'],
  ['LU', 'luxembourg'],
  ['ES', 'spain', 'españa'],
  ['PT', 'portugal'],
  ['IT', 'italy', 'italia'],
  ['CH', 'switzerland'],
  ['AT', 'austria'],
  ['SE', 'sweden'],
  ['NO', 'norway'],
  ['DK', 'denmark'],
  ['FI', 'finland'],
  ['IS', 'iceland'],
  ['PL', 'poland'],
  ['CZ', 'czech republic', 'czechia'],
  ['SK', 'slovakia'],
  ['HU', 'hungary'],
  ['RO', 'romania'],
  ['BG', 'bulgaria'],
  ['GR', 'greece'],
  ['TR', 'turkey', 'türkiye'],
  ['IL', 'israel'],
  ['AE', 'united arab emirates', 'uae'],
  ['SA', 'saudi arabia'],
  ['QA', 'qatar'],
  ['EG', 'egypt'],
  ['ZA', 'south africa'],
  ['NG', 'nigeria'],
  ['KE', 'kenya'],
  ['MA', 'morocco'],
  ['UA', 'ukraine'],
  ['EE', 'estonia'],
  ['LV', 'latvia'],
  ['LT', 'lithuania'],
  ['HR', 'croatia'],
  ['SI', 'slovenia'],
  ['RS', 'serbia'],
]);
register('APAC', [
  ['AU', 'australia'],
  ['NZ', 'new zealand'],
  ['JP', 'japan'],
  ['CN', 'china'],
  ['HK', 'hong kong'],
  ['TW', 'taiwan'],
  ['KR', 'south korea', 'korea', 'republic of korea'],
  ['SG', 'singapore'],
  ['MY', 'malaysia'],
  ['ID', 'indonesia'],
  ['TH', 'thailand'],
  ['VN', 'vietnam', 'viet nam'],
  ['PH', 'philippines'],
  ['IN', 'india'],
  ['PK', 'pakistan'],
  ['BD', 'bangladesh'],
  ['LK', 'sri lanka'],
]);

/** The sales region of a country given as an ISO code or a common name; null when unknown. */
export function regionOfCountry(country: string | null | undefined): SalesRegion | null {
  if (!country) return null;
  const trimmed = country.trim();
  const code = trimmed.length === 2 ? trimmed.toUpperCase() : NAME_TO_CODE[trimmed.toLowerCase()];
  return (code && REGION_BY_CODE[code]) || null;
}
