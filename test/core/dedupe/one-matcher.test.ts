/**
 * One matcher: a row arriving from the intake form and the same row in a batch run get the
 * same decision about the same pair, because both score with one engine (engine.ts) whose
 * guards and rules are the comparisons' level data. Each pair below is decided by a different
 * part of that engine; the incoming matcher is given the model the batch learnt, as both
 * would be with one model.
 */
import { dedupeTable, matchIncoming } from '../../../src/core/dedupe';
import type { Cell, Roles, Table } from '../../../src/core/table';
import { HEADER, ROLES, d, filler } from './fixture';

type Band = 'auto' | 'review' | 'none';

/** Rows 0 and 1 of each case are the pair; filler customers around them. */
const CASES: Array<{ name: string; expected: Band; pair: Cell[][] }> = [
  {
    name: 'nickname and the same e-mail: one customer (the weights)',
    expected: 'auto',
    pair: [
      ['Robert Kowalski', 'bob.kowalski@gmail.com', '+15550101001', '12 Birch Road', 'Springfield', '62701', d(2024, 3, 1), 120],
      ['Bob Kowalski', 'bobkowalski@gmail.com', '+15550101001', '12 Birch Rd', 'Springfield', '62701', d(2025, 1, 5), 80],
    ],
  },
  {
    name: 'same household, another first name: relatives (the relatives guard)',
    expected: 'none',
    pair: [
      ['Robert Kowalczyk', 'robert.k@example.org', '+15550103003', '48 Goldfinch Circuit', 'Lakeside', '92040', d(2024, 2, 2), 10],
      ['Anna Kowalczyk', 'anna.k@example.org', '+15550103003', '48 Goldfinch Circuit', 'Lakeside', '92040', d(2024, 3, 3), 20],
    ],
  },
  {
    name: 'one mailbox under two names: asked about (a level always worth asking)',
    expected: 'review',
    pair: [
      ['Yuki Garcia', 'yuki.garcia7@example.com', '+15550105005', '3 Lime Street', 'Fairview', '97024', d(2024, 1, 1), 5],
      ['Juan Perez', 'yuki.garcia7@example.com', '', '', '', '', d(2024, 6, 1), 6],
    ],
  },
  {
    name: 'only an e-mail, the same: an exact duplicate (the exact-duplicate rule)',
    expected: 'auto',
    pair: [
      ['', 'solo.buyer@example.net', '', '', '', '', d(2024, 1, 1), 5],
      ['', 'Solo.Buyer@example.net', '', '', '', '', d(2024, 2, 1), 7],
    ],
  },
  {
    name: 'a stranger: no pair',
    expected: 'none',
    pair: [
      ['Quentin Zzyzx', 'qz@nowhere.example', '+15550199999', '1 Nowhere Lane', 'Fairview', '97024', d(2024, 1, 1), 5],
      ['Maria Zhou', 'mz@elsewhere.example', '+15550188888', '2 Other Road', 'Riverton', '82501', d(2024, 1, 1), 5],
    ],
  },
];

function batchBand(table: Table, roles: Roles): { band: Band; model: ReturnType<typeof dedupeTable>['report']['model'] } {
  const { report } = dedupeTable(table, roles);
  const pair = report.pairs.find((p) => p.a === 0 && p.b === 1);
  return { band: pair ? pair.band : 'none', model: report.model };
}

describe('form submission and batch decide a pair alike', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const table: Table = { header: HEADER.slice(), rows: [...c.pair, ...filler(60, 3)] };
      const batch = batchBand(table, ROLES);
      // The second row arrives through the form; the first is already a customer.
      const incoming = matchIncoming(table, ROLES, table.rows[1], { skip: 1, model: batch.model });
      const formBand: Band = incoming && incoming.row === 0 ? incoming.band : 'none';
      expect(batch.band).toBe(c.expected);
      expect(formBand).toBe(batch.band);
    });
  }
});
