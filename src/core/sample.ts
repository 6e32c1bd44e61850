/**
 * A realistic, dirty customer sheet of a one-person business, generated from a seed. It is
 * the playground's sheet, the benchmark's data and a labelled dedupe test set: `truth[i]`
 * is the real customer behind row i, so pairs with the same truth are the true duplicates.
 *
 * What makes it dirty on purpose: names in several scripts and casings ("SMITH, Robert",
 * nicknames), phones from six countries in mixed formats, e-mail case and Gmail-dot
 * variants, countries spelled many ways, money as strings, mixed date formats, placeholders
 * for missing values, formula-looking notes, outliers; planted duplicates (typos,
 * nicknames, swapped names, reformatting, gaps) and hard negatives (relatives sharing a
 * household phone and address; different people called John Smith).
 */
import type { Cell, Table } from './table';
import { seededRandom, type Rng } from './random';
import { toCsv } from './csv';
import {
  COUNTRIES, COMMON_NAMES, CJK_HOMOPHONES, MISSING_PLACEHOLDERS, NOTES, SEGMENTS,
  randomDigits, type CityInfo, type CountryInfo, type FirstName, type ProductProfile,
} from './sample-data';

// Math's functions read once: global lookups are slow inside node:vm (jest, the local runtime).
const { floor, max, min, round } = Math;

export interface SampleOptions {
  rows: number;
  seed?: number;
  /** Share of rows that belong to a duplicate group (groups of 2-3). Default 0.15. */
  duplicateRate?: number;
}

export interface Sample {
  table: Table;
  /** Entity id per row: rows with equal ids are the same customer. */
  truth: string[];
}

export const SAMPLE_HEADER = [
  'Name', 'Email', 'Phone', 'Street', 'City', 'Postcode', 'Country', 'Signup Date',
  'Last Purchase', 'Orders', 'Total Spend', 'Product', 'Age', 'Income', 'Notes',
];

/** "Today" for the generated sheet, fixed so that recency and churn are reproducible. */
export const SAMPLE_AS_OF = new Date(Date.UTC(2025, 5, 30));
const DAY = 86400000;

interface Phone { cc: string; groups: string[]; country: string }

interface Person {
  id: string;
  country: CountryInfo;
  first: FirstName;
  last: { name: string; latin?: string };
  email: string;
  phone: Phone;
  streetNo: number;
  /** Index into the country's street types (Street, Avenue, ...). */
  streetType: number;
  street: string;
  unit: string;
  city: CityInfo;
  postcode: string;
  signupDay: number;
  lastDay: number;
  orders: number;
  spend: number;
  product: string;
  age: number;
  income: number;
  note: string;
}

const pick = <T>(r: Rng, items: readonly T[]): T => items[floor(r() * items.length)];
const chance = (r: Rng, p: number): boolean => r() < p;
const between = (r: Rng, lo: number, hi: number): number => lo + floor(r() * (hi - lo + 1));
const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));
function gauss(r: Rng): number {
  // Sum of uniforms: close enough to normal for sample data, and cheaper than Box-Muller's logs.
  return r() + r() + r() + r() + r() + r() - 3;
}

const COUNTRY_WEIGHTS = COUNTRIES.map((c) => c.weight);
const SEGMENT_WEIGHTS = SEGMENTS.map((s) => s.weight);
const COUNTRY_TOTAL = COUNTRY_WEIGHTS.reduce((a, b) => a + b, 0);
const SEGMENT_TOTAL = SEGMENT_WEIGHTS.reduce((a, b) => a + b, 0);
function weighted<T>(r: Rng, items: readonly T[], weights: readonly number[], total: number): T {
  let x = r() * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i];
    if (x < 0) return items[i];
  }
  return items[items.length - 1];
}

const folded = new Map<string, string>();
function asciiFold(s: string): string {
  let f = folded.get(s);
  if (f === undefined) {
    f = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').toLowerCase().replace(/[^a-z]/g, '');
    folded.set(s, f);
  }
  return f;
}

class Generator {
  private readonly usedEmails = new Set<string>();
  private nextId = 0;
  constructor(private readonly r: Rng) {}

  person(country = weighted(this.r, COUNTRIES, COUNTRY_WEIGHTS, COUNTRY_TOTAL), name?: [string, string]): Person {
    const r = this.r;
    const first = name ? { name: name[0], latin: country.firsts.find((f) => f.name === name[0])?.latin } : pick(r, country.firsts);
    const last = name ? country.lasts.find((l) => l.name === name[1]) ?? { name: name[1] } : pick(r, country.lasts);
    const city = pick(r, country.cities);
    const seg = weighted(r, SEGMENTS, SEGMENT_WEIGHTS, SEGMENT_TOTAL);
    const p: Person = {
      id: 'C' + String(++this.nextId).padStart(6, '0'),
      country, first, last, city,
      email: this.email(country, first, last),
      phone: this.phone(country, city),
      // Mostly small house numbers, a long tail up to 3000: a big sheet must not run out of addresses.
      streetNo: 1 + floor(r() * r() * 3000),
      streetType: floor(r() * 6),
      street: pick(r, country.streets),
      unit: chance(r, 0.15) ? String(between(r, 1, 30)) + (chance(r, 0.4) ? 'ABCD'[between(r, 0, 3)] : '') : '',
      postcode: city.postcode(r),
      signupDay: 0, lastDay: 0, orders: 0, spend: 0, product: '', age: 0, income: 0,
      note: chance(r, 0.06) ? pick(r, NOTES) : '',
    };
    this.money(p, seg);
    return p;
  }

  /** Someone from the same household: same surname, address and landline, another first name. */
  relative(of: Person): Person {
    const r = this.r;
    const other = this.person(of.country);
    const taken = new Set([of.first.name, ...(of.first.nicks ?? [])]);
    let first = pick(r, of.country.firsts);
    for (let i = 0; i < 10 && (taken.has(first.name) || (first.nicks ?? []).some((n) => taken.has(n))); i++) {
      first = pick(r, of.country.firsts);
    }
    return {
      ...other, first, last: of.last, phone: of.phone, streetNo: of.streetNo, streetType: of.streetType, street: of.street,
      unit: of.unit, city: of.city, postcode: of.postcode, country: of.country,
      email: this.email(of.country, first, of.last),
      age: max(18, of.age + pick(r, [-30, -27, -3, 2, 4, 25, 28])),
    };
  }

  private email(country: CountryInfo, first: FirstName, last: { name: string; latin?: string }): string {
    const r = this.r;
    const f = first.latin ?? asciiFold(first.name);
    const l = last.latin ?? asciiFold(last.name);
    const domain = pick(r, country.domains);
    let local: string;
    switch (between(r, 0, 6)) {
      case 0: local = `${f}.${l}`; break;
      case 1: local = `${f}${l}`; break;
      case 2: local = `${f[0]}${l}`; break;
      case 3: local = `${f}_${l}`; break;
      case 4: local = `${l}.${f}`; break;
      case 5: local = `${f}${l}${between(r, 1, 99)}`; break;
      default: local = `${f[0]}.${l}`;
    }
    let email = `${local}@${domain}`;
    // Gmail ignores dots: "mary.walker@" and "marywalker@" are one mailbox, so one person.
    const mailbox = (e: string) => (domain === 'gmail.com' ? e.replace(/\./g, '') : e);
    while (this.usedEmails.has(mailbox(email))) email = `${f}${l}${between(r, 1, 9999)}@${domain}`;
    this.usedEmails.add(mailbox(email));
    return email;
  }

  private phone(country: CountryInfo, city: CityInfo): Phone {
    const r = this.r;
    const mobile = country.mobile.prefixes.length > 0 && chance(r, 0.5);
    if (mobile) {
      const m = country.mobile;
      const groups = m.groups.map((n, i) => randomDigits(r, n, i === 0 ? m.lead : '0123456789'));
      return { cc: country.callingCode, groups: [pick(r, m.prefixes), ...groups], country: country.code };
    }
    const groups = city.localGroups.map((n, i) => randomDigits(r, n, i === 0 ? city.localLead : '0123456789'));
    if (country.code === 'US') {
      // N11 exchanges are service codes (411, 911), not subscriber numbers.
      if (groups[0][1] === '1' && groups[0][2] === '1') groups[0] = groups[0][0] + '21';
    }
    return { cc: country.callingCode, groups: [city.areaCode, ...groups], country: country.code };
  }

  private money(p: Person, seg: ProductProfile): void {
    const r = this.r;
    p.income = max(12000, round((seg.income[0] + seg.income[1] * gauss(r)) / 100) * 100);
    p.age = between(r, seg.age[0], seg.age[1]);
    p.orders = between(r, seg.orders[0], seg.orders[1]);
    // Order value grows with income, so spend is predictable from orders and income.
    const orderValue = between(r, seg.orderValue[0], seg.orderValue[1]) * (0.75 + p.income / 200000);
    p.spend = round(p.orders * orderValue * (0.9 + 0.2 * r()) * 100) / 100;
    p.product = pick(r, seg.products);
    const asOf = floor(SAMPLE_AS_OF.getTime() / DAY);
    const recency = between(r, seg.recency[0], seg.recency[1]);
    const tenure = seg.segment === 'new' ? between(r, recency, max(recency, 120)) : between(r, recency + 30, 2600);
    p.lastDay = asOf - recency;
    p.signupDay = asOf - tenure;
  }
}

// ---------------------------------------------------------------------------------------
// Rendering one person as one row, the way a human typed it.
// ---------------------------------------------------------------------------------------

interface Variation {
  /** Use a nickname / formal name swap. */
  nickname?: boolean;
  typo?: boolean;
  swapName?: boolean;
  emailVariant?: boolean;
  blank?: 'email' | 'phone' | 'street' | 'city' | 'postcode' | 'age' | 'income';
  addressVariant?: boolean;
  older?: boolean;
}

function typo(r: Rng, s: string): string {
  if (s.length < 3) return s;
  const at = between(r, 1, s.length - 2);
  switch (between(r, 0, 3)) {
    case 0: return s.slice(0, at) + s.slice(at + 1); // deletion
    case 1: return s.slice(0, at) + s[at + 1] + s[at] + s.slice(at + 2); // transposition
    case 2: return s.slice(0, at) + s[at] + s.slice(at); // doubled letter
    default: {
      const near = 'aeiou'.includes(s[at].toLowerCase()) ? 'aeiou' : 'nmrtls';
      let c = near[floor(r() * near.length)];
      if (c === s[at]) c = near[(near.indexOf(c) + 1) % near.length];
      return s.slice(0, at) + c + s.slice(at + 1);
    }
  }
}

function homophone(r: Rng, s: string): string {
  const chars = [...s];
  const spots = chars.map((c, i) => (CJK_HOMOPHONES[c] ? i : -1)).filter((i) => i >= 0);
  if (spots.length === 0) return s;
  const at = pick(r, spots);
  chars[at] = CJK_HOMOPHONES[chars[at]];
  return chars.join('');
}

function renderName(r: Rng, p: Person, v: Variation): string {
  let first = p.first.name;
  let last = p.last.name;
  if (v.nickname && p.first.nicks) first = pick(r, p.first.nicks);
  if (p.country.cjk) {
    let full = last + first;
    if (v.typo) full = last + homophone(r, first);
    if (chance(r, 0.05)) full = last + ' ' + first;
    return chance(r, 0.03) ? full + ' ' : full;
  }
  if (v.typo) {
    if (chance(r, 0.5)) first = typo(r, first);
    else last = typo(r, last);
  }
  if (v.swapName) return chance(r, 0.7) ? `${last.toUpperCase()}, ${first}` : `${last}, ${first}`;
  const x = r();
  if (x < 0.06) return `${last.toUpperCase()}, ${first}`;
  if (x < 0.10) return `${last}, ${first}`;
  if (x < 0.17) return `${first} ${last}`.toLowerCase();
  if (x < 0.22) return `${first} ${last}`.toUpperCase();
  if (x < 0.27) return ` ${first}  ${last} `;
  return `${first} ${last}`;
}

function renderEmail(r: Rng, email: string, v: Variation): string {
  const at = email.indexOf('@');
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  if (v.emailVariant) {
    const gmail = domain === 'gmail.com';
    const x = r();
    if (gmail && x < 0.35) local = local.includes('.') ? local.replace(/\./g, '') : local.slice(0, 1) + '.' + local.slice(1);
    else if (gmail && x < 0.55) local = local + '+' + pick(r, ['shop', 'orders', 'news']);
    else if (x < 0.8) { local = local[0].toUpperCase() + local.slice(1); domain = domain[0].toUpperCase() + domain.slice(1); }
    else return ` ${email.toUpperCase()} `;
  } else if (chance(r, 0.04)) {
    return chance(r, 0.5) ? email.toUpperCase() : ` ${email}`;
  }
  return `${local}@${domain}`;
}

function renderPhone(r: Rng, ph: Phone): string {
  const g = ph.groups;
  const ext = chance(r, 0.03) ? pick(r, EXTENSIONS) + between(r, 2, 999) : '';
  const rest = (sep: string): string => g.slice(1).join(sep);
  let s: string;
  // One format is chosen first and only that string is built: this runs once per row.
  switch (ph.country) {
    case 'US':
      switch (between(r, 0, 7)) {
        case 0: case 1: s = `(${g[0]}) ${g[1]}-${g[2]}`; break;
        case 2: s = `${g[0]}-${g[1]}-${g[2]}`; break;
        case 3: s = `${g[0]}.${g[1]}.${g[2]}`; break;
        case 4: s = `+1 ${g[0]} ${g[1]} ${g[2]}`; break;
        case 5: s = `+1 (${g[0]}) ${g[1]}-${g[2]}`; break;
        case 6: s = g[0] + g[1] + g[2]; break;
        default: s = `1-${g[0]}-${g[1]}-${g[2]}`;
      }
      break;
    case 'GB':
      switch (between(r, 0, 5)) {
        case 0: s = `0${g[0]} ${rest(' ')}`; break;
        case 1: s = `(0${g[0]}) ${rest(' ')}`; break;
        case 2: s = `+44 ${g[0]} ${rest(' ')}`; break;
        case 3: s = `0044 ${g[0]} ${rest(' ')}`; break;
        case 4: s = `+44 (0)${g[0]} ${rest(' ')}`; break;
        default: s = `0${g[0]}${rest('')}`;
      }
      break;
    case 'DE':
      switch (between(r, 0, 5)) {
        case 0: s = `0${g[0]} ${rest('')}`; break;
        case 1: s = `0${g[0]}/${rest('')}`; break;
        case 2: s = `+49 ${g[0]} ${rest(' ')}`; break;
        case 3: s = `0049 ${g[0]} ${rest(' ')}`; break;
        case 4: s = `+49 (0)${g[0]} ${rest('')}`; break;
        default: s = `0${g[0]}${rest('')}`;
      }
      break;
    case 'FR':
      switch (between(r, 0, 4)) {
        case 0: s = `0${g[0]} ${rest(' ')}`; break;
        case 1: s = `0${g[0]}.${rest('.')}`; break;
        case 2: s = `+33 ${g[0]} ${rest(' ')}`; break;
        case 3: s = `0033 ${g[0]} ${rest(' ')}`; break;
        default: s = `0${g[0]}${rest('')}`;
      }
      break;
    case 'CN':
      if (g[0].length === 3) { // mobile: no trunk prefix
        switch (between(r, 0, 4)) {
          case 0: s = `${g[0]} ${rest(' ')}`; break;
          case 1: s = g[0] + rest(''); break;
          case 2: s = `+86 ${g[0]} ${rest(' ')}`; break;
          case 3: s = `${g[0]}-${rest('-')}`; break;
          default: s = `0086 ${g[0]}${rest('')}`;
        }
      } else {
        switch (between(r, 0, 3)) {
          case 0: s = `0${g[0]}-${rest('')}`; break;
          case 1: s = `(0${g[0]}) ${rest(' ')}`; break;
          case 2: s = `+86 ${g[0]} ${rest(' ')}`; break;
          default: s = `0${g[0]}${rest('')}`;
        }
      }
      break;
    default: // AU
      if (g[0] === '4') {
        switch (between(r, 0, 2)) {
          case 0: s = `0${g[0]}${g[1]} ${g[2]} ${g[3]}`; break;
          case 1: s = `+61 ${g[0]}${g[1]} ${g[2]} ${g[3]}`; break;
          default: s = `0${g[0]}${rest('')}`;
        }
      } else {
        switch (between(r, 0, 3)) {
          case 0: s = `(0${g[0]}) ${rest(' ')}`; break;
          case 1: s = `0${g[0]} ${rest(' ')}`; break;
          case 2: s = `+61 ${g[0]} ${rest(' ')}`; break;
          default: s = `0${g[0]}${rest('')}`;
        }
      }
  }
  return s + ext;
}
const EXTENSIONS = [' x', ' ext. ', ' ext ', ' #'];

const ENGLISH_STREET_TYPES: Array<[string, string[]]> = [
  ['Street', ['St', 'St.', 'street', 'ST']], ['Avenue', ['Ave', 'Ave.', 'avenue']], ['Road', ['Rd', 'Rd.', 'road']],
  ['Drive', ['Dr', 'Dr.', 'drive']], ['Lane', ['Ln', 'lane']], ['Boulevard', ['Blvd', 'Blvd.']],
];
const BRITISH_STREET_TYPES: Array<[string, string[]]> = [
  ['Road', ['Rd', 'Rd.', 'road']], ['Street', ['St', 'St.', 'street']], ['Lane', ['Ln', 'lane']],
  ['Close', ['Cl', 'close']], ['Avenue', ['Ave', 'avenue']], ['Gardens', ['Gdns', 'gardens']],
];

function renderStreet(r: Rng, p: Person, variant: boolean): string {
  const code = p.country.code;
  const unit = p.unit ? (variant ? pick(r, [`, Apt ${p.unit}`, ` #${p.unit}`, `, Unit ${p.unit}`]) : `, Apt ${p.unit}`) : '';
  if (code === 'DE') {
    const forms = [`${p.street}straße ${p.streetNo}`, `${p.street}str. ${p.streetNo}`, `${p.street}strasse ${p.streetNo}`];
    return variant ? pick(r, forms.slice(1)) : forms[0];
  }
  if (code === 'FR') {
    const base = `${p.streetNo} ${p.street}`;
    return variant ? pick(r, [`${p.streetNo}, ${p.street}`, base.toUpperCase(), base.replace(/^(\d+) rue/, '$1 r.')]) : base;
  }
  if (code === 'CN') return variant ? `${p.city.city}${p.street}${p.streetNo}号` : `${p.street}${p.streetNo}号`;
  const [full, shorts] = (code === 'GB' ? BRITISH_STREET_TYPES : ENGLISH_STREET_TYPES)[p.streetType];
  const name = `${p.streetNo} ${p.street}`;
  if (variant) return `${name} ${pick(r, [full, ...shorts])}${unit}`.replace(/^(.*)$/, (s) => (chance(r, 0.3) ? s.toLowerCase() : s));
  return `${name} ${chance(r, 0.5) ? full : shorts[0]}${unit}`;
}

function renderPostcode(r: Rng, p: Person, variant: boolean): Cell {
  const pc = p.postcode;
  if (p.country.code === 'US') {
    // A spreadsheet that once treated ZIPs as numbers ate Boston's leading zero.
    if (pc.startsWith('0') && chance(r, 0.3)) return Number(pc);
    if (variant && chance(r, 0.5)) return `${pc}-${randomDigits(r, 4)}`;
    return chance(r, 0.7) ? Number(pc) : pc;
  }
  if (p.country.code === 'GB' && (variant || chance(r, 0.1))) return chance(r, 0.5) ? pc.toLowerCase() : pc.replace(' ', '');
  return /^\d+$/.test(pc) && chance(r, 0.5) ? Number(pc) : pc;
}

const dateText = new Map<number, string>();
function fmtDate(day: number, style: number): string {
  const key = day * 4 + style;
  let text = dateText.get(key);
  if (text === undefined) {
    text = formatDay(day, style);
    dateText.set(key, text);
  }
  return text;
}

function formatDay(day: number, style: number): string {
  const d = new Date(day * DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const dd = d.getUTCDate();
  switch (style) {
    case 0: return `${pad2(m)}/${pad2(dd)}/${y}`;
    case 1: return `${y}-${pad2(m)}-${pad2(dd)}`;
    case 2: return `${m}/${dd}/${y}`;
    default: return `${MONTH_NAMES[m - 1]} ${dd}, ${y}`;
  }
}
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function renderMoney(r: Rng, amount: number): Cell {
  const x = r();
  if (x < 0.45) return amount;
  const fixed = amount.toFixed(2);
  if (x >= 0.75 && x < 0.85) return fixed;
  const dot = fixed.length - 3;
  const dec = fixed.slice(dot + 1);
  const grouped = thousands(fixed.slice(0, dot));
  if (x < 0.75) return `$${grouped}.${dec}`;
  if (x < 0.92) return `USD ${grouped}.${dec}`;
  if (x < 0.96) return ` $${grouped}.${dec} `;
  return `${grouped.replace(/,/g, '.')},${dec} €`;
}

function thousands(int: string): string {
  let out = '';
  for (let i = int.length; i > 0; i -= 3) out = int.slice(max(0, i - 3), i) + (out ? ',' + out : '');
  return out;
}

function renderIncome(r: Rng, income: number): Cell {
  if (chance(r, 0.003)) return pick(r, [666666, 9999999, 1]);
  const x = r();
  if (x < 0.7) return income;
  if (x < 0.9) return '$' + thousands(String(income));
  return String(income);
}

function missing(r: Rng): string {
  return pick(r, MISSING_PLACEHOLDERS);
}

function renderRow(r: Rng, p: Person, v: Variation): Cell[] {
  const gap = (rate: number, field: Variation['blank']): boolean => v.blank === field || chance(r, rate);
  let orders = p.orders;
  let spend = p.spend;
  let lastDay = p.lastDay;
  if (v.older && orders > 1) {
    // An earlier entry of the same customer: fewer orders, less spend, an older purchase.
    const keep = between(r, 1, orders - 1);
    spend = round((spend * keep) / orders * 100) / 100;
    lastDay = max(p.signupDay, lastDay - between(r, 20, 200));
    orders = keep;
  }
  const countryText = chance(r, 0.05) ? missing(r) : chance(r, 0.45) ? p.country.spellings[0] : pick(r, p.country.spellings);
  const city = v.addressVariant && chance(r, 0.5) ? pick(r, p.city.variants) : chance(r, 0.08) ? pick(r, p.city.variants) : p.city.city;
  const signupStyle = chance(r, 0.85) ? 0 : chance(r, 0.6) ? 1 : 2;
  const lastStyle = chance(r, 0.8) ? 0 : chance(r, 0.7) ? 1 : 3;
  return [
    chance(r, 0.004) ? missing(r) : renderName(r, p, v),
    gap(0.05, 'email') ? missing(r) : renderEmail(r, p.email, v),
    gap(0.04, 'phone') ? missing(r) : renderPhone(r, p.phone),
    gap(0.03, 'street') ? missing(r) : renderStreet(r, p, !!v.addressVariant),
    gap(0.03, 'city') ? missing(r) : city,
    gap(0.04, 'postcode') ? missing(r) : renderPostcode(r, p, !!v.addressVariant),
    countryText,
    chance(r, 0.03) ? missing(r) : fmtDate(p.signupDay, signupStyle),
    chance(r, 0.04) ? missing(r) : fmtDate(lastDay, lastStyle),
    chance(r, 0.03) ? missing(r) : chance(r, 0.9) ? orders : String(orders),
    chance(r, 0.04) ? missing(r) : renderMoney(r, spend),
    chance(r, 0.05) ? missing(r) : p.product,
    gap(0.08, 'age') ? missing(r) : chance(r, 0.002) ? pick(r, [230, 3]) : p.age,
    gap(0.08, 'income') ? missing(r) : renderIncome(r, p.income),
    p.note,
  ];
}

/** How a planted duplicate differs from its original: one to three changes. */
function duplicateVariation(r: Rng, p: Person): Variation {
  const v: Variation = {};
  const kinds = ['typo', 'nickname', 'swapName', 'emailVariant', 'blank', 'addressVariant', 'older'] as const;
  const n = between(r, 1, 3);
  for (let i = 0; i < n; i++) {
    const k = pick(r, kinds);
    if (k === 'nickname' && !p.first.nicks) v.typo = true;
    else if (k === 'blank') v.blank = pick(r, ['email', 'phone', 'street', 'city', 'postcode', 'age', 'income'] as const);
    else v[k] = true;
  }
  return v;
}

export function generateSample(options: SampleOptions): Sample {
  const rows = max(0, floor(options.rows));
  const rate = min(0.9, max(0, options.duplicateRate ?? 0.15));
  const r = seededRandom(options.seed ?? 1);
  const gen = new Generator(r);
  const out: Cell[][] = [];
  const truth: string[] = [];
  const emit = (p: Person, v: Variation) => { out.push(renderRow(r, p, v)); truth.push(p.id); };

  const groupedTarget = round(rows * rate);
  let grouped = 0;
  while (out.length < rows) {
    const left = rows - out.length;
    const x = r();
    if (grouped < groupedTarget && left >= 2) {
      const size = min(left, groupedTarget - grouped >= 3 && chance(r, 0.3) ? 3 : 2);
      const p = gen.person();
      // Which row carries the nickname is random: either one may be the "original".
      emit(p, {});
      for (let i = 1; i < size; i++) {
        const v = duplicateVariation(r, p);
        // Keep at least one contact detail, as a human re-entering a customer would.
        if (v.blank === 'email' || v.blank === 'phone') v.emailVariant = false;
        emit(p, v);
      }
      grouped += size;
    } else if (x < 0.03 && left >= 2) {
      const p = gen.person();
      emit(p, {});
      emit(gen.relative(p), {});
    } else if (x < 0.05) {
      const country = COUNTRIES[floor(r() * COUNTRIES.length)];
      emit(gen.person(country, pick(r, COMMON_NAMES[country.code])), {});
    } else {
      emit(gen.person(), {});
    }
  }
  // Shuffle so duplicates are not neighbours (users append, sort and paste over years).
  for (let i = out.length - 1; i > 0; i--) {
    const j = floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
    [truth[i], truth[j]] = [truth[j], truth[i]];
  }
  return { table: { header: SAMPLE_HEADER.slice(), rows: out }, truth };
}

/** The sample sheet as CSV text (what `npm start` and the benchmarks feed the CLI). */
export function sampleCsv(options: SampleOptions): string {
  // Raw on purpose: the sample is messy input for CDM (formula-looking notes included), as a
  // form export would be, not CDM's output.
  return toCsv(generateSample(options).table, { formulas: 'keep' });
}
