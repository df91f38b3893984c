/**
 * Model-based tests of the index's packed data structures: random operations on the id table
 * and the posting table are checked step by step against a plain Map, and records whose ids or
 * names fall outside the packed byte form (non-Latin-1, over 255 characters) round-trip through
 * upsert, find and remove.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MatchIndex } from '../../src/matching/index.ts';
import {
  forEachBlockingKey,
  maxBlockingKeys,
  tokenHash,
  writeBlockingKeys,
  writePackedBlockingKeys,
} from '../../src/matching/index/blocking-keys.ts';
import type { BlockKind } from '../../src/matching/index/blocking-keys.ts';
import { IdTable } from '../../src/matching/index/id-table.ts';
import { kindIndex } from '../../src/matching/index/normalized-batch.ts';
import { PostingTable } from '../../src/matching/index/posting-table.ts';
import { MATCH_RECORD_KINDS } from '../../src/matching/types.ts';
import type { MatchRecordKind } from '../../src/matching/types.ts';
import { normalizeToStored } from '../../src/matching/normalize/record.ts';
import { writePackedLatin1 } from '../../src/matching/scoring/stored-record.ts';
import type { StoredRecord } from '../../src/matching/scoring/stored-record.ts';
import { hashKey, hashRange, hashStart } from '../../src/matching/string-hash.ts';
import { accountRecord, generateCompany, leadRecord, partnerRecord } from '../../bench/match/generate.ts';
import { seededRandom } from '../../bench/seeded-random.ts';
import { DEFAULT_PROGRAM_SETTINGS } from '../../src/settings/program-settings.ts';

test('the id table agrees with a Map through 200,000 random adds, get-or-adds, deletes and lookups', () => {
  const random = seededRandom(7);
  const ids: (string | undefined)[] = [];
  const freeSlots: number[] = [];
  const table = new IdTable(4, (slot, id) => ids[slot] === id);
  const reference = new Map<string, number>();
  for (let step = 0; step < 200_000; step++) {
    const id = `x${Math.floor(random() * 3000)}`;
    const roll = random();
    if (roll < 0.3) {
      if (table.get(id) === undefined) {
        const slot = freeSlots.pop() ?? ids.length;
        ids[slot] = id;
        table.add(id, slot);
        reference.set(id, slot);
      }
    } else if (roll < 0.5) {
      // One probe: the slot a new id would take is offered, and taken only if the id is new.
      const offered = freeSlots.length > 0 ? freeSlots[freeSlots.length - 1]! : ids.length;
      const found = table.getOrAdd(id, hashKey(id), offered);
      assert.equal(found, reference.get(id) ?? -1, `getOrAdd ${id} at step ${step}`);
      if (found < 0) {
        freeSlots.pop();
        ids[offered] = id;
        reference.set(id, offered);
      }
    } else if (roll < 0.8) {
      const slot = table.get(id);
      assert.equal(table.delete(id), reference.has(id), `delete ${id} at step ${step}`);
      if (slot !== undefined) {
        ids[slot] = undefined;
        freeSlots.push(slot);
        reference.delete(id);
      }
    } else {
      assert.equal(table.get(id), reference.get(id), `get ${id} at step ${step}`);
    }
    assert.equal(table.size, reference.size);
  }
  for (const [id, slot] of reference) assert.equal(table.get(id), slot);
});

for (const [label, keys, bulkSteps] of [
  ['few keys, mixed operations', 300, 0],
  ['many keys after a bulk load', 3000, 20_000],
] as const) {
  test(`the posting table agrees with a Map (${label})`, () => {
    for (const expected of [4, 100, 5000]) {
      const random = seededRandom(11);
      const table = new PostingTable(expected);
      const reference = new Map<number, number[]>();
      const hashOf = (k: number) => Math.imul(k + 1, 0x9e3779b1) | 0;
      for (let step = 0; step < 100_000; step++) {
        const hash = hashOf(Math.floor(random() * keys));
        const roll = step < bulkSteps ? 0 : random();
        if (roll < 0.5) {
          const slot = Math.floor(random() * 1000);
          table.add(hash, slot);
          (reference.get(hash) ?? reference.set(hash, []).get(hash)!).push(slot);
        } else if (roll < 0.75) {
          const list = reference.get(hash) ?? [];
          if (list.length) {
            const slot = list[Math.floor(random() * list.length)]!;
            assert.ok(table.remove(hash, slot), `remove at step ${step}`);
            list.splice(list.indexOf(slot), 1);
          } else {
            assert.equal(table.remove(hash, 5), false, `phantom remove at step ${step}`);
          }
        } else if (roll < 0.8) {
          table.prepareForLookups();
        } else {
          const got: number[] = [];
          table.forEach(hash, (slot) => got.push(slot));
          const want = [...(reference.get(hash) ?? [])];
          assert.deepEqual(
            got.sort((a, b) => a - b),
            want.sort((a, b) => a - b),
            `postings at step ${step}`,
          );
          assert.ok(table.blockSize(hash) >= want.length);
        }
      }
      let total = 0;
      for (const list of reference.values()) total += list.length;
      assert.equal(table.size, total);
    }
  });
}

test('records outside the packed byte form round-trip through upsert, find and remove', () => {
  const index = new MatchIndex({ thresholds: DEFAULT_PROGRAM_SETTINGS, expectedRecords: 2 });
  const records = [
    { id: 'ω1', name: 'Ωμέγα Τεχνολογίες', website: 'omega.gr', phone: '+30 210 1234567', city: 'Αθήνα' },
    { id: 'a2', name: 'Müller GmbH', website: 'mueller.de', city: 'München' },
    { id: 'x'.repeat(300), name: 'Long Id Corp', website: 'longid.com' },
    { id: 'b3', name: '株式会社トヨタ', website: 'toyota.jp' },
  ];
  for (let round = 0; round < 3; round++) {
    for (const record of records) index.upsert(record);
    for (let i = 0; i < 50; i++) index.upsert({ id: `f${i}é`, name: `Filler ${i}`, website: `filler${i}.com` });
    assert.equal(index.size, 54);
    for (const record of records) {
      assert.ok(index.has(record.id), record.id);
      assert.equal(index.best({ id: 'q', name: record.name, website: record.website })?.id, record.id);
      assert.equal(index.find({ id: 'q', name: record.name, website: record.website }, { excludeId: record.id }).length, 0);
    }
    for (const record of records) assert.ok(index.remove(record.id));
    for (const record of records) assert.ok(!index.has(record.id));
    assert.equal(index.best({ id: 'q', name: 'Müller GmbH', website: 'mueller.de' }), undefined);
    for (let i = 0; i < 50; i++) assert.ok(index.remove(`f${i}é`));
    assert.equal(index.size, 0);
  }
});

/** The blocking keys spelled out one by one, key string by key string: what writeBlockingKeys computes in one pass. */
function referenceBlockingKeys(record: StoredRecord): [number, BlockKind][] {
  const keys: [number, BlockKind][] = [];
  const hash = (text: string): number => hashRange(hashStart(text[0] as string), text, 1, text.length);
  if (record.domain) keys.push([hash(`d${record.domain}`), 'wide']);
  if (record.emailDomain && record.emailDomain !== record.domain) keys.push([hash(`d${record.emailDomain}`), 'wide']);
  const phone = record.phone ?? record.phoneLocal;
  if (phone !== undefined && phone.length >= 7) keys.push([hash(`p${phone.slice(-7)}`), 'wide']);
  if (record.addressNumber && record.streetHead) keys.push([hash(`a${record.addressNumber} ${record.streetHead}`), 'wide']);
  if (record.nameKey === '') return keys;
  keys.push([hash(`n${record.nameKey}`), 'wide']);
  // An umlaut written out ("ue" for "ü") is one letter in the word and prefix keys.
  const words = record.nameKey.replaceAll(/(?<=[aou])e/g, '');
  keys.push([hash(`k${words.replaceAll(' ', '').slice(0, 5)}`), 'narrow']);
  for (const token of words.split(' ')) if (token !== '') keys.push([hash(`t${token}`), 'token']);
  return keys;
}

test("a name token's weight is looked up under its block's key, an umlaut's \"e\" left out alike", () => {
  for (const token of ['mueller', 'muller', 'baeckerei', 'queen', 'oee', 'e', 'acme']) {
    const record = { ...normalizeToStored({ id: 'r', name: 'Globex' }, 'US'), nameKey: token };
    const keys: number[] = [];
    forEachBlockingKey(record, (hash, kind) => kind === 'token' && keys.push(hash));
    assert.deepEqual(keys, [tokenHash(token)], token);
  }
  assert.equal(tokenHash('mueller'), tokenHash('muller'));
  assert.notEqual(tokenHash('muller'), tokenHash('mullr'));
});

test('blocking keys hashed in one pass are the keys spelled out, in the same order', () => {
  const random = seededRandom(3);
  const records: StoredRecord[] = [];
  for (let i = 0; i < 3000; i++) {
    const company = generateCompany(random, i);
    for (const record of [
      accountRecord(company, `001${i}`, random),
      leadRecord(company, `00Q${i}`, random),
      partnerRecord(company, `a0P${i}`, random),
    ])
      records.push(normalizeToStored(record, 'US'));
  }
  const odd = { ...(records[0] as StoredRecord), nameKey: ' a  bc   defghij k ', phone: undefined, phoneLocal: '5550100' };
  records.push(odd, { ...odd, nameKey: '' }, { ...odd, nameKey: 'x' }, { ...odd, emailDomain: odd.domain });
  records.push({ ...odd, nameKey: 'mueller queen baeckerei e ue oee' });
  // Beyond Latin-1, and over 255 characters: keys hashed off the record's string form.
  records.push(
    { ...odd, nameKey: 'мюллер и партнеры' },
    { ...odd, nameKey: '東京 電力', city: 'tōkyō' },
    { ...odd, email: `${'x'.repeat(300)}@acme.com` },
  );
  const bytes = new Uint8Array(4096);
  for (const record of records) {
    const expected = referenceBlockingKeys(record);
    const seen: [number, BlockKind][] = [];
    forEachBlockingKey(record, (hash, kind) => seen.push([hash, kind]));
    assert.deepEqual(seen, expected, record.nameKey);
    assert.ok(expected.length <= maxBlockingKeys(record));
    const big = new Int32Array(maxBlockingKeys(record) + 3);
    const bigKinds = new Uint8Array(big.length);
    const end = writeBlockingKeys(record, big, 3, bigKinds);
    assert.deepEqual(
      [...big.subarray(3, end)],
      expected.map(([hash]) => hash),
    );
    assert.deepEqual(
      [...bigKinds.subarray(3, end)].map((kind) => ['wide', 'narrow', 'token'][kind]),
      expected.map(([, kind]) => kind),
    );
    // A bulk load's way: off the bytes it has just packed, at any offset.
    if (writePackedLatin1(record, bytes, 7)) {
      const packedEnd = writePackedBlockingKeys(bytes, 7, big, 0, bigKinds);
      assert.deepEqual(
        [...big.subarray(0, packedEnd)],
        expected.map(([hash]) => hash),
      );
    }
  }
});

test('a record kind is stored as its index in MATCH_RECORD_KINDS, an unknown one as "Record"', () => {
  MATCH_RECORD_KINDS.forEach((kind, index) => assert.equal(kindIndex(kind), index, kind));
  // Read off the wire, a kind is a string of its own, not the constant.
  assert.equal(kindIndex(['Le', 'ad'].join('') as MatchRecordKind), MATCH_RECORD_KINDS.indexOf('Lead'));
  assert.equal(kindIndex('Opportunity' as MatchRecordKind), MATCH_RECORD_KINDS.indexOf('Record'));
});
