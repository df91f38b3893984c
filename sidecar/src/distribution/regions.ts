/**
 * Country → sales region, for distribution eligibility. Regions are the values of
 * Channel_Partner__c.Regions__c. Country names and codes are read by the matching engine's
 * normaliser (ISO code or English/local name); an unknown country, or one outside these
 * lists, has no region and so matches no regional partner.
 */
import { normalizeCountry } from '../matching/normalize/country.ts';

export type SalesRegion = 'North America' | 'Latin America' | 'EMEA' | 'APAC';

const COUNTRIES_BY_REGION: Record<SalesRegion, string[]> = {
  'North America': ['US', 'CA'],
  'Latin America': ['MX', 'BR', 'AR', 'CL', 'CO', 'PE', 'UY', 'EC', 'CR', 'PA', 'GT', 'DO', 'PR', 'VE', 'BO', 'PY'],
  EMEA: [
    'GB',
    'IE',
    'FR',
    'DE',
    'NL',
    'BE',
    'LU',
    'ES',
    'PT',
    'IT',
    'CH',
    'AT',
    'SE',
    'NO',
    'DK',
    'FI',
    'IS',
    'PL',
    'CZ',
    'SK',
    'HU',
    'RO',
    'BG',
    'GR',
    'TR',
    'IL',
    'AE',
    'SA',
    'QA',
    'EG',
    'ZA',
    'NG',
    'KE',
    'MA',
    'UA',
    'EE',
    'LV',
    'LT',
    'HR',
    'SI',
    'RS',
  ],
  APAC: ['AU', 'NZ', 'JP', 'CN', 'HK', 'TW', 'KR', 'SG', 'MY', 'ID', 'TH', 'VN', 'PH', 'IN', 'PK', 'BD', 'LK'],
};

const REGION_BY_CODE = new Map<string, SalesRegion>(
  Object.entries(COUNTRIES_BY_REGION).flatMap(([region, codes]) => codes.map((code) => [code, region as SalesRegion] as const)),
);

/** The sales region of a country given as an ISO code or a name; null when unknown. */
export function regionOfCountry(country: string | null | undefined): SalesRegion | null {
  const code = normalizeCountry(country);
  return (code && REGION_BY_CODE.get(code)) || null;
}
