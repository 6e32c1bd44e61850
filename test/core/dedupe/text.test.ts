import talismanJaroWinkler from 'talisman/metrics/jaro-winkler';
import { boundedEditDistance, editSignature, farApart, isTransposition, jaroWinkler, withinOneEdit } from '../../../src/core/dedupe/text';
import { canonicalFirstName, sameFirstName } from '../../../src/core/dedupe/nicknames';
import { seededRandom } from '../../../src/core/random';

describe('string helpers', () => {
  it('Jaro-Winkler agrees with talisman (the reference implementation) on names and random strings', () => {
    const pairs: Array<[string, string]> = [
      ['martha', 'marhta'], ['dwayne', 'duane'], ['dixon', 'dicksonx'], ['jon', 'john'], ['kayla', 'kalya'],
      ['sophie', 'soph ie'], ['和平路', '和平街'], ['a', 'b'], ['abc', 'abc'], ['smith', 'smyth'], ['x', 'xy'],
    ];
    const rng = seededRandom(3);
    const letters = 'abcde';
    for (let i = 0; i < 300; i++) {
      const word = () => Array.from({ length: 1 + Math.floor(rng() * 8) }, () => letters[Math.floor(rng() * letters.length)]).join('');
      pairs.push([word(), word()]);
    }
    for (const [a, b] of pairs) expect(jaroWinkler(a, b)).toBeCloseTo(talismanJaroWinkler(a, b), 12);
  });

  it('one-edit check matches the edit distance', () => {
    const rng = seededRandom(5);
    for (let i = 0; i < 500; i++) {
      const w = () => Array.from({ length: Math.floor(rng() * 5) }, () => 'ab'[Math.floor(rng() * 2)]).join('');
      const a = w();
      const b = w();
      expect(withinOneEdit(a, b)).toBe(boundedEditDistance(a, b, 3) <= 1);
    }
  });

  it('farApart never rules out two strings that are equal, one edit apart or a transposition', () => {
    // Reference: the edit distance and an explicit swap of two neighbours, on random strings
    // with repeated characters (the signature counts repeats) and a few non-ASCII ones.
    const rng = seededRandom(9);
    const alphabet = 'aab01.@é和';
    const pick = () => alphabet[Math.floor(rng() * alphabet.length)];
    const far = (a: string, b: string) => farApart(a.length, editSignature(a), b.length, editSignature(b));
    let near = 0;
    let ruledOut = 0;
    for (let i = 0; i < 4000; i++) {
      const a = Array.from({ length: Math.floor(rng() * 12) }, pick).join('');
      const p = Math.floor(rng() * (a.length + 1));
      const edits = [
        a.slice(0, p) + pick() + a.slice(p + 1), // substitution
        a.slice(0, p) + pick() + a.slice(p), // insertion
        a.slice(0, p) + a.slice(p + 1), // deletion
        a.slice(0, p) + a.slice(p + 1, p + 2) + a.slice(p, p + 1) + a.slice(p + 2), // swap
        Array.from({ length: Math.floor(rng() * 12) }, pick).join(''), // unrelated
      ];
      for (const b of edits) {
        const swap = a.length === b.length && [...a].some((_, k) => a.slice(0, k) + a[k + 1] + a[k] + a.slice(k + 2) === b);
        if (boundedEditDistance(a, b, 2) <= 1 || swap) { near++; expect(far(a, b)).toBe(false); } else if (far(a, b)) ruledOut++;
      }
    }
    expect(near).toBeGreaterThan(10000);
    expect(ruledOut).toBeGreaterThan(1000);
    expect(far('linda.reed@mail.com', 'jack.smith@post.org')).toBe(true);
    expect(far('555123456', '555123465')).toBe(false);
  });

  it('spots a swap of neighbouring characters', () => {
    expect(isTransposition('8638391', '8368391')).toBe(true);
    expect(isTransposition('1234', '1243')).toBe(true);
    expect(isTransposition('1234', '4231')).toBe(false);
    expect(isTransposition('1234', '1234')).toBe(false);
  });

  it('knows common nicknames, including ones shared by two names', () => {
    expect(canonicalFirstName('bob')).toBe('robert');
    expect(canonicalFirstName('peggy')).toBe('margaret');
    expect(sameFirstName('alex', 'alejandro')).toBe(true);
    expect(sameFirstName('alex', 'alexander')).toBe(true);
    expect(sameFirstName('liz', 'elizabeth')).toBe(true);
    expect(sameFirstName('bill', 'robert')).toBe(false);
  });
});

import { extractRecord, planFields } from '../../../src/core/dedupe/features';

describe('street parsing', () => {
  const plan = planFields({ header: ['Street'], rows: [] }, { Street: 'street' });
  const street = (s: string) => { const r = extractRecord([s], plan); return [r.street, r.streetName, r.streetNumber]; };
  it('spells out abbreviations and splits house numbers, for ASCII and other scripts alike', () => {
    expect(street('12 Birch Rd.')).toEqual(['12 birch road', 'birch road', '12']);
    expect(street('Schulstrasse 180')).toEqual(['schulstraße 180', 'schulstraße', '180']);
    expect(street('Schulstraße 180')).toEqual(['schulstraße 180', 'schulstraße', '180']);
    expect(street('和平路108号')).toEqual(['和平路 108 号', '和平路 号', '108']);
    expect(street('Unit4/22 Main St')).toEqual(['unit 4 22 main street', 'unit main street', '4 22']);
    expect(street('Rue de la Paix 5')).toEqual(street('rue de la paix 5'));
  });
});
