/**
 * What a column header says, in any style: "Default Address City", "CustomerID", "Year_Birth",
 * "MntWines", "E-mail 1 - Value", "收货地址". The header is split into words (camelCase, snake_case,
 * digits and punctuation all separate words), then matched against a vocabulary of phrases built
 * from the documented export columns of Shopify, WooCommerce, Square, Stripe, Mailchimp, HubSpot,
 * Google Contacts and Chinese WPS/Excel sheets (test/fixtures/exports/README.md lists the sources).
 *
 * The most specific phrase wins: more words beat fewer ("Default Address Country Code" is a
 * country code, not an address), and between phrases of equal length the later one wins, because
 * English headers put the head noun last ("Default Address City" is a city, "Email 1 - Type" a
 * category). Phrases marked `^` must be the whole header ("Customer"), `<` must start it ("Num…").
 */
import type { ColumnRole } from './table';

type Vocabulary = Partial<Record<ColumnRole, { en: string[]; zh?: string[] }>>;

const VOCABULARY: Vocabulary = {
  email: {
    en: ['email', 'emails', 'email address', 'mail', 'customer email', 'email value'],
    zh: ['邮箱', '电子邮件', '邮件', '電郵', '郵箱', '电邮', '邮箱地址'],
  },
  phone: {
    en: ['phone', 'telephone', 'tel', 'mobile', 'cell', 'cellphone', 'fax', 'whatsapp', 'contact number', 'phone number',
      'mobile number', 'mobile phone', 'home phone', 'work phone', 'phone value'],
    zh: ['电话', '手机', '手机号', '手机号码', '联系电话', '联系方式', '電話', '手機', '座机', '电话号码'],
  },
  id: {
    en: ['id', 'ids', 'identifier', 'rec id', 'record id', 'soc sec id', 'ssn', 'customer no', 'customer number', 'customer code',
      'customer id', 'account no', 'account number', 'account id', 'member no', 'member number', 'member id', 'uuid', 'guid',
      'reference id', 'ref', 'reference', 'username', 'user name', 'user id', 'login', 'leid', 'euid', 'unique id', 'client id',
      'contact id', 'card number', 'card last', 'vat number', 'vat id', 'business vat id', 'tax number', 'tax id', 'passport'],
    zh: ['编号', '会员号', '会员卡号', '卡号', '客户号', '客户编号', '身份证', '身份证号', '工号', '序号', '用户名', '账号', '会员编号', '客户id'],
  },
  order_id: {
    en: ['order', 'order id', 'order no', 'order number', 'invoice', 'invoice no', 'invoice number', 'invoice id', 'transaction id',
      'receipt', 'receipt no', 'receipt number', 'order name', 'bill no'],
    zh: ['订单号', '订单编号', '单号', '发票号', '流水号', '交易号'],
  },
  first_name: {
    en: ['first name', 'firstname', 'given name', 'givenname', 'forename', 'fname', '^first', 'first names'],
    zh: ['^名', '^名字', '名字'],
  },
  last_name: {
    en: ['last name', 'lastname', 'surname', 'family name', 'familyname', 'lname', '^last'],
    zh: ['^姓', '^姓氏', '姓氏'],
  },
  name: {
    en: ['name', 'full name', 'fullname', '^customer', '^client', '^contact', '^person', '^buyer', 'contact name', 'customer name',
      'billing name', 'shipping name', 'card name', 'display name', 'recipient', 'recipient name', 'names'],
    zh: ['姓名', '客户', '联系人', '顾客', '收货人', '收件人', '会员名', '客户名称', '客户姓名', '真实姓名'],
  },
  company: {
    en: ['company', 'company name', 'organization', 'organisation', 'organization name', 'organisation name', 'business',
      'business name', 'employer', 'firm', 'associated company'],
    zh: ['公司', '公司名称', '单位', '企业', '工作单位', '企业名称'],
  },
  postcode: {
    en: ['postcode', 'post code', 'postal code', 'postalcode', 'zip', 'zipcode', 'zip code', 'plz', 'postal', 'pin code',
      'pincode', 'eircode'],
    zh: ['邮编', '邮政编码', '郵遞區號', '邮递区号', '郵政編碼'],
  },
  street: {
    en: ['street name', 'street', 'street number', 'street address', 'address', 'addr', 'address line', 'po box', 'extended address',
      'house number', 'address formatted'],
    zh: ['地址', '街道', '住址', '收货地址', '详细地址', '家庭住址', '通讯地址'],
  },
  city: {
    en: ['city name', 'city', 'town', 'suburb', 'locality'],
    zh: ['城市', '^市', '区县', '城镇', '所在城市', '市区'],
  },
  state: {
    en: ['state', 'province', 'county', 'region', 'prefecture', 'territory', 'state region', 'province name', 'state name', 'region name'],
    zh: ['^省', '省份', '州', '地区', '所在省份'],
  },
  state_code: {
    en: ['state code', 'province code', 'region code', 'state abbreviation', 'province abbreviation'],
    zh: ['省份代码', '省代码'],
  },
  country: {
    en: ['country', 'nation', 'country region', 'nationality', 'country name'],
    zh: ['国家', '國家', '国家地区', '国籍'],
  },
  country_code: {
    en: ['country code', 'country iso', 'iso country', 'country iso code', '^cc', 'country alpha', 'country abbreviation'],
    zh: ['国家代码'],
  },
  gender: {
    en: ['gender', 'sex'],
    zh: ['性别'],
  },
  birth_date: {
    en: ['birth', 'birth date', 'date of birth', 'dob', 'birthday', 'birthdate', 'born', 'date birth', 'birth day'],
    zh: ['生日', '出生日期', '出生', '出生年月', '出生年月日'],
  },
  birth_year: {
    en: ['year birth', 'year of birth', 'birth year', 'birthyear', 'born year', 'yob', 'year born'],
    zh: ['出生年份', '出生年'],
  },
  date: {
    en: ['date', 'dt', 'joined', 'since', 'signup', 'sign up', 'signed up', 'created', 'create date', 'updated', 'changed',
      'modified', 'last purchase', 'last order', 'last visit', 'first purchase', 'first order', 'first visit', 'last active',
      'registered', 'date registered', 'time', 'timestamp', 'datetime', 'last seen', 'last login', 'last activity'],
    zh: ['日期', '时间', '注册', '注册时间', '下单时间', '创建时间', '注册日期', '最近消费', '最后消费', '入会时间', '加入时间'],
  },
  consent: {
    en: ['accepts marketing', 'accepts email marketing', 'accepts sms marketing', 'accepts whatsapp marketing', 'email marketing',
      'sms marketing', 'marketing consent', 'marketing opt in', 'opt in', 'optin', 'opted in', 'opt out', 'opted out',
      'subscribed', 'subscription', 'email subscription status', 'subscription status', 'newsletter', 'consent', 'gdpr',
      'unsubscribed', 'unsub', 'marketing contact status', 'email opt in', 'do not email', 'do not call', 'marketing status',
      'accepts text marketing', 'marketing emails'],
    zh: ['同意', '订阅', '是否订阅', '营销同意', '接受营销', '订阅状态', '同意营销'],
  },
  tags: {
    en: ['tags', 'tag', 'labels', 'label', 'group membership', 'keywords', 'interests', 'tag metadata'],
    zh: ['标签', '标记'],
  },
  product: {
    en: ['product', 'product name', 'product id', 'product code', 'sku', 'stock code', 'item', 'item name', 'item code',
      'lineitem name', 'line item', 'variant', 'article', 'goods', 'product title', 'item description'],
    zh: ['商品', '商品名称', '产品', '产品名称', '货号', '品名', '商品编码', '商品名'],
  },
  boolean: {
    en: ['tax exempt', 'exempt', 'delinquent', 'complain', 'complaint', 'response', 'responded', 'accepted cmp',
      'accepted campaign', 'churn', 'churned', '<is', '<has', 'verified email', 'verified', 'blocked', 'instant profile',
      'blocked from online booking', 'vip', 'converted', 'active', 'unsubscribe flag'],
    zh: ['是否', '投诉', '流失', '已验证'],
  },
  money: {
    en: ['amount', 'spend', 'spent', 'spending', 'revenue', 'total', 'price', 'income', 'salary', 'sales', 'balance', 'paid',
      'cost', 'ltv', 'lifetime value', 'lifetime spend', 'total spent', 'total spend', 'order value', 'average order value',
      'aov', '<mnt', 'refunded volume', 'dispute losses', 'losses', 'refund', 'refunded', 'unit price', 'subtotal',
      'discount', 'tax', 'fee', 'amount spent', 'turnover', 'budget', 'earnings', 'wage', 'annual income', 'order total',
      'customer value', 'gross', 'net'],
    zh: ['金额', '消费', '消费金额', '收入', '价格', '单价', '总额', '销售额', '余额', '实付', '累计消费', '工资', '月收入',
      '年收入', '实付金额', '订单金额', '客单价'],
  },
  count: {
    en: ['orders', 'order count', 'orders count', 'count', 'visits', 'purchases', 'qty', 'quantity', 'number of', '<num', 'times',
      'frequency', 'transactions', 'transaction count', 'payment count', 'total orders', 'items', 'kidhome', 'teenhome', 'kids',
      'children', 'teens', 'recency', 'days since', 'days since last purchase', 'nights', 'tickets', 'units', 'web visits'],
    zh: ['订单数', '次数', '数量', '笔数', '购买次数', '消费次数', '订单量', '件数', '订单'],
  },
  number: {
    en: ['age', 'score', 'rating', 'rank', 'percent', 'percentage', 'weight', 'height', 'latitude', 'longitude', 'lat', 'lng',
      'lon', 'gmtoff', 'dstoff', 'mileage', 'member rating', 'spending score', 'points'],
    zh: ['年龄', '评分', '分数', '得分', '积分'],
  },
  category: {
    en: ['segment', 'type', 'category', 'status', 'tier', 'level', 'group', 'channel', 'source', 'plan', 'membership',
      'education', 'marital status', 'stage', 'lifecycle stage', 'lead status', 'owner', 'contact owner', 'creation source',
      'language', 'locale', 'currency', 'priority', 'sensitivity', 'name prefix', 'name suffix', 'timezone', 'department',
      'origin', 'email type', 'phone type', 'address type', 'phone label', 'email label', 'address label', 'organization type',
      'website type', 'time zone', 'payment method', 'customer type', 'class', 'grade', 'prefix', 'suffix', 'salutation', 'title prefix',
      'discount code', 'coupon', 'coupons', 'coupon code', 'promo code', 'tax name', 'payment terms name', 'shipping method', 'financial status',
      'fulfillment status', 'lineitem fulfillment status', 'risk level', 'vendor'],
    zh: ['类别', '类型', '等级', '会员等级', '状态', '渠道', '来源', '分组', '学历', '婚姻状况', '客户类型', '级别', '会员级别'],
  },
  text: {
    en: ['note', 'notes', 'comment', 'comments', 'remark', 'remarks', 'description', 'memo', 'feedback', 'message', 'bio',
      'about', 'yomi name', 'given name yomi', 'family name yomi', 'additional name yomi', 'additional name', 'maiden name',
      'short name', 'nickname', 'initials', 'title', 'job title', 'occupation', 'hobby', 'subject', 'billing information',
      'directory server', 'photo', 'website', 'url', 'ip', 'ip address', 'optin ip', 'confirm ip', 'customer description',
      'statement descriptor', 'location', 'website value', 'organization title', 'organization symbol', 'middle name', 'phonetic first name', 'phonetic middle name',
      'phonetic last name', 'file as', 'relation', 'relation value', 'custom field', 'event', 'instructions'],
    zh: ['备注', '说明', '留言', '描述', '评价', '微信', '昵称', '职位', '职业', '备注信息'],
  },
};

interface Phrase { role: ColumnRole; words: string[]; whole: boolean; lead: boolean; order: number }
interface CjkPhrase { role: ColumnRole; text: string; whole: boolean; order: number }

let compiled: { byFirst: Map<string, Phrase[]>; cjk: CjkPhrase[] } | null = null;

function compile(): { byFirst: Map<string, Phrase[]>; cjk: CjkPhrase[] } {
  if (compiled) return compiled;
  const byFirst = new Map<string, Phrase[]>();
  const cjk: CjkPhrase[] = [];
  let order = 0;
  for (const [role, v] of Object.entries(VOCABULARY) as Array<[ColumnRole, { en: string[]; zh?: string[] }]>) {
    for (const raw of v.en) {
      const whole = raw.startsWith('^');
      const lead = raw.startsWith('<');
      const words = raw.replace(/^[\^<]/, '').split(' ');
      const p: Phrase = { role, words, whole, lead, order: order++ };
      const list = byFirst.get(words[0]);
      if (list) list.push(p);
      else byFirst.set(words[0], [p]);
    }
    for (const raw of v.zh ?? []) cjk.push({ role, text: raw.replace(/^\^/, ''), whole: raw.startsWith('^'), order: order++ });
  }
  compiled = { byFirst, cjk };
  return compiled;
}

const MAX_HEADER = 200;

type CharKind = 0 | 1 | 2 | 3 | 4; // other, lower, upper, digit, CJK

function kindOf(ch: string): CharKind {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return 3;
  if (c >= 0x3400 && c <= 0x9fff) return 4;
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  if (lower === upper) return 0;
  return ch === lower ? 1 : 2;
}

/**
 * Words of a header: "CustomerID" → customer id, "IDNumber" → id number, "Address1" → address 1,
 * "MEMBER_RATING" → member rating, "E-mail" → email, "D.O.B." → dob. CJK text is kept apart for
 * substring matching. One pass over at most 200 characters, no regular expression.
 */
export function headerWords(header: string): { words: string[]; cjk: string } {
  const s = header.length > MAX_HEADER ? header.slice(0, MAX_HEADER) : header;
  const raw: string[] = [];
  let cjk = '';
  let cur = '';
  let prev: CharKind = 0;
  const flush = () => { if (cur) raw.push(cur.toLowerCase()); cur = ''; };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const k = kindOf(ch);
    if (k === 4) { flush(); cjk += ch; prev = 0; continue; }
    if (k === 0) { flush(); prev = 0; continue; }
    if (cur) {
      const next = i + 1 < s.length ? kindOf(s[i + 1]) : 0;
      const boundary =
        (prev === 3) !== (k === 3) || // letters and digits apart
        (prev === 1 && k === 2) || // camelCase: "customerID"
        (prev === 2 && k === 2 && next === 1 && cur.length > 1); // "IDNumber": the N starts a word
      if (boundary) flush();
    }
    cur += ch;
    prev = k;
  }
  flush();
  // Glue spelled-out abbreviations: "e mail" → email, "d o b" → dob, "u s" → us.
  const words: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const w = raw[i];
    if (w === 'e' && raw[i + 1] === 'mail') { words.push('email'); i++; continue; }
    if (w.length === 1 && /[a-z]/.test(w) && raw[i + 1]?.length === 1 && /[a-z]/.test(raw[i + 1])) {
      let glued = w;
      while (raw[i + 1]?.length === 1 && /[a-z]/.test(raw[i + 1])) glued += raw[++i];
      words.push(glued);
      continue;
    }
    words.push(w);
  }
  // "DoB" splits like camelCase into do + b; it is the abbreviation.
  if (words.length === 2 && words[0] === 'do' && words[1] === 'b') return { words: ['dob'], cjk };
  return { words, cjk };
}

export interface HeaderMatch { role: ColumnRole; phrase: string }

/** The role the most specific phrase of the header names, or null when no phrase matches. */
export function matchHeader(header: string): HeaderMatch | null {
  const { byFirst, cjk: cjkPhrases } = compile();
  const { words: all, cjk } = headerWords(header);
  // Numbers carry no meaning of their own ("Address 1", "Phone 2 - Value", "AcceptedCmp3").
  const words = all.filter((w) => !(w.charCodeAt(0) >= 48 && w.charCodeAt(0) <= 57));
  let best: { role: ColumnRole; phrase: string; size: number; end: number; order: number } | null = null;
  const consider = (role: ColumnRole, phrase: string, size: number, end: number, order: number) => {
    if (!best || size > best.size || (size === best.size && (end > best.end || (end === best.end && order < best.order)))) {
      best = { role, phrase, size, end, order };
    }
  };
  for (let i = 0; i < words.length; i++) {
    for (const p of byFirst.get(words[i]) ?? []) {
      if (p.lead && i !== 0) continue;
      if (p.whole && (i !== 0 || p.words.length !== words.length || cjk)) continue;
      let ok = true;
      for (let j = 1; j < p.words.length; j++) if (words[i + j] !== p.words[j]) { ok = false; break; }
      if (ok) consider(p.role, p.words.join(' '), p.words.length * 2, i + p.words.length, p.order);
    }
  }
  if (cjk) {
    for (const p of cjkPhrases) {
      if (p.whole ? cjk !== p.text || words.length > 0 : !cjk.includes(p.text)) continue;
      const at = cjk.lastIndexOf(p.text);
      // A CJK phrase is scored by its characters; its end is measured in the CJK text alone.
      consider(p.role, p.text, p.text.length, words.length + at + p.text.length, p.order);
    }
  }
  const b = best as { role: ColumnRole; phrase: string } | null;
  return b ? { role: b.role, phrase: b.phrase } : null;
}
