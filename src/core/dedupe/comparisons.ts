/**
 * Per-field comparisons as data, as in Splink's comparison library: a comparison is a list of
 * levels, best first, and a function giving the level of a pair (MISSING when either side is
 * blank: a blank proves nothing either way, so it weighs 0). Each level carries its prior m and
 * u and says what agreeing at it means — exact, clearly different, a detail of one person, a
 * way to reach the customer, another first name. The engine (engine.ts), the model (model.ts)
 * and the guards read only those properties, never a level's position or a field's name, so a
 * level or a comparison is added here and nowhere else.
 */
import { FieldPlan, PersonRecord } from './features';
import { sameFirstName } from './nicknames';
import { farApart, isTransposition, jaroWinkler, withinOneEdit } from './text';

export const MISSING = -1;

/** What agreeing at a level means, beyond its weight. */
export interface LevelMeaning {
  /** The values are the same: a rare value proves more (term frequencies), and the reason says "same …". */
  exact?: boolean;
  /** The values clearly differ: the reason says "… differs". */
  differs?: boolean;
  /**
   * A detail of ONE person (not shared in a household) agrees or differs: first name, birth
   * date, e-mail, identifiers. A pair where only household details agree while a personal one
   * differs is asked about, never merged on its own.
   */
  person?: 'agrees' | 'differs';
  /** Something beyond the name agrees (e-mail, phone, address, birth date, id): without it a pair is never merged unasked. */
  contact?: boolean;
  /**
   * The customer is reached there: the same mailbox or phone line. One row whose details are all
   * in the other, the same, with such a level among them is the customer typed (or submitted) twice.
   */
  reach?: boolean;
  /** Another first name: with nothing personal agreeing, the pair are relatives, never one customer. */
  relative?: boolean;
  /** Always worth asking about (a shared mailbox under another name): at least the review band. */
  ask?: boolean;
  /** The word in a reason for an agreement that is neither exact nor different (default "close"). */
  word?: string;
}

export interface ComparisonLevel extends LevelMeaning {
  /** Plain words for the explanation ("exact", "nickname", "one digit off"). */
  label: string;
  /** Prior m: how often two rows of the same person agree at this level (before EM learns it). */
  m: number;
  /** Prior u: how often two different people's rows do (before it is estimated). */
  u: number;
}

/** How EM training uses a comparison (Splink trains one session per blocking rule). */
export interface Training {
  /**
   * The session of pairs that agree exactly on this field (and on the other fields naming the
   * same session); absent: none of its own. Default: "same <field>".
   */
  session?: string | null;
  /** Fields a session needs before it is held: a name is first AND last name (2). Default 1. */
  parts?: number;
  /** Sharpens a session anchored by another field, but starts none alone (a postcode in "same address"). */
  joins?: boolean;
  /** Fields that agree together (a name, a place): a session on one learns none of them. */
  group?: string;
}

export interface Comparison {
  /** Stable field name used in the model and explanations. */
  field: string;
  /** Plain words for the match reason ("name", "e-mail"). */
  label: string;
  /** Best first. */
  levels: ComparisonLevel[];
  compare(a: PersonRecord, b: PersonRecord): number;
  /** Value whose frequency adjusts the weight of an exact agreement (rare values prove more). */
  tfValue?: (r: PersonRecord) => string;
  /** The value shown beside a close agreement in a reason ("jon/john"); none for contacts. */
  shown?: (r: PersonRecord) => string;
  training?: Training;
  /** The table columns the values come from (for the report: Splink's tf column, the docs). */
  columns?: (plan: FieldPlan) => number[];
}

/** A level's prior m and u and what agreeing at it means; its label is its key in the comparison's levels. */
const level = (m: number, u: number, meaning: LevelMeaning = {}): Omit<ComparisonLevel, 'label'> => ({ m, u, ...meaning });

type LevelSpec = Omit<ComparisonLevel, 'label'>;

/**
 * A comparison from its levels written in order, best first, each under its label; `compare`
 * returns a level by its label (L.exact, L['one digit off']), so inserting a level changes no
 * other line.
 */
function comparison<K extends string>(spec: Omit<Comparison, 'levels' | 'compare'> & {
  levels: Record<K, LevelSpec>;
  compare(a: PersonRecord, b: PersonRecord, L: Readonly<Record<K, number>>): number;
}): Comparison {
  const labels = Object.keys(spec.levels) as K[];
  const L = Object.freeze(Object.fromEntries(labels.map((label, i) => [label, i])) as Record<K, number>);
  const { compare, levels, ...rest } = spec;
  return { ...rest, levels: labels.map((label) => ({ label, ...levels[label] })), compare: (a, b) => compare(a, b, L) };
}

function swapped(a: PersonRecord, b: PersonRecord): boolean {
  return !!a.first && !!a.last && a.first !== a.last && a.first === b.last && a.last === b.first;
}

/** "max" / "maximilian", "alex" / "alexandra": a short form that starts the full name. */
function shortForm(a: string, b: string): boolean {
  // Two conditionals, not a destructured pair: no array made for each of ~500k pairs.
  const s = a.length <= b.length ? a : b;
  const l = a.length <= b.length ? b : a;
  return s.length >= 3 && l.length > s.length && l.startsWith(s);
}

const NAME = { session: 'same name', parts: 2, group: 'name' };
const PLACE = 'place';

const firstName = comparison({
  field: 'first name',
  label: 'first name',
  levels: {
    exact: level(0.8, 0.01, { exact: true, person: 'agrees' }),
    nickname: level(0.03, 0.001, { person: 'agrees', word: 'nickname' }),
    close: level(0.08, 0.005, { person: 'agrees' }),
    similar: level(0.04, 0.03, { person: 'differs' }),
    initial: level(0.01, 0.004, { person: 'differs' }),
    different: level(0.04, 0.95, { differs: true, person: 'differs', relative: true }),
  },
  compare(a, b, L) {
    if (!a.first || !b.first) return MISSING;
    if (a.first === b.first || swapped(a, b)) return L.exact;
    if (a.firstCanon === b.firstCanon || sameFirstName(a.first, b.first) || shortForm(a.first, b.first)) return L.nickname;
    const jw = jaroWinkler(a.first, b.first);
    const oneEdit = withinOneEdit(a.first, b.first);
    // One typing slip ("namcy", "elizabeh") is as good as a close spelling.
    if (jw >= 0.92 || (Math.min(a.first.length, b.first.length) >= 4 && oneEdit)) return L.close;
    if (jw >= 0.8 || (a.first.length >= 2 && b.first.length >= 2 && oneEdit)) return L.similar;
    if ((a.first.length === 1 || b.first.length === 1) && a.first[0] === b.first[0]) return L.initial;
    return L.different;
  },
  tfValue: (r) => r.firstCanon,
  shown: (r) => r.first,
  training: NAME,
  columns: (plan) => (plan.firstColumns.length ? plan.firstColumns : plan.nameColumns),
});

const lastName = comparison({
  field: 'last name',
  label: 'surname',
  levels: {
    exact: level(0.85, 0.005, { exact: true }),
    close: level(0.07, 0.002),
    similar: level(0.04, 0.02),
    different: level(0.04, 0.973, { differs: true }),
  },
  compare(a, b, L) {
    if (!a.last || !b.last) return MISSING;
    if (a.last === b.last || swapped(a, b)) return L.exact;
    const jw = jaroWinkler(a.last, b.last);
    if (jw >= 0.92) return L.close;
    if (jw >= 0.8) return L.similar;
    return L.different;
  },
  tfValue: (r) => r.last,
  shown: (r) => r.last,
  training: NAME,
  columns: (plan) => (plan.lastColumns.length ? plan.lastColumns : plan.nameColumns),
});

function anyShared(x: string[], y: string[]): boolean {
  for (const a of x) for (const b of y) if (a === b) return true;
  return false;
}

const lettersOf = (e: string): string => e.replace(/[^\p{L}@]+/gu, '');

const email = comparison({
  field: 'e-mail',
  label: 'e-mail',
  levels: {
    // A shared mailbox is personal mostly, and worth asking about even under another name.
    exact: level(0.8, 0.0001, { exact: true, person: 'agrees', contact: true, reach: true, ask: true }),
    close: level(0.08, 0.0005),
    different: level(0.12, 0.9994, { differs: true, person: 'differs' }),
  },
  compare(a, b, L) {
    // One address each, too far apart to be equal or a typo (most pairs): different.
    if (a.emailLen > 0 && b.emailLen > 0 && farApart(a.emailLen, a.emailSig, b.emailLen, b.emailSig)) return L.different;
    if (!a.emails.length || !b.emails.length) return MISSING;
    if (anyShared(a.emails, b.emails)) return L.exact;
    // Only a typo counts as close: the same local part at another provider ("linda_reed@…")
    // is what two different Linda Reeds get, since the address is built from the name.
    // Nor does a change of separators or digits ("jack.williams" / "jack_williams").
    for (const x of a.emails) for (const y of b.emails) {
      if ((isTransposition(x, y) || withinOneEdit(x, y)) && lettersOf(x) !== lettersOf(y)) return L.close;
    }
    return L.different;
  },
  columns: (plan) => plan.emailColumns,
});

const phone = comparison({
  field: 'phone',
  label: 'phone',
  levels: {
    // A household shares a landline: contact, but no detail of one person.
    exact: level(0.85, 0.0001, { exact: true, contact: true, reach: true }),
    'one digit off': level(0.05, 0.001, { contact: true }),
    different: level(0.1, 0.9989, { differs: true }),
  },
  compare(a, b, L) {
    if (a.phoneLen > 0 && b.phoneLen > 0 && farApart(a.phoneLen, a.phoneSig, b.phoneLen, b.phoneSig)) return L.different;
    if (!a.phones.length || !b.phones.length) return MISSING;
    if (anyShared(a.phones, b.phones)) return L.exact;
    for (const x of a.phones) for (const y of b.phones) {
      if (isTransposition(x, y) || withinOneEdit(x, y)) return L['one digit off'];
    }
    return L.different;
  },
  columns: (plan) => plan.phoneColumns,
});

const street = comparison({
  field: 'street',
  label: 'address',
  levels: {
    exact: level(0.7, 0.001, { exact: true, contact: true }),
    'same street and number': level(0.2, 0.002, { contact: true }),
    'same street, other number': level(0.03, 0.02),
    different: level(0.07, 0.977, { differs: true }),
  },
  compare(a, b, L) {
    if (!a.street || !b.street) return MISSING;
    // The same street line in another town is another address ("12 High Street").
    if (a.city && b.city && a.city !== b.city && a.postcode !== b.postcode && jaroWinkler(a.city, b.city) < 0.88) return L.different;
    if (a.street === b.street) return L.exact;
    // Street typos rarely hit the first letter; checking it first skips most Jaro-Winkler calls.
    const nameClose = a.streetName && b.streetName
      ? a.streetName === b.streetName || (a.streetName[0] === b.streetName[0] && jaroWinkler(a.streetName, b.streetName) >= 0.9)
      : false;
    if (!nameClose) return L.different;
    if (a.streetNumber === b.streetNumber || !a.streetNumber || !b.streetNumber) return L['same street and number'];
    return L['same street, other number'];
  },
  tfValue: (r) => r.street,
  shown: (r) => r.street,
  training: { session: 'same address', group: PLACE },
  columns: (plan) => plan.streetColumns,
});

const city = comparison({
  field: 'city',
  label: 'city',
  levels: {
    exact: level(0.85, 0.02, { exact: true }),
    close: level(0.08, 0.01),
    different: level(0.07, 0.97, { differs: true }),
  },
  compare(a, b, L) {
    if (!a.city || !b.city) return MISSING;
    if (a.city === b.city) return L.exact;
    return jaroWinkler(a.city, b.city) >= 0.88 ? L.close : L.different;
  },
  tfValue: (r) => r.city,
  shown: (r) => r.city,
  training: { session: null, group: PLACE },
  columns: (plan) => plan.cityColumns,
});

const postcode = comparison({
  field: 'postcode',
  label: 'postcode',
  levels: {
    exact: level(0.85, 0.01, { exact: true }),
    'one digit off': level(0.08, 0.05),
    different: level(0.07, 0.94, { differs: true }),
  },
  compare(a, b, L) {
    if (!a.postcode || !b.postcode) return MISSING;
    if (a.postcode === b.postcode) return L.exact;
    return isTransposition(a.postcode, b.postcode) || withinOneEdit(a.postcode, b.postcode) ? L['one digit off'] : L.different;
  },
  tfValue: (r) => r.postcode,
  shown: (r) => r.postcode,
  training: { session: 'same address', joins: true, group: PLACE },
  columns: (plan) => plan.postcodeColumns,
});

const state = comparison({
  field: 'state',
  label: 'state',
  levels: {
    exact: level(0.9, 0.25, { exact: true }),
    different: level(0.1, 0.75, { differs: true }),
  },
  compare(a, b, L) {
    if (!a.state || !b.state) return MISSING;
    return a.state === b.state ? L.exact : L.different;
  },
  training: { session: null, group: PLACE },
  columns: (plan) => plan.stateColumns,
});

/** Birth dates: exact; one typo, one part off or day and month swapped; different. */
const dob = comparison({
  field: 'birth date',
  label: 'birth date',
  levels: {
    exact: level(0.85, 0.0001, { exact: true, person: 'agrees', contact: true }),
    'one part off': level(0.1, 0.003, { person: 'agrees' }),
    different: level(0.05, 0.9969, { differs: true, person: 'differs' }),
  },
  compare(a, b, L) {
    if (!a.dob || !b.dob) return MISSING;
    if (a.dob === b.dob) return L.exact;
    const x = a.dob;
    const y = b.dob;
    if (x.length === 8 && y.length === 8) {
      const sameY = x.slice(0, 4) === y.slice(0, 4);
      const sameM = x.slice(4, 6) === y.slice(4, 6);
      const sameD = x.slice(6) === y.slice(6);
      if ((sameY && sameM) || (sameY && sameD) || (sameM && sameD)) return L['one part off'];
      if (sameY && x.slice(4, 6) === y.slice(6) && x.slice(6) === y.slice(4, 6)) return L['one part off'];
    }
    return isTransposition(x, y) || withinOneEdit(x, y) ? L['one part off'] : L.different;
  },
  shown: (r) => r.dob,
  columns: (plan) => plan.dobColumns,
});

/** An identifier column (customer number, social security id): one person's, exact or one slip off. */
function idComparison(index: number, header: string): Comparison {
  return comparison({
    field: header,
    label: header,
    levels: {
      exact: level(0.85, 0.0001, { exact: true, person: 'agrees', contact: true }),
      'one character off': level(0.1, 0.001, { person: 'agrees', contact: true }),
      different: level(0.05, 0.9989, { differs: true, person: 'differs' }),
    },
    compare(a, b, L) {
      const x = a.ids[index];
      const y = b.ids[index];
      if (!x || !y) return MISSING;
      if (x === y) return L.exact;
      return isTransposition(x, y) || withinOneEdit(x, y) ? L['one character off'] : L.different;
    },
    columns: (plan) => [plan.idColumns[index]],
  });
}

/** The library's comparisons by name (identifiers are made per column by idComparison). */
export const ALL_COMPARISONS = { firstName, lastName, email, phone, street, city, postcode, state, dob };

/** The comparisons that the table's columns support. */
export function comparisonsFor(plan: FieldPlan, header: string[]): Comparison[] {
  const out: Comparison[] = [];
  const hasNames = plan.nameColumns.length > 0;
  if (plan.firstColumns.length || hasNames) out.push(firstName);
  if (plan.lastColumns.length || hasNames) out.push(lastName);
  if (plan.emailColumns.length) out.push(email);
  if (plan.phoneColumns.length) out.push(phone);
  if (plan.streetColumns.length) out.push(street);
  if (plan.cityColumns.length) out.push(city);
  if (plan.postcodeColumns.length) out.push(postcode);
  if (plan.stateColumns.length) out.push(state);
  if (plan.dobColumns.length) out.push(dob);
  plan.idColumns.forEach((c, i) => out.push(idComparison(i, header[c])));
  return out;
}
