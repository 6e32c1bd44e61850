/**
 * Reads the columns that identify a person (names, e-mails, phones, address, birth date,
 * identifiers) out of a table into one flat record per row, folded for comparison. Columns
 * that cannot tell two customers apart are left out on purpose:
 * - CDM's own columns;
 * - an id column whose values are all different (a row number or record key such as FEBRL's
 *   `rec_id`: a duplicate typed twice gets a new key, so it says nothing — and it could leak
 *   the answer in test data);
 * - dates other than a birth date (signup and purchase dates differ between two rows of the
 *   same person), free text, money, counts and categories.
 */
import { Cell, ColumnRole, Roles, Table, isCdmColumn, isEmpty } from '../table';
import { splitPersonName } from '../normalize/name';
import { type MatchField, emailMatchKey, matchFieldOf, phoneKey } from './keys';
import { canonicalFirstName } from './nicknames';
import { editSignature, fold, phonetic, tokens } from './text';

export interface PersonRecord {
  first: string;
  /** First name with nicknames mapped to one canonical name (bob → robert). */
  firstCanon: string;
  last: string;
  /** Every name word, sorted: "smith john" and "john smith" agree. */
  nameKey: string;
  /** Sounds-like codes (Double Metaphone) of the canonical first name and of the surname. */
  firstSound: string;
  lastSound: string;
  emails: string[];
  /** Last 9 digits of each phone: survives +1/0044/national prefixes. */
  phones: string[];
  /**
   * Length and editSignature (text.ts) of the only e-mail and the only phone; length 0 when
   * there are none or several. The comparisons tell most pairs' contacts apart from these.
   */
  emailLen: number;
  emailSig: number;
  phoneLen: number;
  phoneSig: number;
  street: string;
  /** Street words without house numbers ("tullaroop street"). */
  streetName: string;
  streetNumber: string;
  city: string;
  postcode: string;
  state: string;
  /** yyyymmdd when the value reads as a date, else the folded text. */
  dob: string;
  /** One value per identifier column used (aligned with FieldPlan.idColumns). */
  ids: string[];
}

export interface FieldPlan {
  firstColumns: number[];
  lastColumns: number[];
  nameColumns: number[];
  emailColumns: number[];
  phoneColumns: number[];
  streetColumns: number[];
  cityColumns: number[];
  postcodeColumns: number[];
  stateColumns: number[];
  dobColumns: number[];
  idColumns: number[];
  /** Columns that were left out and why (for the report and the docs). */
  skipped: Array<{ column: string; why: string }>;
}

const ROW_KEY_RE = /^(rec|row|record)[\s_-]*(id|key|no|number)$/i;

/** Where each match field's columns go in the plan. */
const COLUMNS_OF: Record<MatchField, Exclude<keyof FieldPlan, 'skipped'>> = {
  first: 'firstColumns', last: 'lastColumns', name: 'nameColumns', email: 'emailColumns', phone: 'phoneColumns',
  street: 'streetColumns', city: 'cityColumns', postcode: 'postcodeColumns', state: 'stateColumns', dob: 'dobColumns', id: 'idColumns',
};

function isUniqueColumn(table: Table, col: number): boolean {
  const seen = new Set<string>();
  let n = 0;
  for (const row of table.rows) {
    const v = row[col];
    if (isEmpty(v)) continue;
    const s = String(v).trim();
    if (!s) continue;
    n++;
    if (seen.has(s)) return false;
    seen.add(s);
  }
  return n > 0;
}

export function planFields(table: Table, roles: Roles, ignore: string[] = []): FieldPlan {
  const plan: FieldPlan = {
    firstColumns: [], lastColumns: [], nameColumns: [], emailColumns: [], phoneColumns: [],
    streetColumns: [], cityColumns: [], postcodeColumns: [], stateColumns: [], dobColumns: [],
    idColumns: [], skipped: [],
  };
  table.header.forEach((header, col) => {
    const role: ColumnRole | undefined = roles[header];
    if (!role || isCdmColumn(header)) return;
    if (ignore.includes(header)) { plan.skipped.push({ column: header, why: 'ignored by option' }); return; }
    const field = matchFieldOf(header, role);
    if (field === null) {
      if (role === 'date') plan.skipped.push({ column: header, why: 'not a birth date' });
      return;
    }
    if (field === 'id' && (ROW_KEY_RE.test(header.trim()) || isUniqueColumn(table, col))) {
      plan.skipped.push({ column: header, why: 'every value differs: a row key' });
      return;
    }
    plan[COLUMNS_OF[field]].push(col);
  });
  return plan;
}

function text(row: Cell[], col: number): string {
  const v = row[col];
  if (isEmpty(v)) return '';
  if (v instanceof Date) return '';
  return String(v).trim();
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** A birth date as yyyymmdd, read from a Date, 19081209, 1908-12-09 or 09/12/1908 (as written). */
function dateKey(v: Cell): string {
  if (isEmpty(v)) return '';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    return `${v.getUTCFullYear()}${pad2(v.getUTCMonth() + 1)}${pad2(v.getUTCDate())}`; // calendar dates: the day is in the UTC fields
  }
  const s = String(v).trim();
  if (/^\d{8}$/.test(s)) return s;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(s);
  if (m) return `${m[1]}${pad2(+m[2])}${pad2(+m[3])}`;
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return `${m[3]}${pad2(+m[2])}${pad2(+m[1])}`;
  return fold(s).replace(/ /g, '');
}

export const STREET_WORDS = new Map<string, string>(Object.entries({
  st: 'street', str: 'street', rd: 'road', ave: 'avenue', av: 'avenue', blvd: 'boulevard', dr: 'drive',
  ln: 'lane', ct: 'court', pl: 'place', sq: 'square', hwy: 'highway', cres: 'crescent', cr: 'crescent',
  tce: 'terrace', pde: 'parade', cct: 'circuit', cl: 'close', apt: 'apartment', ste: 'suite',
  n: 'north', s: 'south', e: 'east', w: 'west',
}));

function hasDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

interface StreetParts { street: string; name: string; number: string }

/**
 * Folded street with abbreviations spelled out and numbers split off ("和平路108号" →
 * "和平路 108 号"), and its name words and number words apart.
 */
function streetParts(value: string): StreetParts {
  if (ASCII_STREET_RE.test(value)) return classify(asciiStreetWords(value));
  const spaced = /\d/.test(value) ? value.replace(/(\d+)/g, ' $1 ') : value;
  return classify(tokens(fold(spaced.replace(/strasse\b/gi, 'straße'))));
}

const ASCII_STREET_RE = /^[\x20-\x7e]*$/;

/** The words the general path gives for plain ASCII, in one pass (hot at 100k rows). */
function asciiStreetWords(value: string): string[] {
  const words: string[] = [];
  // Words are slices of the lower-cased text (a run of letters or a run of digits), not
  // strings grown a character at a time.
  const lower = value.toLowerCase();
  let start = -1;
  let digits = false;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    const isDigit = c >= 48 && c <= 57;
    const isLetter = c >= 97 && c <= 122;
    if (isDigit || isLetter) {
      if (start >= 0 && isDigit === digits) continue;
      if (start >= 0) words.push(lower.slice(start, i));
      start = i;
      digits = isDigit;
    } else if (start >= 0) {
      words.push(lower.slice(start, i));
      start = -1;
    }
  }
  if (start >= 0) words.push(lower.slice(start));
  for (let i = 0; i < words.length; i++) if (words[i].endsWith('strasse')) words[i] = words[i].slice(0, -7) + 'straße';
  return words;
}

function classify(words: string[]): StreetParts {
  const all: string[] = [];
  const name: string[] = [];
  const number: string[] = [];
  for (const w of words) {
    const word = STREET_WORDS.get(w) ?? w;
    all.push(word);
    (hasDigit(word) ? number : name).push(word);
  }
  return { street: all.join(' '), name: name.join(' '), number: number.join(' ') };
}

function firstNonEmpty(row: Cell[], cols: number[]): string {
  for (const c of cols) {
    const t = text(row, c);
    if (t) return t;
  }
  return '';
}

/** `compute` remembered by its text, forgetting everything past CACHE_LIMIT values (memory stays bounded). */
const CACHE_LIMIT = 100000;
function remembered<V>(compute: (value: string) => V): (value: string) => V {
  const cache = new Map<string, V>();
  return (value) => {
    let v = cache.get(value);
    if (v === undefined) {
      v = compute(value);
      if (cache.size > CACHE_LIMIT) cache.clear();
      cache.set(value, v);
    }
    return v;
  };
}

// Names and places repeat across rows, and folding (NFD, regexes) is the costly part.
const PLAIN_RE = /^[\x20-\x7e]*$/;
const foldRemembered = remembered(fold);
// Plain ASCII folds faster than a cache lookup; the cache is for accents and other scripts.
const foldCached = (value: string): string => (PLAIN_RE.test(value) ? fold(value) : foldRemembered(value));
const NO_STREET: StreetParts = { street: '', name: '', number: '' };
const streetRemembered = remembered(streetParts);
function streetCached(value: string): StreetParts {
  // Most streets are distinct and plain ASCII, which splits faster than a cache miss costs.
  if (!value) return NO_STREET;
  if (ASCII_STREET_RE.test(value)) return classify(asciiStreetWords(value));
  return streetRemembered(value);
}
const splitCached = remembered(splitPersonName);

interface NameParts { first: string; firstCanon: string; last: string; nameKey: string; firstSound: string; lastSound: string }
/** Name parts by first name, then by surname (a full name is only read when both are blank). */
const partsCache = new Map<string, Map<string, NameParts>>();
let partsCached = 0;
const fullNameCache = new Map<string, NameParts>();

function nameParts(rawFirstCol: string, rawLastCol: string, rawFull: string): NameParts {
  // A sheet has either name parts or a full name: the full name alone is then the key. Parts
  // are looked up first name then surname: no joined key string built (and hashed) a row
  // (the caller passes no full name when either part is given).
  const fullOnly = !rawFirstCol && !rawLastCol;
  let bySurname: Map<string, NameParts> | undefined;
  if (!fullOnly) {
    bySurname = partsCache.get(rawFirstCol);
    if (!bySurname) {
      if (partsCached > CACHE_LIMIT) { partsCache.clear(); partsCached = 0; }
      bySurname = new Map();
      partsCache.set(rawFirstCol, bySurname);
    }
  }
  let parts = fullOnly ? fullNameCache.get(rawFull) : bySurname!.get(rawLastCol);
  if (parts) return parts;
  let first = foldCached(rawFirstCol);
  let last = foldCached(rawLastCol);
  let rawFirst = rawFirstCol;
  const words: string[] = [];
  if (first) words.push(...tokens(first));
  if (last) words.push(...tokens(last));
  if (!first && !last && rawFull) {
    const split = splitCached(rawFull);
    first = foldCached(split.first);
    last = foldCached(split.last);
    rawFirst = split.first;
    for (const t of split.tokens) words.push(foldCached(t));
  }
  // A first name of several words compares on its first word ("mary ann" ~ "mary"), but a
  // hyphenated one is one name: Jean-Luc is not Jean.
  const firstWord = rawFirst.includes('-') ? foldCached(rawFirst.split(/\s+/)[0].replace(/-/g, '')) : first.split(' ')[0] ?? '';
  const firstCanon = canonicalFirstName(firstWord);
  parts = {
    first: firstWord, firstCanon, last, nameKey: words.filter(Boolean).sort().join(' '),
    firstSound: phonetic(firstCanon), lastSound: phonetic(last),
  };
  if (bySurname) {
    bySurname.set(rawLastCol, parts);
    partsCached++;
  } else {
    if (fullNameCache.size > CACHE_LIMIT) fullNameCache.clear();
    fullNameCache.set(rawFull, parts);
  }
  return parts;
}

function emailsOf(row: Cell[], plan: FieldPlan): string[] {
  const emails: string[] = [];
  for (const c of plan.emailColumns) {
    const v = text(row, c);
    if (!v.includes('@')) continue;
    // One cell may hold several addresses ("a@x.com; b@y.com").
    if (!/[;,\s]/.test(v)) { emails.push(emailMatchKey(v)); continue; }
    for (const part of v.split(/[;,\s]+/)) if (part.includes('@')) emails.push(emailMatchKey(part));
  }
  return emails;
}

function phonesOf(row: Cell[], plan: FieldPlan): string[] {
  const phones: string[] = [];
  for (const c of plan.phoneColumns) {
    const v = text(row, c);
    if (!v) continue;
    for (const part of /[;,/]/.test(v) ? v.split(/[;,/]+/) : [v]) {
      const k = phoneKey(part);
      if (k) phones.push(k);
    }
  }
  return phones;
}

/**
 * The values in an array of their own size: an array grown by push keeps room for 17, and
 * 100k records carried that room (~130 bytes each for e-mails and phones) through every
 * garbage collection of the step.
 */
function exactSize(values: string[]): string[] {
  return values.length === 0 ? [] : values.length === 1 ? [values[0]] : values.slice();
}

/** The ids of every record of a table without identifier columns: one array, never written. */
const NO_IDS: string[] = [];

export function extractRecord(row: Cell[], plan: FieldPlan): PersonRecord {
  const rawFirstCol = firstNonEmpty(row, plan.firstColumns);
  const rawLastCol = firstNonEmpty(row, plan.lastColumns);
  const names = nameParts(rawFirstCol, rawLastCol, !rawFirstCol && !rawLastCol && plan.nameColumns.length ? firstNonEmpty(row, plan.nameColumns) : '');
  const emails = exactSize(emailsOf(row, plan));
  const phones = exactSize(phonesOf(row, plan));
  const parts = streetCached(plan.streetColumns.length === 1 ? text(row, plan.streetColumns[0]) : plan.streetColumns.map((c) => text(row, c)).filter(Boolean).join(' '));
  const street = parts.street;
  const streetName = parts.name;
  const streetNumber = parts.number;
  const dob = plan.dobColumns.length ? dateKey(plan.dobColumns.map((c) => row[c]).find((v) => !isEmpty(v)) ?? '') : '';
  return {
    first: names.first,
    firstCanon: names.firstCanon,
    last: names.last,
    nameKey: names.nameKey,
    firstSound: names.firstSound,
    lastSound: names.lastSound,
    emails,
    phones,
    emailLen: emails.length === 1 ? emails[0].length : 0,
    emailSig: emails.length === 1 ? editSignature(emails[0]) : 0,
    phoneLen: phones.length === 1 ? phones[0].length : 0,
    phoneSig: phones.length === 1 ? editSignature(phones[0]) : 0,
    street,
    streetName,
    streetNumber,
    // Places repeat: remembered, their rows share one string each (hashed once by term
    // frequencies and blocking, equal places compare by pointer, less to keep live).
    city: foldRemembered(firstNonEmpty(row, plan.cityColumns)),
    postcode: foldRemembered(firstNonEmpty(row, plan.postcodeColumns)).replace(/ /g, ''),
    state: foldRemembered(firstNonEmpty(row, plan.stateColumns)),
    dob,
    ids: plan.idColumns.length ? plan.idColumns.map((c) => fold(text(row, c)).replace(/ /g, '')) : NO_IDS,
  };
}

export function extractRecords(table: Table, plan: FieldPlan): PersonRecord[] {
  const out = new Array<PersonRecord>(table.rows.length);
  for (let i = 0; i < table.rows.length; i++) out[i] = extractRecord(table.rows[i], plan);
  return out;
}
