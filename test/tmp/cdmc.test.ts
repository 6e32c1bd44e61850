import { newRuntime, sampleRows, FLAG } from '../gas/helpers';
test('x', () => {
  const rt = newRuntime();
  rt.fillSheet('CDM Customers', sampleRows(30, 2));
  const b = rt.spreadsheet.getSheetByName('Sheet1'); if (b) rt.spreadsheet.deleteSheet(b);
  console.log(rt.spreadsheet.getSheets().map(s=>s.getName()));
  console.log('state', JSON.stringify((rt.run('getSidebarState').result as any)?.sheetName), rt.run('getSidebarState').error?.message);
  console.log('run', rt.run('startRun', [FLAG]).error?.message);
  console.log('run named', rt.run('startRun', [{...FLAG, sheet: 'CDM Customers'}]).error?.message);
  console.log('run missing', rt.run('startRun', [{...FLAG, sheet: 'Kunden'}]).error?.message);
});
