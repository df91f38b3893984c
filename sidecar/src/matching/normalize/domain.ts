import { domainToASCII } from 'node:url';
import { getDomain } from 'tldts';
import { FREE_MAIL_DOMAINS, PLACEHOLDER_EMAIL_DOMAINS } from './free-mail-domains.ts';
import { PROFILE_PLATFORM_DOMAINS, SITE_BUILDER_DOMAINS } from './platform-domains.ts';
import { NOT_PLAIN, firstOfSeveral } from './text.ts';
import { ShortValueSet, WordTable } from './word-table.ts';

const TLDTS_OPTIONS = { allowPrivateDomains: true, validateHostname: true, detectIp: true } as const;
/** For a host already extracted and checked by simpleHostname: tldts only looks up the suffix. */
const TLDTS_HOST_OPTIONS = { allowPrivateDomains: true, extractHostname: false, validateHostname: false, detectIp: false } as const;

/**
 * The registrable domain of a website, host or email address ("https://www.shop.acme.co.uk/x"
 * → "acme.co.uk", "jo@eu.acme.com" → "acme.com"), using the public-suffix list with private
 * suffixes ("acme.github.io" stays itself). Undefined for values that are not a domain
 * ("No", "n/a", IP addresses).
 */
export function registrableDomain(raw: string | null | undefined): string | undefined {
  if (raw == null) return undefined;
  const value = String(raw);
  const plain = plainRegistrableDomain(value);
  if (plain !== NOT_PLAIN) return plain;
  const text = value.trim().toLowerCase();
  if (text === '' || !text.includes('.')) return undefined;
  const from = text.lastIndexOf('@') + 1;
  if (hasSpaceOrNonAscii(text, from)) return asComparedDomain(getDomain(text.slice(from).replace(/\s+/g, ''), TLDTS_OPTIONS));
  return domainFrom(text, from);
}

/** The registrable domain of text[from…], lower-case and without spaces: a host, URL or email domain. */
function domainFrom(text: string, from: number): string | undefined {
  const host = simpleHostname(text, from);
  // simpleHostname's hosts are plain ASCII already.
  if (host !== undefined) return asComparedDomain(getDomain(host, TLDTS_HOST_OPTIONS), true);
  return asComparedDomain(getDomain(from > 0 ? text.slice(from) : text, TLDTS_OPTIONS));
}

/**
 * A registrable domain as domains are compared: an internationalised one in its ASCII form
 * ("müller.de" is "xn--mller-kva.de", as browsers and DNS write it, so both spellings agree);
 * none for "www.<word>", a website whose top-level domain was left out ("www.acme"), which the
 * public-suffix list's default rule would otherwise take for a domain of its own.
 */
function asComparedDomain(domain: string | null, plainAscii = false): string | undefined {
  if (domain === null || domain.startsWith('www.')) return undefined;
  return !plainAscii && hasSpaceOrNonAscii(domain, 0) ? domainToASCII(domain) || undefined : domain;
}

/** Lower-case printable ASCII without spaces: trimming and lower-casing such text change nothing. */
function isPlainLowerAscii(code: number): boolean {
  return code > 32 && code < 127 && !(code >= 65 && code <= 90);
}

/**
 * registrableDomain for plain text (every character isPlainLowerAscii), with one scan instead
 * of a trim, a lower-casing and four searches: for the websites and email domains of millions
 * of records these cost more than the public-suffix lookup. NOT_PLAIN for any other text.
 */
function plainRegistrableDomain(text: string): string | undefined | typeof NOT_PLAIN {
  let hasDot = false;
  let at = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isPlainLowerAscii(code)) return NOT_PLAIN;
    if (code === DOT) hasDot = true;
    else if (code === AT) at = i;
  }
  return hasDot ? domainFrom(text, at + 1) : undefined;
}

const AT = 64;
const SLASH = 47;
const DOT = 46;
const HYPHEN = 45;

/**
 * The host of the common shapes of website and email domain — "acme.com", "www.acme.com/x",
 * "https://www.acme.co.uk/" — when it is plainly valid (lower-case letters, digits, inner
 * hyphens, labels of 1–63, a letter somewhere so it is no IP address); undefined for
 * anything else, which goes through tldts's own URL parsing and validation. Building an index
 * normalises millions of websites, and the URL parsing was half of each lookup.
 */
function simpleHostname(text: string, from = 0): string | undefined {
  // The scheme's length as a constant added on every call: an addition only one scheme's
  // branch makes had no type feedback where an index's records all had the other, and the
  // first website of the other kind (a query's "http://") threw the compiled normalisers away.
  const start = from + (text.startsWith('https://', from) ? 8 : text.startsWith('http://', from) ? 7 : 0);
  let end = start;
  let labelStart = start;
  let hasLetter = false;
  for (; end < text.length; end++) {
    const code = text.charCodeAt(end);
    if (code >= 97 && code <= 122) hasLetter = true;
    else if (code === DOT) {
      if (!isLabel(text, labelStart, end)) return undefined;
      labelStart = end + 1;
    } else if (code === SLASH || code === 63 /* ? */ || code === 35 /* # */) break;
    else if (!((code >= 48 && code <= 57) || code === HYPHEN)) return undefined;
  }
  if (!hasLetter || labelStart === start || !isLabel(text, labelStart, end) || end - start > 253) return undefined;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** 1–63 characters, not starting or ending with a hyphen (the other characters are checked by the caller). */
function isLabel(text: string, start: number, end: number): boolean {
  return end > start && end - start <= 63 && text.charCodeAt(start) !== HYPHEN && text.charCodeAt(end - 1) !== HYPHEN;
}

/** Whether the regex for whitespace is needed (`\s` includes Unicode spaces, all beyond ASCII). */
function hasSpaceOrNonAscii(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 32 || code >= 127) return true;
  }
  return false;
}

/**
 * FREE_MAIL_DOMAINS as a WordTable: every email's domain is looked up, and its shape check rules
 * out most company domains before the hash a Set lookup computes for each new string.
 */
const FREE_MAIL_TABLE = new WordTable<true>([...FREE_MAIL_DOMAINS].map((domain) => [domain, true] as const));

export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_TABLE.get(domain, 0, domain.length) === true;
}

/** The registrable domain of an address when it can identify a company (not free mail). */
export function companyDomainOfEmail(email: string | null | undefined): string | undefined {
  // The address normalizeEmail reads (the first of several in one field), checked in one scan.
  const address = normalizeEmail(email);
  return address === undefined ? undefined : companyDomainOfAddress(address);
}

/**
 * companyDomainOfEmail of an address normalizeEmail returned (trimmed, lower-case, one "@", a
 * dot after it, no space): straight to the domain's public-suffix lookup, without reading the
 * address three more times as normalizeEmail and registrableDomain would.
 */
export function companyDomainOfAddress(address: string): string | undefined {
  const domain = domainFrom(address, address.lastIndexOf('@') + 1);
  return domain && !isFreeMailDomain(domain) ? domain : undefined;
}

type SharedDomainKind = 'free mail' | 'profile platform' | 'site builder';

/**
 * Registrable domains that do not name a company by themselves (one lookup per website; a
 * WordTable, as FREE_MAIL_TABLE is). Through a Map first: a domain in two lists is the later one's.
 */
const SHARED_WEBSITE_DOMAINS = new WordTable<SharedDomainKind>(
  new Map<string, SharedDomainKind>([
    ...[...PROFILE_PLATFORM_DOMAINS].map((domain) => [domain, 'profile platform'] as const),
    ...[...SITE_BUILDER_DOMAINS].map((domain) => [domain, 'site builder'] as const),
    ...[...FREE_MAIL_DOMAINS].map((domain) => [domain, 'free mail'] as const),
  ]),
);

/**
 * The domain of a company website: its registrable domain, never a free-mail provider's; for
 * a site on a site builder, the site's own subdomain ("acme.godaddysites.com"); none for a
 * page on a social network, review site or link shortener ("facebook.com/acmeplumbing"),
 * whose bare domain is the platform's own company (see platform-domains.ts).
 */
export function companyDomainOfWebsite(website: string | null | undefined): string | undefined {
  if (website == null) return undefined;
  const text = String(website);
  return websiteDomain(text) ?? firstWebsiteDomain(text);
}

/** companyDomainOfWebsite of a field holding one website. */
function websiteDomain(website: string): string | undefined {
  const domain = registrableDomain(website);
  if (domain === undefined) return undefined;
  const shared = SHARED_WEBSITE_DOMAINS.get(domain, 0, domain.length);
  if (shared === undefined) return domain;
  if (shared === 'free mail') return undefined;
  const url = parsedWebsite(website);
  if (url === undefined || !(url.hostname === domain || url.hostname.endsWith(`.${domain}`))) return undefined;
  if (shared === 'profile platform') return url.pathname === '/' || url.pathname === '' ? domain : undefined;
  // A site builder: the label before its domain ("www.acme.godaddysites.com" → "acme.godaddysites.com").
  const host = url.hostname.startsWith('www.') ? url.hostname.slice(4) : url.hostname;
  if (host === domain) return domain;
  return host.slice(host.lastIndexOf('.', host.length - domain.length - 2) + 1);
}

/** Between the websites of a field that holds several ("www.acme.com; www.acme.co.uk"). */
const SEVERAL_WEBSITES = /\s*[;,|]\s*|\s+/;

/** The domain of the first website that names one, in a field that holds several (else undefined). */
function firstWebsiteDomain(text: string): string | undefined {
  // Spaces alone do not make several: "acme .com" is one website with a stray space.
  const trimmed = text.trim();
  return /[;,|]/.test(trimmed) ? firstOfSeveral(trimmed, SEVERAL_WEBSITES, websiteDomain) : undefined;
}

/** A website as a URL (the scheme is optional), or undefined when it does not parse as one. */
function parsedWebsite(website: string): URL | undefined {
  const text = website.trim().toLowerCase();
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(text) ? text : `http://${text}`);
  } catch {
    return undefined;
  }
}

/** Lower-cased, trimmed email address when it has one "@" and a domain, else undefined. */
export function normalizeEmail(raw: string | null | undefined): string | undefined {
  if (raw == null) return undefined;
  const value = String(raw);
  // Plain text (the common case) needs no trim or lower-casing: one scan checks the rest.
  let lastAt = -1;
  let ats = 0;
  let dotAfterAt = false;
  let plain = true;
  for (let i = 0; i < value.length && plain; i++) {
    const code = value.charCodeAt(i);
    const kind = code < 128 ? EMAIL_CHARACTER[code] : NOT_IN_PLAIN_EMAIL;
    if (kind === NOT_IN_PLAIN_EMAIL) plain = false;
    else if (code === AT) {
      lastAt = i;
      ats++;
    } else if (code === DOT && lastAt >= 0) dotAfterAt = true;
  }
  if (plain && ats <= 1) return lastAt > 0 && dotAfterAt && !isPlaceholderDomainAt(value, lastAt + 1) ? value : undefined;
  const text = unwrappedAddress(value.trim().toLowerCase());
  // No address has a space, ";", "," or "|" (unquoted): the field holds several, or more than one.
  if (SEVERAL_EMAILS.test(text)) return firstEmail(text);
  const at = text.indexOf('@');
  if (at <= 0 || at !== text.lastIndexOf('@') || !text.slice(at + 1).includes('.')) return undefined;
  return isPlaceholderDomainAt(text, at + 1) ? undefined : text;
}

const PLACEHOLDER_DOMAINS = new ShortValueSet(PLACEHOLDER_EMAIL_DOMAINS);

/** Whether an address's domain, from start to the end, is a placeholder's ("none.com"). */
function isPlaceholderDomainAt(address: string, start: number): boolean {
  return PLACEHOLDER_DOMAINS.has(address, start);
}

/** "<", ">", '"' and ":": an address written inside something ("Jo Smith <jo@acme.com>", "mailto:jo@acme.com"). */
function isAddressWrapping(code: number): boolean {
  return code === 60 || code === 62 || code === 34 || code === 58;
}

/** The address inside "Jo Smith <jo@acme.com>", "mailto:jo@acme.com" or "\"jo@acme.com\"" (lower-cased text). */
function unwrappedAddress(text: string): string {
  let address = text;
  const open = address.indexOf('<');
  const close = open >= 0 ? address.indexOf('>', open) : -1;
  if (close > open + 1) address = address.slice(open + 1, close).trim();
  if (address.startsWith('mailto:')) address = address.slice(7);
  return address.replace(/^["']+|["']+$/g, '');
}

const SEMICOLON = 59;
const COMMA = 44;
const PIPE = 124;

const NOT_IN_PLAIN_EMAIL = 0;
/**
 * By ASCII code, whether the character may be in a plain address (isPlainLowerAscii, and not
 * a separator of several addresses or a wrapping): one read per character of every email.
 */
const EMAIL_CHARACTER = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const separates = code === SEMICOLON || code === COMMA || code === PIPE || isAddressWrapping(code);
  EMAIL_CHARACTER[code] = isPlainLowerAscii(code) && !separates ? 1 : NOT_IN_PLAIN_EMAIL;
}

/** Between the addresses of a field that holds several ("jo@acme.com; info@acme.com"). */
const SEVERAL_EMAILS = /[\s;,|]+/;

/** The first address among a field's words (a word has no separator left to split at). */
function firstEmail(text: string): string | undefined {
  const first = firstOfSeveral(text, SEVERAL_EMAILS, normalizeEmail);
  if (first !== undefined) return first;
  // One address with a stray space in it ("jo @acme.com").
  const joined = text.replace(/\s+/g, '');
  return joined !== text && !SEVERAL_EMAILS.test(joined) ? normalizeEmail(joined) : undefined;
}
