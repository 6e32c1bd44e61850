/**
 * Column roles: what each column holds, from its header (English or Chinese, FEBRL names)
 * checked against its content. Content that does not back the header up, or that is a mix
 * of kinds, is not forced into a type: such a column becomes 'text'.
 */
import { type Cell, type ColumnRole, type Roles, type Table, isCdmColumn, isEmpty } from './table';
import { isPlaceholder } from './normalize/missing';
import { parseMoney } from './normalize/money';
import { parseDate } from './normalize/date';

export interface RoleDetail { column: string; role: ColumnRole; confidence: number; reason: string }
export interface RoleDetection { roles: Roles; details: RoleDetail[] }

interface HeaderRule { role: ColumnRole; words?: RegExp; cjk?: RegExp }

// Order matters: "email address" is an e-mail, "last name" is not a date, "spending score" is a number.
const HEADER_RULES: HeaderRule[] = [
  { role: 'email', words: /\b(e ?mail|email address|mail)\b/, cjk: /邮箱|电子邮件|邮件|電郵|郵箱/ },
  { role: 'phone', words: /\b(phone|telephone|tel|mobile|cell|cellphone|fax|whatsapp|contact number|phone number)\b/, cjk: /电话|手机|联系方式|電話|手機/ },
  { role: 'id', words: /\b(id|ids|identifier|rec id|record id|soc sec id|ssn|customer (no|number|code)|account (no|number)|member (no|number)|uuid|guid)\b/, cjk: /编号|会员号|客户号|身份证|工号|序号/ },
  { role: 'first_name', words: /\b(first name|firstname|given name|givenname|forename)\b/, cjk: /^名字?$/ },
  { role: 'last_name', words: /\b(last name|lastname|surname|family name|familyname)\b/, cjk: /^姓氏?$/ },
  { role: 'name', words: /^(customer|client|contact|person)$|\bname\b/, cjk: /姓名|名称|客户|联系人|顾客/ },
  { role: 'postcode', words: /\b(postcode|post code|postal code|postalcode|zip|zipcode|zip code|plz)\b/, cjk: /邮编|邮政编码|郵遞區號/ },
  { role: 'street', words: /\b(street|street number|address|address 1|address 2|address1|address2|addr|address line \d|line \d)\b/, cjk: /地址|街道|住址/ },
  { role: 'city', words: /\b(city|town|suburb|locality)\b/, cjk: /城市|^市$|区县|城镇/ },
  { role: 'state', words: /\b(state|province|county|region|prefecture)\b/, cjk: /^省|省份|州/ },
  { role: 'country', words: /\b(country|nation)\b/, cjk: /国家|國家/ },
  { role: 'date', words: /\b(date|dob|birth|birthday|born|joined|since|signup|signed up|created|updated|last purchase|last order|last visit|first purchase)\b/, cjk: /日期|生日|出生|时间|注册/ },
  { role: 'number', words: /\b(age|score|rating|rank|percent|percentage|weight|height)\b/, cjk: /年龄|评分|分数|得分/ },
  { role: 'count', words: /\b(orders|order count|count|visits|purchases|qty|quantity|number of|num|times|frequency|transactions)\b/, cjk: /订单|次数|数量|笔数/ },
  { role: 'money', words: /\b(amount|spend|spent|spending|revenue|total|price|value|income|salary|sales|balance|paid|cost|ltv|lifetime value)\b/, cjk: /金额|消费|收入|价格|总额|销售额|余额/ },
  { role: 'category', words: /\b(gender|sex|segment|type|category|status|tier|level|group|channel|source|plan|membership)\b/, cjk: /性别|类别|类型|等级|状态|渠道|来源|分组/ },
  { role: 'text', words: /\b(notes?|comments?|remarks?|description|memo|feedback|message)\b/, cjk: /备注|说明|留言|描述/ },
];

const HEADER_CLEAN_RE = /[_\-.\/()#:$%]+/g;

function normaliseHeader(header: string): string {
  return header.trim().toLowerCase().replace(HEADER_CLEAN_RE, ' ').replace(/\s+/g, ' ').trim();
}

/** The role the header alone suggests, or null. */
export function roleFromHeader(header: string): ColumnRole | null {
  const h = normaliseHeader(header);
  if (!h) return null;
  for (const rule of HEADER_RULES) {
    if (rule.words && rule.words.test(h)) return rule.role;
    if (rule.cjk && rule.cjk.test(h)) return rule.role;
  }
  return null;
}

// Same language as /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/ (a dot after the domain's first character with
// two characters after it), written so it cannot backtrack: that one took 39 s on `a@` + 100k dots.
const EMAIL_LIKE_RE = /^[^\s@]+@[^\s@][^\s@.]*\.[^\s@]{2,}$/;
const PHONE_CHARS_RE = /^[+(]?[\d\s().\-\/+]{6,}((x|ext\.?|#)\s*\d{1,6})?$/i;
const DIGIT_RE = /\d/g;
const POSTCODE_RE = /^(?=.*\d)[A-Za-z0-9][A-Za-z0-9 \-]{1,9}$/;
const IDENT_RE = /^(?=.*\d)[A-Za-z0-9_\-]+$/;
const AMBIGUOUS_DATE_RE = /^\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{2,4}$/;
const CURRENCY_SIGN_RE = /[$€£¥￥₹]|\b(usd|eur|gbp|cny|rmb)\b|元/i;

interface Profile {
  n: number;
  email: number; phone: number; date: number; money: number; numeric: number; integer: number;
  postcode: number; ident: number; distinct: number; currency: number;
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

function looksLikePhone(s: string): boolean {
  if (!PHONE_CHARS_RE.test(s)) return false;
  const digits = s.match(DIGIT_RE)?.length ?? 0;
  return digits >= 7 && digits <= 15 && (/[\s().\-+]/.test(s) || digits >= 10);
}

function profile(values: Cell[]): Profile {
  const p: Profile = { n: values.length, email: 0, phone: 0, date: 0, money: 0, numeric: 0, integer: 0, postcode: 0, ident: 0, distinct: 0, currency: 0 };
  const seen = new Set<string>();
  for (const v of values) {
    seen.add(typeof v === 'string' ? v.trim().toLowerCase() : String(v));
    if (v instanceof Date) { p.date++; continue; }
    if (typeof v === 'number') {
      p.numeric++; p.money++;
      if (Number.isInteger(v)) { p.integer++; p.ident++; }
      continue;
    }
    if (typeof v === 'boolean') continue;
    const s = v.trim();
    if (EMAIL_LIKE_RE.test(s)) { p.email++; continue; }
    const money = parseMoney(s);
    if (money !== null) {
      p.money++;
      if (CURRENCY_SIGN_RE.test(s)) p.currency++;
      else { p.numeric++; if (Number.isInteger(money) && /^-?\d+$/.test(s)) p.integer++; }
    }
    const dateLike = parseDate(s, null) !== null || AMBIGUOUS_DATE_RE.test(s);
    if (dateLike) p.date++;
    else if (looksLikePhone(s)) p.phone++; // "2021-04-03" has eight digits and dashes too
    if (POSTCODE_RE.test(s)) p.postcode++;
    if (IDENT_RE.test(s)) p.ident++;
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
    case 'date': return p.date / p.n;
    case 'money': return p.money / p.n;
    case 'count': return p.integer / p.n;
    case 'number': return p.numeric / p.n;
    case 'postcode': return p.postcode / p.n;
    default: return null;
  }
}

function roleFromContent(p: Profile): { role: ColumnRole; share: number; what: string } {
  if (p.n === 0) return { role: 'unknown', share: 0, what: 'the column is empty' };
  const f = (x: number) => x / p.n;
  if (f(p.email) >= 0.8) return { role: 'email', share: f(p.email), what: 'e-mail addresses' };
  if (f(p.currency) >= 0.8 || (f(p.money) >= 0.9 && p.currency > 0)) return { role: 'money', share: f(p.money), what: 'amounts of money' };
  if (f(p.phone) >= 0.8 && p.integer < p.n) return { role: 'phone', share: f(p.phone), what: 'phone numbers' };
  if (f(p.date) >= 0.8 && p.numeric < p.n * 0.5) return { role: 'date', share: f(p.date), what: 'dates' };
  if (f(p.numeric) >= 0.9) {
    if (p.distinct === p.n && p.n >= 20 && f(p.integer) === 1) return { role: 'id', share: 1, what: 'distinct whole numbers' };
    return { role: 'number', share: f(p.numeric), what: 'numbers' };
  }
  if (p.n >= 20 && p.distinct === p.n && f(p.ident) >= 0.95) return { role: 'id', share: f(p.ident), what: 'distinct codes' };
  if (p.n >= 10 && p.distinct <= Math.max(2, Math.min(20, p.n * 0.05))) return { role: 'category', share: 1, what: `only ${p.distinct} different values` };
  const kinds = [p.email, p.phone, p.date, p.numeric].filter((k) => k > 0).length;
  if (kinds >= 2) return { role: 'text', share: 0, what: 'a mix of kinds of values' };
  return { role: 'text', share: 1, what: 'free text' };
}

function detectOne(table: Table, col: number): RoleDetail {
  const column = table.header[col];
  const p = profile(sampleColumn(table, col));
  const fromHeader = roleFromHeader(column);
  const content = roleFromContent(p);
  if (fromHeader) {
    const s = support(fromHeader, p);
    if (s === null) {
      // Roles we do not check by content (names, places, ids, text) trust the header unless
      // the content is clearly something else, e.g. a "Contact" column full of e-mails.
      if (p.n > 0 && (content.role === 'email' || content.role === 'phone' || content.role === 'date') && content.share >= 0.9 && fromHeader !== 'id') {
        return { column, role: content.role, confidence: 0.85, reason: `header says ${fromHeader} but ${pct(content.share)} of values are ${content.what}` };
      }
      return { column, role: fromHeader, confidence: p.n === 0 ? 0.6 : 0.9, reason: `header "${column}" means ${fromHeader}` };
    }
    if (s >= 0.6) {
      return { column, role: fromHeader, confidence: Math.min(0.99, 0.7 + 0.3 * s), reason: `header "${column}" means ${fromHeader}, and ${pct(s)} of values fit` };
    }
    if (content.role !== 'text' && content.role !== 'unknown' && content.share >= 0.8) {
      return { column, role: content.role, confidence: 0.7, reason: `header suggests ${fromHeader} but ${pct(content.share)} of values are ${content.what}` };
    }
    return { column, role: 'text', confidence: 0.5, reason: `header suggests ${fromHeader} but only ${pct(s)} of values fit, so the column is treated as text` };
  }
  return { column, role: content.role, confidence: content.role === 'unknown' ? 0 : Math.round(0.9 * Math.max(content.share, 0.5) * 100) / 100, reason: `values are ${content.what}` };
}

export function detectRoles(table: Table, overrides?: Roles): RoleDetection {
  const roles: Roles = {};
  const details: RoleDetail[] = [];
  table.header.forEach((column, col) => {
    if (isCdmColumn(column)) return;
    const override = overrides?.[column];
    const detail = override ? { column, role: override, confidence: 1, reason: 'set by you' } : detectOne(table, col);
    roles[column] = detail.role;
    details.push(detail);
  });
  return { roles, details };
}
