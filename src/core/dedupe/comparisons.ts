/**
 * Per-field comparisons as data (as in Splink): each has ordered levels, best first, and a
 * function giving the level of a pair, or MISSING when either side is blank (a blank proves
 * nothing either way, so it gets weight 0).
 */
import { FieldPlan, PersonRecord } from './features';
import { sameFirstName } from './nicknames';
import { isTransposition, jaroWinkler, withinOneEdit } from './text';

export const MISSING = -1;

export interface Comparison {
  /** Stable field name used in the model and explanations. */
  field: string;
  /** Plain words for the match reason ("name", "e-mail"). */
  label: string;
  levels: string[];
  compare(a: PersonRecord, b: PersonRecord): number;
  /** Value whose frequency adjusts the weight of an exact agreement (rare values prove more). */
  tfValue?: (r: PersonRecord) => string;
  /** Prior m probabilities per level, used before EM and by matchScore without a model. */
  priorM: number[];
  /** Prior u probabilities per level. */
  priorU: number[];
}

function swapped(a: PersonRecord, b: PersonRecord): boolean {
  return !!a.first && !!a.last && a.first !== a.last && a.first === b.last && a.last === b.first;
}

/** "max" / "maximilian", "alex" / "alexandra": a short form that starts the full name. */
function shortForm(a: string, b: string): boolean {
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  return s.length >= 3 && l.length > s.length && l.startsWith(s);
}

export const FIRST_DIFFERENT = 5;
const firstName: Comparison = {
  field: 'first name',
  label: 'first name',
  levels: ['exact', 'nickname', 'close', 'similar', 'initial', 'different'],
  compare(a, b) {
    if (!a.first || !b.first) return MISSING;
    if (a.first === b.first || swapped(a, b)) return 0;
    if (a.firstCanon === b.firstCanon || sameFirstName(a.first, b.first) || shortForm(a.first, b.first)) return 1;
    const jw = jaroWinkler(a.first, b.first);
    // One typing slip ("namcy", "elizabeh") is as good as a close spelling.
    if (jw >= 0.92 || (Math.min(a.first.length, b.first.length) >= 4 && withinOneEdit(a.first, b.first))) return 2;
    if (jw >= 0.8 || (a.first.length >= 2 && b.first.length >= 2 && withinOneEdit(a.first, b.first))) return 3;
    if ((a.first.length === 1 || b.first.length === 1) && a.first[0] === b.first[0]) return 4;
    return 5;
  },
  tfValue: (r) => r.firstCanon,
  priorM: [0.8, 0.03, 0.08, 0.04, 0.01, 0.04],
  priorU: [0.01, 0.001, 0.005, 0.03, 0.004, 0.95],
};

const lastName: Comparison = {
  field: 'last name',
  label: 'surname',
  levels: ['exact', 'close', 'similar', 'different'],
  compare(a, b) {
    if (!a.last || !b.last) return MISSING;
    if (a.last === b.last || swapped(a, b)) return 0;
    const jw = jaroWinkler(a.last, b.last);
    if (jw >= 0.92) return 1;
    if (jw >= 0.8) return 2;
    return 3;
  },
  tfValue: (r) => r.last,
  priorM: [0.85, 0.07, 0.04, 0.04],
  priorU: [0.005, 0.002, 0.02, 0.973],
};

function anyShared(x: string[], y: string[]): boolean {
  for (const a of x) for (const b of y) if (a === b) return true;
  return false;
}

const lettersOf = (e: string): string => e.replace(/[^\p{L}@]+/gu, '');

const email: Comparison = {
  field: 'e-mail',
  label: 'e-mail',
  levels: ['exact', 'close', 'different'],
  compare(a, b) {
    if (!a.emails.length || !b.emails.length) return MISSING;
    if (anyShared(a.emails, b.emails)) return 0;
    // Only a typo counts as close: the same local part at another provider ("linda_reed@…")
    // is what two different Linda Reeds get, since the address is built from the name.
    // Nor does a change of separators or digits ("jack.williams" / "jack_williams").
    for (const x of a.emails) for (const y of b.emails) {
      if ((isTransposition(x, y) || withinOneEdit(x, y)) && lettersOf(x) !== lettersOf(y)) return 1;
    }
    return 2;
  },
  priorM: [0.8, 0.08, 0.12],
  priorU: [0.0001, 0.0005, 0.9994],
};

const phone: Comparison = {
  field: 'phone',
  label: 'phone',
  levels: ['exact', 'one digit off', 'different'],
  compare(a, b) {
    if (!a.phones.length || !b.phones.length) return MISSING;
    if (anyShared(a.phones, b.phones)) return 0;
    for (const x of a.phones) for (const y of b.phones) {
      if (isTransposition(x, y) || withinOneEdit(x, y)) return 1;
    }
    return 2;
  },
  priorM: [0.85, 0.05, 0.1],
  priorU: [0.0001, 0.001, 0.9989],
};

const street: Comparison = {
  field: 'street',
  label: 'address',
  levels: ['exact', 'same street and number', 'same street, other number', 'different'],
  compare(a, b) {
    if (!a.street || !b.street) return MISSING;
    // The same street line in another town is another address ("12 High Street").
    if (a.city && b.city && a.city !== b.city && a.postcode !== b.postcode && jaroWinkler(a.city, b.city) < 0.88) return 3;
    if (a.street === b.street) return 0;
    // Street typos rarely hit the first letter; checking it first skips most Jaro-Winkler calls.
    const nameClose = a.streetName && b.streetName
      ? a.streetName === b.streetName || (a.streetName[0] === b.streetName[0] && jaroWinkler(a.streetName, b.streetName) >= 0.9)
      : false;
    if (!nameClose) return 3;
    if (a.streetNumber === b.streetNumber || !a.streetNumber || !b.streetNumber) return 1;
    return 2;
  },
  tfValue: (r) => r.street,
  priorM: [0.7, 0.2, 0.03, 0.07],
  priorU: [0.001, 0.002, 0.02, 0.977],
};

const city: Comparison = {
  field: 'city',
  label: 'city',
  levels: ['exact', 'close', 'different'],
  compare(a, b) {
    if (!a.city || !b.city) return MISSING;
    if (a.city === b.city) return 0;
    return jaroWinkler(a.city, b.city) >= 0.88 ? 1 : 2;
  },
  tfValue: (r) => r.city,
  priorM: [0.85, 0.08, 0.07],
  priorU: [0.02, 0.01, 0.97],
};

const postcode: Comparison = {
  field: 'postcode',
  label: 'postcode',
  levels: ['exact', 'one digit off', 'different'],
  compare(a, b) {
    if (!a.postcode || !b.postcode) return MISSING;
    if (a.postcode === b.postcode) return 0;
    return isTransposition(a.postcode, b.postcode) || withinOneEdit(a.postcode, b.postcode) ? 1 : 2;
  },
  tfValue: (r) => r.postcode,
  priorM: [0.85, 0.08, 0.07],
  priorU: [0.01, 0.05, 0.94],
};

const state: Comparison = {
  field: 'state',
  label: 'state',
  levels: ['exact', 'different'],
  compare(a, b) {
    if (!a.state || !b.state) return MISSING;
    return a.state === b.state ? 0 : 1;
  },
  priorM: [0.9, 0.1],
  priorU: [0.25, 0.75],
};

/** Birth dates: exact; one typo, one part off or day and month swapped; different. */
const dob: Comparison = {
  field: 'birth date',
  label: 'birth date',
  levels: ['exact', 'one part off', 'different'],
  compare(a, b) {
    if (!a.dob || !b.dob) return MISSING;
    if (a.dob === b.dob) return 0;
    const x = a.dob;
    const y = b.dob;
    if (x.length === 8 && y.length === 8) {
      const sameY = x.slice(0, 4) === y.slice(0, 4);
      const sameM = x.slice(4, 6) === y.slice(4, 6);
      const sameD = x.slice(6) === y.slice(6);
      if ((sameY && sameM) || (sameY && sameD) || (sameM && sameD)) return 1;
      if (sameY && x.slice(4, 6) === y.slice(6) && x.slice(6) === y.slice(4, 6)) return 1;
    }
    return isTransposition(x, y) || withinOneEdit(x, y) ? 1 : 2;
  },
  priorM: [0.85, 0.1, 0.05],
  priorU: [0.0001, 0.003, 0.9969],
};

function idComparison(index: number, header: string): Comparison {
  return {
    field: header,
    label: header,
    levels: ['exact', 'one character off', 'different'],
    compare(a, b) {
      const x = a.ids[index];
      const y = b.ids[index];
      if (!x || !y) return MISSING;
      if (x === y) return 0;
      return isTransposition(x, y) || withinOneEdit(x, y) ? 1 : 2;
    },
    priorM: [0.85, 0.1, 0.05],
    priorU: [0.0001, 0.001, 0.9989],
  };
}

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

export const ALL_COMPARISONS = { firstName, lastName, email, phone, street, city, postcode, state, dob };
