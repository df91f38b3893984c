import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { domainToASCII } from 'node:url';
import { getDomain } from 'tldts';
import { getCountries } from 'libphonenumber-js';
import {
  MAX_COMPARED_LENGTH,
  companyDomainOfEmail,
  companyDomainOfWebsite,
  isFreeMailDomain,
  normalizeAddress,
  normalizeCity,
  normalizeCompanyName,
  normalizeCountry,
  normalizeEmail,
  normalizePersonName,
  normalizePhone,
  normalizePostalCode,
  overlongFields,
  registrableDomain,
} from '../../src/matching/index.ts';
import { addressParts } from '../../src/matching/normalize/address.ts';
import { companyNameKey } from '../../src/matching/normalize/company-name.ts';
import { companyDomainOfAddress } from '../../src/matching/normalize/domain.ts';
import {
  STORED_COLUMN_ROWS,
  StoredRecordColumns,
  mapStored,
  normalizeRecord,
  normalizeToStored,
} from '../../src/matching/normalize/record.ts';
import { toStoredRecord } from '../../src/matching/scoring/stored-record.ts';
import type { MatchRecord } from '../../src/matching/index.ts';
import { accountRecord, generateCompany, leadRecord, partnerRecord } from '../../bench/match/generate.ts';
import { seededRandom } from '../../bench/seeded-random.ts';
import { personNameKey } from '../../src/matching/normalize/person-name.ts';

const key = (name: string): string => normalizeCompanyName(name).key;

describe('company names', () => {
  it('gives the same key on the fast path for plain ASCII names as the general path', () => {
    const cases = [
      'Acme Holdings Inc',
      'Acme Holdings Co. Ltd',
      'Acme Co Holdings',
      '21st Century Fox',
      'Twenty-First Century Fox',
      'Studio 54 Inc',
      'Route 66 Diner LLC',
      'ACME_Holdings_2012.csv',
      'Chicago Commons\nAssociation',
      'HALF DAY/FULL DAY',
      '3-4 hours',
      'Intl Mfg Ctr LLC',
      'Acme Private Limited',
      'Acme SpA',
      'Day Spa',
      'Acme S.A. de C.V.',
      'The Acme Company',
      'Co Ag',
      'Ltd',
      'Acme & Sons',
      "O'Reilly Media",
      'Müller GmbH',
      '  Acme   Widgets  ',
      'I B M',
      'Acme Widgets L.L.C.',
      'Acme L L C',
      'Acme S.p.A.',
      'Acme Holdings L.L.C.',
      'Acme L.L.C. Holdings',
      'A.B. Dick Company',
      'Acme Widgets X.Y.Z.',
      'Acme B.V.',
      'L.L.C.',
      'Smith und C.O.',
      'Migrove Corporaation',
      'Corporaation',
      'Acme Corp Limitd',
      'Acme Cooperation',
    ];
    const words = [
      'acme',
      'The',
      'and',
      'co',
      'Inc.',
      'ltd',
      'spa',
      'sa',
      'de',
      'cv',
      'intl',
      'x',
      'L.L.C.',
      'b',
      'v',
      'Corp',
      'GmbH',
      'limited',
      'limted',
      'Compnay',
      'corportaion',
      'Tech',
      '42',
      '-',
      '/',
    ];
    let seed = 1;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % words.length;
    for (let i = 0; i < 3000; i++) cases.push(Array.from({ length: 1 + (i % 5) }, () => words[next()]).join(i % 3 === 0 ? ' ' : '  '));
    for (const name of cases) assert.equal(companyNameKey(name), key(name), name);
  });

  it('drops Japanese, Chinese and Korean legal forms, written onto the name or apart', () => {
    for (const name of ['ソニー株式会社', '株式会社ソニー', '(株)ソニー', '㈱ソニー'])
      assert.equal(companyNameKey(name), companyNameKey('ソニー'), name);
    assert.equal(companyNameKey('华为技术有限公司'), companyNameKey('华为技术'));
    for (const name of ['삼성전자 주식회사', '(주)삼성전자', '삼성전자주식회사'])
      assert.equal(companyNameKey(name), companyNameKey('삼성전자'), name);
    // A form alone stays the name.
    assert.notEqual(companyNameKey('株式会社'), '');
  });

  it('drops "Companies" at the end, as US groups name themselves', () => {
    assert.equal(companyNameKey("Lowe's Companies, Inc."), companyNameKey('Lowes'));
    assert.equal(companyNameKey('The Estée Lauder Companies Inc.'), 'estee lauder');
    assert.equal(companyNameKey('Cos'), 'cos');
    assert.notEqual(companyNameKey('Companies'), '');
    assert.equal(companyNameKey('Companies Of Texas'), 'companies texas');
  });

  it('drops a long legal form misspelt at the end of a name, not another word', () => {
    for (const name of ['Migrove Corporaation', 'Migrove Corportaion', 'MIGROVE INCORPORATD', 'Migrove Limted', 'Migrove Compnay'])
      assert.equal(companyNameKey(name), 'migrove', name);
    assert.equal(companyNameKey('Migrove Corp Limitd'), 'migrove');
    // Two changes that are not a swap make another word; a misspelt form alone stays the name.
    assert.equal(companyNameKey('Acme Cooperation'), 'acme cooperation');
    assert.equal(companyNameKey('Acme Compass'), 'acme compass');
    assert.equal(companyNameKey('Corporaation'), 'corporaation');
  });

  it('folds case, accents and punctuation', () => {
    assert.equal(key('Société Générale'), 'societe generale');
    assert.equal(key('MÜLLER & SÖHNE'), 'muller sohne');
    assert.equal(key('Ørsted A/S'), 'orsted');
    assert.equal(key('Straße-Bau  GmbH'), 'strasse bau');
    assert.equal(key("Children's Place"), key('Childrens Place'));
    assert.equal(key('Children?s House'), 'childrens house');
  });

  it("reads a possessive split off its word, as in datasets split into tokens ('morton 's')", () => {
    assert.equal(key("arnie morton 's of chicago"), key("Arnie Morton's of Chicago"));
    assert.equal(key('Art ’s Deli'), 'arts deli');
    // Quotes around a name and a lone quoted letter are not possessives.
    assert.equal(key("' art 's delicatessen '"), 'arts delicatessen');
    assert.equal(key("Rock 'n' Roll Diner"), 'rock n roll diner');
    assert.equal(key("Kids 'sports' Club"), 'kids sports club');
  });

  it("drops a parenthesised place from a name when it is the record's own city or country, and no other parenthesis", () => {
    const nameKey = (name: string, city?: string): string => normalizeToStored({ id: 'x', name, city }).nameKey;
    assert.equal(nameKey('Le Chardonnay (Los Angeles)', 'los angeles'), key('Le Chardonnay'));
    assert.equal(nameKey('Park Avenue Cafe (New York City) ', 'New York'), 'park avenue cafe');
    assert.equal(normalizeRecord({ id: 'x', name: 'Coyote Cafe (Las Vegas)', city: 'Las Vegas, NV' }).name.key, 'coyote cafe');
    // Another city, a site, or no city to compare with: the parenthesis is part of the name.
    assert.equal(nameKey('Spago (Los Angeles)', 'W. Hollywood'), 'spago los angeles');
    assert.equal(nameKey('Mary Crane Center (Lake & Pulaski)', 'Chicago'), key('Mary Crane Center Lake & Pulaski'));
    assert.equal(nameKey('Le Chardonnay (Los Angeles)'), key('Le Chardonnay Los Angeles'));
    // The whole name in parentheses is still a name.
    assert.equal(nameKey('(Boston)', 'Boston'), 'boston');
    // The record's own country, wherever it stands, as groups name their national companies.
    const inCountry = (name: string, country?: string): string => normalizeToStored({ id: 'x', name, country }).nameKey;
    assert.equal(inCountry('Siemens (UK) Ltd', 'United Kingdom'), 'siemens');
    assert.equal(inCountry('Acme (Deutschland) GmbH', 'DE'), 'acme');
    assert.equal(inCountry('Acme Inc. (USA)', 'US'), 'acme');
    assert.equal(normalizeRecord({ id: 'x', name: 'Siemens (UK) Ltd', country: 'GB' }).name.key, 'siemens');
    // Another country, or none to compare with: two national companies stay apart.
    assert.equal(inCountry('Acme (UK) Ltd', 'US'), 'acme uk');
    assert.equal(inCountry('Acme (UK) Ltd'), 'acme uk');
  });

  it('drops legal forms in many languages', () => {
    for (const [raw, expected] of [
      ['Acme, Inc.', 'acme'],
      ['Acme Incorporated', 'acme'],
      ['Acme LLC', 'acme'],
      ['Acme L.L.C.', 'acme'],
      ['Acme Ltd', 'acme'],
      ['Acme Limited', 'acme'],
      ['Acme Corp.', 'acme'],
      ['Acme PLC', 'acme'],
      ['Siemens AG', 'siemens'],
      ['Bosch GmbH & Co. KG', 'bosch'],
      ['Philips N.V.', 'philips'],
      ['ASML Holding B.V.', 'asml holding'],
      ['Carrefour S.A.', 'carrefour'],
      ['Capgemini SAS', 'capgemini'],
      ['Dupont SARL', 'dupont'],
      ['Fiat S.p.A.', 'fiat'],
      ['Enel SpA', 'enel'],
      ['Bianchi S.r.l.', 'bianchi'],
      ['Nokia Oyj', 'nokia'],
      ['Kone Oy', 'kone'],
      ['Volvo AB', 'volvo'],
      ['Equinor ASA', 'equinor'],
      ['Maersk ApS', 'maersk'],
      ['Toyota K.K.', 'toyota'],
      ['Atlassian Pty Ltd', 'atlassian'],
      ['Grupo Bimbo, S.A.B. de C.V.', 'grupo bimbo'],
      ['Cemex S.A. de C.V.', 'cemex'],
      ['Acme Limited Liability Company', 'acme'],
      ['ООО «Ромашка»', 'ромашка'],
      ['ПАО Газпром', 'газпром'],
      ['JSC Kazmunaygas', 'kazmunaygas'],
      ['Ακμή Α.Ε.', 'ακμη'],
      ['Koç Holding A.Ş.', 'koc holding'],
      ['Acme Ltd. Şti.', 'acme'],
      ['Ericsson AB (publ)', 'ericsson'],
      ['Acme gGmbH', 'acme'],
      ['Acme UG (haftungsbeschränkt)', 'acme'],
      ['Acme Sp. z o.o.', 'acme'],
      ['Acme DAC', 'acme'],
      ['Acme Unlimited Company', 'acme'],
      ['Acme Limited Partnership', 'acme'],
      ['Infosys Pvt. Ltd.', 'infosys'],
      ['Acme India (Pvt) Ltd', 'acme india'],
      // Forms written out.
      ['Nordström Bygg Aktiebolag', 'nordstrom bygg'],
      ['Dansk Tømrer Aktieselskab', 'dansk tomrer'],
      ['Norsk Fisk Aksjeselskap', 'norsk fisk'],
      ['Suomen Kone Osakeyhtiö', 'suomen kone'],
      ['Dansk Design Anpartsselskab', 'dansk design'],
      ['Kaya İnşaat Anonim Şirketi', 'kaya insaat'],
      ['Cape Fynbos Proprietary Limited', 'cape fynbos'],
      ['Schmidt & Söhne Offene Handelsgesellschaft', 'schmidt sohne'],
      ['Lumière Conseil Société par actions simplifiée', 'lumiere conseil'],
      ['Dupont Société à responsabilité limitée', 'dupont'],
      ['Rossi Impianti Società a responsabilità limitata', 'rossi impianti'],
      ['Talleres Ruiz Sociedad de Responsabilidad Limitada', 'talleres ruiz'],
      ['Verdemar Comércio Sociedade Limitada', 'verdemar comercio'],
      ['Orlen Spółka Akcyjna', 'orlen'],
      ['Proprietary Software Inc', 'proprietary software'],
      // The letter of the country, or of "Private", that belongs to the form after it.
      ['Acme Logistics (S) Pte. Ltd.', 'acme logistics'],
      ['Acme(S)Pte Ltd', 'acme'],
      ['Acme Engineering (M) Sdn. Bhd.', 'acme engineering'],
      ['Tata Consultancy (P) Ltd', 'tata consultancy'],
      ['Acme (S) Group', 'acme s group'],
      // Short forms that are also names stay where they are not at the end.
      ['STI Group', 'sti group'],
      ['SP Plus Corporation', 'sp plus'],
    ]) {
      assert.equal(key(raw as string), expected, raw);
    }
  });

  it('keeps ambiguous short words that are part of the name', () => {
    assert.equal(key('Luxury Day Spa'), 'luxury day spa');
    assert.equal(key('AB Dick'), 'ab dick');
    assert.equal(key('The Company'), 'company');
  });

  it("drops a practice's professional designation after its name, as a legal form", () => {
    assert.equal(key('John Smith MD'), 'john smith');
    assert.equal(key('Smith Family Dentistry, DDS'), key('Smith Family Dentistry'));
    assert.equal(key('Jones & Lee CPAs'), key('Jones and Lee CPA'));
    // Not where it opens the name.
    assert.equal(key('MD Anderson Cancer Center'), 'md anderson cancer center');
  });

  it('treats "&", "and" and "the" alike', () => {
    assert.equal(key('The Johnson & Johnson Company'), key('Johnson and Johnson'));
    assert.equal(key('Procter & Gamble Co.'), 'procter gamble');
  });

  it('spells out common abbreviations', () => {
    assert.equal(key('Acme Intl Mfg Ctr'), 'acme international manufacturing center');
    assert.equal(key('Acme Svcs Assoc'), 'acme services association');
    assert.equal(key('Acme Constr Hldgs'), key('Acme Construction Holdings'));
    assert.equal(key('Acme Mktg & Comms'), key('Acme Marketing and Communications'));
    assert.equal(key('Lake Cnty Twp Fdn'), key('Lake County Township Foundation'));
    assert.equal(key('Acme Equip Sply'), key('Acme Equipment Supply'));
    assert.equal(key('St. Mary Hosp.'), 'saint mary hospital');
    assert.equal(key('Acme Centre'), key('Acme Center'));
  });

  it('writes numbers and ordinals below 100 in a name as words, so both spellings agree and initials stay letters', () => {
    assert.equal(key('3 Rivers Mfg'), key('Three Rivers Manufacturing'));
    assert.equal(key('1st Choice Realty'), key('First Choice Realty'));
    assert.equal(key('7-Eleven, Inc.'), 'seven eleven');
    assert.equal(key('12th Street Deli'), 'twelfth street deli');
    assert.equal(normalizeCompanyName('First National Bank').acronym, 'fnb');
    // "21st Century Fox" / "Twenty-First Century Fox" was a review on an agreeing phone (0.68).
    assert.equal(key('21st Century Fox'), key('Twenty-First Century Fox'));
    assert.equal(key('21st Century Fox'), 'twenty first century fox');
    assert.equal(key('20th Century Studios'), key('Twentieth Century Studios'));
    assert.equal(key('24 Hour Fitness'), key('Twenty Four Hour Fitness'));
    assert.equal(key('Studio 54'), 'studio fifty four');
    assert.equal(key('13th Floor Elevators'), 'thirteenth floor elevators');
    assert.equal(key('Forty Acres Farm LLC'), key('40 Acres Farm'));
    // Larger numbers, and numbers written onto a word, stay as written.
    assert.equal(key('Teamsters Local 705'), 'teamsters local 705');
    assert.equal(key('3M Company'), '3m');
  });

  it('joins dotted or spaced initials and gives the acronym of longer names', () => {
    assert.equal(key('I.B.M. Corp'), 'ibm');
    assert.equal(key('I B M'), 'ibm');
    assert.equal(normalizeCompanyName('International Business Machines').acronym, 'ibm');
  });

  it('returns an empty key for blank input', () => {
    assert.equal(key(''), '');
    assert.equal(normalizeCompanyName(null).key, '');
  });
});

describe('domains and emails', () => {
  it('reduces websites to the registrable domain', () => {
    assert.equal(registrableDomain('https://www.shop.acme.co.uk/path?q=1'), 'acme.co.uk');
    assert.equal(registrableDomain('WWW.ChicagoCommons.org'), 'chicagocommons.org');
    assert.equal(registrableDomain('acme.com.au'), 'acme.com.au');
    assert.equal(registrableDomain('jo@eu.acme.com'), 'acme.com');
  });

  it('keeps private suffixes apart (acme.github.io is not github.io)', () => {
    assert.equal(registrableDomain('https://acme.github.io/site'), 'acme.github.io');
    assert.equal(registrableDomain('acme.herokuapp.com'), 'acme.herokuapp.com');
  });

  it('rejects values that are not domains', () => {
    assert.equal(registrableDomain('No'), undefined);
    assert.equal(registrableDomain('n/a'), undefined);
    assert.equal(registrableDomain('192.168.1.10'), undefined);
    assert.equal(registrableDomain(''), undefined);
  });

  it('reads odd URL shapes the same way the plain ones are read (ports, user info, trailing dots, bad labels)', () => {
    assert.equal(registrableDomain('http://192.168.1.10/admin'), undefined);
    assert.equal(registrableDomain('https://www.acme.com:8443/x'), 'acme.com');
    assert.equal(registrableDomain('http://user@www.acme.com/'), 'acme.com');
    assert.equal(registrableDomain('www.acme.com.'), 'acme.com');
    assert.equal(registrableDomain('https://www.acme.co.uk#top'), 'acme.co.uk');
    assert.equal(registrableDomain('acme-.com'), undefined);
    assert.equal(registrableDomain('acme..com'), undefined);
    assert.equal(registrableDomain(`${'a'.repeat(64)}.com`), undefined);
    assert.equal(registrableDomain(`${'a'.repeat(63)}.com`), `${'a'.repeat(63)}.com`);
    // A website without its top-level domain names no domain ("www" is no company).
    assert.equal(registrableDomain('www.acme'), undefined);
    assert.equal(registrableDomain('http://www.acme/'), undefined);
    // An internationalised domain, however written, in the ASCII form DNS uses.
    assert.equal(registrableDomain('http://www.müller.de'), 'xn--mller-kva.de');
    assert.equal(registrableDomain('xn--mller-kva.de'), 'xn--mller-kva.de');
    assert.equal(companyDomainOfEmail('jo@Müller.de'), 'xn--mller-kva.de');
  });

  it('never counts free-mail providers as a company domain', () => {
    for (const email of [
      'jane@gmail.com',
      'j@googlemail.com',
      'x@outlook.com',
      'x@hotmail.co.uk',
      'x@nc.rr.com',
      'x@windstream.net',
      'x@yahoo.co.jp',
      'x@proton.me',
      'x@gmx.de',
      'x@web.de',
      'x@mail.ru',
      'x@qq.com',
      'x@163.com',
      'x@naver.com',
      'x@icloud.com',
    ]) {
      assert.equal(companyDomainOfEmail(email), undefined, email);
    }
    assert.equal(companyDomainOfEmail('jane.doe@sales.globex.com'), 'globex.com');
    assert.equal(companyDomainOfWebsite('https://gmail.com'), undefined);
    assert.ok(isFreeMailDomain('yandex.ru'));
  });

  it('reads the company domain of an address normalizeEmail returned as of the raw field', () => {
    // The index's shortcut (companyDomainOfAddress) must agree with the full path everywhere.
    for (const email of [
      'jane.doe@sales.globex.com',
      'Jane.Doe@SALES.Globex.COM ',
      'Jo Smith <jo@acme.co.uk>',
      'mailto:jo@eu.acme.com',
      'jo@acme.github.io',
      'jo@münchen-bau.de',
      'jo@192.168.0.1',
      'jo@gmail.com',
      'jo@acme.com; info@acme.co.uk',
      'jo @acme.com',
      'jo@-acme.com',
      'jo@acme..com',
    ]) {
      const address = normalizeEmail(email);
      if (address !== undefined) assert.equal(companyDomainOfAddress(address), companyDomainOfEmail(email), email);
    }
    assert.equal(companyDomainOfAddress('jo@münchen-bau.de'), 'xn--mnchen-bau-9db.de');
    assert.equal(companyDomainOfAddress('jo@gmail.com'), undefined);
  });

  it('never takes a page on a social network, review site or shortener for a company domain', () => {
    for (const website of [
      'https://www.facebook.com/acmeplumbing',
      'facebook.com/pages/Acme-Plumbing/123',
      'https://www.linkedin.com/company/acme',
      'instagram.com/acme',
      'https://www.yelp.com/biz/acme-plumbing-chicago',
      'https://goo.gl/maps/xyz',
      'bit.ly/acme',
      'linktr.ee/acme',
      'http://m.facebook.com/acme',
    ])
      assert.equal(companyDomainOfWebsite(website), undefined, website);
    // The platform's own site is its company's domain.
    assert.equal(companyDomainOfWebsite('https://www.facebook.com/'), 'facebook.com');
    assert.equal(companyDomainOfWebsite('linkedin.com'), 'linkedin.com');
  });

  it('reads a site on a site builder as its own subdomain', () => {
    assert.equal(companyDomainOfWebsite('https://acme.godaddysites.com/'), 'acme.godaddysites.com');
    assert.equal(companyDomainOfWebsite('www.acme-plumbing.business.site'), 'acme-plumbing.business.site');
    assert.equal(companyDomainOfWebsite('http://shop.acme.squarespace.com/about'), 'acme.squarespace.com');
    assert.notEqual(companyDomainOfWebsite('acme.wordpress.com'), companyDomainOfWebsite('globex.wordpress.com'));
    assert.equal(companyDomainOfWebsite('https://www.squarespace.com'), 'squarespace.com');
    // Those on the public-suffix list were already read this way.
    assert.equal(companyDomainOfWebsite('acme.wixsite.com/home'), 'acme.wixsite.com');
  });

  it('takes the first of several websites in one field', () => {
    assert.equal(companyDomainOfWebsite('www.acme.com; www.acme.co.uk'), 'acme.com');
    assert.equal(companyDomainOfWebsite('facebook.com/acme, https://acme.io'), 'acme.io');
    assert.equal(companyDomainOfWebsite('n/a; none'), undefined);
  });

  it('normalises email addresses', () => {
    assert.equal(normalizeEmail('  Jane.Doe@Globex.COM '), 'jane.doe@globex.com');
    assert.equal(normalizeEmail('not-an-email'), undefined);
    assert.equal(normalizeEmail('a@b@c.com'), undefined);
    // Several in one field: the first.
    assert.equal(normalizeEmail('Jo@Acme.com; info@acme.com'), 'jo@acme.com');
    assert.equal(normalizeEmail('jo@acme.com,info@globex.com'), 'jo@acme.com');
    assert.equal(normalizeEmail('n/a, info@acme.com'), 'info@acme.com');
    // One address with a stray space.
    assert.equal(normalizeEmail('jo @acme.com'), 'jo@acme.com');
  });
});

describe('phones', () => {
  it('writes US numbers in E.164 whatever the format', () => {
    for (const raw of ['(312) 555-0142', '312.555.0142', '+1 312 555 0142', '1-312-555-0142', '3125550142']) {
      assert.equal(normalizePhone(raw)?.e164, '+13125550142', raw);
    }
  });

  it('drops extensions', () => {
    assert.equal(normalizePhone('312-555-0142 ext. 204')?.e164, '+13125550142');
    assert.equal(normalizePhone('(312) 555-0142 x12')?.e164, '+13125550142');
  });

  it('keeps the local part of a number without area code', () => {
    const phone = normalizePhone('386-5286');
    assert.equal(phone?.e164, undefined);
    assert.equal(phone?.local, '3865286');
    assert.equal(normalizePhone('(773) 386-5286')?.local, '3865286');
  });

  it('reads national numbers with the record country', () => {
    assert.equal(normalizePhone('030 1234567', 'DE')?.e164, '+49301234567');
    assert.equal(normalizePhone('020 7946 0958', 'GB')?.e164, '+442079460958');
    assert.equal(normalizePhone('+44 (0)20 7946 0958')?.e164, '+442079460958');
    assert.equal(normalizePhone('+49 30 1234567')?.e164, '+49301234567');
  });

  it('reads 00 as the way abroad for a North American record too (no number there starts with 0)', () => {
    assert.equal(normalizePhone('00 44 20 7946 0958')?.e164, '+442079460958');
    assert.equal(normalizePhone('0049 30 1234567', 'CA')?.e164, '+49301234567');
    // With the "(0)" trunk prefix Europeans write after the country code, which is not dialled.
    assert.equal(normalizePhone('0049 (0) 89 1234567', 'US')?.e164, '+49891234567');
    assert.equal(normalizePhone('Tel. 0044 (0)20 7946 0958', 'US')?.e164, '+442079460958');
    assert.equal(normalizePhone('011 44 20 7946 0958')?.e164, '+442079460958');
  });

  it('keeps only the last seven digits of a number written nationally abroad, on a North American record', () => {
    // No North American number opens with 0: "089 1234567" was read as "+10891234567" and
    // disagreed with "+49 89 1234567".
    for (const [national, international] of [
      ['089 1234567', '+49 (0) 89 1234567'],
      ['01 42 68 53 00', '+33 1 42 68 53 00'],
      ['(02) 9374 4000', '+61 2 9374 4000'],
    ] as const) {
      assert.deepEqual(normalizePhone(national, 'US'), { local: normalizePhone(international)?.local }, national);
    }
    assert.equal(normalizePhone('089 1234567', 'DE')?.e164, '+49891234567');
  });

  it('takes the first of several numbers in one field', () => {
    assert.equal(normalizePhone('312-555-0100 / 312-555-0101')?.e164, '+13125550100');
    assert.equal(normalizePhone('+44 20 7946 0958; +44 20 7946 0959')?.e164, '+442079460958');
    assert.equal(normalizePhone('(312) 555-0100 or (312) 555-0199')?.e164, '+13125550100');
    assert.equal(normalizePhone('312-555-0100 x12, 312-555-0101')?.e164, '+13125550100');
    // One number written with a slash after its area code stays one number.
    assert.equal(normalizePhone('310/246-1501')?.e164, '+13102461501');
  });

  it('dials toll-free numbers spelled in letters, and only those', () => {
    assert.equal(normalizePhone('1-800-FLOWERS')?.e164, '+18003569377');
    assert.equal(normalizePhone('1-800-356-9377')?.e164, '+18003569377');
    assert.equal(normalizePhone('(800) GOT-MILK')?.e164, '+18004686455');
    assert.equal(normalizePhone('+1 888 MATTRESS')?.e164, '+18886288737', 'the eighth letter is not dialled');
    assert.equal(normalizePhone('1-800-FLOWERS x12')?.e164, '+18003569377');
    assert.equal(normalizePhone('877-4-RENT-NOW')?.local, '4736866');
    assert.equal(normalizePhone('Tel: 312 555 0100')?.e164, '+13125550100');
    assert.equal(normalizePhone('1-800-CALL'), undefined, 'too short to dial');
    assert.equal(normalizePhone('312-FLOWERS')?.e164, undefined, 'not a toll-free code');
    assert.equal(normalizePhone('800-FLOWERS', 'GB'), undefined, 'a record outside North America');
    assert.equal(normalizePhone('+1 800 FLOWERS', 'GB')?.e164, '+18003569377');
  });

  it('ignores values too short to be a phone', () => {
    assert.equal(normalizePhone('12'), undefined);
    assert.equal(normalizePhone(''), undefined);
  });
});

describe('person names', () => {
  it('drops honorifics, suffixes and middle initials; resolves nicknames', () => {
    assert.equal(normalizePersonName('Dr. Robert J. Smith Jr.')?.key, 'robert smith');
    assert.equal(normalizePersonName('Smith, Bob')?.key, 'robert smith');
    assert.equal(normalizePersonName('Bob', 'Smith')?.key, 'robert smith');
    assert.equal(normalizePersonName('José  García')?.key, 'jose garcia');
    // A surname with particles compares on its last word in every form it comes in.
    for (const name of ['Jan van der Berg', 'van der Berg, Jan', 'Dr. Jan van der Berg'])
      assert.equal(normalizePersonName(name)?.key, 'jan berg', name);
    assert.equal(normalizePersonName('Jan', 'van der Berg')?.key, 'jan berg');
    assert.equal(normalizePersonName('Jane Doe, CPA')?.key, 'jane doe');
    // Titles written before a name in other languages.
    for (const name of ['Dr. med. Hans Müller', 'Dipl.-Ing. Hans Müller', 'Mag. Hans Müller', 'Herr Hans Müller'])
      assert.equal(personNameKey(name), 'hans muller', name);
    assert.equal(personNameKey('Sig. Mario Rossi'), 'mario rossi');
    assert.equal(personNameKey('Dott.ssa Anna Bianchi'), 'anna bianchi');
    assert.equal(normalizePersonName('  ')?.key, undefined);
  });

  it('gives the same key on the fast path for plain names as the general path', () => {
    const names = [
      'Jane Doe',
      'JANE  DOE',
      'Dr. Robert J. Smith Jr.',
      'Mrs Kate Q Public',
      'J. Robert Smith',
      'J Q Smith',
      'Bob',
      'Smith',
      'Mr. Jr.',
      'Dr',
      'Stephen van der Berg III',
      'Liz Taylor PhD',
      'Anne-Marie Dupont',
      'Jim  3rd',
      "O'Brien Pat",
      'Smith, Bob',
      'José García',
      'x y',
      '',
      '  ',
      '- .',
    ];
    for (const name of names) assert.equal(personNameKey(name), normalizePersonName(name)?.key, name);
    assert.equal(personNameKey(null), undefined);
  });
});

describe('addresses', () => {
  it('reduces a street address to house number and street name', () => {
    const expected = { number: '37', street: '47th', streetHead: '47th' };
    assert.deepEqual(normalizeAddress('37 W. 47th Street'), expected);
    assert.deepEqual(normalizeAddress('37 West 47th St'), expected);
    assert.deepEqual(normalizeAddress('37 W 47TH ST, Suite 200'), expected);
    assert.deepEqual(normalizeAddress('37 W. 47th St. Ste 4B'), expected);
  });

  it('handles units, floors and one-line addresses', () => {
    assert.equal(normalizeAddress('744 North Monticello Ave. 1st Floor')?.street, 'monticello');
    assert.equal(normalizeAddress('100 Main St #12')?.street, 'main');
    const oneLine = normalizeAddress('27 Washington Oak Park IL 60302');
    assert.equal(oneLine?.number, '27');
    assert.equal(oneLine?.streetHead, 'washington');
    assert.equal(oneLine?.postalCode, '60302');
  });

  it('finds the house number after the street (continental order) and before a leading unit', () => {
    assert.deepEqual(normalizeAddress('Hauptstraße 5'), { number: '5', street: 'hauptstr', streetHead: 'hauptstr' });
    assert.equal(normalizeAddress('Hauptstr. 5, 10115 Berlin')?.streetHead, 'hauptstr');
    assert.equal(normalizeAddress('Via Roma 12')?.number, '12');
    assert.deepEqual(normalizeAddress('Suite 200, 123 Main St'), { number: '123', street: 'main', streetHead: 'main' });
  });

  it('gives the same number, street head and ZIP on the fast path for plain addresses as the general path', () => {
    const addresses = [
      '37 W. 47th Street',
      '37 W 47TH ST, Suite 200',
      '744 North Monticello Ave. 1st Floor',
      '744 North Monticello Ave. 1st Fl 2',
      '12 3rd Floor',
      '100 Main St #12',
      '27 Washington Oak Park IL 60302',
      '27 Washington 60302',
      'Washington Oak Park IL 60302',
      'Hauptstraße 5',
      'Hauptstrasse 5',
      'Hauptstr. 5, 10115 Berlin',
      'Via Roma 12',
      'Via Roma 12b',
      'Via Roma 123456',
      'Suite 200, 123 Main St',
      '5534 S Saint Louis Ave',
      '5534 S. St Louis',
      'Dr. Martin Luther King Dr',
      'N St',
      'Suite 200',
      'PO Box 77',
      '1600',
      "1 Children's Way",
      '80 Fifth Avenue',
      '2100 Twenty-First St',
      '1 Twenty Third Avenue Suite 4',
      '12 Twenty St',
      '8938-40 S. Cottage Grove',
      'PO Box 123',
      'P.O. Box 12345, Springfield IL 62701',
      'Post Office Box 9 60601',
      'PO Box',
      'POB 1234',
      'Box 77',
      'Postfach 10 20 30, 70173 Stuttgart',
      'B.P. 45',
      'GPO Box 1234, Sydney NSW 2001',
      'Apartado de correos 12',
      '112 East 51 Street',
      '1 W 111 St',
      '100 Highway 1',
      'Hayes Center 4859 S. Wabash',
      'Hayes Center 4859 Wabash Ave',
      'Tower 2 Main St',
      '4300 - 4310 N. Broadway',
      '12-14 Main St',
      '12 14',
      '10 40th St',
      '80 fifth ave 10011',
      '212 W. Twelfth St',
      'Third Floor, 100 Main St',
      '100 Main St Second Fl',
      'Fifth Floor',
      'First',
      'Rue de l’Église 3',
      '12 rue de Rivoli',
      'Avenida Paulista, 1000',
      'Am Markt 3',
      '1290 Avenue of the Americas',
      'Flat 3, 12 High Street',
      'Level 5, 1 Martin Place',
      'One Microsoft Way',
      'One 5th Ave',
      'One Way',
      'Via',
      '1100 L St NW',
      '2050 E 93th St.',
      '5 22th',
      '12 3th Floor',
      '12 rue saint honore',
      '1 The Alameda',
      'Calle 8',
      '29 bd Haussmann',
      '3 r. de Rivoli',
      'C/ Mayor 5',
      'V.le Monza 10',
      'P.zza Duomo 1',
      'C.so Buenos Aires 12',
      'Marktpl. 3',
      'Marktplatz 3',
      'Kalverstraat 12',
      '12 R Street',
      'R Street',
      'C/ 5',
      'Piazza San Marco 1',
      'Hauptstraße 5 a',
      'Keizersgracht 123-A',
      '221 B Baker St',
      '5365 W North Ave',
      '9501 S. DR MARTIN LUTHER KING',
      '2000 MLK Blvd',
      '1 Martin Place',
      '12 N Main St',
      '4059 Mt Lee Dr',
      '100 Fort St',
      '10 Point Loma Blvd',
      'Hayes Center 4859 S Wabash',
      'Drottninggatan 5',
      'P.zza S. Marco 1',
      'Via S. Giovanni 12',
      'Via S 5',
      '1000 Rue Ste-Catherine O',
      '100 Main St Ste 200',
      '100 Main St Ste B',
      '5 Ste Anne Rd',
      '100 Main St Ste',
      '',
      ' , ',
    ];
    const parts = (address: { number: string; streetHead: string; postalCode?: string } | undefined): unknown =>
      address && [address.number, address.streetHead, address.postalCode];
    for (const address of addresses) assert.deepEqual(parts(addressParts(address)), parts(normalizeAddress(address)), address);
  });

  it('reads numbered streets spelled out as their digits, and a floor spelled out as a floor', () => {
    const fifth = { number: '80', street: '5th', streetHead: '5th' };
    assert.deepEqual(normalizeAddress('80 Fifth Avenue'), fifth);
    assert.deepEqual(normalizeAddress('80 5th Ave.'), fifth);
    assert.deepEqual(normalizeAddress('212 W. Twelfth St'), { number: '212', street: '12th', streetHead: '12th' });
    assert.deepEqual(normalizeAddress('Third Floor, 100 Main St'), { number: '100', street: 'main', streetHead: 'main' });
    assert.deepEqual(normalizeAddress('100 Main St, Second Fl'), { number: '100', street: 'main', streetHead: 'main' });
    // Written as a bare number before a street type, too; a number after one ("Highway 1") stays a number.
    assert.equal(normalizeAddress('112 East 51 Street')?.streetHead, normalizeAddress('112 E 51ST STREET')?.streetHead);
    assert.equal(normalizeAddress('1 W 111 St')?.streetHead, '111th');
    assert.equal(normalizeAddress('100 Highway 1')?.streetHead, '1');
    // A numbered street with the wrong ending is the street its number names.
    assert.equal(addressParts('2050 E 93th St.')?.streetHead, '93rd');
    assert.equal(normalizeAddress('10 W 1th Ave')?.streetHead, '1st');
    // Compound ordinals, hyphenated or not, and the tens.
    assert.equal(addressParts('2100 Twenty-First St')?.streetHead, '21st');
    assert.equal(addressParts('455 W Forty Second Street')?.streetHead, addressParts('455 W. 42nd St.')?.streetHead);
    assert.equal(normalizeAddress('9 Ninety-Ninth Street')?.street, '99th');
    assert.equal(addressParts('100 Thirtieth Ave')?.streetHead, '30th');
    // "Twenty" alone is a street's name.
    assert.equal(addressParts('12 Twenty St')?.streetHead, 'twenty');
  });

  it('reads a building name before a US-order address as no street', () => {
    const wabash = { number: '4859', street: 'wabash', streetHead: 'wabash' };
    assert.deepEqual(normalizeAddress('Hayes Center 4859 S. Wabash'), wabash);
    assert.deepEqual(normalizeAddress('4859 S. Wabash Ave. 2nd floor'), wabash);
    // Continental order stays as it was: the number follows its street.
    assert.equal(normalizeAddress('Hauptstr. 5, 10115 Berlin')?.streetHead, 'hauptstr');
  });

  it('skips the words that open a street in other languages, reads flats and levels as units, and house numbers in words', () => {
    // "rue", "via", "calle" … are no street's name: "12 Rue de Rivoli" and "12 Rue du Bac" differ.
    assert.equal(normalizeAddress('12 Rue de Rivoli')?.streetHead, 'rivoli');
    assert.equal(normalizeAddress('12, rue du Bac')?.streetHead, 'bac');
    assert.equal(normalizeAddress('Via Roma 10')?.streetHead, 'roma');
    assert.deepEqual(addressParts('Avenida Paulista, 1000'), addressParts('Av. Paulista 1000'));
    assert.equal(normalizeAddress('Calle Mayor 5')?.streetHead, 'mayor');
    assert.equal(normalizeAddress('Am Markt 3')?.streetHead, 'markt');
    assert.equal(normalizeAddress('1290 Avenue of the Americas')?.streetHead, 'americas');
    assert.deepEqual(addressParts('Flat 3, 12 High Street'), { number: '12', streetHead: 'high' });
    assert.deepEqual(addressParts('Shop 2, 45 Main Rd'), { number: '45', streetHead: 'main' });
    // Unit first, then the building's number, as Australia writes it; continental order keeps its first.
    for (const address of ['5/12 George St', '5A/12 George St', 'Unit 5/12 George St', '5 / 12 George Street']) {
      const parts = addressParts(address);
      assert.deepEqual([parts?.number, parts?.streetHead], ['12', 'george'], address);
    }
    assert.equal(addressParts('ul. Marszałkowska 10/16')?.number, '10');
    // Colombia: the street is its type and number, the building both numbers after "#" / "No.".
    for (const address of ['Calle 93 # 11-26', 'Cl. 93 No. 11 - 26', 'Calle 93 Nº 11-26', 'CALLE 93 #11-26 OF. 301']) {
      const parts = addressParts(address);
      assert.deepEqual([parts?.number, parts?.streetHead], ['11-26', 'cl93'], address);
    }
    assert.notEqual(addressParts('Calle 93 # 15-40')?.number, addressParts('Calle 93 # 11-26')?.number);
    assert.notEqual(addressParts('Carrera 93 # 11-26')?.streetHead, addressParts('Calle 93 # 11-26')?.streetHead);
    assert.deepEqual(addressParts('Cra. 7 # 71-21'), addressParts('Carrera 7 No. 71-21 Torre B'));
    assert.deepEqual(addressParts('Av. Calle 26 # 59-51'), addressParts('AC 26 # 59-51'));
    assert.equal(addressParts('Calle 100A # 8A-49')?.streetHead, 'cl100a');
    // Spain's "Calle Mayor 5" stays what it was.
    assert.equal(addressParts('Calle Mayor 5')?.streetHead, 'mayor');
    // A unit numbered floor.room is one unit, not a unit and a house number "01".
    for (const address of [
      'Suite 3.01, 100 Miller St',
      'Level 3, Suite 3.01, 100 Miller Street',
      'Ste. 3.01 100 Miller St',
      '100 Miller St Suite 3.01',
    ]) {
      const parts = addressParts(address);
      assert.deepEqual([parts?.number, parts?.streetHead], ['100', 'miller'], address);
    }
    // A unit word before a word that is no unit's number is the street's name.
    assert.deepEqual(addressParts('300 Flat Rock Rd'), { number: '300', streetHead: 'flat' });
    assert.deepEqual(addressParts('7 Box Hill Rd'), { number: '7', streetHead: 'box' });
    assert.deepEqual(addressParts('45 Space Park Dr'), { number: '45', streetHead: 'space' });
    assert.deepEqual(addressParts('12 Level Rd'), { number: '12', streetHead: 'level' });
    assert.deepEqual(addressParts('100 Main St Lot 12'), { number: '100', streetHead: 'main' });
    assert.deepEqual(addressParts('Level 5, 1 Martin Place'), { number: '1', streetHead: 'martin' });
    assert.deepEqual(addressParts('One Microsoft Way'), addressParts('1 Microsoft Way'));
    assert.deepEqual(normalizeAddress('Two Embarcadero Center'), { number: '2', street: 'embarcadero center', streetHead: 'embarcadero' });
    // Such a word before a street type is the street's name ("L Street" in Washington).
    assert.equal(normalizeAddress('1100 L St NW')?.streetHead, 'l');
    assert.equal(normalizeAddress('12 Rue Saint-Honoré')?.streetHead, 'honore');
    // A number word that is the street's whole name stays the street.
    assert.equal(normalizeAddress('One Way')?.number, '');
  });

  it('reads the abbreviations of European street words as the words', () => {
    const head = (address: string): unknown => {
      const parts = addressParts(address);
      return parts && [parts.number, parts.streetHead];
    };
    const same = (a: string, b: string): void => assert.deepEqual(head(a), head(b), `${a} / ${b}`);
    same('29 bd Haussmann', '29 Boulevard Haussmann');
    same('29 Bd. Haussmann', '29 Boulevard Haussmann');
    same('3 r. de Rivoli', '3 rue de Rivoli');
    same('C/ Mayor 5', 'Calle Mayor 5');
    same('V. Roma 3', 'Via Roma 3');
    same('V.le Monza 10', 'Viale Monza 10');
    same('P.za Duomo 1', 'Piazza Duomo 1');
    same('P.zza Duomo 1', 'Piazza Duomo 1');
    same('Pza Duomo 1', 'Piazza Duomo 1');
    same('C.so Buenos Aires 12', 'Corso Buenos Aires 12');
    same('L.go Argentina 1', 'Largo Argentina 1');
    same('Marktpl. 3', 'Marktplatz 3');
    same('Kalverstr. 12', 'Kalverstraat 12');
    same('Herreng. 3', 'Herrengasse 3');
    same('Drottningg. 5', 'Drottninggatan 5');
    same('Sveav. 20', 'Sveavägen 20');
    same('P.º de Pereda 9', 'Paseo de Pereda 9');
    same('Rda. de Atocha 5', 'Ronda de Atocha 5');
    same('Trav. de Gracia 3', 'Travesera de Gracia 3');
    same('Cno. Real 4', 'Camino Real 4');
    same('Pg. de Gràcia 21', 'Passeig de Gràcia 21');
    same('Av. Diagonal 640', 'Avinguda Diagonal 640');
    same('Pç. do Comércio 1', 'Praça do Comércio 1');
    same('Tv. do Carmo 2', 'Travessa do Carmo 2');
    same('Al. Santos 100', 'Alameda Santos 100');
    same('Chem. des Vignes 3', 'Chemin des Vignes 3');
    same('All. Jean Jaurès 6', 'Allée Jean Jaurès 6');
    // A letter before a street type is still its name ("O Street" in Washington).
    assert.equal(addressParts('1100 O St NW')?.streetHead, 'o');
    // A letter apart from the house number after the street is part of the number.
    same('Hauptstraße 5 a', 'Hauptstr. 5a');
    same('Keizersgracht 123-A', 'Keizersgracht 123a');
    assert.notDeepEqual(head('Keizersgracht 123-A'), head('Keizersgracht 123'));
    assert.equal(addressParts('Hayes Center 4859 S. Wabash')?.number, '4859');
    assert.equal(addressParts('29 bd Haussmann')?.streetHead, 'haussmann');
    // A letter before a street type is still the street's name, as in Washington's lettered streets.
    assert.equal(addressParts('12 R Street')?.streetHead, 'r');
    assert.equal(addressParts('12 C Ave')?.streetHead, 'c');
    // Before the street's name it is the number's; a direction stays a direction.
    same('221 B Baker St', '221B Baker Street');
    assert.equal(addressParts('12 N Main St')?.number, '12');
    assert.equal(addressParts('12 N Main St')?.streetHead, 'main');
    // A street named for a direction: "W North Ave" had no street at all, so two records at one
    // address on it never agreed; a single abbreviated direction before a type stays a direction.
    same('5365 W North Ave', '5365 W NORTH');
    assert.equal(addressParts('100 North Ave')?.streetHead, 'n');
    assert.equal(addressParts('9912 S. Avenue')?.streetHead, '');
    // A street named after Martin Luther King, however written, and Chicago's "King Dr".
    for (const address of ['9501 S. DR MARTIN LUTHER KING', '9501 S Martin Luther King Jr Dr', '9501 MLK Blvd', '9501 M.L.K. Jr. Blvd'])
      same(address, '9501 S. King Dr.');
    assert.equal(addressParts('2000 M.L.K. Jr. Blvd')?.number, '2000');
    assert.equal(addressParts('1 Martin Place')?.streetHead, 'martin');
    // The mountain, fort or point a street is named after, short or long, is not its first word.
    same('4059 Mt Lee Dr', '4059 Mount Lee Drive');
    same('100 Ft Washington Ave', '100 Fort Washington Avenue');
    same('55 Pt Loma Blvd', '55 Point Loma Boulevard');
    assert.notDeepEqual(head('10 Mt Vernon Ave'), head('10 Mt Pleasant Ave'));
    same('100 Fort St', '100 Ft Street');
    // A one-word street that is only the ending stays itself.
    assert.equal(addressParts('Platz 3')?.streetHead, 'platz');
    // "Saint" in other languages, and "Ste" before a name (Sainte), not a suite.
    assert.equal(addressParts('Piazza San Marco 1')?.streetHead, 'marco');
    assert.equal(addressParts('Rua São Bento 10')?.streetHead, 'bento');
    // "S." with a name after it, after those words, is the saint (not South).
    same('P.zza S. Marco 1', 'Piazza San Marco 1');
    same('Via S. Giovanni 12', 'Via San Giovanni 12');
    same('Rua S. Bento 10', 'Rua São Bento 10');
    assert.equal(addressParts('100 S Main St')?.streetHead, 'main');
    same('12 Rue Ste-Catherine', '12 rue Sainte-Catherine');
    same('1000 Rue Ste-Catherine O', '1000 rue Sainte-Catherine Ouest');
    assert.equal(addressParts('1000 Rue Ste-Catherine O')?.streetHead, 'catherine');
    for (const suite of ['100 Main St Ste 200', '100 Main St Ste B', '100 Main St Ste. 4B', 'Ste 200, 100 Main St'])
      assert.equal(addressParts(suite)?.streetHead, 'main', suite);
  });

  it('files a range of house numbers under its first number', () => {
    const cottageGrove = { number: '8938', street: 'cottage grove', streetHead: 'cottage' };
    assert.deepEqual(normalizeAddress('8938-40 S. Cottage Grove'), cottageGrove);
    assert.deepEqual(normalizeAddress('8938 S Cottage Grove'), cottageGrove);
    assert.equal(normalizeAddress('4300 - 4310 N. Broadway')?.streetHead, 'broadway');
    // A numbered street is no range.
    assert.equal(normalizeAddress('10 40th St')?.streetHead, '40th');
  });

  it('reads a post-office box as its number on the street "pobox"', () => {
    const box = { number: '123', street: 'pobox', streetHead: 'pobox' };
    for (const address of ['PO Box 123', 'P.O. Box 123', 'POBox 123', 'Post Office Box 123'])
      assert.deepEqual(normalizeAddress(address), box, address);
    assert.deepEqual(normalizeAddress('P.O. Box 12345, Springfield IL 62701'), {
      number: '12345',
      street: 'pobox',
      streetHead: 'pobox',
      postalCode: '62701',
    });
    // A street comes first: the box is a unit of it.
    assert.equal(normalizeAddress('123 Main St, PO Box 45')?.streetHead, 'main');
    assert.equal(normalizeAddress('PO Box'), undefined);
  });

  it('reads a post-office box as other spellings and countries write it', () => {
    // "POB 1234" was the street "pob" (−3 against "PO Box 1234" of the same company), "Box 77"
    // and "Postfach 10 20 30" no address at all, "B.P. 45" against "BP 45" the streets "b" and "bp".
    const box = (number: string) => ({ number, street: 'pobox', streetHead: 'pobox' });
    for (const [address, number] of [
      ['POB 1234', '1234'],
      ['P.O.B. 1234', '1234'],
      ['Box 1234', '1234'],
      ['GPO Box 1234, Sydney NSW 2001', '1234'],
      ['Postfach 10 20 30', '102030'],
      ['Postfach 102030, 70173 Stuttgart', '102030'],
      ['Postbus 1000', '1000'],
      ['Postboks 57', '57'],
      ['BP 45', '45'],
      ['B.P. 45', '45'],
      ['Boîte postale 45', '45'],
      ['Apartado de correos 12', '12'],
      ['Apdo. 12', '12'],
      ['Casella Postale 7', '7'],
      ['Caixa Postal 88', '88'],
    ] as const) {
      assert.deepEqual(normalizeAddress(address), box(number), address);
      assert.deepEqual(addressParts(address), box(number), address);
    }
    // Words that open a box without a number after them are a street.
    assert.equal(normalizeAddress('Apartado')?.streetHead, 'apartado');
    assert.equal(normalizeAddress('Bahnhofstraße 5')?.streetHead, 'bahnhofstr');
    // A ZIP after a box is no part of its number.
    assert.deepEqual(normalizeAddress('PO Box 1234 62701'), { ...box('1234'), postalCode: '62701' });
  });

  it('reads "St" before a name as Saint', () => {
    assert.equal(normalizeAddress('5534 S Saint Louis Ave')?.street, normalizeAddress('5534 S. St Louis')?.street);
  });

  it('reads the address inside "Name <address>", "mailto:" and quotes', () => {
    for (const email of ['Jo Smith <jo@acme.com>', 'mailto:jo@acme.com', '"jo@acme.com"', 'JO@ACME.COM']) {
      assert.equal(normalizeEmail(email), 'jo@acme.com', email);
      assert.equal(normalizeToStored({ id: 'x', name: 'Acme', email }).emailDomain, 'acme.com', email);
    }
    assert.equal(normalizeEmail('Jo <jo@acme.com>, Al <al@acme.com>'), 'jo@acme.com');
    assert.equal(normalizeEmail("o'brien@acme.com"), "o'brien@acme.com");
    assert.equal(normalizeEmail('<>'), undefined);
  });

  it('reads a placeholder ("N/A", "None", "Unknown", "nan", "000-000-0000", "none@none.com") as no value', () => {
    for (const value of ['N/A', 'n/a', 'None', 'NULL', 'Unknown', 'TBD', 'nan', 'Not available']) {
      assert.equal(normalizeCity(value), undefined, value);
      assert.equal(normalizePostalCode(value), undefined, value);
      assert.equal(companyNameKey(value), '', value);
      assert.equal(normalizeCompanyName(value).key, '', value);
      assert.equal(personNameKey(value), undefined, value);
      assert.equal(normalizePersonName(value), undefined, value);
    }
    for (const zip of ['00000', '99999', '0']) assert.equal(normalizePostalCode(zip), undefined, zip);
    const placeholders = ['000-000-0000', '(000) 000-0000', '999-999-9999', '1-555-555-5555', '123-456-7890', '1-123-456-7890'];
    for (const phone of [...placeholders, '+1 012 345 6789', '0000000', '123-4567'])
      assert.equal(normalizePhone(phone, 'US'), undefined, phone);
    // A number that only begins like one is a number ("1" before ten digits that are not all one).
    assert.equal(normalizePhone('1-212-555-0100', 'US')?.e164, '+12125550100');
    // Digits that count up, but not as a placeholder does, are a number.
    assert.equal(normalizePhone('(234) 567-8901', 'US')?.e164, '+12345678901');
    assert.equal(normalizePhone('1-456-789-0123', 'US')?.e164, '+14567890123');
    for (const email of ['none@none.com', 'test@test.com', 'NOEMAIL@NOEMAIL.COM', 'x@example.com'])
      assert.equal(normalizeEmail(email), undefined, email);
    // A contact that is a role or a shared mailbox names no person.
    for (const role of ['Accounts Payable', 'SALES', 'Front Desk', 'Customer Service Team']) {
      assert.equal(personNameKey(role), undefined, role);
      assert.equal(normalizePersonName(role), undefined, role);
    }
    assert.equal(personNameKey('Jane Sales'), 'jane sales');
    // Real values that look alike stay.
    assert.equal(normalizePhone('312-555-0100', 'US')?.e164, '+13125550100');
    assert.equal(normalizePostalCode('60601'), '60601');
    assert.equal(companyNameKey('NA Holdings'), 'na holdings');
    // What lead forms put for no company is no company name; a company named with one of its words stays.
    for (const none of ['Self-employed', 'SELF', 'Individual', 'Private', 'Student', 'Retired', '[not provided]']) {
      assert.equal(companyNameKey(none), '', none);
      assert.equal(normalizeCompanyName(none).key, '', none);
    }
    for (const [company, key] of [
      ['Self Storage Inc', 'self storage'],
      ['Private Equity Partners', 'private equity partners'],
      ['Freelancer Ltd', 'freelancer'],
    ] as const)
      assert.equal(companyNameKey(company), key, company);
    assert.equal(normalizeCity('Nancy'), 'nancy');
    assert.equal(normalizeEmail('jo@acme.com'), 'jo@acme.com');
  });

  it('normalises postal codes, cities and countries', () => {
    assert.equal(normalizePostalCode('60609-1234'), '60609');
    assert.equal(normalizePostalCode('EC1A 1BB'), 'ec1a1bb');
    assert.equal(normalizePostalCode('606091234'), '60609');
    assert.equal(normalizePostalCode('60609'), '60609');
    assert.equal(normalizePostalCode('ec1a1bb'), 'ec1a1bb');
    // A country's letters before a European code ("D-80331") and a French "CEDEX" are not the code.
    for (const [written, code] of [
      ['D-80331', '80331'],
      ['F-75009', '75009'],
      ['CH-8001', '8001'],
      ['NL-1012 AB', '1012ab'],
      ['PL 00-950', '950'],
      ['IL 60601', '60601'],
      ['75009 CEDEX', '75009'],
      ['75009 Cedex 09', '75009'],
      // A British or Canadian code's letters are the code's.
      ['SW1A 2AA', 'sw1a2aa'],
      ['M5V 3L9', 'm5v3l9'],
      ['W1A 0AX', 'w1a0ax'],
    ])
      assert.equal(normalizePostalCode(written), code, written);
    assert.equal(normalizePostalCode(' - '), undefined);
    // A ZIP that went through a spreadsheet lost its leading zero: both spellings agree.
    assert.equal(normalizePostalCode('02134'), normalizePostalCode('2134'));
    assert.equal(normalizePostalCode('02134-1234'), normalizePostalCode('2134'));
    assert.equal(normalizePostalCode('00501'), normalizePostalCode('501'));
    assert.equal(normalizeToStored({ id: 'a', name: 'Acme', street: '10 Main St Boston MA 02134' }).postalCode, '2134');
    assert.equal(normalizePostalCode('0X1 2AB'), '0x12ab');
    assert.equal(normalizeCity('St. Louis'), normalizeCity('Saint Louis'));
    for (const city of ['NYC', 'New York City', 'new york']) assert.equal(normalizeCity(city), 'new york', city);
    assert.equal(normalizeCity('Washington, D.C.'), 'washington');
    assert.equal(normalizeCity('Philly'), 'philadelphia');
    assert.equal(normalizeCity('S.F.'), 'san francisco');
    assert.equal(normalizeCity('SF'), 'san francisco');
    assert.equal(normalizeCity('LA'), 'los angeles');
    assert.equal(normalizeCity('La Jolla'), 'la jolla');
    // A city in its own language and in English (and with its umlaut written out) is one city.
    for (const [local, english] of [
      ['München', 'Munich'],
      ['Muenchen', 'Munich'],
      ['Köln', 'Cologne'],
      ['Wien', 'Vienna'],
      ['Genève', 'Geneva'],
      ['Den Haag', 'The Hague'],
      ["'s-Gravenhage", 'The Hague'],
      ['Milano', 'Milan'],
      ['Praha', 'Prague'],
      ['København', 'Copenhagen'],
      ['Frankfurt am Main', 'Frankfurt'],
      ['Sankt-Peterburg', 'Saint Petersburg'],
      ['Bombay', 'Mumbai'],
    ])
      assert.equal(normalizeCity(local), normalizeCity(english), local);
    assert.notEqual(normalizeCity('Rome'), normalizeCity('Milan'));
    // A state, province or ZIP after the city, and a leading direction as a letter.
    for (const city of ['Chicago, IL', 'Chicago IL', 'Chicago, Illinois', 'CHICAGO IL 60601'])
      assert.equal(normalizeCity(city), 'chicago', city);
    for (const city of ['New York, NY', 'Washington DC', 'Toronto ON'])
      assert.notEqual(normalizeCity(city)?.split(' ').pop()?.length, 2, city);
    assert.equal(normalizeCity('W. Hollywood'), normalizeCity('West Hollywood'));
    assert.equal(normalizeCity('S San Francisco'), 'south san francisco');
    // A city's own short last word, or a one-word value, stays.
    assert.equal(normalizeCity('DC'), 'washington');
    assert.equal(normalizeCity('Paris, France'), 'paris');
    assert.equal(normalizeCity(', Springfield'), 'springfield');
    assert.equal(normalizeCountry('United States'), 'US');
    assert.equal(normalizeCountry('usa'), 'US');
    assert.equal(normalizeCountry('UK'), 'GB');
    assert.equal(normalizeCountry('Deutschland'), 'DE');
    assert.equal(normalizeCountry('de'), 'DE');
    assert.equal(normalizeCountry('Atlantis'), undefined);
  });

  it('reads every upper-case ISO code as itself, and two capitals that are no code as no country', () => {
    for (const code of getCountries()) assert.equal(normalizeCountry(code), code);
    for (const text of ['ZZ', 'XX', 'AA']) assert.equal(normalizeCountry(text), undefined, text);
  });

  it('reads a city it has read before as it did the first time, a city that is no city included', () => {
    for (const [city, expected] of [
      ['N/A', undefined],
      ['Chicago, IL', 'chicago'],
      ['N/A', undefined],
      ['Chicago, IL', 'chicago'],
      ['Unknown', undefined],
      ['Unknown', undefined],
    ] as const)
      assert.equal(normalizeCity(city), expected, city);
  });

  it("reads countries as Salesforce's country picklists store them (ISO names) and as people write them", () => {
    for (const [name, code] of [
      // ISO 3166 alpha-3 codes, as ERP and data-provider exports write them.
      ['DEU', 'DE'],
      ['gbr', 'GB'],
      ['USA', 'US'],
      ['CHE', 'CH'],
      // Names in the languages of the larger partner markets (CLDR's).
      ['Polska', 'PL'],
      ['Estados Unidos', 'US'],
      ['Niemcy', 'DE'],
      ['Россия', 'RU'],
      ['中国', 'CN'],
      ['日本', 'JP'],
      ['Vereinigtes Königreich', 'GB'],
      ['Países Bajos', 'NL'],
      // ISO 3166 names, Salesforce's standard integration values.
      ['Korea, Republic of', 'KR'],
      ["Korea, Democratic People's Republic of", 'KP'],
      ['Russian Federation', 'RU'],
      ['Iran, Islamic Republic of', 'IR'],
      ['Venezuela, Bolivarian Republic of', 'VE'],
      ['Tanzania, United Republic of', 'TZ'],
      ['Congo, the Democratic Republic of the', 'CD'],
      ['Congo', 'CG'],
      ['Taiwan, Province of China', 'TW'],
      ['Virgin Islands, British', 'VG'],
      ['Holy See (Vatican City State)', 'VA'],
      ['Saint Martin (French part)', 'MF'],
      // "and" for "&", "Saint" for "St.", a name without its parenthesis.
      ['Bosnia and Herzegovina', 'BA'],
      ['Trinidad and Tobago', 'TT'],
      ['Saint Kitts and Nevis', 'KN'],
      ['St Lucia', 'LC'],
      ['Myanmar', 'MM'],
      ['Burma', 'MM'],
      ['Hong Kong', 'HK'],
      ["People's Republic of China", 'CN'],
    ] as const)
      assert.equal(normalizeCountry(name), code, name);
  });
});

describe('what the index stores', () => {
  it('is what the general normalisers give, field for field, for generated and odd records', () => {
    // normalizeToStored takes the fast paths (company name, contact, address, postal code,
    // phone); normalizeRecord the general functions only.
    const random = seededRandom(5);
    const pieces = [
      'a',
      'X',
      '7',
      ' ',
      '  ',
      '.',
      ',',
      '-',
      '/',
      '@',
      '#',
      '&',
      '+',
      "'",
      '?',
      'é',
      'ß',
      '中',
      'www.',
      'https://',
      '.com',
      'st',
      'suite',
      '3rd',
      'floor',
      'dr',
      'bob',
      'L.L.C.',
      'S.p.A.',
      'inc',
      'the',
      'co',
      'gmbh',
      'ext',
      '60601',
      '+1',
      'US',
      'uk',
      'Acme',
      'Strasse',
      '(',
      ')',
      '(Boston)',
      'Boston',
    ];
    const odd = (): string => {
      let text = '';
      for (let n = Math.floor(random() * 7); n > 0; n--) text += pieces[Math.floor(random() * pieces.length)];
      return text;
    };
    const records: MatchRecord[] = [];
    for (let i = 0; i < 4000; i++) {
      const company = generateCompany(random, i);
      records.push(
        accountRecord(company, `001${i}`, random),
        leadRecord(company, `00Q${i}`, random),
        partnerRecord(company, `a0P${i}`, random),
      );
      records.push({
        id: `odd${i}`,
        name: odd(),
        website: odd(),
        email: `${odd()}@${odd()}`,
        phone: odd(),
        street: odd(),
        city: odd(),
        postalCode: odd(),
        country: odd(),
        contactName: odd(),
      });
    }
    for (const record of records)
      assert.deepEqual(normalizeToStored(record), toStoredRecord(normalizeRecord(record)), JSON.stringify(record));
    // A bulk load's field-at-a-time normalising gives the same, whatever the run's length.
    for (const defaultCountry of ['US', 'DE'] as const) {
      const columns = new StoredRecordColumns(defaultCountry);
      for (let from = 0, length = 1; from < records.length; from += length, length = (length * 5) % STORED_COLUMN_ROWS || 1) {
        const to = Math.min(records.length, from + length);
        columns.fill(records, from, to);
        for (let i = from; i < to; i++)
          assert.deepEqual(
            columns.storedAt(i - from),
            normalizeToStored(records[i] as MatchRecord, defaultCountry),
            JSON.stringify(records[i]),
          );
        assert.throws(() => columns.storedAt(to - from), RangeError);
      }
    }
    assert.throws(() => new StoredRecordColumns('US').fill(records, 0, STORED_COLUMN_ROWS + 1), RangeError);
    assert.deepEqual(
      mapStored(records, 'DE', 3, 3 + 2 * STORED_COLUMN_ROWS + 5, (stored) => stored),
      records.slice(3, 3 + 2 * STORED_COLUMN_ROWS + 5).map((record) => normalizeToStored(record, 'DE')),
    );
  });
});

describe('overlong values', () => {
  it('are compared on their first MAX_COMPARED_LENGTH characters, and named', () => {
    const street = `1701 W Superior St ${'and so on '.repeat(100)}`;
    const name = `Erie Neighborhood House ${'x'.repeat(5000)}`;
    const long = { id: 'a', name, website: 'erie.org', street };
    const cut = { id: 'a', name: name.slice(0, MAX_COMPARED_LENGTH), website: 'erie.org', street: street.slice(0, MAX_COMPARED_LENGTH) };
    assert.equal(MAX_COMPARED_LENGTH, 255);
    assert.deepEqual(overlongFields(long), ['name', 'street']);
    assert.deepEqual(overlongFields(cut), []);
    assert.deepEqual(normalizeToStored(long), normalizeToStored(cut));
    assert.deepEqual(normalizeRecord(long), normalizeRecord(cut));
    assert.equal(normalizeToStored(long).addressNumber, '1701');
  });
});

describe('registrable domains and emails, through the fast paths', () => {
  // registrableDomain and normalizeEmail read the common shapes (plain lower-case ASCII, a simple
  // host) with their own scans before tldts sees them. The answers must be what the library
  // itself gives on the cleaned-up text: these references skip every fast path.
  const TLDTS_OPTIONS = { allowPrivateDomains: true, validateHostname: true, detectIp: true } as const;
  const referenceDomain = (raw: string): string | undefined => {
    const text = raw.trim().toLowerCase();
    if (text === '' || !text.includes('.')) return undefined;
    const domain = getDomain(text.slice(text.lastIndexOf('@') + 1).replace(/\s+/g, ''), TLDTS_OPTIONS);
    // As domains are compared: none for "www.<word>", internationalised ones in ASCII.
    if (domain === null || domain.startsWith('www.')) return undefined;
    return /[^\x21-\x7e]/.test(domain) ? domainToASCII(domain) || undefined : domain;
  };
  const referenceEmail = (raw: string): string | undefined => {
    const text = raw.trim().toLowerCase();
    // Words of a field that holds several addresses (or more than one): the first that is one;
    // else the words run together, when that leaves no other separator.
    if (/[\s;,|]/.test(text)) {
      const first = text
        .split(/[\s;,|]+/)
        .map(referenceEmail)
        .find((email) => email !== undefined);
      const joined = text.replace(/\s+/g, '');
      return first ?? (/[;,|]/.test(joined) ? undefined : referenceEmail(joined));
    }
    const at = text.indexOf('@');
    return at > 0 && at === text.lastIndexOf('@') && text.slice(at + 1).includes('.') ? text : undefined;
  };

  const random = seededRandom(11);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const labelCharacters = [...letters, ...letters, ...'0123456789', '-', 'A', 'Z', '_', 'é', 'ü', '中', '.', ' '];
  const label = (): string => {
    const length = random() < 0.03 ? 60 + Math.floor(random() * 8) : Math.floor(random() * 12);
    let text = '';
    for (let i = 0; i < length; i++) text += random() < 0.85 ? (letters[Math.floor(random() * 26)] as string) : pick(labelCharacters);
    return text;
  };
  const suffixes = [
    'com',
    'co.uk',
    'com.au',
    'github.io',
    'herokuapp.com',
    'de',
    'jp',
    'kawasaki.jp',
    'ck',
    'xn--p1ai',
    'io',
    '123',
    'COM',
    '',
  ];
  const host = (): string => {
    if (random() < 0.05) return `${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.0.${Math.floor(random() * 256)}`;
    let text = random() < 0.3 ? pick(['www.', 'WWW.', 'shop.', 'eu.sales.', '.', '-x.']) : '';
    for (let n = random() < 0.8 ? 1 : 2; n > 0; n--) text += `${label()}.`;
    return text + pick(suffixes) + (random() < 0.05 ? '.' : '');
  };
  const website = (): string =>
    random() < 0.05
      ? pick(['no', 'n/a', 'localhost', label()])
      : pick(['', '', 'https://', 'http://', 'HTTPS://', 'ftp://', 'http://user@', ' ']) +
        host() +
        pick(['', '', '', '/', '/about?q=1', '#top', ':8443/x', '?', ' ', '/a b']);
  const oneEmail = (): string =>
    pick(['', ' ', 'Jane.', 'x']) +
    pick(['jo', 'j.doe', 'a+b', '', 'o@o']) +
    pick(['@', '@', '@', '', '@@']) +
    host() +
    pick(['', '', ' ', '.']);
  const email = (): string => (random() < 0.9 ? oneEmail() : oneEmail() + pick(['; ', ',', ' / ', ' ']) + oneEmail());

  it('gives what tldts gives on the trimmed, lower-cased text, for websites and email addresses', () => {
    for (let i = 0; i < 20_000; i++) {
      const value = random() < 0.6 ? website() : email();
      assert.equal(registrableDomain(value), referenceDomain(value), JSON.stringify(value));
    }
  });

  it('normalises email addresses as the plain trim-and-lower-case rule does', () => {
    for (let i = 0; i < 20_000; i++) {
      const value = email();
      assert.equal(normalizeEmail(value), referenceEmail(value), JSON.stringify(value));
    }
  });
});
