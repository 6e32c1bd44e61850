import { dedupeTable, recordKey, matchScore, dedupeKey, FLAG_COLUMNS } from '../../../src/core/dedupe';
import { cluster } from '../../../src/core/dedupe/cluster';
import { Table, cellOf, withColumn } from '../../../src/core/table';
import { ROLES, d, sheet } from './fixture';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readCsvBytes } from '../../../src/core/csv';
import { detectRoles } from '../../../src/core/roles';
import { runPipeline, summarise } from '../../../src/core/pipeline';

const col = (t: Table, name: string) => t.rows.map((r) => r[t.header.indexOf(name)]);

describe('dedupeTable, flag mode', () => {
  const planted = [
    ['Robert Kowalski', 'bob.kowalski@gmail.com', '+15550101001', '12 Birch Road', 'Springfield', '62701', d(2024, 3, 1), 120],
    ['Bob Kowalski', 'bobkowalski@gmail.com', '+15550101001', '12 Birch Rd', 'Springfield', '62701', d(2025, 1, 5), 80],
    ['Zofia Wisniewska', 'zofia.w@example.org', '+15550102002', '7 Quarry Lane', 'Riverton', '82501', d(2024, 6, 1), 40],
  ];
  const table = sheet(planted);
  const result = dedupeTable(table, ROLES);
  const out = result.table;

  it('keeps every row in input order and appends the four CDM columns', () => {
    expect(out.rows).toHaveLength(table.rows.length);
    expect(out.header).toEqual([...table.header, ...FLAG_COLUMNS]);
    out.rows.forEach((r, i) => expect(r.slice(0, table.header.length)).toEqual(table.rows[i]));
  });

  it('groups a nickname + Gmail-dot duplicate and explains it in plain words', () => {
    const group = col(out, 'CDM Duplicate Group');
    expect(group[0]).not.toBe('');
    expect(group[0]).toBe(group[1]);
    expect(group[2]).toBe('');
    const of = col(out, 'CDM Duplicate Of');
    // The survivor is the more complete row; the other points at its sheet row (index + 2).
    const survivor = of[0] === '' ? 0 : 1;
    const other = 1 - survivor;
    expect(of[other]).toBe(survivor + 2);
    const score = col(out, 'CDM Match Score')[other] as number;
    expect(score).toBeGreaterThan(0.95);
    expect(Math.round(score * 100) / 100).toBe(score);
    const reason = String(col(out, 'CDM Match Reason')[other]);
    expect(reason).toMatch(/same .*e-mail/);
    expect(reason).toMatch(/first name nickname \(bob\/robert\)|first name nickname \(robert\/bob\)/);
  });

  it('reports pairs with field-by-field explanations, blocking figures and the learnt model', () => {
    const { report } = result;
    const pair = report.pairs.find((p) => p.a === 0 && p.b === 1)!;
    expect(pair.band).toBe('auto');
    expect(pair.explanation.find((e) => e.field === 'e-mail')).toMatchObject({ level: 'exact' });
    expect(pair.explanation.find((e) => e.field === 'e-mail')!.weight).toBeGreaterThan(5);
    expect(report.candidatePairs).toBeLessThan((table.rows.length * (table.rows.length - 1)) / 2);
    expect(report.blockingRules.length).toBeGreaterThan(3);
    expect(report.model.m['e-mail']).toHaveLength(3);
    expect(report.groups).toBe(1);
    expect(report.duplicateRows).toBe(1);
    expect(result.changes.every((c) => c.kind === 'dedupe')).toBe(true);
  });

  it('is deterministic', () => {
    expect(dedupeTable(table, ROLES).table).toEqual(out);
  });
});

describe('relatives', () => {
  it('same phone, address and surname but another first name are not one customer', () => {
    const table = sheet([
      ['Robert Kowalczyk', 'robert.k@example.org', '+15550103003', '48 Goldfinch Circuit', 'Lakeside', '92040', d(2024, 2, 2), 10],
      ['Anna Kowalczyk', 'anna.k@example.org', '+15550103003', '48 Goldfinch Circuit', 'Lakeside', '92040', d(2024, 3, 3), 20],
      ['Anna Kowalczyk', '', '+15550103003', '48 Goldfinch Cct', 'Lakeside', '92040', d(2024, 5, 3), 30],
    ]);
    const { table: out, report } = dedupeTable(table, ROLES);
    const group = col(out, 'CDM Duplicate Group');
    expect(group[0]).toBe('');
    // Anna typed twice is still one customer.
    expect(group[1]).not.toBe('');
    expect(group[1]).toBe(group[2]);
    expect(report.pairs.some((p) => p.a === 0 && (p.b === 1 || p.b === 2) && p.band === 'auto')).toBe(false);
  });
});

describe('chaining guard', () => {
  it('cluster() does not join A and C through B when A and C do not match', () => {
    const prob: Record<string, number> = { '0-1': 0.99, '1-2': 0.99, '0-2': 0.05 };
    const c = cluster({
      n: 3, edges: [{ a: 0, b: 1, probability: 0.99 }, { a: 1, b: 2, probability: 0.99 }], accepts: [], minLink: 0.6,
      pairProbability: (i, j) => prob[`${Math.min(i, j)}-${Math.max(i, j)}`] ?? 0, rejected: () => false,
    });
    expect(c.root[0] === c.root[2]).toBe(false);
    expect(c.refused).toHaveLength(1);
  });

  it('cluster() joins all three when A and C match too', () => {
    const c = cluster({
      n: 3, edges: [{ a: 0, b: 1, probability: 0.99 }, { a: 1, b: 2, probability: 0.98 }], accepts: [], minLink: 0.6,
      pairProbability: () => 0.9, rejected: () => false,
    });
    expect(new Set(c.root).size).toBe(1);
  });

  it('in a sheet: B shares an e-mail with A and a phone and address with C; A and C stay apart', () => {
    const table = sheet([
      ['John Smith', 'jsmith@example.net', '+15550104001', '10 Harbour Street', 'Springfield', '62701', d(2024, 1, 1), 1],
      ['John Smith', 'jsmith@example.net', '+15550109009', '77 Mill Lane', 'Fairview', '97024', d(2024, 1, 2), 2],
      ['John Smith', 'john.smith.77@example.com', '+15550109009', '77 Mill Lane', 'Fairview', '97024', d(2024, 1, 3), 3],
    ]);
    const group = col(dedupeTable(table, ROLES).table, 'CDM Duplicate Group');
    expect(group[0] !== '' && group[0] === group[2]).toBe(false);
    // B does belong with one of them: the guard refuses the chain, not the links.
    expect(group[1] !== '' && (group[1] === group[0] || group[1] === group[2])).toBe(true);
  });
});

describe('decisions', () => {
  const table = sheet([
    ['Maria Rossi', 'maria.rossi@example.org', '+15550105001', '5 Via Roma', 'Springfield', '62701', d(2024, 1, 1), 1],
    ['Maria Rossi', 'maria.rossi@example.org', '+15550105001', '5 Via Roma', 'Springfield', '62701', d(2024, 2, 1), 2],
    ['Maria Rossi', 'maria.rossi@example.org', '+15550105001', '5 Via Roma St', 'Springfield', '62701', d(2024, 3, 1), 3],
    ['Peter Quill', 'star.lord@example.org', '+15550105999', '1 Milano Way', 'Riverton', '82501', d(2024, 4, 1), 4],
  ]);
  const key = (i: number) => recordKey(table, ROLES, i);

  it('"not a duplicate" is honoured, even through a third row', () => {
    const base = col(dedupeTable(table, ROLES).table, 'CDM Duplicate Group');
    expect(base[0]).toBe(base[2]);
    const out = dedupeTable(table, ROLES, { decisions: [{ a: key(0), b: key(2), decision: 'reject' }] });
    const group = col(out.table, 'CDM Duplicate Group');
    expect(group[0] !== '' && group[0] === group[2]).toBe(false);
    // A rejected pair is not asked again.
    expect(out.report.pairs.some((p) => p.a === 0 && p.b === 2)).toBe(false);
  });

  it('"same customer" links rows that do not look alike', () => {
    const out = dedupeTable(table, ROLES, { decisions: [{ a: key(0), b: key(3), decision: 'accept' }] });
    const group = col(out.table, 'CDM Duplicate Group');
    expect(group[0]).not.toBe('');
    expect(group[3]).toBe(group[0]);
    expect(String(col(out.table, 'CDM Match Reason')[3])).toMatch(/marked as the same customer/);
  });
});

describe('bands', () => {
  const table = sheet([
    ['Olga Petrova', 'olga.p@example.org', '+15550109001', '3 Lime Street', 'Springfield', '62701', d(2024, 1, 1), 1],
    ['Olga Petrova', 'olga.p@example.org', '+15550109001', '3 Lime Street', 'Springfield', '62701', d(2024, 2, 1), 2],
  ]);
  it('an auto threshold above every score turns auto pairs into review pairs', () => {
    const base = dedupeTable(table, ROLES);
    expect(base.report.autoPairs).toBe(1);
    const strict = dedupeTable(table, ROLES, { autoThreshold: 1.01 });
    expect(strict.report.autoPairs).toBe(0);
    expect(strict.report.groups).toBe(0);
    expect(strict.report.pairs.find((p) => p.a === 0 && p.b === 1)?.band).toBe('review');
  });
  it('record keys do not depend on options', () => {
    const a = dedupeTable(table, ROLES).report.pairs[0];
    const b = dedupeTable(table, ROLES, { ignore: ['Phone'] }).report.pairs[0];
    expect(b.keyA).toBe(a.keyA);
    expect(a.keyA).toBe(recordKey(table, ROLES, 0));
  });
});

describe('recordKey', () => {
  const table = sheet([['Ann Lee', 'ann@example.org', '+15550106001', '1 A St', 'Springfield', '62701', d(2024, 1, 1), 5]]);
  it('stays the same when CDM columns are added or other columns change', () => {
    const k = recordKey(table, ROLES, 0);
    expect(k).toMatch(/^[0-9a-f]{16}$/);
    const withCdm = withColumn(table, 'CDM Segment', table.rows.map(() => 'x'));
    expect(recordKey(withCdm, ROLES, 0)).toBe(k);
    const edited = { header: table.header, rows: table.rows.map((r) => r.slice()) };
    edited.rows[0][7] = 999;
    expect(recordKey(edited, ROLES, 0)).toBe(k);
    expect(recordKey(table, ROLES, 1)).not.toBe(k);
  });
});

describe('matchScore and dedupeKey (custom functions)', () => {
  it('scores the same customer high and different people low, deterministically', () => {
    const a = { Name: 'Jon Smith', Email: 'jon.smith@gmail.com', Phone: '+14155550132' };
    const b = { Name: 'John Smith', Email: 'jonsmith@gmail.com', Phone: '+1 415 555 0132' };
    const c = { Name: 'Mary Jones', Email: 'mary@example.org', Phone: '+14155550999' };
    const same = matchScore(a, b);
    expect(same.score).toBeGreaterThan(0.95);
    expect(matchScore(a, c).score).toBeLessThan(0.05);
    expect(matchScore(a, b)).toEqual(same);
    expect(same.explanation.find((e) => e.field === 'phone')!.level).toBe('exact');
  });

  it('compares two bare names', () => {
    expect(matchScore('Bob Jones', 'Robert Jones').score).toBeGreaterThan(matchScore('Bob Jones', 'Mary Jones').score);
  });

  it('gives duplicates the same key', () => {
    expect(dedupeKey(['Jon Smith', 'J.O.N.Smith+shop@gmail.com'])).toBe(dedupeKey(['John Smith', 'jonsmith@googlemail.com']));
    expect(dedupeKey(['Bob Jones'])).toBe(dedupeKey(['Robert Jones']));
    expect(dedupeKey(['Bob Jones'])).not.toBe(dedupeKey(['Mary Jones']));
    expect(dedupeKey(['x', '(415) 555-0132'], ['name', 'phone'])).toBe(dedupeKey(['+1 415 555 0132'], ['phone']));
  });
});

describe('cellOf sanity for fixtures', () => {
  it('reads planted values', () => {
    const t = sheet([['A B', '', '', '', '', '', '', '']], 0);
    expect(cellOf(t, 0, 'Name')).toBe('A B');
  });
});

describe('edge cases', () => {
  it('handles an empty sheet, a single row and a sheet with nothing to match on', () => {
    const empty = dedupeTable({ header: ['Name'], rows: [] }, { Name: 'name' });
    expect(empty.table.rows).toHaveLength(0);
    expect(empty.report.groups).toBe(0);
    const one = dedupeTable({ header: ['Name', 'Email'], rows: [['Ann Lee', 'ann@example.org']] }, { Name: 'name', Email: 'email' });
    expect(one.table.rows[0].slice(2)).toEqual(['', '', '', '']);
    const notes = dedupeTable({ header: ['Notes'], rows: [['hello'], ['hello']] }, { Notes: 'text' });
    expect(notes.report.groups).toBe(0);
    expect(notes.report.pairs).toHaveLength(0);
  });

  it('ignores CDM columns left by an earlier run and replaces them', () => {
    const table = sheet([
      ['Olga Petrova', 'olga.p@example.org', '+15550109001', '3 Lime Street', 'Springfield', '62701', d(2024, 1, 1), 1],
      ['Olga Petrova', 'olga.p@example.org', '+15550109001', '3 Lime Street', 'Springfield', '62701', d(2024, 2, 1), 2],
    ]);
    const first = dedupeTable(table, ROLES);
    const again = dedupeTable(first.table, ROLES);
    expect(again.table.header).toEqual(first.table.header);
    expect(again.table.rows).toEqual(first.table.rows);
    expect(again.changes).toHaveLength(0);
  });
});

describe('match reasons in the sheet\'s language', () => {
  const table = sheet([
    ['Robert Kowalski', 'bob.kowalski@gmail.com', '+15550101001', '12 Birch Road', 'Springfield', '62701', d(2024, 3, 1), 120],
    ['Bob Kowalski', 'bobkowalski@gmail.com', '+15550101001', '12 Birch Rd', 'Springfield', '62701', d(2025, 1, 5), 80],
  ]);
  it('Chinese: the same fields, the same order, the same nickname shown (src/i18n/dedupe.ts)', () => {
    const reasons = (lang: 'en' | 'zh') => {
      const out = dedupeTable(table, ROLES, { lang }).table;
      return col(out, 'CDM Match Reason').slice(0, 2);
    };
    expect(reasons('en')).toEqual(['main record of 2 rows', 'same surname, e-mail, phone, address, city, postcode; first name nickname (bob/robert)']);
    expect(reasons('zh')).toEqual(['2 行中的主记录', '姓、电子邮件、电话、地址、城市、邮编相同；名昵称 (bob/robert)']);
  });
});

describe('a table of orders, not customers', () => {
  // The online-retail export's layout (test/fixtures/exports/): one customer's order lines share
  // their CustomerID and country, which is no reason to call them duplicates.
  const text = readFileSync(path.resolve(__dirname, '../../fixtures/exports/online-retail.csv'), 'utf8');
  const table = readCsvBytes(new TextEncoder().encode(text));
  const roles = detectRoles(table).roles;

  it('is left exactly as it is, in flag and merge mode, with the reason in the report', () => {
    for (const mode of ['flag', 'merge'] as const) {
      const out = dedupeTable(table, roles, { mode });
      expect(out.table).toEqual(table);
      expect(out.changes).toEqual([]);
      expect(out.report.groups).toBe(0);
      expect(out.report.skipped?.reason).toMatch(/^this sheet lists orders/);
    }
  });

  it('the run summary says so, in the sheet\'s language', () => {
    const state = runPipeline(table, { steps: ['dedupe'], lang: 'zh' });
    expect(summarise(state, 'r', 't', 'zh').messages).toContain(
      '未查找重复记录：此表列出的是订单（订单号、日期和所购商品），不是客户：同一客户的多条订单不是重复记录。');
  });
});
