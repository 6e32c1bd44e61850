/** A small customer sheet: distinct filler customers plus the rows a test plants. */
import { Cell, Roles, Table } from '../../../src/core/table';
import { seededRandom } from '../../../src/core/random';

export const HEADER = ['Name', 'Email', 'Phone', 'Street', 'City', 'Postcode', 'Last Purchase', 'Total Spend'];
export const ROLES: Roles = {
  Name: 'name', Email: 'email', Phone: 'phone', Street: 'street', City: 'city', Postcode: 'postcode',
  'Last Purchase': 'date', 'Total Spend': 'money',
};

const FIRST = ['Olivia', 'Noah', 'Emma', 'Liam', 'Ava', 'Ethan', 'Mia', 'Lucas', 'Grace', 'Henry', 'Chloe', 'Oscar', 'Ruby', 'Felix', 'Ivy', 'Hugo'];
const LAST = ['Nguyen', 'Patel', 'Okafor', 'Schmidt', 'Rossi', 'Novak', 'Kim', 'Silva', 'Dubois', 'Larsen', 'Horvat', 'Tanaka', 'Moreau', 'Kovacs', 'Brennan', 'Fischer'];
const STREETS = ['Oak', 'Pine', 'Maple', 'Cedar', 'Elm', 'Lake', 'Hill', 'Park'];
const CITIES = [['Springfield', '62701'], ['Riverton', '82501'], ['Lakeside', '92040'], ['Fairview', '97024']];

export function filler(count: number, seed = 1): Cell[][] {
  const r = seededRandom(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const rows: Cell[][] = [];
  for (let i = 0; i < count; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const [city, zip] = pick(CITIES);
    rows.push([
      `${first} ${last}`,
      `${first.toLowerCase()}.${last.toLowerCase()}${100 + i}@example.com`,
      `+1555${String(1000000 + i * 7919).slice(-7)}`,
      `${1 + Math.floor(r() * 300)} ${pick(STREETS)} Street`,
      city, zip,
      new Date(Date.UTC(2024, Math.floor(r() * 12), 1 + Math.floor(r() * 28))),
      Math.round(r() * 50000) / 100,
    ]);
  }
  return rows;
}

/** Planted rows first (so their indexes are known), filler after. */
export function sheet(planted: Cell[][], fillerRows = 60, seed = 1): Table {
  return { header: HEADER.slice(), rows: [...planted.map((r) => r.slice()), ...filler(fillerRows, seed)] };
}

export const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));
