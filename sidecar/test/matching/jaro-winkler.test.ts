import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { JaroWinklerPattern, jaroWinkler, jaroWinklerReference } from '../../src/matching/index.ts';

/** Small deterministic generator so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
}

describe('Jaro-Winkler', () => {
  it('gives the textbook values', () => {
    assert.equal(jaroWinkler('martha', 'marhta').toFixed(4), '0.9611');
    assert.equal(jaroWinkler('dwayne', 'duane').toFixed(4), '0.8400');
    assert.equal(jaroWinkler('dixon', 'dicksonx').toFixed(4), '0.8133');
    assert.equal(jaroWinkler('same', 'same'), 1);
    assert.equal(jaroWinkler('', ''), 1);
    assert.equal(jaroWinkler('abc', ''), 0);
    assert.equal(jaroWinkler('abc', 'xyz'), 0);
  });

  it('equals the reference implementation on 50,000 random pairs (short, long, over 64, non-ASCII)', () => {
    const next = random(20261124);
    const alphabets = ['ab', 'abcde ', 'abcdefghijklmnopqrstuvwxyz ', 'aeéèöß mn'];
    for (let k = 0; k < 50_000; k++) {
      const alphabet = alphabets[k % alphabets.length] as string;
      const word = (length: number): string => {
        let s = '';
        for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)];
        return s;
      };
      const a = word(Math.floor(next() * 75));
      const b = next() < 0.3 ? a.slice(0, Math.floor(next() * a.length)) + word(Math.floor(next() * 5)) : word(Math.floor(next() * 75));
      const fast = jaroWinkler(a, b);
      const reference = jaroWinklerReference(a, b);
      assert.ok(Math.abs(fast - reference) < 1e-12, `${JSON.stringify(a)} / ${JSON.stringify(b)}: ${fast} vs ${reference}`);
    }
  });

  it('reuses one pattern for many texts', () => {
    const pattern = new JaroWinklerPattern('erie neighborhood house');
    for (const text of ['erie house', 'erie neighbourhood house', 'chicago commons', 'erie neighborhood house']) {
      assert.equal(pattern.similarity(text), jaroWinklerReference(text, 'erie neighborhood house'));
    }
    pattern.reset('acme');
    assert.equal(pattern.similarity('acme'), 1);
    assert.equal(pattern.similarity('acne'), jaroWinklerReference('acne', 'acme'));
  });
});
