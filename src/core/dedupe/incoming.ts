/**
 * Matching one incoming row (a form submission; later an imported row) against the customers
 * already in the sheet, with the batch engine's comparisons, weights and explanation.
 *
 * At 50 000 customers a submission cannot afford to extract full match records of every row,
 * so a cheap scan of the match columns first keeps the rows worth scoring (same e-mail key or
 * phone, or names sharing enough words in the same place); those rows plus an even sample of
 * the others (which give the matcher its sense of how common a value is) are then scored by
 * the engine (matcher.ts).
 */
import { type Cell, type ColumnRole, type Roles, type Table } from '../table';
import { type Band, type FieldExplanation } from './engine';
import { buildMatcher, matchOne } from './matcher';
import { comparisonsFor } from './comparisons';
import { planFields } from './features';
import { priorModel, type FsModel } from './model';
import { emailMatchKey, keyText, phoneKey } from './keys';
import { fold, tokens } from './text';
import type { Lang } from '../../i18n/index';

export interface IncomingMatch {
  /** Index of the matching row in the customers table. */
  row: number;
  probability: number;
  band: Band;
  explanation: FieldExplanation[];
  /** The words a batch run writes in CDM Match Reason for this pair. */
  reason: string;
}

export interface IncomingOptions {
  /** A row of the customers table never to match (the response itself, when it is already there). */
  skip?: number;
  /** Weights to score with; by default the prior weights with a prior of one match among all customers. */
  model?: FsModel;
  /** Language of the reason (the sheet's). */
  lang?: Lang;
}

/** Rows that only give the matcher its sense of how common values are (every n-th row, no randomness). */
const BACKGROUND_ROWS = 500;

interface CheapKeys { emails: Set<string>; phones: Set<string>; names: Set<string>; prefixes: Set<string>; places: Set<string> }

const ASCII_RE = /^[\x00-\x7f]*$/;

const isNameRole = (role: ColumnRole): boolean => role === 'name' || role === 'first_name' || role === 'last_name';

function cheapKeys(row: Cell[], roles: ColumnRole[]): CheapKeys {
  const k: CheapKeys = { emails: new Set(), phones: new Set(), names: new Set(), prefixes: new Set(), places: new Set() };
  row.forEach((v, i) => {
    const s = keyText(v);
    if (!s) return;
    const role = roles[i];
    if (role === 'email') k.emails.add(emailMatchKey(s));
    else if (role === 'phone') { const p = phoneKey(s); if (p) k.phones.add(p); }
    else if (isNameRole(role)) {
      for (const t of tokens(fold(s))) if (t.length >= 2) { k.names.add(t); k.prefixes.add(t.slice(0, 3)); }
    } else if (role === 'postcode' || role === 'city') k.places.add(fold(s));
  });
  return k;
}

/**
 * Existing rows worth scoring against the new one: same e-mail key or phone; or names that
 * share two words, or one word plus a word starting the same (a typo) or the same city or
 * postcode, or two words starting the same in the same place. A shared first name alone
 * ("Maria") would make thousands of candidates.
 */
export function candidateRows(customers: Table, roles: Roles, newRow: Cell[], skip = -1): number[] {
  const roleList = customers.header.map((h) => roles[h] ?? 'unknown');
  const mine = cheapKeys(newRow, roleList);
  const cols = roleList.map((role, i) => ({ role, i })).filter((c) => c.role === 'email' ? mine.emails.size > 0
    : c.role === 'phone' ? mine.phones.size > 0
      : isNameRole(c.role) ? mine.names.size > 0
        : (c.role === 'postcode' || c.role === 'city') && mine.places.size > 0);
  const prefixes = [...mine.prefixes];
  const out: number[] = [];
  for (let r = 0; r < customers.rows.length; r++) {
    if (r === skip) continue;
    const row = customers.rows[r];
    let hit = false;
    let exact = 0;
    let prefix = 0;
    let place = false;
    for (const { role, i } of cols) {
      const v = row[i];
      if (v === '' || v === null || v === undefined || v instanceof Date) continue;
      const s = typeof v === 'string' ? v : String(v);
      if (role === 'email') hit = s.includes('@') && mine.emails.has(emailMatchKey(s));
      else if (role === 'phone') { const p = phoneKey(s); hit = p !== '' && mine.phones.has(p); }
      else if (isNameRole(role)) {
        // Most names share nothing with the new one: reject them before splitting into words.
        if (ASCII_RE.test(s)) {
          const lower = s.toLowerCase();
          if (!prefixes.some((p) => lower.includes(p))) continue;
        }
        for (const t of fold(s).split(' ')) {
          if (t.length < 2) continue;
          if (mine.names.has(t)) exact++;
          else if (mine.prefixes.has(t.slice(0, 3))) prefix++;
        }
      } else place = place || mine.places.has(fold(s));
      if (hit) break;
    }
    if (hit || exact >= 2 || (exact >= 1 && (prefix >= 1 || place)) || (prefix >= 2 && place)) out.push(r);
  }
  return out;
}

/**
 * The existing customer the incoming row most likely is, or null. `customers` holds the match
 * columns (see matchColumns in keys.ts); `newRow` is aligned with its header and cleaned as a
 * run would clean it.
 */
export function matchIncoming(customers: Table, roles: Roles, newRow: Cell[], options: IncomingOptions = {}): IncomingMatch | null {
  const skip = options.skip ?? -1;
  if (customers.rows.length === 0) return null;
  const candidates = candidateRows(customers, roles, newRow, skip);
  if (candidates.length === 0) return null;
  const chosen = new Set(candidates);
  const stride = Math.max(1, Math.floor(customers.rows.length / BACKGROUND_ROWS));
  for (let i = 0; i < customers.rows.length; i += stride) if (i !== skip) chosen.add(i);
  const subset = [...chosen].sort((a, b) => a - b);
  const table: Table = { header: customers.header, rows: subset.map((i) => customers.rows[i]) };
  // The prior weights (as =CDM_MATCH uses) with a prior of one match among all customers:
  // learning u from random pairs of a sample this small would cost more than it tells.
  const model = options.model ?? priorModel(comparisonsFor(planFields(table, roles), table.header), Math.min(0.01, 1 / customers.rows.length));
  const matcher = buildMatcher(table, roles, model);
  // Exact duplicates and shared mailboxes are the engine's rules (engine.ts), as in a batch run.
  const found = matchOne(matcher, newRow, options.lang);
  return found ? { ...found, row: subset[found.row] } : null;
}
