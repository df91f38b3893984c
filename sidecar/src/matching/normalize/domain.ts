import { getDomain } from 'tldts';
import { FREE_MAIL_DOMAINS } from './free-mail-domains.ts';

const TLDTS_OPTIONS = { allowPrivateDomains: true, validateHostname: true, detectIp: true } as const;

/**
 * The registrable domain of a website, host or email address ("https://www.shop.acme.co.uk/x"
 * → "acme.co.uk", "jo@eu.acme.com" → "acme.com"), using the public-suffix list with private
 * suffixes ("acme.github.io" stays itself). Undefined for values that are not a domain
 * ("No", "n/a", IP addresses).
 */
export function registrableDomain(raw: string | null | undefined): string | undefined {
  if (raw == null) return undefined;
  let text = String(raw).trim().toLowerCase();
  if (text === '' || !text.includes('.')) return undefined;
  const at = text.lastIndexOf('@');
  if (at >= 0) text = text.slice(at + 1);
  if (hasSpaceOrNonAscii(text)) text = text.replace(/\s+/g, '');
  const domain = getDomain(text, TLDTS_OPTIONS);
  return domain ?? undefined;
}

/** Whether the regex for whitespace is needed (`\s` includes Unicode spaces, all beyond ASCII). */
function hasSpaceOrNonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 32 || code >= 127) return true;
  }
  return false;
}

export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(domain);
}

/** The registrable domain of an address when it can identify a company (not free mail). */
export function companyDomainOfEmail(email: string | null | undefined): string | undefined {
  if (email == null || !String(email).includes('@')) return undefined;
  const domain = registrableDomain(email);
  return domain && !isFreeMailDomain(domain) ? domain : undefined;
}

/** The registrable domain of a company website, never a free-mail provider's. */
export function companyDomainOfWebsite(website: string | null | undefined): string | undefined {
  const domain = registrableDomain(website);
  return domain && !isFreeMailDomain(domain) ? domain : undefined;
}

/** Lower-cased, trimmed email address when it has one "@" and a domain, else undefined. */
export function normalizeEmail(raw: string | null | undefined): string | undefined {
  if (raw == null) return undefined;
  const text = String(raw).trim().toLowerCase();
  const at = text.indexOf('@');
  if (at <= 0 || at !== text.lastIndexOf('@') || !text.slice(at + 1).includes('.')) return undefined;
  return text;
}
