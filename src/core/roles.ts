/**
 * Column roles: what each column holds, from its header (any style, English or Chinese; see
 * roles-headers.ts) checked against its content — text as typed, or numbers, Dates and booleans
 * as Sheets delivers them. Content that does not back the header up, or that is a mix of kinds,
 * is not forced into a type: such a column becomes 'text'.
 */
import { type Cell, type ColumnRole, type Roles, type Table, isCdmColumn, isEmpty } from './table';
import { isPlaceholder } from './normalize/missing';
import { parseMoney } from './normalize/money';
import { dateFromNumber, parseDate } from './normalize/date';
import { countryCode, isAlpha2 } from './normalize/country';
import { matchHeader } from './roles-headers';
import { type Lang, translator } from '../i18n/index';
import { ROLE_LABELS, ROLE_TEXT } from '../i18n/roles';

export { headerWords, matchHeader } from './roles-headers';

export interface RoleDetail { column: string; role: ColumnRole; confidence: number; reason: string }
export interface RoleDetection { roles: Roles; details: RoleDetail[] }
export interface RoleOptions {
  /** Language of the reasons. */
  lang?: Lang;
  /** Which of the overrides are fixes the user made earlier and CDM remembered (reason says so). */
  remembered?: Roles;
  /** "Today", for birth years that cannot be in the future. */
  asOf?: Date;
}

/** The role the header alone suggests, or null. */
export function roleFromHeader(header: string): ColumnRole | null {
  return matchHeader(header)?.role ?? null;
}

// Same language as /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/ (a dot after the domain's first character with
// two characters after it), written so it cannot backtrack: that one took 39 s on `a@` + 100k dots.
const EMAIL_LIKE_RE = /^[^\s@]+@[^\s@][^\s@.]*\.[^\s@]{2,}$/;
const PHONE_CHARS_RE = /^[+(]?[\d\s().\-\/+]{6,}((x|ext\.?|#)\s*\d{1,6})?$/i;
const DIGIT_RE = /\d/g;
const POSTCODE_RE = /^(?=.*\d)[A-Za-z0-9][A-Za-z0-9 \-]{1,9}$/;
const IDENT_RE = /^(?=.*\d)[A-Za-z0-9_\-]+$/;
const AMBIGUOUS_DATE_RE = /^\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{2,4}/;
const CURRENCY_SIGN_RE = /[$€£¥￥₹]|\b(usd|eur|gbp|cny|rmb)\b|元/i;
const INTEGER_TEXT_RE = /^-?\d+$/;
const STATE_CODE_RE = /^[A-Z]{2,3}$/;
const YEAR_TEXT_RE = /^\d{4}$/;
/** An order number as shops write it: "#1043" (Shopify's order Name). */
const ORDER_NUMBER_RE = /^#\d{3,}$/;

/** Yes/no answers as people and exports write them (Shopify "yes", Sheets TRUE, 是/否). */
const YES_NO = new Set(['yes', 'no', 'y', 'n', 'true', 'false', 't', 'f', '1', '0', '是', '否', 'on', 'off', 'checked', 'unchecked']);
/** Subscription states of e-mail tools (Mailchimp, Square, HubSpot) that also answer "may we write?". */
const CONSENT_WORDS = new Set(['subscribed', 'unsubscribed', 'opted in', 'opted out', 'opt in', 'opt out', 'pending', 'cleaned',
  'non-subscribed', 'not subscribed', 'unknown', 'marketing contact', 'non-marketing contact', 'single opt-in', 'confirmed opt-in',
  'subscribe', 'unsubscribe', '已订阅', '未订阅', '同意', '不同意']);

interface Profile {
  n: number;
  email: number; phone: number; date: number; money: number; numeric: number; integer: number; nonNegative: number;
  postcode: number; ident: number; distinct: number; currency: number; yesNo: number; consent: number;
  alpha2: number; stateCode: number; country: number; year: number; first: string;
}

const SAMPLE = 1000;

function sampleColumn(table: Table, col: number): Cell[] {
  const rows = table.rows;
  const step = Math.max(1, Math.floor(rows.length / SAMPLE));
  const out: Cell[] = [];
  for (let i = 0; i < rows.length && out.length < SAMPLE; i += step) {
    const c = rows[i][col];
    if (!isEmpty(c) && !isPlaceholder(c)) out.push(c);
  }
  return out;
}

const IPV4_RE = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

function looksLikePhone(s: string): boolean {
  if (s.length > 40 || !PHONE_CHARS_RE.test(s) || IPV4_RE.test(s)) return false;
  const digits = s.match(DIGIT_RE)?.length ?? 0;
  return digits >= 7 && digits <= 15 && (/[\s().\-+]/.test(s) || digits >= 10);
}

function profile(values: Cell[], thisYear: number): Profile {
  const p: Profile = {
    n: values.length, email: 0, phone: 0, date: 0, money: 0, numeric: 0, integer: 0, nonNegative: 0, postcode: 0, ident: 0,
    distinct: 0, currency: 0, yesNo: 0, consent: 0, alpha2: 0, stateCode: 0, country: 0, year: 0, first: '',
  };
  const seen = new Set<string>();
  for (const v of values) {
    const key = typeof v === 'string' ? v.trim().toLowerCase() : v instanceof Date ? `d${v.getTime()}` : String(v);
    if (!seen.size) p.first = typeof v === 'string' ? v.trim() : String(v);
    seen.add(key);
    if (v instanceof Date) { if (!Number.isNaN(v.getTime())) p.date++; continue; }
    if (typeof v === 'boolean') { p.yesNo++; continue; }
    if (typeof v === 'number') {
      p.numeric++; p.money++;
      if (Number.isInteger(v)) {
        p.integer++; p.ident++;
        if (v >= 0) p.nonNegative++;
        if (v === 0 || v === 1) p.yesNo++;
        if (v >= 0 && v < 1e10) p.postcode++; // Sheets turns 02135 into 2135: still a postcode column
        if (v >= 1e6 && v < 1e15) p.phone++; // 4155550132 typed into a cell
        if (v >= 1800 && v <= thisYear + 1) p.year++;
        if (v >= 10000101 && v <= 29991231 && dateFromNumber(v)) p.date++; // yyyymmdd typed as a number
      }
      continue;
    }
    // A leading apostrophe is Sheets' and Excel's "keep as text" mark (Shopify exports '+1415…, '02135).
    const s = v.charCodeAt(0) === 39 ? v.slice(1).trim() : v.trim();
    if (s.length > 300) continue; // long free text: evidence of nothing but text
    const lower = s.toLowerCase();
    if (YES_NO.has(lower)) p.yesNo++;
    if (CONSENT_WORDS.has(lower)) p.consent++;
    if (EMAIL_LIKE_RE.test(s)) { p.email++; continue; }
    const money = parseMoney(s);
    if (money !== null) {
      p.money++;
      if (CURRENCY_SIGN_RE.test(s)) p.currency++;
      else {
        p.numeric++;
        if (Number.isInteger(money) && INTEGER_TEXT_RE.test(s)) {
          p.integer++;
          if (money >= 0) p.nonNegative++;
          if (YEAR_TEXT_RE.test(s) && money >= 1800 && money <= thisYear + 1) p.year++;
        }
      }
    }
    const dateLike = parseDate(s, null) !== null || AMBIGUOUS_DATE_RE.test(s);
    if (dateLike) p.date++;
    else if (looksLikePhone(s)) p.phone++; // "2021-04-03" has eight digits and dashes too
    if (POSTCODE_RE.test(s)) p.postcode++;
    if (IDENT_RE.test(s)) p.ident++;
    if (isAlpha2(s) && s === s.toUpperCase()) p.alpha2++;
    if (STATE_CODE_RE.test(s)) p.stateCode++;
    if (countryCode(s)) p.country++;
  }
  p.distinct = seen.size;
  return p;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Share of the sample that fits `role`; null for roles whose content we do not check. */
function support(role: ColumnRole, p: Profile): number | null {
  if (p.n === 0) return null;
  switch (role) {
    case 'email': return p.email / p.n;
    case 'phone': return p.phone / p.n;
    case 'date': case 'birth_date': return p.date / p.n;
    case 'birth_year': return p.year / p.n;
    case 'money': return p.money / p.n;
    case 'count': return p.nonNegative / p.n;
    case 'number': return p.numeric / p.n;
    case 'postcode': return p.postcode / p.n;
    case 'boolean': return p.yesNo / p.n;
    case 'consent': return (p.yesNo + p.consent + p.date) / p.n;
    default: return null;
  }
}

type What = { role: ColumnRole; share: number; what: string };

type Say = (key: keyof typeof ROLE_TEXT.en, params?: Record<string, string | number>) => string;

function roleFromContent(p: Profile, t: Say): What {
  if (p.n === 0) return { role: 'unknown', share: 0, what: t('whatEmpty') };
  const f = (x: number) => x / p.n;
  if (f(p.email) >= 0.8) return { role: 'email', share: f(p.email), what: t('whatEmail') };
  if (f(p.currency) >= 0.8 || (f(p.money) >= 0.9 && p.currency > 0)) return { role: 'money', share: f(p.money), what: t('whatMoney') };
  if (f(p.phone) >= 0.8 && p.integer < p.n) return { role: 'phone', share: f(p.phone), what: t('whatPhone') };
  if (f(p.date) >= 0.8 && p.numeric < p.n * 0.5) return { role: 'date', share: f(p.date), what: t('whatDate') };
  if (p.n >= 10 && f(p.yesNo) === 1 && p.distinct <= 2) return { role: 'boolean', share: 1, what: t('whatYesNo') };
  if (f(p.numeric) >= 0.9) {
    if (p.distinct === p.n && p.n >= 20 && f(p.integer) === 1) return { role: 'id', share: 1, what: t('whatWholeDistinct') };
    return { role: 'number', share: f(p.numeric), what: t('whatNumber') };
  }
  if (p.n >= 20 && p.distinct === p.n && f(p.ident) >= 0.95) return { role: 'id', share: f(p.ident), what: t('whatCodesDistinct') };
  if (p.n >= 10 && p.distinct <= Math.max(2, Math.min(20, p.n * 0.05))) return { role: 'category', share: 1, what: t('whatFew', { n: p.distinct }) };
  const kinds = [p.email, p.phone, p.date, p.numeric].filter((k) => k > 0).length;
  if (kinds >= 2) return { role: 'text', share: 0, what: t('whatMixed') };
  return { role: 'text', share: 1, what: t('whatText') };
}

const NUMERIC_ROLES = new Set<ColumnRole>(['money', 'count', 'number']);
/** Roles a column of ISO codes is really the code version of. */
const CODE_ROLE: Partial<Record<ColumnRole, ColumnRole>> = { country: 'country_code', state: 'state_code' };

function detectOne(table: Table, col: number, lang: Lang, thisYear: number): RoleDetail {
  const t = translator(ROLE_TEXT, lang);
  const label = (r: ColumnRole) => translator(ROLE_LABELS, lang)(r);
  const column = table.header[col];
  const p = profile(sampleColumn(table, col), thisYear);
  const fromHeader = roleFromHeader(column);
  const content = roleFromContent(p, t);
  const detail = (role: ColumnRole, confidence: number, reason: string): RoleDetail => ({ column, role, confidence, reason });

  if (fromHeader) {
    // "Country / Region" full of US, GB, CN is a column of codes: kept as codes, upper case.
    const codeRole = CODE_ROLE[fromHeader];
    if (codeRole && p.n > 0) {
      const codes = fromHeader === 'country' ? p.alpha2 : p.stateCode;
      if (codes / p.n >= 0.9) {
        return detail(codeRole, 0.9, t('codes', { column, header: label(fromHeader), pct: pct(codes / p.n), what: t(fromHeader === 'country' ? 'whatCountryCodes' : 'whatStateCodes') }));
      }
    }
    if (fromHeader === 'country_code' && p.n > 0 && p.alpha2 / p.n < 0.6 && p.country / p.n >= 0.6) {
      return detail('country', 0.8, t('headerContent', { header: label(fromHeader), pct: pct(p.country / p.n), what: label('country') }));
    }
    const s = support(fromHeader, p);
    if (s === null) {
      // Roles we do not check by content (names, places, ids, text) trust the header unless
      // the content is clearly something else, e.g. a "Contact" column full of e-mails.
      if (p.n > 0 && (content.role === 'email' || content.role === 'phone' || content.role === 'date') && content.share >= 0.9 && fromHeader !== 'id' && fromHeader !== 'order_id') {
        return detail(content.role, 0.85, t('headerContent', { header: label(fromHeader), pct: pct(content.share), what: content.what }));
      }
      return detail(fromHeader, p.n === 0 ? 0.6 : 0.9, t('header', { column, role: label(fromHeader) }));
    }
    if (s >= 0.6) {
      if (NUMERIC_ROLES.has(fromHeader) && p.n >= 10 && p.distinct === 1) {
        return detail('unknown', 0.9, t('constant', { value: p.first }));
      }
      return detail(fromHeader, Math.min(0.99, 0.7 + 0.3 * s), t('headerFit', { column, role: label(fromHeader), pct: pct(s) }));
    }
    if (content.role !== 'text' && content.role !== 'unknown' && content.share >= 0.8) {
      return detail(content.role, 0.7, t('headerContent', { header: label(fromHeader), pct: pct(content.share), what: content.what }));
    }
    return detail('text', 0.5, t('headerWeak', { role: label(fromHeader), pct: pct(s) }));
  }
  if (NUMERIC_ROLES.has(content.role) && p.n >= 10 && p.distinct === 1) return detail('unknown', 0.9, t('constant', { value: p.first }));
  const confidence = content.role === 'unknown' ? 0 : Math.round(0.9 * Math.max(content.share, 0.5) * 100) / 100;
  return detail(content.role, confidence, t('content', { what: content.what }));
}

/** Headers that describe what was bought when the table is one of orders ("Description"). */
const ORDER_PRODUCT_HEADERS = new Set(['description', 'item description', 'item', 'items', 'name', 'title', 'lineitem name']);

export function detectRoles(table: Table, overrides?: Roles, options: RoleOptions = {}): RoleDetection {
  const lang = options.lang ?? 'en';
  const t = translator(ROLE_TEXT, lang);
  const thisYear = (options.asOf ?? new Date()).getUTCFullYear(); // asOf is a calendar date (src/gas/dates.ts)
  const roles: Roles = {};
  const details: RoleDetail[] = [];
  table.header.forEach((column, col) => {
    if (isCdmColumn(column)) return;
    const override = overrides?.[column];
    const detail = override
      ? { column, role: override, confidence: 1, reason: options.remembered?.[column] === override ? t('rememberedFix') : t('setByYou') }
      : detectOne(table, col, lang, thisYear);
    roles[column] = detail.role;
    details.push(detail);
  });
  // Shopify's order number is a column called "Name" holding #1043, #1044…: an order number, not a person.
  details.forEach((d) => {
    if (overrides?.[d.column] || !(d.role === 'name' || d.role === 'text' || d.role === 'product' || d.role === 'id')) return;
    const values = sampleColumn(table, table.header.indexOf(d.column)).map((c) => String(c).trim());
    const numbers = values.filter((v) => ORDER_NUMBER_RE.test(v));
    if (values.length === 0 || numbers.length < 0.9 * values.length) return;
    d.role = 'order_id';
    d.confidence = 0.85;
    d.reason = t('orderNumbers', { pct: pct(numbers.length / values.length), example: numbers[0] });
    roles[d.column] = 'order_id';
  });
  // One row per order line: a free-text description there names the product (UCI Online Retail).
  if (Object.values(roles).includes('order_id')) {
    for (const d of details) {
      if (overrides?.[d.column] || (d.role !== 'text' && d.role !== 'name')) continue;
      if (!ORDER_PRODUCT_HEADERS.has(d.column.trim().toLowerCase())) continue;
      d.role = 'product';
      d.confidence = 0.8;
      d.reason = t('orderProduct', { column: d.column });
      roles[d.column] = 'product';
    }
  }
  return { roles, details };
}

/**
 * A table of orders rather than of customers: one row per order or order line, so it has an order
 * number, a date, and what was bought (a product, a quantity or an amount). The UCI Online Retail
 * export is one; a Shopify customers export (Total Orders, no order number) is not.
 */
export function isOrdersTable(roles: Roles): boolean {
  const has = (r: ColumnRole) => Object.values(roles).includes(r);
  return has('order_id') && has('date') && (has('product') || has('count') || has('money'));
}
