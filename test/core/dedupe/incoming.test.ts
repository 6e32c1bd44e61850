/**
 * The cheap pre-filter that keeps a form submission fast against 50 000 customers: it must
 * keep every row the matcher could call a duplicate (same e-mail key, phone, name with a
 * typo in the same place) and drop rows that only share a common first name.
 */
import { candidateRows } from '../../../src/core/dedupe/incoming';
import type { Roles, Table } from '../../../src/core/table';

const roles: Roles = { Name: 'name', Email: 'email', Phone: 'phone', City: 'city' };
const keys: Table = {
  header: ['Name', 'Email', 'Phone', 'City'],
  rows: [
    ['Maria Garcia', 'maria.g@gmail.com', '+14155550101', 'Springfield'], // 0: same person, e-mail with dots
    ['Maria Okafor', 'okafor@example.com', '+14155550102', 'Riverton'], // 1: only the first name
    ['Other Person', 'x@example.com', '(415) 555-0199', 'Lakeside'], // 2: same phone, other format
    ['Mariah Garcya', '', '', 'Springfield'], // 3: typos, same city
    ['José Núñez', '', '', 'Lakeside'], // 4: accents
    ['', '', '', ''], // 5: blank
  ],
};

test('keeps rows sharing an e-mail key, a phone, or a name with typos in the same place; drops a shared first name', () => {
  expect(candidateRows(keys, roles, ['Maria Garcia', 'MariaG@gmail.com', '', ''])).toEqual([0]);
  expect(candidateRows(keys, roles, ['Someone Else', '', '415.555.0199', ''])).toEqual([2]);
  expect(candidateRows(keys, roles, ['Maria Garcia', 'new@example.org', '', 'Springfield'])).toEqual([0, 3]);
  expect(candidateRows(keys, roles, ['Jose Nunez', '', '', ''])).toEqual([4]);
  expect(candidateRows(keys, roles, ['Maria Lopez', 'ml@example.org', '', 'Nowhere'])).toEqual([]);
});

test('skips the given row (the response itself when it is already in the customer sheet)', () => {
  expect(candidateRows(keys, roles, ['Maria Garcia', 'maria.g@gmail.com', '', ''], 0)).toEqual([]);
});
