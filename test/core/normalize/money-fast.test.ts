/**
 * readNumber and decimalEvidence answer plain texts (ASCII digits with at most one '.', perhaps
 * after one currency sign) without
 * their regular expressions. The reference is the general path on the same text: readNumberText,
 * and decimalEvidence on the text with a leading space (which the general path removes first, and
 * which keeps a text off the fast path).
 */
import { decimalEvidence, readNumber, readNumberText, type Decimal } from '../../../src/core/normalize/money';
import { seededRandom } from '../../../src/core/random';

function texts(): string[] {
  const rnd = seededRandom(314);
  const out = ['', '0', '00', '0.5', '.5', '5.', '.', '..', '1.234', '01.234', '0.123', '123.456', '1234.567', '12.5', '007', '1e5',
    '999999999999999', '9999999999999999', '0000000000000001', '1.000', '100.000', '000.5', '0.000', '12345678901234.5', '1234567890123.45'];
  const alphabet = '0123456789.,';
  const signs = ['', '', '', '$', '€', '£', '¥', '￥', 'US$', '-'];
  for (let i = 0; i < 20000; i++) {
    const n = 1 + Math.floor(rnd() * 20);
    let s = signs[Math.floor(rnd() * signs.length)];
    for (let k = 0; k < n; k++) s += alphabet[rnd() < 0.15 ? 10 + Math.floor(rnd() * 2) : Math.floor(rnd() * 10)];
    out.push(s);
  }
  return out;
}

describe('plain number texts read by the fast path', () => {
  const all = texts();
  const contexts: Array<{ decimal?: Decimal | null; money?: boolean }> = [{}, { decimal: '.' }, { decimal: ',' }, { decimal: '.', money: true }, { decimal: ',', money: true }, { decimal: null, money: true }];

  test('readNumber gives the general rules\' answer for every text and context', () => {
    const differ: string[] = [];
    for (const s of all) {
      for (const c of contexts) {
        const fast = JSON.stringify(readNumber(s, c));
        const general = JSON.stringify(readNumberText(s, c));
        if (fast !== general) differ.push(`${s} ${JSON.stringify(c)}: ${fast} vs ${general}`);
      }
    }
    expect(differ.slice(0, 20)).toEqual([]);
  });

  test('decimalEvidence counts the same proofs', () => {
    // Columns of a few texts each, so conflicts and both counts are exercised.
    for (let i = 0; i + 7 <= all.length; i += 7) {
      const column = all.slice(i, i + 7);
      expect(decimalEvidence(column)).toEqual(decimalEvidence(column.map((s) => ` ${s}`)));
    }
  });
});
