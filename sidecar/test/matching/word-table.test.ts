import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ShortValueSet, WordTable } from '../../src/matching/normalize/word-table.ts';

describe('word lookups without slicing', () => {
  it('WordTable finds a word by its range of a text, and only a whole word', () => {
    const table = new WordTable([
      ['suite', 1],
      ['ste', 2],
    ]);
    assert.equal(table.get('100 main st suite 200', 12, 17), 1);
    assert.equal(table.get('ste', 0, 3), 2);
    assert.equal(table.get('100 main st suite 200', 12, 15), undefined, 'a prefix of a word is not the word');
    assert.equal(table.get('', 0, 0), undefined);
  });

  it('WordTable answers as a Map of its words would, whatever shapes the words share', () => {
    // Words of one length, first and last letter (one shape: the table's quick check lets them
    // all through), letters 32 apart in code (& 31 alike), beyond ASCII, and longer than 31.
    const words = ['cab', 'cob', 'cub', 'cb', 'c\u00e9b', 'c\u0103b', 'incorporated', 'internationalisation-and-more-words', 'gmbh'];
    const table = new WordTable(words.map((word, i) => [word, i] as const));
    const map = new Map(words.map((word, i) => [word, i]));
    const probes = [...words, 'cib', 'cb ', 'CAB', 'cac', 'bab', 'c', 'incorporatex', 'internationalisation-and-more-wordz', 'gmbhx', 'ab'];
    for (const probe of probes) {
      const text = `  ${probe}  `;
      assert.equal(table.get(text, 2, 2 + probe.length), map.get(probe), probe);
    }
    assert.throws(() => new WordTable([['', 1]]), RangeError);
  });

  it('ShortValueSet answers as a Set of its values would, from any start', () => {
    const values = ['na', 'none', 'none.com', 'example.com'];
    const set = new ShortValueSet(values);
    const plain = new Set(values);
    for (const text of ['na', 'nb', 'none', 'nonf', 'none.com', 'none.co', 'example.com', 'examplf.com', '', 'n', 'a much longer value']) {
      assert.equal(set.has(text), plain.has(text), text);
    }
    assert.equal(set.has('jo@none.com', 3), true);
    assert.equal(set.has('jo@nine.com', 3), false);
    assert.equal(set.has('jo@example.com.au', 3), false);
    // Beyond ASCII, the first character's table entry is shared with others: the Set decides.
    assert.equal(new ShortValueSet(['ñame']).has('ñame'), true);
    assert.equal(new ShortValueSet(['ñame']).has('ōame'), false);
  });
});
