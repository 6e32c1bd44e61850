import { parsePhoneNumberFromString, getCountries } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { fastValidPhone } from '../../../src/core/normalize/phone-fast';
import { seededRandom } from '../../../src/core/random';

// The reference is libphonenumber-js itself (full parse + isValid with the same 'max'
// metadata): the fast path must never say "valid" where it would not, nor give another E.164.
function reference(text: string, region: CountryCode | undefined): { e164: string; ext?: string } | null {
  const p = parsePhoneNumberFromString(text, { defaultCountry: region, extract: false });
  return p && p.isValid() ? { e164: p.number as string, ext: p.ext ? String(p.ext) : undefined } : null;
}

describe('fastValidPhone agrees with libphonenumber-js', () => {
  const rng = seededRandom(20240501);
  const digit = () => String(Math.floor(rng() * 10));
  const inputs: Array<[string, CountryCode]> = [];
  for (const country of getCountries()) {
    const example = (examples as Record<string, string>)[country];
    if (!example) continue;
    for (let v = 0; v < 12; v++) {
      // Vary the last digits of the example mobile number: some stay valid, some do not.
      const keep = example.length - 1 - Math.floor(rng() * 4);
      const national = example.slice(0, keep) + Array.from({ length: example.length - keep }, digit).join('');
      const parsed = parsePhoneNumberFromString(national, country);
      inputs.push([national, country]);
      if (parsed) {
        inputs.push([parsed.formatNational(), country]);
        inputs.push([parsed.formatInternational(), country]);
        inputs.push([parsed.number as string, country]);
        inputs.push([`${parsed.formatNational()} x${v + 1}`, country]);
        inputs.push([parsed.formatInternational(), 'US']);
      }
    }
  }
  // US/CA landlines across many area codes, as a shop's sheet would have them.
  for (let i = 0; i < 1500; i++) {
    const n = `${2 + Math.floor(rng() * 8)}${digit()}${digit()}${2 + Math.floor(rng() * 8)}${digit()}${digit()}${digit()}${digit()}${digit()}${digit()}`;
    inputs.push([`(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`, 'US']);
    inputs.push([`+1 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`, 'GB']);
    inputs.push([`1-${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`, 'CA']);
  }

  test(`${inputs.length} generated numbers`, () => {
    let answered = 0;
    const disagreements: string[] = [];
    for (const [text, region] of inputs) {
      const fast = fastValidPhone(text, region);
      const ref = reference(text, region);
      if (fast) {
        answered++;
        if (!ref || ref.e164 !== fast.e164 || ref.ext !== fast.extension) {
          disagreements.push(`${region} ${text}: fast ${fast.e164} vs library ${ref ? ref.e164 : 'invalid'}`);
        }
      }
    }
    expect(disagreements.slice(0, 20)).toEqual([]);
    // The fast path must actually carry most valid numbers, or it is not worth having.
    const valid = inputs.filter(([t, r]) => reference(t, r)).length;
    console.log(`fast path answered ${answered} of ${valid} valid numbers`);
    expect(answered / valid).toBeGreaterThan(0.8);
  });
});
