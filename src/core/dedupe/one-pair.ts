/**
 * Matching without a table, for the formulas: =CDM_MATCH scores two records with the prior
 * weights, =CDM_DEDUPE_KEY gives a row the key its duplicates share.
 */
import { type Cell, type ColumnRole, type Roles, type Table, isEmpty } from '../table';
import { detectRoles } from '../roles';
import { DEFAULT_THRESHOLDS, type FieldExplanation, prepare, scorePair, withModel } from './engine';
import { explain } from './explain';
import { priorModel } from './model';
import { emailMatchKey, phoneKey } from './keys';
import { canonicalFirstName } from './nicknames';
import { digitsOnly, fold, phonetic } from './text';

const round4 = (x: number): number => Math.round(x * 10000) / 10000;

function asRecord(value: Record<string, Cell> | string): Record<string, Cell> {
  return typeof value === 'string' ? { Name: value } : value;
}

/**
 * =CDM_MATCH: how likely two records (or two names) are the same customer, from the prior
 * weights (no table to learn from), so the same inputs always give the same answer.
 */
export function matchScore(a: Record<string, Cell> | string, b: Record<string, Cell> | string, roles?: Roles): { score: number; explanation: FieldExplanation[] } {
  const ra = asRecord(a);
  const rb = asRecord(b);
  const header = [...new Set([...Object.keys(ra), ...Object.keys(rb)])];
  const table: Table = { header, rows: [header.map((h) => ra[h] ?? ''), header.map((h) => rb[h] ?? '')] };
  const r = roles ?? detectRoles(table).roles;
  // With two rows an id column that differs counts as a row key and is left out; an equal one is compared.
  const base = prepare(table, r);
  const engine = withModel(base, priorModel(base.comparisons, MATCH_PRIOR), DEFAULT_THRESHOLDS);
  const s = scorePair(engine, 0, 1);
  return { score: round4(s.household ? Math.min(s.probability, 0.1) : s.probability), explanation: explain(engine, s) };
}

/** Prior chance that two records compared with =CDM_MATCH are the same customer. */
const MATCH_PRIOR = 0.01;

/**
 * =CDM_DEDUPE_KEY: a short key that duplicates usually share, for sorting or COUNTIF. It is
 * the strongest identifier present: the e-mail match key (Gmail dots and +tags ignored);
 * else the phone's last 9 digits; else the sounds-like codes of the name words (nicknames
 * mapped: Bob → Robert), sorted, with the postcode when there is one. Without roles each
 * value is read by its shape (has @ → e-mail; mostly digits → phone or postcode).
 */
export function dedupeKey(values: Cell[], roles?: ColumnRole[]): string {
  const emails: string[] = [];
  const phones: string[] = [];
  const names: string[] = [];
  let postcode = '';
  values.forEach((v, i) => {
    if (isEmpty(v) || v instanceof Date) return;
    const s = String(v).trim();
    if (!s) return;
    const role = roles?.[i] ?? guessRole(s);
    if (role === 'email') emails.push(emailMatchKey(s));
    else if (role === 'phone') { const p = phoneKey(s); if (p) phones.push(p); }
    else if (role === 'postcode') postcode = postcode || fold(s).replace(/ /g, '');
    else if (role === 'name' || role === 'first_name' || role === 'last_name') names.push(...fold(s).split(' ').filter(Boolean));
  });
  if (emails.length) return emails.sort()[0];
  if (phones.length) return phones.sort()[0];
  if (names.length) {
    const code = names.map((w) => phonetic(canonicalFirstName(w))).sort().join('-');
    return postcode ? `${code}|${postcode}` : code;
  }
  return '';
}

function guessRole(s: string): ColumnRole {
  if (s.includes('@')) return 'email';
  const digits = digitsOnly(s).length;
  if (digits >= 7 && digits / s.replace(/\s/g, '').length > 0.6) return 'phone';
  if (digits > 0 && s.length <= 10) return 'postcode';
  return 'name';
}
