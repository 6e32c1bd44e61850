// Developer metadata, sorting, protections and formula references under row moves, driven from
// scripts inside the vm. Expected behaviour is Google's as documented (Sheets API DeveloperMetadata:
// "if developer metadata is associated with row 5 and another row is then subsequently inserted
// above row 5, that original metadata is still associated with … what is now row 6. If the
// associated object is deleted its metadata is deleted too."; Apps Script Protection reference:
// a new protection mirrors the spreadsheet's editors until editors are removed).
import { createRuntime, METADATA_CHARS_LIMIT } from './index';

const SCRIPT = `
function data() { return SpreadsheetApp.getActive().getSheetByName('Data'); }
function tagRows() {
  var s = data();
  s.getRange('2:2').addDeveloperMetadata('cust', 'ann');
  s.getRange('4:4').addDeveloperMetadata('cust', 'cy');
  s.getRange('C:C').addDeveloperMetadata('col', 'joined');
  s.addDeveloperMetadata('cdm.sheet', 'customers');
  return 'ok';
}
function where() {
  return SpreadsheetApp.getActive().createDeveloperMetadataFinder().find().map(function (m) {
    var l = m.getLocation(), t = l.getLocationType();
    var at = t == SpreadsheetApp.DeveloperMetadataLocationType.ROW ? l.getRow().getRow()
      : t == SpreadsheetApp.DeveloperMetadataLocationType.COLUMN ? l.getColumn().getColumn()
      : t == SpreadsheetApp.DeveloperMetadataLocationType.SHEET ? l.getSheet().getName() : 'spreadsheet';
    return m.getKey() + '=' + m.getValue() + '@' + t + ':' + at;
  }).sort();
}
function insertAbove() { data().insertRowsBefore(2, 1); }
function deleteRow(r) { data().deleteRow(r); }
function insertColumn() { data().insertColumnsBefore(1, 2); }
function sortBy(col, asc) { data().getRange(2, 1, data().getLastRow() - 1, data().getMaxColumns()).sort({ column: col, ascending: asc }); }
function sortPart(col) { data().getRange(2, 1, data().getLastRow() - 1, 3).sort(col); }
function arbitrary() { try { data().getRange('A2:B2').addDeveloperMetadata('x'); return 'added'; } catch (e) { return String(e); } }
function twoRows() { try { data().getRange('2:3').addDeveloperMetadata('x'); return 'added'; } catch (e) { return String(e); } }
function finders() {
  var s = data();
  return [
    s.createDeveloperMetadataFinder().withKey('cust').find().length,
    s.getRange('2:3').createDeveloperMetadataFinder().onIntersectingLocations().find().length,
    s.getRange('2:2').getDeveloperMetadata().length,
    s.getDeveloperMetadata().length,
    SpreadsheetApp.getActive().createDeveloperMetadataFinder().withKey('cust').withValue('cy').find().length,
  ];
}
function tooMuch(n) { var s = data(); var big = new Array(n + 1).join('x'); try { s.addDeveloperMetadata('big', big); return 'added'; } catch (e) { return String(e); } }
function copyIt() { var c = data().copyTo(SpreadsheetApp.getActive()); return c.getDeveloperMetadata().map(function (m) { return m.getKey(); }); }
function removeTag() { SpreadsheetApp.getActive().createDeveloperMetadataFinder().withValue('ann').find()[0].remove(); }
function formulas() { return data().getRange(1, 5, data().getLastRow(), 1).getFormulas().map(function (r) { return r[0]; }); }
function protectOwnerOnly() {
  var p = data().protect().setDescription('CDM');
  p.removeEditors(p.getEditors());
  if (p.canDomainEdit()) p.setDomainEdit(false);
  return p.getEditors().map(function (u) { return u.getEmail(); });
}
function write(a1, v) { data().getRange(a1).setValue(v); return 'written'; }
function deleteData() { SpreadsheetApp.getActive().deleteSheet(data()); return 'deleted'; }
`;

function runtime(opts: { editors?: string[] } = {}) {
  const rt = createRuntime({ code: SCRIPT, user: 'owner@example.com', ...opts });
  rt.fillSheet('Data', [
    ['Name', 'Spend', 'Joined', 'Code'],
    ['Ann', 30, '2024-01-05', 'a'],
    ['Bob', 10, '2024-02-05', 'b'],
    ['Cy', 20, '2024-03-05', 'c'],
  ]);
  rt.sheet('Data').getRange('E2').setFormula('=B2*2');
  rt.sheet('Data').getRange('E3').setFormula('=B3*2');
  rt.sheet('Data').getRange('E4').setFormula('=SUM($B$2:B4)+LOG10(B4)');
  rt.fillSheet('Summary', [['x']]);
  rt.sheet('Summary').getRange('A2').setFormula("=Data!B3+'Data'!B2");
  return rt;
}

test('row and column metadata stays with its row through inserts, deletes and sorts', () => {
  const rt = runtime();
  rt.call('tagRows');
  expect(rt.call('where')).toEqual(['cdm.sheet=customers@SHEET:Data', 'col=joined@COLUMN:3', 'cust=ann@ROW:2', 'cust=cy@ROW:4']);
  rt.call('insertAbove');
  expect(rt.call('where')).toEqual(['cdm.sheet=customers@SHEET:Data', 'col=joined@COLUMN:3', 'cust=ann@ROW:3', 'cust=cy@ROW:5']);
  rt.call('insertColumn');
  expect(rt.call('where')).toContain('col=joined@COLUMN:5');
  rt.call('deleteRow', 3); // Ann's row: her metadata goes with it
  expect(rt.call('where')).toEqual(['cdm.sheet=customers@SHEET:Data', 'col=joined@COLUMN:5', 'cust=cy@ROW:4']);
});

test('a full-width sort carries row metadata and relative formula references with the rows', () => {
  const rt = runtime();
  rt.call('tagRows');
  rt.call('sortBy', 2, true); // by spend: Bob 10, Cy 20, Ann 30
  expect(rt.sheetValues('Data').slice(1).map((r) => r[0])).toEqual(['Bob', 'Cy', 'Ann']);
  expect(rt.call('where')).toEqual(['cdm.sheet=customers@SHEET:Data', 'col=joined@COLUMN:3', 'cust=ann@ROW:4', 'cust=cy@ROW:3']);
  // Each row's formula still reads its own row; the absolute start of the SUM stays put.
  expect(rt.call('formulas')).toEqual(['', '=B2*2', '=SUM($B$2:B3)+LOG10(B3)', '=B4*2']);
  // A sort of only some columns leaves row metadata where it was.
  rt.call('sortPart', 1);
  expect(rt.call('where')).toEqual(['cdm.sheet=customers@SHEET:Data', 'col=joined@COLUMN:3', 'cust=ann@ROW:4', 'cust=cy@ROW:3']);
});

test('formulas everywhere follow inserted and deleted rows; a deleted cell becomes #REF!', () => {
  const rt = runtime();
  rt.call('insertAbove');
  expect(rt.call('formulas')).toEqual(['', '', '=B3*2', '=B4*2', '=SUM($B$3:B5)+LOG10(B5)']);
  expect(rt.sheet('Summary').getRange('A2').getFormula()).toBe("=Data!B4+'Data'!B3");
  rt.call('deleteRow', 4);
  expect(rt.call('formulas')).toEqual(['', '', '=B3*2', '=SUM($B$3:B4)+LOG10(B4)']);
  expect(rt.sheet('Summary').getRange('A2').getFormula()).toBe("=Data!#REF!+'Data'!B3");
});

test('metadata only on the spreadsheet, a sheet, or ONE whole row or column; at most 30,000 characters per sheet', () => {
  const rt = runtime();
  expect(rt.call('arbitrary')).toMatch(/^Exception: Adding developer metadata to arbitrary ranges is not currently supported/);
  expect(rt.call('twoRows')).toMatch(/arbitrary ranges/);
  rt.call('tagRows');
  // Rows 2:3 intersect Ann's row and the whole column C.
  expect(rt.call('finders')).toEqual([2, 2, 1, 1, 1]);
  expect(rt.call('tooMuch', METADATA_CHARS_LIMIT)).toMatch(/would exceed the limit of 30000 characters/);
  expect(rt.call('tooMuch', 1000)).toBe('added');
  rt.call('removeTag');
  expect(rt.call('where')).not.toContain('cust=ann@ROW:2');
  expect(rt.call('copyIt')).toEqual(['cdm.sheet', 'big']);
});

test('a protection mirrors the spreadsheet’s editors until they are removed; the owner and its maker keep editing', () => {
  const rt = runtime({ editors: ['helper@example.com'] });
  expect(rt.run('write', ['A9', 'x'], { user: 'helper@example.com' }).result).toBe('written');
  expect(rt.call('protectOwnerOnly')).toEqual(['owner@example.com']);
  const denied = rt.run('write', ['A9', 'y'], { user: 'helper@example.com' });
  expect(denied.error?.message).toMatch(/protected cell/);
  expect(rt.run('deleteData', [], { user: 'helper@example.com' }).error?.message).toMatch(/protected cell/);
  expect(rt.call('write', 'A9', 'z')).toBe('written');
  expect(rt.call('deleteData')).toBe('deleted');
});
