/**
 * A fast path in front of libphonenumber-js for the common case: a plainly written number
 * ("(415) 555-0132", "+44 20 7946 0958", "020 7946 0958") that is valid. libphonenumber-js
 * builds a new RegExp for every pattern it tries (about 30 µs a number, 3 s for 100k
 * distinct phones); here each country's patterns are compiled once, from the same 'max'
 * metadata, and the same validity rule is applied (general pattern, then any number type).
 *
 * It only ever answers "valid, and this is the E.164"; anything else — odd characters,
 * national-prefix transform rules, numbers it finds invalid — goes to the full library,
 * which also produces the reason for a flag. test/core/normalize/phone-fast.test.ts checks
 * that its answers equal libphonenumber-js's on thousands of numbers from many countries.
 */
import * as core from 'libphonenumber-js/core';
import metadataJson from 'libphonenumber-js/metadata.max.json';

interface TypeDef { pattern(): string; possibleLengths(): number[] | undefined }
interface NumberingPlan {
  callingCode(): string;
  possibleLengths(): number[] | undefined;
  leadingDigits(): string | undefined;
  nationalNumberPattern(): string;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
  type(t: string): TypeDef | undefined;
}
interface MetadataInstance {
  numberingPlan: NumberingPlan;
  selectNumberingPlan(country: string): void;
  countryCallingCodes(): Record<string, string[]>;
  hasCountry(country: string): boolean;
}
// Metadata is exported by libphonenumber-js/core at runtime but missing from its typings.
const Metadata = (core as unknown as { Metadata: new (json: unknown) => MetadataInstance }).Metadata;

const TYPES = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];

interface Plan {
  callingCode: string;
  general: RegExp;
  types: Array<{ re: RegExp; lengths: number[] | undefined }>;
  prefix: RegExp | null;
  hasTransform: boolean;
  /** The international dialling prefix ("00" in most of the world, "011" in the US). */
  idd: RegExp | null;
  /** The numbering plan's possible national lengths, shortest first (validatePhoneNumberLength's). */
  possible: number[] | undefined;
  /** Among countries that share a calling code, the national numbers this one claims by their start. */
  leading: RegExp | null;
}

let metadata: MetadataInstance | null = null;
const plans = new Map<string, Plan | null>();

function meta(): MetadataInstance {
  return (metadata ??= new Metadata(metadataJson));
}

function planOf(country: string): Plan | null {
  let plan = plans.get(country);
  if (plan !== undefined) return plan;
  const m = meta();
  if (!m.hasCountry(country)) {
    plans.set(country, null);
    return null;
  }
  m.selectNumberingPlan(country);
  const np = m.numberingPlan;
  const types: Plan['types'] = [];
  for (const t of TYPES) {
    const def = np.type(t);
    const pattern = def?.pattern();
    if (def && pattern) types.push({ re: new RegExp(`^(?:${pattern})$`), lengths: def.possibleLengths() });
  }
  const prefix = np.nationalPrefixForParsing();
  const idd = (m as unknown as { IDDPrefix(): string | undefined }).IDDPrefix();
  plan = {
    callingCode: np.callingCode(),
    general: new RegExp(`^(?:${np.nationalNumberPattern()})$`),
    types,
    prefix: prefix ? new RegExp(`^(?:${prefix})`) : null,
    hasTransform: !!np.nationalPrefixTransformRule(),
    idd: idd ? new RegExp(idd) : null,
    possible: np.possibleLengths(),
    leading: np.leadingDigits() ? new RegExp(np.leadingDigits() as string) : null,
  };
  plans.set(country, plan);
  return plan;
}

/** Same rule as libphonenumber-js isValid(): the general pattern, then some number type. */
function validFor(plan: Plan, national: string): boolean {
  if (!plan.general.test(national)) return false;
  for (const t of plan.types) {
    if (t.lengths && t.lengths.indexOf(national.length) < 0) continue;
    if (t.re.test(national)) return true;
  }
  return false;
}

// Only plain writing: digits with spaces, dots, dashes, slashes, one pair of brackets, an
// optional leading "+", and an optional extension at the end.
const PLAIN_RE = /^\+?[\d\s.\-\/]*(?:\(\d{1,5}\)[\d\s.\-\/]*)?$/;
// No leading \s* (quadratic on long runs of spaces): the body's trailing spaces are PLAIN_RE's.
const EXT_RE = /(?:ext\.?|extension|x|#)\s*(\d{1,6})$/i;
const NON_DIGITS_RE = /\D/g;

export interface FastPhone { e164: string; extension?: string }

/**
 * "+<calling code><national>": valid as it stands for one of the code's countries, or — as
 * in "+44 (0)20 7946 0958" — once the trunk prefix is taken off. Like the library, the prefix
 * is read with the main country's rules, and only when the number is not valid with it.
 */
function international(digits: string, extension: string | undefined): FastPhone | null {
  const codes = meta().countryCallingCodes();
  for (let k = 1; k <= 3; k++) {
    const countries = codes[digits.slice(0, k)];
    if (!countries) continue;
    const national = digits.slice(k);
    for (const c of countries) {
      const plan = planOf(c);
      if (plan && validFor(plan, national)) return { e164: '+' + digits, extension };
    }
    const main = planOf(countries[0]);
    if (!main || !main.prefix || main.hasTransform) return null;
    const m = main.prefix.exec(national);
    if (!m || m[0].length === 0 || (m.length > 1 && m[m.length - 1])) return null;
    const stripped = national.slice(m[0].length);
    return validFor(main, stripped) ? { e164: '+' + digits.slice(0, k) + stripped, extension } : null;
  }
  return null;
}

export function fastValidPhone(text: string, region: string | undefined): FastPhone | null {
  let body = text;
  let extension: string | undefined;
  // An extension is written after x, ext or # (EXT_RE): most numbers have none of these.
  const ext = text.indexOf('x') >= 0 || text.indexOf('X') >= 0 || text.indexOf('#') >= 0 ? EXT_RE.exec(body) : null;
  if (ext) {
    extension = ext[1];
    body = body.slice(0, ext.index);
  }
  if (!PLAIN_RE.test(body)) return null;
  const digits = body.replace(NON_DIGITS_RE, '');
  if (digits.length < 6 || digits.length > 17) return null;
  if (body.trimStart().startsWith('+')) return international(digits, extension);
  if (!region) return null;
  const plan = planOf(region);
  if (!plan) return null;
  // "0044 20 7946 0958" where 00 is the region's dialling prefix: the library strips it and
  // reads the rest as "+44 …" (a region with another prefix, like the US, is left to it).
  if (digits.startsWith('00') && digits.charCodeAt(2) !== 48 && plan.idd) {
    const m = plan.idd.exec(digits);
    if (m && m.index === 0 && m[0] === '00') return international(digits.slice(2), extension);
    return null;
  }
  if (plan.prefix) {
    const m = plan.prefix.exec(digits);
    if (m && m[0].length > 0) {
      if (m.length > 1 && m[m.length - 1]) return null; // a transform rule or carrier code: leave to the library
      const stripped = digits.slice(m[0].length);
      if (validFor(plan, stripped) && !validFor(plan, digits)) return { e164: '+' + plan.callingCode + stripped, extension };
      return null;
    }
  }
  return validFor(plan, digits) ? { e164: '+' + plan.callingCode + digits, extension } : null;
}

/** What libphonenumber-js's validatePhoneNumberLength says of a number it finds invalid. */
export type LengthVerdict = 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH' | undefined;

/** checkNumberLength with a plan's general possible lengths. */
function lengthVerdict(plan: Plan, national: string): LengthVerdict {
  const lengths = plan.possible;
  if (!lengths) return undefined;
  const n = national.length;
  if (lengths[0] === n) return undefined;
  if (lengths[0] > n) return 'TOO_SHORT';
  if (lengths[lengths.length - 1] < n) return 'TOO_LONG';
  return lengths.indexOf(n, 1) >= 0 ? undefined : 'INVALID_LENGTH';
}

/** Digits of a national number written with digits, spaces, . - / and one pair of brackets; null otherwise. */
function nationalDigits(text: string): string | null {
  let digits = '';
  let bracket = 0; // 0: none yet, 1: inside, 2: closed
  let inside = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits += text[i];
      if (bracket === 1) inside++;
    } else if (c === 40) {
      if (bracket !== 0) return null;
      bracket = 1;
      inside = 0;
    } else if (c === 41) {
      if (bracket !== 1 || inside < 1 || inside > 5) return null;
      bracket = 2;
    } else if (bracket === 1) {
      return null; // only digits between the brackets
    } else if (c !== 32 && c !== 46 && c !== 45 && c !== 47) {
      return null;
    }
  }
  return bracket === 1 ? null : digits;
}

/**
 * The other half of the fast path: a plainly written national number ("0298 712 551") that
 * libphonenumber-js would find invalid for `region`, and what its validatePhoneNumberLength
 * would say — without the library, which costs about 100 µs for each such number. Only where
 * the library's reading is certain to be the plain one: no "+", no international dialling
 * prefix of the region, no trunk prefix, not starting with the region's calling code, and
 * invalid for every country that
 * shares the code (else the library may read it as that country's). `{ length }` when invalid,
 * null when unsure (the library then decides). test/core/normalize/phone-fast.test.ts compares
 * it with the library on thousands of numbers from every country.
 */
export function fastInvalidPhone(text: string, region: string | undefined): { length: LengthVerdict } | null {
  if (!region) return null;
  const digits = nationalDigits(text);
  if (digits === null || digits.length < 6 || digits.length > 17) return null;
  const plan = planOf(region);
  if (!plan) return null;
  if (digits.startsWith(plan.callingCode)) return null;
  if (plan.idd) {
    const m = plan.idd.exec(digits);
    if (m && m.index === 0) return null;
  }
  if (plan.prefix && plan.prefix.exec(digits)) return null;
  const countries = meta().countryCallingCodes()[plan.callingCode];
  if (!countries || countries.indexOf(region) < 0) return null;
  // The country the library settles on among those sharing the code: the first whose leading
  // digits the number starts with (none valid, so no number type decides), else the region.
  let settled = plan;
  let found = countries.length === 1;
  for (const c of countries) {
    const other = planOf(c);
    if (!other) return null;
    if (validFor(other, digits)) return null;
    if (!found && other.leading) {
      const m = other.leading.exec(digits);
      if (m && m.index === 0) { settled = other; found = true; }
    }
  }
  return { length: lengthVerdict(settled, digits) };
}
