import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MatchIndex } from '../../src/matching/index.ts';
import type { MatchRecord } from '../../src/matching/index.ts';
import { PreparedName } from '../../src/matching/scoring/name-similarity.ts';
import { DEFAULT_PROGRAM_SETTINGS } from '../../src/settings/program-settings.ts';

function indexOf(records: MatchRecord[], settings = DEFAULT_PROGRAM_SETTINGS): MatchIndex {
  const index = new MatchIndex({ thresholds: settings });
  for (const record of records) index.upsert(record);
  return index;
}

const globex: MatchRecord = {
  id: '001A',
  kind: 'Account',
  name: 'Globex Corporation',
  website: 'https://www.globex.com',
  phone: '(312) 555-0100',
  street: '100 W Randolph St',
  city: 'Chicago',
  postalCode: '60601',
  country: 'US',
};
const initech: MatchRecord = {
  id: '001B',
  kind: 'Account',
  name: 'Initech LLC',
  website: 'initech.io',
  phone: '+1 512 555 0199',
  street: '4120 Freidrich Ln',
  city: 'Austin',
  postalCode: '78744',
  country: 'US',
};

describe('MatchIndex', () => {
  it('matches on the registrable domain first, with its reasons', () => {
    const index = indexOf([globex, initech]);
    const best = index.best({ id: 'q', name: 'Globex', website: 'globex.com/contact' });
    assert.equal(best?.id, '001A');
    assert.equal(best?.decision, 'match');
    assert.equal(best?.method, 'Domain');
    assert.ok(best?.reasons.some((r) => r.signal === 'domain' && r.outcome === 'match' && r.value === 'globex.com'));
    assert.ok(best && best.confidence > 0.9 && best.confidence <= 1);
  });

  it('matches a corporate contact email to the account website', () => {
    const best = indexOf([globex, initech]).best({ id: 'q', name: 'Globex Corp.', email: 'hank.scorpio@sales.globex.com' });
    assert.equal(best?.id, '001A');
    assert.equal(best?.method, 'Email Domain');
    assert.equal(best?.decision, 'match');
  });

  it("holds a corporate email domain that shares nothing with the other side's domains against a pair", () => {
    const garta: MatchRecord = { id: '001G', kind: 'Account', name: 'Garta LLC', website: 'www.garta-1p77.io', city: 'Atlanta' };
    const index = indexOf([garta, globex]);
    const other = index.best({ id: 'q', name: 'GARTA L.L.C.', email: 'hsilva@garta-37y2.co', city: 'Atlanta' }, { minConfidence: 0 });
    assert.ok(other?.reasons.some((r) => r.signal === 'email_domain' && r.outcome === 'mismatch' && r.weight < 0));
    assert.notEqual(other?.decision, 'match');
    // Free mail says nothing; the same domain by email or website agrees.
    const freeMail = index.best({ id: 'q', name: 'GARTA L.L.C.', email: 'hsilva@gmail.com', city: 'Atlanta' });
    assert.equal(freeMail?.decision, 'match');
    assert.ok(freeMail?.reasons.every((r) => r.signal !== 'email_domain'));
    assert.equal(index.best({ id: 'q', name: 'Garta', email: 'hsilva@garta-1p77.io' })?.decision, 'match');
    // One name under two suffixes (a company's country sites) says nothing either way.
    const siemens = indexOf([{ id: 'S', name: 'Siemens AG', website: 'www.siemens.com', phone: '+49 89 636 00' }]);
    for (const other of [{ website: 'siemens.de' }, { email: 'info@siemens.co.uk' }, { website: 'sie-mens.com' }]) {
      const best = siemens.best({ id: 'q', name: 'Siemens', phone: '+49 89 63600', ...other });
      assert.equal(best?.decision, 'match', JSON.stringify(other));
      assert.ok(
        best?.reasons.every((r) => r.weight >= 0),
        JSON.stringify(other),
      );
    }
  });

  it('takes no agreement from placeholders two records share', () => {
    const filler = { postalCode: 'N/A', city: 'Unknown', phone: '000-000-0000', email: 'none@none.com', contactName: 'N/A' };
    const index = indexOf([{ id: 'R1', name: 'Harbor Freight Tools', ...filler }]);
    const best = index.best({ id: 'q', name: 'Harbor Freight', ...filler }, { minConfidence: 0 });
    assert.equal(best?.id, 'R1');
    assert.notEqual(best?.decision, 'match');
    assert.deepEqual(
      best?.reasons.map((r) => r.signal),
      ['name'],
    );
  });

  it('never uses a free-mail domain as evidence', () => {
    const index = indexOf([{ id: 'L1', kind: 'Lead', name: 'Umbrella Health', email: 'alice@gmail.com' }]);
    const best = index.best({ id: 'q', name: 'Vandelay Industries', email: 'bob@gmail.com' }, { minConfidence: 0 });
    assert.ok(!best || best.reasons.every((r) => r.signal !== 'email_domain' && r.signal !== 'domain'));
  });

  it('does not let a name alone reach a match, even an exact one', () => {
    const index = indexOf([globex]);
    const best = index.best({ id: 'q', name: 'Globex Corporation' }, { minConfidence: 0 });
    assert.equal(best?.id, '001A');
    assert.notEqual(best?.decision, 'match');
    // Even with a permissive threshold a name needs corroboration.
    const lax = indexOf([globex], { ...DEFAULT_PROGRAM_SETTINGS, matchThreshold: 0.5, reviewThreshold: 0.4 });
    assert.notEqual(lax.best({ id: 'q', name: 'Globex Corporation' }, { minConfidence: 0 })?.decision, 'match');
  });

  it('matches an exact name no third record holds on its city or postal code, when nothing disagrees', () => {
    const acme: MatchRecord = { id: 'A1', name: 'Acme Plumbing Supply, Inc.', city: 'Springfield', phone: '217-555-0100' };
    const index = indexOf([acme, globex, initech]);
    const byCity = index.best({ id: 'q', name: 'ACME PLUMBING SUPPLY', city: 'Springfield' });
    assert.equal(byCity?.id, 'A1');
    assert.equal(byCity?.decision, 'match');
    assert.ok(byCity?.reasons.some((r) => r.signal === 'name' && r.weight > 4.2));
    // Something disagreeing (another phone), a name that is not exact, or a name three records hold: review at most.
    const otherPhone = index.best(
      { id: 'q', name: 'Acme Plumbing Supply', city: 'Springfield', phone: '217-555-4321' },
      { minConfidence: 0 },
    );
    assert.notEqual(otherPhone?.decision, 'match');
    const respelled = index.best({ id: 'q', name: 'Acme Plumbing', city: 'Springfield' }, { minConfidence: 0 });
    assert.notEqual(respelled?.decision, 'match');
    const church = { name: 'First Baptist Church', city: 'Springfield' };
    const common = indexOf([
      { id: 'C1', ...church },
      { id: 'C2', ...church, street: '12 Oak St' },
      { id: 'C3', ...church, street: '400 Elm St' },
    ]).best({ id: 'q', ...church }, { minConfidence: 0 });
    assert.notEqual(common?.decision, 'match');
    // The same exact name held by two records is still rare to a record that is one of them.
    const pair = indexOf([
      { id: 'C1', ...church },
      { id: 'C2', ...church },
    ]).best({ id: 'C1', ...church }, { excludeId: 'C1' });
    assert.equal(pair?.decision, 'match');
    // And a name alone stays short of a match however rare.
    assert.notEqual(index.best({ id: 'q', name: 'Acme Plumbing Supply' }, { minConfidence: 0 })?.decision, 'match');
  });

  it("counts a name as rare when the few records holding it are in one place (a company's account and its leads)", () => {
    const vermibrook = { name: 'Vermibrook LLC', city: 'Boston' };
    const index = indexOf([
      { id: '001V', ...vermibrook, street: '7945 Union Way', phone: '222-896-3244' },
      { id: '00Q1', ...vermibrook, email: 'edubois@gmail.com' },
      { id: '00Q2', name: 'Vermibrook, LLC', email: 'kchen@vermibrook.com' },
    ]);
    const partner = { id: 'q', name: 'VERMIBROOK LLC', city: 'Boston', website: 'vermibrook-1uk4.com' };
    assert.equal(index.best(partner)?.decision, 'match');
    // The same three records in two cities, or at two street addresses of one, are not one place.
    const twoCities = indexOf([
      { id: '001V', ...vermibrook },
      { id: '00Q1', ...vermibrook },
      { id: '00Q2', ...vermibrook, city: 'Denver' },
    ]);
    assert.notEqual(twoCities.best(partner, { minConfidence: 0 })?.decision, 'match');
    const twoStreets = indexOf([
      { id: '001V', ...vermibrook, street: '7945 Union Way' },
      { id: '00Q1', ...vermibrook },
      { id: '00Q2', ...vermibrook, street: '12 Harbor St' },
    ]);
    assert.notEqual(twoStreets.best(partner, { minConfidence: 0 })?.decision, 'match');
    // Nor are more records than a company's few.
    const many = indexOf(Array.from({ length: 9 }, (_, i) => ({ id: `R${i}`, ...vermibrook })));
    assert.notEqual(many.best(partner, { minConfidence: 0 })?.decision, 'match');
  });

  it('counts the records that hold a name, not the other keys that share its hash bucket', () => {
    // A small index has few buckets, so most names share theirs with other keys: a name two
    // records hold must still count as held by two. Each pair here is one restaurant listed
    // twice, once without its house number ("3rd St." / "8638 W. Third St."), in one city.
    const names = ['Locanda Veneta', 'Osteria Mozza', 'Bottega Louie', 'Sqirl Kitchen', 'Gjusta Bakery', 'Kismet Eatery'];
    const index = new MatchIndex({ thresholds: DEFAULT_PROGRAM_SETTINGS, expectedRecords: 8 });
    for (let i = 0; i < 60; i++)
      index.upsert({ id: `F${i}`, name: `Contoso ${i} Holdings`, city: `Town ${i % 7}`, phone: `312-555-${1000 + i}` });
    names.forEach((name, i) => {
      index.upsert({ id: `${i}a`, name, street: `${100 + i} W. Third St.`, city: 'Los Angeles' });
      index.upsert({ id: `${i}b`, name, street: '3rd St.', city: 'Los Angeles' });
    });
    names.forEach((name, i) => {
      const best = index.best({ id: `${i}b`, name, street: '3rd St.', city: 'Los Angeles' }, { excludeId: `${i}b` });
      assert.equal(best?.id, `${i}a`, name);
      assert.equal(best?.decision, 'match', name);
    });
  });

  it('matches a respelled name once a phone or street address corroborates it', () => {
    const index = indexOf([globex, initech]);
    const byPhone = index.best({ id: 'q', name: 'GLOBEX CORP', phone: '312.555.0100' });
    assert.equal(byPhone?.id, '001A');
    assert.equal(byPhone?.decision, 'match');
    const byAddress = index.best({ id: 'q', name: 'Globex Corp', street: '100 West Randolph Street, Suite 400', city: 'Chicago' });
    assert.equal(byAddress?.id, '001A');
    assert.equal(byAddress?.decision, 'match');
    assert.equal(byAddress?.method, 'Name and Location');
  });

  it('finds a name with its umlauts written out ("Mueller" for "Müller")', () => {
    const index = indexOf([
      { id: 'm', kind: 'Account', name: 'Müller Maschinenbau GmbH', city: 'München', postalCode: '80331', country: 'DE' },
      { id: 's', kind: 'Account', name: 'Schön', city: 'Köln', postalCode: '50667', country: 'DE' },
      { id: 'x', kind: 'Account', name: 'Muller Logistics', city: 'Chicago', postalCode: '60601', country: 'US' },
    ]);
    // Folded, "Müller" is "muller": without a shared word or prefix block, this was no candidate.
    const mueller = index.best({ id: 'q', name: 'Mueller Maschinenbau', city: 'Munich', postalCode: '80331', country: 'Germany' });
    assert.equal(mueller?.id, 'm');
    assert.equal(mueller?.decision, 'match');
    // A one-word name a letter apart is a candidate now, and with only a city and postal code
    // beside it stays for review, as a typo in it would.
    const schoen = index.best({ id: 'q', name: 'Schoen GmbH', city: 'Koeln', postalCode: '50667', country: 'DE' });
    assert.equal(schoen?.id, 's');
    assert.equal(schoen?.decision, 'review');
    // The other way round, and still not across countries.
    assert.equal(index.best({ id: 'q', name: 'Müller Logistics', city: 'Chicago', postalCode: '60601', country: 'US' })?.id, 'x');
    assert.equal(index.best({ id: 'q', name: 'Mueller Logistics', city: 'München', postalCode: '80331', country: 'DE' }), undefined);
  });

  it('reads a name with "dba", "aka" or "formerly" as both of its names', () => {
    const quick: MatchRecord = {
      id: '001Q',
      kind: 'Account',
      name: 'ABC Holdings LLC d/b/a Quick Plumbing',
      street: '12 Main St',
      city: 'Springfield',
    };
    const index = indexOf([globex, quick]);
    for (const name of ['Quick Plumbing', 'ABC Holdings', 'ABC Holdings dba Quick Plumbing']) {
      const best = index.best({ id: 'q', name, street: '12 Main Street', city: 'Springfield' });
      assert.equal(best?.id, '001Q', name);
      assert.equal(best?.decision, 'match', name);
      assert.ok(
        best?.reasons.some((r) => r.signal === 'name' && r.similarity === 1),
        name,
      );
    }
    // From the other side too: the submission carries both names, the index one.
    const fromSubmission = indexOf([{ id: '001N', kind: 'Account', name: 'Northwind', phone: '312-555-0100' }]).best({
      id: 'q',
      name: 'Northwind Traders, Inc. (formerly Northwind)',
      phone: '(312) 555-0100',
    });
    assert.equal(fromSubmission?.decision, 'match');
    // Neither name close: no lift.
    const other = index.best({ id: 'q', name: 'Slow Heating', street: '12 Main Street', city: 'Springfield' }, { minConfidence: 0 });
    assert.notEqual(other?.decision, 'match');
  });

  it('matches two spellings of one post-office box', () => {
    const index = indexOf([
      { id: '001P', kind: 'Account', name: 'Prairie Seed Co-op', street: 'P.O. Box 417', city: 'Ames', postalCode: '50010' },
    ]);
    const best = index.best({ id: 'q', name: 'Prairie Seed Coop', street: 'PO Box 417', city: 'Ames' });
    assert.equal(best?.id, '001P');
    assert.equal(best?.decision, 'match');
    assert.ok(best?.reasons.some((r) => r.signal === 'address' && r.outcome === 'match'));
  });

  it('matches other spellings of a post-office box, here and abroad', () => {
    // "POB 1234" was the street "pob": −3 against "PO Box 1234", and no match.
    const index = indexOf([
      { id: 'A', name: 'Acme Tools Inc', street: 'PO Box 1234', city: 'Springfield', postalCode: '62701' },
      { id: 'B', name: 'Brandt Maschinen GmbH', street: 'Postfach 10 20 30', city: 'Stuttgart', postalCode: '70173', country: 'DE' },
    ]);
    const acme = index.best({ id: 'q', name: 'Acme Tools', street: 'POB 1234', city: 'Springfield', postalCode: '62701' });
    assert.equal(acme?.decision, 'match');
    assert.ok(acme?.reasons.some((r) => r.signal === 'address' && r.outcome === 'match'));
    const brandt = index.best({ id: 'q', name: 'Brandt Maschinen', street: 'Postfach 102030', city: 'Stuttgart', country: 'DE' });
    assert.ok(brandt?.reasons.some((r) => r.signal === 'address' && r.outcome === 'match'));
  });

  it('holds names that number different branches or sites against a pair, not a number only one name has', () => {
    // Each pair shares a phone (a head office's, a union hall's) and a city: it was a match (0.99).
    const index = indexOf([
      { id: 'W1', name: 'Walgreens #1234', phone: '(800) 925-4733', city: 'Chicago' },
      { id: 'L21', name: 'Teamsters Local 21', phone: '(312) 555-0199', city: 'Chicago' },
      { id: 'C1', name: 'First Baptist Church', phone: '(312) 555-0188', city: 'Chicago' },
      { id: 'T1', name: 'El Valor Teddy Bear 1 (51st Street)', phone: '(773) 555-0111', city: 'Chicago' },
    ]);
    for (const [name, phone] of [
      ['Walgreens #1235', '800-925-4733'],
      ['Teamsters Local 22', '312-555-0199'],
      ['Second Baptist Church', '312-555-0188'],
    ]) {
      const best = index.best({ id: 'q', name, phone, city: 'Chicago' }, { minConfidence: 0 });
      assert.notEqual(best?.decision, 'match', name);
      assert.ok(
        best?.reasons.some((r) => r.signal === 'name' && r.outcome === 'mismatch' && r.weight < 0),
        name,
      );
    }
    // The same numbers in digits and in words agree; a number one name leaves out says nothing.
    assert.equal(index.best({ id: 'q', name: 'Teamsters Local Twenty-One', phone: '312-555-0199', city: 'Chicago' })?.id, 'L21');
    assert.equal(index.best({ id: 'q', name: 'El Valor Teddy Bear 1', phone: '773-555-0111', city: 'Chicago' })?.decision, 'match');
    assert.equal(index.best({ id: 'q', name: 'Walgreens', phone: '800-925-4733', city: 'Chicago' })?.decision, 'match');
  });

  it('counts a word and its plural as one word of a name', () => {
    // From the Chicago file: the same site at one address and phone, 0.57 (−2.5) before.
    const index = indexOf([
      { id: 'T', name: 'Chicago State University - Tiny Tots Villa', street: '8128 S Dr. Martin Luther King', phone: '483-6251' },
    ]);
    const best = index.best({ id: 'q', name: 'Tiny Tot Villa', street: '8128 S. DR MARTIN LUTHER KING', phone: '4836251' });
    assert.equal(best?.decision, 'match');
    // The whole name with and without the "s" is no exact name.
    const names = indexOf([{ id: 'B', name: 'Brite New Minds', city: 'Chicago', postalCode: '60615' }]);
    const near = names.best({ id: 'q', name: 'Brite New Mind', city: 'Chicago', postalCode: '60615' }, { minConfidence: 0 });
    assert.ok(near?.reasons.some((r) => r.signal === 'name' && (r.similarity ?? 1) < 1));
  });

  it('reads words one name writes together and the other apart as the same words', () => {
    // "PayPal Holdings" / "Pay Pal" was a review on an agreeing phone (name 0.81).
    const index = indexOf([
      { id: 'P', name: 'PayPal Holdings', phone: '(408) 555-0110', city: 'San Jose' },
      { id: 'D', name: 'Chicago Public Schools DePriest, Oscar', street: '139 S Parkside Ave', phone: '(773) 534-6800' },
    ]);
    assert.equal(index.best({ id: 'q', name: 'Pay Pal', phone: '408-555-0110', city: 'San Jose' })?.decision, 'match');
    assert.equal(index.best({ id: 'q', name: 'De Priest', street: '139 S. Parkside Ave', phone: '534-6800' })?.decision, 'match');
    // Two words that only begin the other's word are not it.
    const near = index.best({ id: 'q', name: 'Pay Palace', phone: '408-555-0110', city: 'San Jose' }, { minConfidence: 0 });
    assert.notEqual(near?.decision, 'match');
  });

  it('reads an acronym among words both names share as the words it spells', () => {
    // From the Chicago file: "KKP - Little Tykes I" and "Kiddy Kare Preschools Little Tykes I" at
    // one address were no match (name 0.82); "YMCA of Greater Seattle" with its name spelled out
    // was a review on an agreeing phone.
    const index = indexOf([
      { id: 'K', name: 'Kiddy Kare Preschools Little Tykes I', street: '4200 W 63rd St', postalCode: '60629' },
      { id: 'Y', name: "Young Men's Christian Association of Greater Seattle", phone: '(206) 555-0140', city: 'Seattle' },
      { id: 'T', name: 'Trinity United Church of Christ Denton Brooks', street: '400 W 95th St' },
    ]);
    for (const [query, id] of [
      [{ id: 'q', name: 'KKP - Little Tykes I', street: '4200 W. 63rd Street' }, 'K'],
      [{ id: 'q', name: 'YMCA of Greater Seattle', phone: '206-555-0140', city: 'Seattle' }, 'Y'],
      [{ id: 'q', name: 'Trinity UCC - Denton Brooks', street: '400 W. 95th St.' }, 'T'],
    ] as const) {
      const best = index.best(query);
      assert.equal(best?.id, id, query.name);
      assert.equal(best?.decision, 'match', query.name);
      assert.ok(
        best?.reasons.some((r) => r.signal === 'acronym'),
        query.name,
      );
    }
    // Initials that are not the words' do not count, nor an acronym with nothing around it shared.
    assert.notEqual(
      index.best({ id: 'q', name: 'KLP - Little Tykes I', street: '4200 W. 63rd Street' })?.reasons.some((r) => r.signal === 'acronym'),
      true,
    );
    assert.notEqual(
      index
        .best({ id: 'q', name: 'YMCA of Tacoma', phone: '206-555-0140', city: 'Seattle' }, { minConfidence: 0 })
        ?.reasons.some((r) => r.signal === 'acronym'),
      true,
    );
  });

  it('finds no acronym beside a name that is only the word both share, reading nothing past its ends', () => {
    // The check a name comparison makes when neither spelling is alike (private: a whole
    // comparison seldom gets this far with such names, its other measures decide first).
    const inContext = (key: string, other: string): boolean =>
      (new PreparedName(key, () => 1) as unknown as { isAcronymInContext(other: string): boolean }).isAcronymInContext(other);
    assert.equal(inContext('kiddy kare preschools little tykes i', 'kkp little tykes i'), true);
    assert.equal(inContext('kkp little tykes i', 'kiddy kare preschools little tykes i'), true);
    // The other name is the first word, or the last: sharing it alone spells nothing.
    assert.equal(inContext('trinity unitarian community church', 'trinity'), false);
    assert.equal(inContext('denton brooks', 'brooks'), false);
    assert.equal(inContext('little tykes', 'little'), false);
  });

  it('matches a short name within a long one at the same street address, not on a shared phone alone', () => {
    // Two guides' listings of the same restaurants, and an agency's site with its own name.
    const index = indexOf([
      { id: 'R1', name: 'Lulu Restaurant-Bis-Cafe', street: '816 Folsom St.', city: 'San Francisco' },
      { id: 'R2', name: "Yujean Kang's Gourmet Chinese Cuisine", street: '67 N. Raymond Ave.', city: 'Pasadena' },
      { id: 'S1', name: 'Casa Central - Casa Infantil Child Development Program', street: '2222 N. Kedzie Ave', phone: '773-772-1170' },
    ]);
    const lulu = index.best({ id: 'q', name: 'Lulu', street: '816 Folsom Street', city: 'San Francisco' });
    assert.equal(lulu?.id, 'R1');
    assert.equal(lulu?.decision, 'match');
    assert.ok(lulu?.reasons.some((r) => r.signal === 'name' && r.weight >= 2.5));
    assert.equal(index.best({ id: 'q', name: "Yujean Kang's", street: '67 North Raymond Avenue', city: 'Pasadena' })?.id, 'R2');
    assert.equal(index.best({ id: 'q', name: 'Casa Infantil', street: '2222 N Kedzie Avenue' })?.decision, 'match');
    // The same short name at another address, or sharing only the agency's phone, is not a match.
    const elsewhere = index.best({ id: 'q', name: 'Lulu', street: '1200 Market St', city: 'San Francisco' }, { minConfidence: 0 });
    assert.notEqual(elsewhere?.decision, 'match');
    // An initial stands for its word ("Hughes, L." within "… Hughes, Langston").
    const school = indexOf([{ id: 'H', name: 'Chicago Public Schools Hughes, Langston', street: '240 W. 104th St.' }]);
    assert.equal(school.best({ id: 'q', name: 'Hughes, L.', street: '240 W 104th Street' })?.decision, 'match');
    assert.notEqual(school.best({ id: 'q', name: 'Hughes, M.', street: '240 W 104th Street' }, { minConfidence: 0 })?.decision, 'match');
    const byPhone = index.best({ id: 'q', name: 'Casa Infantil', phone: '(773) 772-1170' }, { minConfidence: 0 });
    assert.equal(byPhone?.id, 'S1');
    assert.notEqual(byPhone?.decision, 'match');
  });

  it('does not hold a street written as one word and as two against a pair', () => {
    const pier: MatchRecord = {
      id: 'P',
      name: 'Near the Pier Development Center',
      street: '540 N Lake Shore Drive',
      phone: '312-527-2223',
    };
    const index = indexOf([pier]);
    const query = { id: 'q', name: 'Near The Pier Child Development Center', phone: '(312) 527-2223' };
    const joined = index.best({ ...query, street: '540 N Lakeshore Dr' }, { minConfidence: 0 });
    assert.equal(joined?.decision, 'match');
    assert.ok(joined?.reasons.some((r) => r.signal === 'address' && r.outcome === 'partial' && r.weight === 0));
    const vanBuren = indexOf([{ id: 'M', name: 'City Colleges Malcolm X CDC', street: '1900 W. Van Buren', phone: '850-7176' }]);
    assert.equal(
      vanBuren.best({ id: 'q', name: 'City Colleges Malcolm X', street: '1900 W. VanBuren', phone: '8507176' })?.decision,
      'match',
    );
    // Another street at the same number still disagrees.
    const other = index.best({ ...query, street: '540 N Wells St' }, { minConfidence: 0 });
    assert.ok(other?.reasons.some((r) => r.signal === 'address' && r.outcome === 'mismatch' && r.weight < 0));
    assert.notEqual(other?.decision, 'match');
  });

  it('does not hold a letter one side adds to the house number against a pair, but holds another number', () => {
    const index = indexOf([{ id: 'H', name: 'Holmes Consulting', street: '221 Baker St', phone: '(312) 555-0221' }]);
    const query = { id: 'q', name: 'Holmes Consulting Ltd', phone: '312-555-0221' };
    const flat = index.best({ ...query, street: '221B Baker Street' }, { minConfidence: 0 });
    assert.equal(flat?.decision, 'match');
    assert.ok(flat?.reasons.some((r) => r.signal === 'address' && r.outcome === 'partial' && r.weight === 0));
    const neighbour = index.best({ ...query, street: '223 Baker Street' }, { minConfidence: 0 });
    assert.ok(neighbour?.reasons.some((r) => r.signal === 'address' && r.outcome === 'mismatch' && r.weight < 0));
  });

  it('agrees on a number written nationally abroad and internationally, for a record without a country', () => {
    const index = indexOf([{ id: 'M', name: 'Brandt Maschinenbau GmbH', phone: '+49 (0) 89 1234567', country: 'DE' }]);
    const best = index.best({ id: 'q', name: 'Brandt Maschinenbau', phone: '089 1234567' }, { minConfidence: 0 });
    assert.equal(best?.decision, 'match');
    assert.ok(best?.reasons.some((r) => r.signal === 'phone' && r.weight > 0));
  });

  it("does not hold a street's first name written as its initial against a pair", () => {
    const rossi: MatchRecord = {
      id: 'R',
      name: 'Rossi Impianti S.r.l.',
      street: 'Via Giuseppe Verdi, 10',
      phone: '+39 02 1234 5678',
      country: 'IT',
    };
    const index = indexOf([rossi]);
    const query = { id: 'q', name: 'Rossi Impianti', phone: '02 12345678', country: 'Italy' };
    const initial = index.best({ ...query, street: 'Via G. Verdi 10' }, { minConfidence: 0 });
    assert.ok(initial?.reasons.some((r) => r.signal === 'address' && r.outcome === 'partial' && r.weight === 0));
    const other = index.best({ ...query, street: 'Via Garibaldi 10' }, { minConfidence: 0 });
    assert.ok(other?.reasons.some((r) => r.signal === 'address' && r.outcome === 'mismatch' && r.weight < 0));
  });

  it('does not hold two lines of one switchboard against a pair', () => {
    const loyola: MatchRecord = { id: 'L', name: 'Loyola University Chicago', street: '1052 W. Loyola Ave', phone: '773-508-3440' };
    const index = indexOf([loyola]);
    const query = { id: 'q', name: 'Loyola University Chicago - Preschool', street: '1052 W Loyola Avenue' };
    const directLine = index.best({ ...query, phone: '(773) 508-3444' }, { minConfidence: 0 });
    assert.ok(directLine);
    assert.equal(directLine.decision, 'match');
    assert.ok(directLine?.reasons.some((r) => r.signal === 'phone' && r.outcome === 'partial' && r.weight === 0));
    // Without the area code on one side, the last seven digits are compared the same way.
    assert.equal(index.best({ ...query, phone: '508-3444' }, { minConfidence: 0 })?.decision, 'match');
    // Another exchange, or the same line digits in another area code, is a different number.
    for (const phone of ['773-509-3440', '312-508-3444']) {
      const other = index.best({ ...query, phone }, { minConfidence: 0 });
      assert.ok(
        other?.reasons.some((r) => r.signal === 'phone' && r.outcome === 'mismatch' && r.weight < 0),
        phone,
      );
      assert.ok(other && other.confidence < directLine.confidence, phone);
    }
  });

  it('pulls apart same-named companies in different places', () => {
    const index = indexOf([globex]);
    const best = index.best(
      { id: 'q', name: 'Globex Corporation', street: '9 Rue de Rivoli', city: 'Paris', country: 'France', phone: '+33 1 42 60 00 00' },
      { minConfidence: 0 },
    );
    assert.ok(!best || best.decision === 'none', JSON.stringify(best));
  });

  it('takes one street address in two postal regions for two addresses, not one in two codes of a region', () => {
    const oregon: MatchRecord = {
      id: 'or',
      kind: 'Account',
      name: 'Jones Plumbing',
      street: '10 Oak St',
      city: 'Portland',
      postalCode: '97201',
      phone: '503-555-0111',
    };
    const index = indexOf([oregon]);
    // Portland, Maine: the same name and street address, another ZIP region and phone.
    const maine = index.best(
      { id: 'me', name: 'Jones Plumbing', street: '10 Oak Street', city: 'Portland', postalCode: '04101', phone: '207-555-0111' },
      { minConfidence: 0 },
    );
    assert.notEqual(maine?.decision, 'match');
    assert.ok(maine?.reasons.some((r) => r.signal === 'postal_code' && r.outcome === 'mismatch'));
    assert.ok(maine?.reasons.some((r) => r.signal === 'address' && r.weight === 0));
    // A neighbouring code of the region (a typo, or a district line) is forgiven as before.
    const typo = index.best({
      id: 'q',
      name: 'Jones Plumbing',
      street: '10 Oak Street',
      city: 'Portland',
      postalCode: '97210',
      phone: '503-555-0111',
    });
    assert.equal(typo?.decision, 'match');
    assert.ok(typo?.reasons.some((r) => r.signal === 'address' && r.outcome === 'match'));
  });

  it('is updated incrementally: upsert replaces, remove forgets', () => {
    const index = indexOf([globex, initech]);
    assert.equal(index.size, 2);
    index.upsert({ ...initech, website: 'initech-software.com' });
    assert.equal(index.size, 2);
    assert.equal(index.best({ id: 'q', name: 'Initech', website: 'initech.io' })?.decision === 'match', false);
    assert.equal(index.best({ id: 'q', name: 'Initech', website: 'initech-software.com' })?.id, '001B');
    assert.ok(index.remove('001B'));
    assert.equal(index.remove('001B'), false);
    assert.equal(index.best({ id: 'q', name: 'Initech', website: 'initech-software.com' }), undefined);
    assert.equal(index.size, 1);
    // A freed slot is reused without mixing records up.
    index.upsert({ id: '001C', name: 'Hooli', website: 'hooli.xyz', phone: '650-555-0111' });
    assert.equal(index.best({ id: 'q', name: 'Hooli Inc', website: 'https://hooli.xyz' })?.id, '001C');
  });

  it('filters by kind and never returns the excluded record', () => {
    const lead: MatchRecord = { id: '00Q1', kind: 'Lead', name: 'Globex', email: 'jane@globex.com', phone: '312 555 0100' };
    const index = indexOf([globex, lead]);
    assert.equal(index.best({ id: 'q', name: 'Globex', website: 'globex.com' }, { kinds: ['Lead'] })?.id, '00Q1');
    assert.equal(index.best(globex, { excludeId: '001A' })?.id, '00Q1');
  });

  it('keeps giant token blocks out of the candidates', () => {
    const records: MatchRecord[] = [];
    for (let i = 0; i < 3000; i++) records.push({ id: `r${i}`, name: `Company${i} Services`, website: `company${i}.com` });
    const index = indexOf(records);
    // "services" is shared by 3,000 records: a query sharing only that word scores none of them.
    assert.ok(index.countCandidates({ id: 'q', name: 'Zyxwv Services' }) < 50);
    assert.equal(index.best({ id: 'q', name: 'Company42 Services', website: 'company42.com' })?.id, 'r42');
  });

  it('scores every candidate of a large block and every word of a long name', () => {
    // 600 branches on one phone number (one block of 600, past the reader's first scratch
    // sizes), and a name of 40 words: the scratch grows, nothing is dropped.
    const records: MatchRecord[] = [];
    for (let i = 0; i < 600; i++)
      records.push({ id: `b${i}`, name: `Branch ${i} Of Acme Widgets`, phone: '312 555 0199', city: 'Chicago' });
    const longName = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    records.push({ id: 'long', name: longName, website: 'long-name.example' });
    const index = indexOf(records);
    assert.equal(index.countCandidates({ id: 'q', phone: '(312) 555-0199' }), 600);
    const found = index.find({ id: 'q', name: 'Branch 417 of Acme Widgets', phone: '312-555-0199', city: 'Chicago' }, { limit: 600 });
    assert.equal(found[0]?.id, 'b417');
    assert.equal(index.best({ id: 'q', name: longName, website: 'https://long-name.example/about' })?.id, 'long');
  });
});
