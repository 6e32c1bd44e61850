/**
 * The pure pieces undo relies on: finding rows again by content after the user inserted,
 * deleted, sorted or edited rows, and rewriting formulas when CDM moves rows by writing them.
 * Expected answers are worked out by hand in each test.
 */
import { canonical, hashCells, matchRows, packHashes, rowHashes, unpackHashes } from '../../src/gas/row-identity';
import { referencedRows, remapRows, rowMapOf } from '../../src/gas/formula-refs';

const h = (...cells: string[]) => hashCells(cells.map((c) => canonical(c)));

describe('matchRows', () => {
  const rows = ['ann', 'bob', 'cy', 'di', 'ed'].map((n) => h(n, `${n}@x.org`));

  test('unchanged rows map to themselves', () => {
    expect([...matchRows(rows, rows)]).toEqual([0, 1, 2, 3, 4]);
  });
  test('a row inserted at the top shifts everyone by one; a deleted row is not found', () => {
    const now = [h('new', 'n@x.org'), ...rows.slice(0, 2), ...rows.slice(3)];
    expect([...matchRows(rows, now)]).toEqual([1, 2, -1, 3, 4]);
  });
  test('sorted rows are followed', () => {
    const now = [rows[4], rows[2], rows[0], rows[3], rows[1]];
    expect([...matchRows(rows, now)]).toEqual([2, 4, 1, 3, 0]);
  });
  test('edited rows between found neighbours are taken where they stand; not when the gap differs', () => {
    const edited = [rows[0], h('bob', 'typo'), h('cy', 'typo'), rows[3], rows[4]];
    expect([...matchRows(rows, edited)]).toEqual([0, 1, 2, 3, 4]);
    const editedAndInserted = [rows[0], h('bob', 'typo'), h('inserted', ''), h('cy', 'typo'), rows[3], rows[4]];
    expect([...matchRows(rows, editedAndInserted)]).toEqual([0, -1, -1, 4, 5]);
    // An edited last row, with a form row appended below it.
    const trailing = [...rows.slice(0, 4), h('ed', 'changed'), h('form', 'f@x.org')];
    expect([...matchRows(rows, trailing)]).toEqual([0, 1, 2, 3, 4]);
  });
  test('identical rows pair in order', () => {
    const twins = [h('ann', 'a'), h('ann', 'a'), h('bob', 'b')];
    expect([...matchRows(twins, [twins[2], twins[0], twins[1]])]).toEqual([1, 2, 0]);
  });
  test('hashes pack into fixed-width text and back', () => {
    expect(unpackHashes(packHashes(rows))).toEqual(rows);
    expect(unpackHashes(packHashes(['0', 'zz']))).toEqual(['0', 'zz']);
  });
  test('a formula counts as a formula whatever its text (Sheets rewrites it when rows move), dates by their instant, and cells do not run into each other', () => {
    const grid = [['h1', 'h2'], ['ab', ''], ['a', 'b'], [new Date(5), 1]];
    const f = [['', ''], ['', ''], ['', ''], ['', '']];
    const [ab, aThenB, dated] = rowHashes(grid, f, [0, 1]);
    expect(ab).not.toBe(aThenB);
    expect(rowHashes([['h'], [new Date(5)]], [[''], ['']], [0])[0]).toBe(rowHashes([['h'], [new Date(5)]], [[''], ['']], [0])[0]);
    expect(dated).not.toBe(rowHashes([['h1', 'h2'], [new Date(6), 1]], [['', ''], ['', '']], [0, 1])[0]);
    expect(canonical(3, '=A1*3')).toBe('F=A1*3');
    const withFormula = (f: string) => rowHashes([['h'], ['']], [[''], [f]], [0])[0];
    expect(withFormula('=F2*2')).toBe(withFormula('=F3*2'));
    expect(withFormula('=F2*2')).not.toBe(rowHashes([['h'], ['']], [[''], ['']], [0])[0]);
    expect(canonical('3')).not.toBe(canonical(3));
  });
});

describe('remapRows', () => {
  // Rows 2..7 hold six customers; 3 merged into 2 and 6 into 5: survivors 2,4,5,7 move to 2,3,4,5.
  const to = [2, -1, 3, 4, -1, 5];
  const into: Record<number, number> = { 3: 2, 6: 4 };
  const map = rowMapOf(2, to, (r) => into[r]);

  test('references to survivors follow them; to removed rows, the row they merged into', () => {
    expect(remapRows('=D4*2', 'Customers', 'Customers', map)).toBe('=D3*2');
    expect(remapRows('=D3+D6', 'Customers', 'Customers', map)).toBe('=D2+D4');
    expect(remapRows('=$D$7', 'Customers', 'Customers', map)).toBe('=$D$5');
  });
  test('ranges keep the rows that remain inside them; rows outside the block stay', () => {
    expect(remapRows('=SUM(D3:D6)', 'Customers', 'Customers', map)).toBe('=SUM(D3:D4)');
    expect(remapRows('=SUM(D1:D20)+A1', 'Customers', 'Customers', map)).toBe('=SUM(D1:D20)+A1');
    expect(remapRows('=SUM(4:6)', 'Customers', 'Customers', map)).toBe('=SUM(3:4)');
    expect(remapRows('=COUNTA(A:A)', 'Customers', 'Customers', map)).toBe('=COUNTA(A:A)');
  });
  test('other sheets, strings and function names are left alone; the sheet’s own name is followed', () => {
    expect(remapRows('=Other!D4+"D4"&LOG10(D4)', 'Customers', 'Customers', map)).toBe('=Other!D4+"D4"&LOG10(D3)');
    expect(remapRows("='Customers'!D7*Customers!D4", 'Summary', 'Customers', map)).toBe("='Customers'!D5*Customers!D3");
    expect(remapRows('=D4', 'Summary', 'Customers', map)).toBe('=D4');
    expect(remapRows("='It''s'!D4", 'Customers', 'Customers', map)).toBe("='It''s'!D4");
  });
  test('referencedRows lists cells and ranges', () => {
    expect(referencedRows('=D4+SUM(B2:B9)+Other!A1', 'C', 'C')).toEqual([[4, 4], [2, 9]]);
  });
  test('a long hostile formula is scanned in linear time', () => {
    const f = '=' + 'a'.repeat(60000) + '!' + 'A1'.repeat(1000);
    const t0 = Date.now();
    remapRows(f, 'C', 'C', map);
    remapRows('=' + "'".repeat(60001), 'C', 'C', map);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
