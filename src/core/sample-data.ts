/**
 * Word lists behind the sample customer sheet (src/core/sample.ts). Kept apart so the
 * generator reads as logic. Phone layouts were checked with libphonenumber-js (max
 * metadata): test/core/sample.test.ts re-checks every generated number.
 */

// Math's functions read once: global lookups are slow inside node:vm (jest, the local runtime).
const { floor } = Math;

export type CountryCode = 'US' | 'GB' | 'DE' | 'FR' | 'CN' | 'AU';

export interface FirstName {
  name: string;
  /** Short forms people also go by (Robert -> Bob); the dedupe step must see through them. */
  nicks?: string[];
  /** Latin transliteration for e-mail addresses (CJK names). */
  latin?: string;
}

export interface CityInfo {
  city: string;
  /** Other ways users write the same city. */
  variants: string[];
  /** Returns a postcode for this city given a random number in [0,1). */
  postcode: (r: () => number) => string;
  /** National significant number prefix and the digits that follow it (landline). */
  areaCode: string;
  /** Digit counts of the groups after the area code, and a leading-digit alphabet. */
  localGroups: number[];
  localLead: string;
}

export interface CountryInfo {
  code: CountryCode;
  callingCode: string;
  /** How the Country column spells it; the first is the canonical English name. */
  spellings: string[];
  weight: number;
  firsts: FirstName[];
  lasts: Array<{ name: string; latin?: string }>;
  cities: CityInfo[];
  streets: string[];
  /** Mobile prefixes (after the trunk 0) with group layout. */
  mobile: { prefixes: string[]; groups: number[]; lead: string };
  domains: string[];
  cjk?: boolean;
}

const digits = (r: () => number, n: number, lead = '0123456789'): string => {
  let s = lead[floor(r() * lead.length)];
  for (let i = 1; i < n; i++) s += String(floor(r() * 10));
  return s;
};
const between = (r: () => number, lo: number, hi: number): number => lo + floor(r() * (hi - lo + 1));
const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const letter = (r: () => number): string => LETTERS[floor(r() * LETTERS.length)];

const EN_FIRSTS: FirstName[] = [
  { name: 'Robert', nicks: ['Bob', 'Rob', 'Bobby'] }, { name: 'William', nicks: ['Bill', 'Will'] },
  { name: 'James', nicks: ['Jim', 'Jimmy'] }, { name: 'John', nicks: ['Johnny', 'Jack'] },
  { name: 'Michael', nicks: ['Mike'] }, { name: 'Richard', nicks: ['Rick', 'Dick'] },
  { name: 'Thomas', nicks: ['Tom'] }, { name: 'Charles', nicks: ['Charlie', 'Chuck'] },
  { name: 'Christopher', nicks: ['Chris'] }, { name: 'Daniel', nicks: ['Dan', 'Danny'] },
  { name: 'Matthew', nicks: ['Matt'] }, { name: 'Anthony', nicks: ['Tony'] },
  { name: 'Joseph', nicks: ['Joe'] }, { name: 'David', nicks: ['Dave'] },
  { name: 'Steven', nicks: ['Steve'] }, { name: 'Edward', nicks: ['Ed', 'Ted'] },
  { name: 'Elizabeth', nicks: ['Liz', 'Beth', 'Betty'] }, { name: 'Margaret', nicks: ['Maggie', 'Peggy'] },
  { name: 'Jennifer', nicks: ['Jen', 'Jenny'] }, { name: 'Katherine', nicks: ['Kate', 'Kathy'] },
  { name: 'Susan', nicks: ['Sue'] }, { name: 'Patricia', nicks: ['Pat', 'Patty'] },
  { name: 'Deborah', nicks: ['Debbie'] }, { name: 'Rebecca', nicks: ['Becky'] },
  { name: 'Jessica', nicks: ['Jess'] }, { name: 'Samantha', nicks: ['Sam'] },
  { name: 'Alexandra', nicks: ['Alex'] }, { name: 'Mary' }, { name: 'Linda' }, { name: 'Emily' },
  { name: 'Sarah' }, { name: 'Karen' }, { name: 'Nancy' }, { name: 'Lisa' }, { name: 'Olivia' },
  { name: 'Emma' }, { name: 'Sophia' }, { name: 'Ava' }, { name: 'Mia' }, { name: 'Noah' },
  { name: 'Liam' }, { name: 'Ethan' }, { name: 'Lucas' }, { name: 'Mason' }, { name: 'Grace' },
  { name: 'José' }, { name: 'María' }, { name: 'Juan' }, { name: 'Carmen' }, { name: 'Luis' },
  { name: 'Sofía' }, { name: 'Alejandro', nicks: ['Alex'] }, { name: 'Seán' }, { name: 'Siobhán' },
  { name: 'Patrick', nicks: ['Pat', 'Paddy'] }, { name: 'Aoife' }, { name: 'Ciarán' },
  { name: 'Johannes', nicks: ['Jan'] }, { name: 'Pieter' }, { name: 'Willem', nicks: ['Wim'] },
];

const EN_LASTS = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson',
  'Taylor', 'Thomas', 'Moore', 'Martin', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark',
  'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams',
  'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Campbell', 'Parker',
  'Evans', 'Edwards', 'Collins', 'Stewart', 'Morris', 'Rogers', 'Reed', 'Cook', 'Morgan',
  'Bell', 'Murphy', 'Bailey', 'Cooper', 'Richardson', 'Cox', 'Howard', 'Ward', 'Peterson',
  'García', 'Rodríguez', 'Martínez', 'Hernández', 'López', 'González', 'Pérez', 'Sánchez',
  "O'Brien", "O'Connor", "O'Neill", 'McDonald', 'MacLeod', 'McCarthy', 'McKenzie',
  'van der Berg', 'van Dijk', 'de Vries', 'DeLuca', 'Kowalczyk', 'Nguyen', 'Kim', 'Patel',
  'Fitzgerald', 'Sullivan', 'Brennan', 'Schwartz', 'Rossi', 'Novak',
].map((name) => ({ name }));

const US_STREETS = ['Main', 'Oak', 'Pine', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lake', 'Hill',
  'Park', 'Sunset', 'Lincoln', 'Jackson', 'Church', 'Highland', 'Mission', 'Valencia', 'Broadway',
  'Market', 'Spring', 'Willow', 'River', 'Chestnut', 'Walnut', 'Franklin', 'Adams', 'Madison'];

export const COUNTRIES: CountryInfo[] = [
  {
    code: 'US', callingCode: '1', weight: 50,
    spellings: ['United States', 'USA', 'US', 'U.S.', 'united states', 'U.S.A.', 'America'],
    firsts: EN_FIRSTS, lasts: EN_LASTS, streets: US_STREETS,
    cities: [
      { city: 'San Francisco', variants: ['san francisco', 'SAN FRANCISCO', 'San Francisco, CA'], areaCode: '415', localGroups: [3, 4], localLead: '23456789', postcode: (r) => '941' + pad(between(r, 2, 34), 2) },
      { city: 'New York', variants: ['new york', 'NYC', 'New York City'], areaCode: '212', localGroups: [3, 4], localLead: '23456789', postcode: (r) => '100' + pad(between(r, 1, 40), 2) },
      { city: 'Chicago', variants: ['chicago', 'CHICAGO'], areaCode: '312', localGroups: [3, 4], localLead: '23456789', postcode: (r) => '606' + pad(between(r, 1, 61), 2) },
      { city: 'Boston', variants: ['boston', 'Boston, MA'], areaCode: '617', localGroups: [3, 4], localLead: '23456789', postcode: (r) => '021' + pad(between(r, 8, 36), 2) },
      { city: 'Seattle', variants: ['seattle', 'SEATTLE'], areaCode: '206', localGroups: [3, 4], localLead: '23456789', postcode: (r) => '981' + pad(between(r, 1, 99), 2) },
      { city: 'Austin', variants: ['austin', 'Austin, TX'], areaCode: '512', localGroups: [3, 4], localLead: '23456789', postcode: (r) => '787' + pad(between(r, 1, 59), 2) },
    ],
    mobile: { prefixes: [], groups: [], lead: '' },
    domains: ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'aol.com', 'comcast.net'],
  },
  {
    code: 'GB', callingCode: '44', weight: 12,
    spellings: ['United Kingdom', 'UK', 'GB', 'England', 'Great Britain', 'U.K.'],
    firsts: [...EN_FIRSTS.slice(0, 30), { name: 'Oliver', nicks: ['Ollie'] }, { name: 'George' },
      { name: 'Harry' }, { name: 'Charlotte', nicks: ['Lottie'] }, { name: 'Amelia', nicks: ['Millie'] }, { name: 'Isla' }],
    lasts: [...EN_LASTS.slice(0, 30), ...['Hughes', "O'Sullivan", 'McKenzie', 'Fitzgerald', 'Robinson', 'Wood', 'Hughes'].map((name) => ({ name }))],
    streets: ['Baker', 'High', 'Station', 'Church', 'Victoria', 'Queen', 'King', 'Mill', 'Park', 'London', 'Manor', 'Albert'],
    cities: [
      { city: 'London', variants: ['london', 'LONDON', 'London, UK'], areaCode: '20', localGroups: [4, 4], localLead: '78', postcode: (r) => ['SW', 'SE', 'N', 'E', 'W', 'NW', 'EC'][between(r, 0, 6)] + between(r, 1, 19) + ' ' + between(r, 1, 9) + letter(r) + letter(r) },
      { city: 'Birmingham', variants: ['birmingham', 'B\'ham'], areaCode: '121', localGroups: [3, 4], localLead: '234', postcode: (r) => 'B' + between(r, 1, 40) + ' ' + between(r, 1, 9) + letter(r) + letter(r) },
      { city: 'Manchester', variants: ['manchester', 'MANCHESTER'], areaCode: '161', localGroups: [3, 4], localLead: '2348', postcode: (r) => 'M' + between(r, 1, 40) + ' ' + between(r, 1, 9) + letter(r) + letter(r) },
    ],
    mobile: { prefixes: [], groups: [], lead: '' },
    domains: ['gmail.com', 'gmail.com', 'btinternet.com', 'hotmail.co.uk', 'yahoo.co.uk', 'outlook.com'],
  },
  {
    code: 'DE', callingCode: '49', weight: 8,
    spellings: ['Germany', 'Deutschland', 'DE', 'germany', 'GERMANY'],
    firsts: [{ name: 'Lukas' }, { name: 'Leon' }, { name: 'Maximilian', nicks: ['Max'] }, { name: 'Felix' },
      { name: 'Anna' }, { name: 'Lena' }, { name: 'Sophie' }, { name: 'Marie' }, { name: 'Jürgen' }, { name: 'Jörg' },
      { name: 'Günther' }, { name: 'Katharina', nicks: ['Kathi'] }, { name: 'Alexander', nicks: ['Alex'] },
      { name: 'Thomas' }, { name: 'Stefan' }, { name: 'Andreas', nicks: ['Andi'] }, { name: 'Sabine' }, { name: 'Ursula', nicks: ['Uschi'] }],
    lasts: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz',
      'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'von Braun', 'Zimmermann', 'Krüger', 'Hartmann'].map((name) => ({ name })),
    streets: ['Haupt', 'Schul', 'Garten', 'Bahnhof', 'Dorf', 'Berg', 'Linden', 'Kirch', 'Wald', 'Ring', 'Goethe', 'Schiller'],
    cities: [
      { city: 'Berlin', variants: ['berlin', 'BERLIN'], areaCode: '30', localGroups: [8], localLead: '23456789', postcode: (r) => String(between(r, 10115, 14199)) },
      { city: 'München', variants: ['Munich', 'Muenchen', 'münchen'], areaCode: '89', localGroups: [8], localLead: '23456789', postcode: (r) => String(between(r, 80331, 81929)) },
      { city: 'Hamburg', variants: ['hamburg', 'HAMBURG'], areaCode: '40', localGroups: [8], localLead: '23456789', postcode: (r) => String(between(r, 20095, 22769)) },
    ],
    mobile: { prefixes: ['170', '171', '160', '175', '176'], groups: [7], lead: '0123456789' },
    domains: ['gmail.com', 'gmx.de', 'web.de', 't-online.de', 'outlook.de'],
  },
  {
    code: 'FR', callingCode: '33', weight: 8,
    spellings: ['France', 'FR', 'france', 'FRANCE', 'République française'],
    firsts: [{ name: 'Jean' }, { name: 'Pierre' }, { name: 'Louis' }, { name: 'Lucas' }, { name: 'Camille' },
      { name: 'Léa' }, { name: 'Chloé' }, { name: 'Manon' }, { name: 'Élodie' }, { name: 'François' },
      { name: 'Hélène' }, { name: 'Jean-Luc' }, { name: 'Marie-Claire' }, { name: 'Nicolas', nicks: ['Nico'] },
      { name: 'Frédéric', nicks: ['Fred'] }, { name: 'Isabelle', nicks: ['Isa'] }],
    lasts: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy',
      'Moreau', 'Lefèvre', 'Girard', 'de la Fontaine', 'Fournier', 'Rousseau', 'Mercier', 'Bonnet'].map((name) => ({ name })),
    streets: ['rue de Rivoli', 'avenue Victor Hugo', 'boulevard Voltaire', 'rue de la Paix', 'rue Lafayette',
      'avenue de la République', 'rue du Commerce', 'place Bellecour', 'rue Nationale'],
    cities: [
      { city: 'Paris', variants: ['paris', 'PARIS', 'Paris, France'], areaCode: '1', localGroups: [2, 2, 2, 2], localLead: '4', postcode: (r) => '750' + pad(between(r, 1, 20), 2) },
      { city: 'Lyon', variants: ['lyon', 'LYON'], areaCode: '4', localGroups: [2, 2, 2, 2], localLead: '7', postcode: (r) => '6900' + between(r, 1, 9) },
      { city: 'Marseille', variants: ['marseille', 'Marseilles'], areaCode: '4', localGroups: [2, 2, 2, 2], localLead: '9', postcode: (r) => '130' + pad(between(r, 1, 16), 2) },
    ],
    mobile: { prefixes: ['6', '7'], groups: [2, 2, 2, 2], lead: '45678' },
    domains: ['gmail.com', 'orange.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'hotmail.fr'],
  },
  {
    code: 'CN', callingCode: '86', weight: 8, cjk: true,
    spellings: ['China', '中国', 'CN', 'PRC', 'china'],
    firsts: [
      { name: '小明', latin: 'xiaoming' }, { name: '伟', latin: 'wei' }, { name: '芳', latin: 'fang' },
      { name: '娜', latin: 'na' }, { name: '敏', latin: 'min' }, { name: '静', latin: 'jing' },
      { name: '丽', latin: 'li' }, { name: '强', latin: 'qiang' }, { name: '磊', latin: 'lei' },
      { name: '军', latin: 'jun' }, { name: '洋', latin: 'yang' }, { name: '勇', latin: 'yong' },
      { name: '艳', latin: 'yan' }, { name: '杰', latin: 'jie' }, { name: '涛', latin: 'tao' },
      { name: '超', latin: 'chao' }, { name: '秀英', latin: 'xiuying' }, { name: '建华', latin: 'jianhua' },
      { name: '晓燕', latin: 'xiaoyan' }, { name: '志强', latin: 'zhiqiang' }, { name: '明辉', latin: 'minghui' },
      { name: '丽娟', latin: 'lijuan' }, { name: '海波', latin: 'haibo' }, { name: '雪梅', latin: 'xuemei' },
    ],
    lasts: [['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'],
      ['黄', 'huang'], ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'],
      ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['林', 'lin']].map(([name, latin]) => ({ name, latin })),
    streets: ['建国路', '长安街', '南京路', '淮海路', '中山路', '人民路', '解放路', '和平路'],
    cities: [
      { city: '北京', variants: ['Beijing', '北京市', 'beijing'], areaCode: '10', localGroups: [4, 4], localLead: '567', postcode: (r) => '100' + pad(between(r, 0, 199), 3) },
      { city: '上海', variants: ['Shanghai', '上海市', 'shanghai'], areaCode: '21', localGroups: [4, 4], localLead: '567', postcode: (r) => '200' + pad(between(r, 0, 499), 3) },
    ],
    mobile: { prefixes: ['138', '139', '135', '136', '186', '159', '150', '188'], groups: [4, 4], lead: '0123456789' },
    domains: ['qq.com', 'qq.com', '163.com', '126.com', 'gmail.com', 'sina.com'],
  },
  {
    code: 'AU', callingCode: '61', weight: 8,
    spellings: ['Australia', 'AU', 'AUS', 'australia', 'Aust.'],
    firsts: [...EN_FIRSTS.slice(0, 24), { name: 'Lachlan', nicks: ['Lachie'] }, { name: 'Matilda', nicks: ['Tilly'] },
      { name: 'Chloe' }, { name: 'Jack' }, { name: 'Mitchell', nicks: ['Mitch'] }],
    lasts: [...EN_LASTS.slice(0, 24), ...['Kelly', 'Ryan', 'Nguyen', 'Tran', 'Murray', 'Kennedy'].map((name) => ({ name }))],
    streets: ['George', 'Pitt', 'Collins', 'Bourke', 'Elizabeth', 'King', 'Oxford', 'Chapel', 'Swanston', 'Queen'],
    cities: [
      { city: 'Sydney', variants: ['sydney', 'SYDNEY', 'Sydney NSW'], areaCode: '2', localGroups: [4, 4], localLead: '89', postcode: (r) => String(between(r, 2000, 2234)) },
      { city: 'Melbourne', variants: ['melbourne', 'Melbourne VIC'], areaCode: '3', localGroups: [4, 4], localLead: '9', postcode: (r) => String(between(r, 3000, 3207)) },
    ],
    mobile: { prefixes: ['4'], groups: [2, 3, 3], lead: '0123' },
    domains: ['gmail.com', 'bigpond.com', 'optusnet.com.au', 'outlook.com', 'yahoo.com.au'],
  },
];

export { digits as randomDigits };

/** Common names given to several different people: the dedupe step must not merge them. */
export const COMMON_NAMES: Record<CountryCode, Array<[string, string]>> = {
  US: [['John', 'Smith'], ['Maria', 'Garcia'], ['David', 'Jones'], ['Michael', 'Brown'], ['Mary', 'Johnson']],
  GB: [['John', 'Smith'], ['David', 'Jones']],
  DE: [['Thomas', 'Müller'], ['Anna', 'Schmidt']],
  FR: [['Marie', 'Martin'], ['Jean', 'Dubois']],
  CN: [['伟', '王'], ['娜', '李'], ['伟', '张']],
  AU: [['John', 'Smith'], ['Jack', 'Williams']],
};

/** Characters Chinese users mistype for one another (same pinyin, different character). */
export const CJK_HOMOPHONES: Record<string, string> = {
  小: '晓', 晓: '小', 明: '铭', 伟: '玮', 丽: '莉', 静: '晶', 军: '君', 杰: '洁', 涛: '韬', 强: '蔷', 华: '桦', 燕: '艳',
};

export interface ProductProfile {
  segment: string;
  products: string[];
  income: [number, number];
  orders: [number, number];
  orderValue: [number, number];
  age: [number, number];
  /** Days since last purchase. */
  recency: [number, number];
  weight: number;
}

/** Latent customer segments, so clustering, regression and RFM have real structure to find. */
export const SEGMENTS: ProductProfile[] = [
  { segment: 'regular', products: ['Coffee subscription', 'Espresso beans', 'Filter papers'], income: [70000, 15000], orders: [18, 50], orderValue: [35, 60], age: [30, 55], recency: [0, 45], weight: 25 },
  { segment: 'bargain', products: ['Coffee beans', 'Tea sampler', 'Filter papers'], income: [34000, 8000], orders: [8, 30], orderValue: [12, 25], age: [19, 35], recency: [0, 90], weight: 25 },
  { segment: 'premium', products: ['Espresso machine', 'Grinder', 'Barista course'], income: [125000, 25000], orders: [1, 6], orderValue: [250, 600], age: [35, 70], recency: [10, 200], weight: 15 },
  { segment: 'new', products: ['Gift card', 'Coffee beans', 'Mugs'], income: [52000, 15000], orders: [1, 3], orderValue: [25, 60], age: [20, 60], recency: [0, 60], weight: 15 },
  { segment: 'lapsed', products: ['Mugs', 'Tea sampler', 'Coffee beans'], income: [58000, 15000], orders: [3, 14], orderValue: [25, 55], age: [25, 75], recency: [220, 900], weight: 20 },
];

export const NOTES = ['=SUM(A1)', '+1 call back', '-discount', '@vip', 'prefers e-mail', 'allergic to nuts',
  'wholesale enquiry', 'birthday in March', 'asked about gift wrap', 'moved house', '=1+1', 'call after 5pm'];

export const MISSING_PLACEHOLDERS = ['', '', '', 'N/A', '-', 'unknown', 'n/a', 'N/A'];
