import type { Population } from '../classify/facts.ts';
import { foldText } from '../normalize/text.ts';

export interface PartnerAccount {
  /** The partner's own id for the account (or the row number when the list has none). */
  recordId: string;
  name?: string;
  website?: string;
  phone?: string;
  street?: string;
  city?: string;
  postalCode?: string;
  country?: string;
  population: Population;
}

/**
 * Column names seen in Crossbeam and Reveal exports and in partners' own spreadsheets,
 * compared case-, space- and punctuation-insensitively.
 */
export const PARTNER_LIST_COLUMNS: Record<keyof PartnerAccount | 'openDeal', readonly string[]> = {
  recordId: [
    'record id',
    'partner record id',
    'account id',
    'id',
    'crm id',
    'external id',
    'salesforce id',
    'hubspot id',
    'company id',
    'source id',
  ],
  name: [
    'record name',
    'partner record name',
    'account name',
    'company name',
    'company',
    'name',
    'organization',
    'organisation',
    'account',
    // German, French, Spanish, Italian, Dutch exports
    'firma',
    'firmenname',
    'unternehmen',
    'societe',
    'entreprise',
    'nom de l entreprise',
    'raison sociale',
    'empresa',
    'nombre de la empresa',
    'razon social',
    'azienda',
    'ragione sociale',
    'bedrijf',
    'bedrijfsnaam',
  ],
  website: [
    'domain',
    'website',
    'company domain',
    'account domain',
    'web site',
    'url',
    'company website',
    'record domain',
    'partner record domain',
    'webseite',
    'homepage',
    'site web',
    'site internet',
    'sitio web',
    'pagina web',
    'sito web',
  ],
  phone: ['phone', 'phone number', 'company phone', 'telephone', 'telefon', 'telefono', 'telefoon'],
  street: [
    'street',
    'address',
    'billing street',
    'street address',
    'address line 1',
    'strasse',
    'anschrift',
    'adresse',
    'direccion',
    'indirizzo',
    'adres',
  ],
  city: ['city', 'billing city', 'town', 'ort', 'stadt', 'ville', 'ciudad', 'citta', 'plaats'],
  postalCode: [
    'postal code',
    'zip',
    'zip code',
    'postcode',
    'billing postal code',
    'plz',
    'postleitzahl',
    'code postal',
    'codigo postal',
    'cap',
  ],
  country: ['country', 'billing country', 'country code', 'land', 'pays', 'pais', 'paese'],
  population: [
    'population',
    'partner population',
    'record population',
    'status',
    'account status',
    'type',
    'account type',
    'stage',
    'segment',
    'list',
    'kundenstatus',
    'statut',
    'estado',
    'stato',
  ],
  /**
   * Whether the partner has an open deal on the account, beside its status: Reveal's account
   * mapping shows "Account Status" (Customer or Prospect) and an open deal apart, so an account
   * in pipeline is a "Prospect" with an open deal.
   */
  openDeal: [
    'open deal',
    'open deals',
    'open opportunity',
    'open opportunities',
    'open opp',
    'open opps',
    'has open deal',
    'has open opportunity',
  ],
};

export class PartnerListError extends Error {
  constructor(source: string, row: number | undefined, message: string) {
    super(`${source}${row === undefined ? '' : ` row ${row}`}: ${message}`);
    this.name = 'PartnerListError';
  }
}

/** A header as the aliases are written: folded ("Straße" → strasse, "Téléphone" → telephone), words apart. */
function simplify(header: string): string {
  return foldText(header)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Maps each field to the first header that is one of its aliases. */
export function resolvePartnerListColumns(headers: readonly string[]): Partial<Record<keyof typeof PARTNER_LIST_COLUMNS, string>> {
  const bySimple = new Map(headers.map((h) => [simplify(h), h]));
  const resolved: Partial<Record<keyof typeof PARTNER_LIST_COLUMNS, string>> = {};
  const taken = new Set<string>();
  for (const [field, aliases] of Object.entries(PARTNER_LIST_COLUMNS) as [keyof typeof PARTNER_LIST_COLUMNS, readonly string[]][]) {
    for (const alias of aliases) {
      const header = bySimple.get(alias);
      if (header && !taken.has(header)) {
        resolved[field] = header;
        taken.add(header);
        break;
      }
    }
  }
  return resolved;
}

/**
 * "Customer", "Customers", "Client" → Customer; "Opportunity", "Open Opp", "Pipeline" → Open
 * Opportunity; else Open Opportunity when the open-deal column holds anything but a no, else
 * Prospect. A status that says the account is no customer (any more) — "Non-customer", "Not a
 * customer", "Former customer", "Churned" — is no Customer: telling a rep that the partner
 * serves an account it lost would send them to the wrong partner.
 */
export function partnerPopulation(value: string | undefined, openDeal?: string): Population {
  const text = foldText(value ?? '');
  if (CUSTOMER.test(text) && !NOT_A_CUSTOMER.test(text)) return 'Customer';
  if (OPEN_OPPORTUNITY.test(text)) return 'Open Opportunity';
  if (openDeal !== undefined && !isNoDeal(openDeal)) return 'Open Opportunity';
  return 'Prospect';
}

/**
 * Statuses that name a customer only to say the account is not, or no longer, one. Read only
 * where a status names a customer: "Churned" or "Closed Lost" alone is no Customer anyway, and
 * a customer flagged "churn risk" still is one.
 */
const NOT_A_CUSTOMER =
  /\b(?:non|not|no|ex|former|past|lost|churned|cancell?ed|kein|keine|nicht|ehemalige[rn]?|geen|voormalige?|ancien|ancienne|antiguo|antigua|anterior)\b[\s-]*(?:a\s+)?(?:customer|client|kunde|kund|klant|klient)/;

/**
 * A status that names a customer, in English and in the languages of European partners'
 * exports (French and Spanish "client(e)", German and Nordic "Kunde"/"Kund", Dutch "klant",
 * Polish and Czech "klient").
 */
const CUSTOMER = /customer|client|kunde|\bkund\b|klant|klient|closed won|won/;

/** A status that names a deal in progress (French and Italian "opportunité", Spanish "oportunidad", German "Verkaufschance"). */
const OPEN_OPPORTUNITY = /opportunit|oportunidad|opp\b|pipeline|open deal|in progress|verkaufschance|verkoopkans/;

/**
 * An open-deal cell that says there is none ("No", "No open deal", "Nein", "false", "0", "-",
 * "n/a", empty). The no is a word of its own: "Non-profit renewal" names a deal.
 */
const NO_DEAL = /^(?:|n|false|0|-|—|n\/a|na|null|(?:no|none|not|nein|non|kein|keine|geen|nej)(?![\w-]).*)$/i;

/**
 * Whether an open-deal cell says there is none: a no (NO_DEAL), or an amount of zero however
 * it is written ("$0.00", "0,00 €", "USD 0"), which is how an export with the deal's amount
 * in that column shows an account without one.
 */
function isNoDeal(cell: string): boolean {
  const text = cell.trim();
  if (NO_DEAL.test(text)) return true;
  const amount = text.replace(/[a-z$€£¥\s]/gi, '');
  return /^[-+]?0+(?:[.,]0*)?$/.test(amount);
}

/**
 * A partner's account list (rows of an export, header → value) as PartnerAccounts. Needs a
 * name or a domain column; a row with neither fails with its row number (1 = first data row).
 */
export function partnerAccountsFromRows(rows: readonly Record<string, string | undefined>[], source: string): PartnerAccount[] {
  if (rows.length === 0) return [];
  const columns = resolvePartnerListColumns(Object.keys(rows[0] as object));
  if (!columns.name && !columns.website) {
    throw new PartnerListError(
      source,
      undefined,
      `no company name or domain column (looked for: ${[...PARTNER_LIST_COLUMNS.name, ...PARTNER_LIST_COLUMNS.website].join(', ')})`,
    );
  }
  return rows.map((row, index) => {
    const value = (field: keyof typeof PARTNER_LIST_COLUMNS): string | undefined => {
      const header = columns[field];
      const text = header ? row[header]?.trim() : undefined;
      return text === '' ? undefined : text;
    };
    const name = value('name');
    const website = value('website');
    if (!name && !website)
      throw new PartnerListError(source, index + 1, `has neither ${columns.name ?? 'a name'} nor ${columns.website ?? 'a domain'}`);
    const account: PartnerAccount = {
      recordId: value('recordId') ?? `row-${index + 1}`,
      population: partnerPopulation(value('population'), value('openDeal')),
    };
    if (name) account.name = name;
    if (website) account.website = website;
    for (const field of ['phone', 'street', 'city', 'postalCode', 'country'] as const) {
      const text = value(field);
      if (text) account[field] = text;
    }
    return account;
  });
}
