/**
 * Registrable domains that many companies' websites share without being theirs. Small
 * businesses often give a page on a social network or a review site as their website, or a
 * site on a site builder; read as a plain registrable domain, every one of them would be
 * "facebook.com" or "godaddysites.com", and two unrelated companies would agree on the
 * strongest signal there is.
 */

/**
 * Networks, review and map sites, link shorteners: the company is in the path
 * ("facebook.com/acmeplumbing"), so such a website names no company domain. The bare domain
 * ("facebook.com") is the platform's own company.
 */
export const PROFILE_PLATFORM_DOMAINS: ReadonlySet<string> = new Set([
  'facebook.com',
  'fb.com',
  'fb.me',
  'instagram.com',
  'linkedin.com',
  'twitter.com',
  'x.com',
  'youtube.com',
  'youtu.be',
  'tiktok.com',
  'pinterest.com',
  'threads.net',
  'yelp.com',
  'yelp.ca',
  'yelp.co.uk',
  'tripadvisor.com',
  'foursquare.com',
  'nextdoor.com',
  'yellowpages.com',
  'yellowpages.ca',
  'bbb.org',
  'manta.com',
  'mapquest.com',
  'crunchbase.com',
  'glassdoor.com',
  'indeed.com',
  'angel.co',
  'wellfound.com',
  'github.com',
  'medium.com',
  'etsy.com',
  'eventbrite.com',
  'meetup.com',
  'about.me',
  'linktr.ee',
  'goo.gl',
  'g.page',
  'bit.ly',
  'tinyurl.com',
  'ow.ly',
  'wa.me',
  't.me',
  'xing.com',
  'vk.com',
]);

/**
 * Site builders and hosts whose sites are subdomains ("acme.godaddysites.com") and that the
 * public-suffix list does not list as suffixes (those it lists, such as wixsite.com,
 * myshopify.com or github.io, already give "acme.wixsite.com"): the company is the label
 * before the domain.
 */
export const SITE_BUILDER_DOMAINS: ReadonlySet<string> = new Set([
  'godaddysites.com',
  'business.site',
  'squarespace.com',
  'wordpress.com',
  'weebly.com',
  'weebly.co.uk',
  'jimdosite.com',
  'jimdofree.com',
  'site123.me',
  'strikingly.com',
  'mystrikingly.com',
  'webnode.com',
  'tumblr.com',
  'edublogs.org',
  'ueniweb.com',
  'hubspotpagebuilder.com',
  'hs-sites.com',
  'wpengine.com',
  'bigcartel.com',
  'ecwid.com',
  'glitch.me',
]);
