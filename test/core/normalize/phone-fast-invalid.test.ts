/**
 * fastInvalidPhone answers, for plainly written national numbers, what libphonenumber-js would:
 * the number is invalid for the region, and validatePhoneNumberLength says this. The reference
 * is the library itself (same 'max' metadata), on numbers from every country it knows: its
 * example numbers with digits changed, cut or lengthened, and random digits, written with
 * spaces, dots, dashes, slashes and brackets, read with their own region and with others.
 */
import { getCountries, parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { fastInvalidPhone } from '../../../src/core/normalize/phone-fast';
import { normalisePhone, phoneByLibrary } from '../../../src/core/normalize/phone';
import { seededRandom } from '../../../src/core/random';

function libraryValid(text: string, region: CountryCode): boolean {
  const p = parsePhoneNumberFromString(text, { defaultCountry: region, extract: false });
  return !!p && p.isValid();
}

describe('fastInvalidPhone agrees with libphonenumber-js', () => {
  const rng = seededRandom(77);
  const digit = () => String(Math.floor(rng() * 10));
  const countries = getCountries();
  const layouts = [
    (d: string) => d,
    (d: string) => d.replace(/(\d{3})(?=\d)/g, '$1 ').trim(),
    (d: string) => d.replace(/(\d{2})(?=\d)/g, '$1.'),
    (d: string) => d.replace(/(\d{4})(?=\d)/g, '$1-'),
    (d: string) => (d.length > 4 ? `(${d.slice(0, 3)}) ${d.slice(3)}` : d),
    (d: string) => d.replace(/(\d{3})(?=\d)/g, '$1/'),
  ];
  const inputs: Array<[string, CountryCode]> = [];
  for (const country of countries) {
    const example = (examples as Record<string, string>)[country];
    for (let v = 0; v < 14; v++) {
      let digits: string;
      if (example && v < 8) {
        const keep = Math.max(1, example.length - 1 - Math.floor(rng() * 5));
        const extra = Math.floor(rng() * 4) - 1;
        digits = example.slice(0, keep) + Array.from({ length: Math.max(0, example.length - keep + extra) }, digit).join('');
        if (v % 3 === 0) digits = '0' + digits;
      } else {
        digits = Array.from({ length: 6 + Math.floor(rng() * 12) }, digit).join('');
      }
      const text = layouts[Math.floor(rng() * layouts.length)](digits);
      inputs.push([text, country]);
      inputs.push([text, countries[Math.floor(rng() * countries.length)]]);
      inputs.push([text, 'US']);
    }
  }
  // A shop's sheet: foreign numbers typed without their country, read as US or GB numbers.
  for (let i = 0; i < 3000; i++) {
    const d = `0${Array.from({ length: 8 + Math.floor(rng() * 4) }, digit).join('')}`;
    inputs.push([layouts[i % layouts.length](d), i % 2 ? 'US' : 'GB']);
  }

  test(`${inputs.length} numbers: invalid where the library says so, with its length verdict`, () => {
    let answered = 0;
    const disagreements: string[] = [];
    for (const [text, region] of inputs) {
      const fast = fastInvalidPhone(text, region);
      if (!fast) continue;
      answered++;
      if (libraryValid(text, region)) disagreements.push(`${region} ${text}: fast says invalid, library valid`);
      const length = validatePhoneNumberLength(text, region);
      if (length !== fast.length) disagreements.push(`${region} ${text}: fast ${fast.length} vs library ${length}`);
    }
    expect(disagreements.slice(0, 20)).toEqual([]);
    const invalid = inputs.filter(([t, r]) => !libraryValid(t, r)).length;
    console.log(`fastInvalidPhone answered ${answered} of ${invalid} invalid numbers`);
    // It must carry most invalid numbers, or it is not worth having.
    expect(answered / invalid).toBeGreaterThan(0.5);
  });

  test('normalisePhone (fast paths first) gives exactly the library\'s reading', () => {
    const more: Array<[string, CountryCode]> = [];
    // International numbers typed with 00 in a US sheet (the US dials 011), some with extensions or labels.
    for (let i = 0; i < 400; i++) {
      const cc = ['33', '44', '49', '61', '86', '81', '34', '39'][i % 8];
      const rest = Array.from({ length: 8 + Math.floor(rng() * 4) }, digit).join('');
      more.push([`00${cc} ${rest.slice(0, 1)} ${rest.slice(1)}`, 'US']);
      more.push([`00${cc}${rest}`, i % 2 ? 'US' : 'GB']);
    }
    const fields = (r: ReturnType<typeof normalisePhone>) => JSON.stringify([r.e164, r.extension ?? null, r.valid, r.display, r.reason ?? null, r.problem ?? null]);
    const differ: string[] = [];
    for (const [text, region] of [...inputs, ...more]) {
      const a = fields(normalisePhone(text, region));
      const b = fields(phoneByLibrary(text, region));
      if (a !== b) differ.push(`${region} ${text}: ${a} vs ${b}`);
    }
    expect(differ.slice(0, 20)).toEqual([]);
  });

  test('normalisePhone gives the same result for a number whether the fast path or the library reads it', () => {
    // A US sheet with Australian and French numbers typed without their country code.
    for (const text of ['0298712551', '02 8038 1264', '04.97.29.20.16', '0763194996', '03073135395', '159 5160 1532']) {
      const r = normalisePhone(text, 'US');
      expect(r.valid).toBe(false);
      const length = validatePhoneNumberLength(text, 'US');
      expect(r.problem).toBe(length === 'TOO_LONG' ? 'phone_too_long' : length === 'TOO_SHORT' ? 'phone_too_short' : length === 'INVALID_LENGTH' ? 'phone_bad_length' : 'phone_not_valid_for');
    }
  });
});
