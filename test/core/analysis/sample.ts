/** A seeded synthetic customer sheet for the analyse step's tests and timing. */
import { seededRandom } from '../../../src/core/random';
import type { Cell, Roles, Table } from '../../../src/core/table';

const PRODUCTS = ['Tea', 'Cups', 'Milk', 'Coffee', 'Filters', 'Mugs', 'Sugar', 'Honey'];
// Products that go together, so co-occurrence has something to find.
const BUNDLES = [['Tea', 'Cups', 'Honey'], ['Coffee', 'Filters', 'Mugs'], ['Milk', 'Sugar']];
const CITIES = ['Leeds', 'York', 'Hull', 'Bath'];

export const SAMPLE_ROLES: Roles = {
  'Customer ID': 'id', Name: 'name', Email: 'email', Age: 'number', Gender: 'category', City: 'city',
  'Annual Income': 'money', Orders: 'count', 'Total Spend': 'money', 'Signup Date': 'date',
  'First Purchase': 'date', 'Last Purchase': 'date', Products: 'text',
};

const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);

export function sampleCustomers(n: number, seed = 11, asOf = Date.UTC(2024, 6, 1)): Table {
  const rnd = seededRandom(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const header = Object.keys(SAMPLE_ROLES);
  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) {
    const age = Math.round(18 + rnd() * 57);
    const income = Math.round(52000 + 14000 * normal());
    const orders = 1 + Math.floor(rnd() * 12);
    const gender = rnd() < 0.5 ? 'Female' : 'Male';
    const spend = Math.round((0.004 * income + 40 * orders - age + (gender === 'Female' ? 30 : 0) + 50 * normal()) * 100) / 100;
    const signup = asOf - Math.floor(rnd() * 900) * 86400000;
    const first = signup + Math.floor(rnd() * 60) * 86400000;
    const last = Math.min(asOf, first + Math.floor(rnd() * 500) * 86400000);
    const bundle = BUNDLES[Math.floor(rnd() * BUNDLES.length)];
    const bought = bundle.filter(() => rnd() < 0.6);
    if (rnd() < 0.3) bought.push(PRODUCTS[Math.floor(rnd() * PRODUCTS.length)]);
    rows.push([
      `C${i + 1}`, `Customer ${i + 1}`, `c${i + 1}@example.com`, age, gender, CITIES[Math.floor(rnd() * CITIES.length)],
      income, orders, spend, iso(signup), iso(first), orders > 1 ? iso(last) : iso(first), [...new Set(bought)].join(', '),
    ]);
  }
  return { header, rows };
}
