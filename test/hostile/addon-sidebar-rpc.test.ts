/**
 * Hostile catalogue, the sidebar's RPCs: google.script.run can send anything —
 * a stale sidebar, a hand-made request, a typo. Each bad argument gets one plain sentence that
 * names the sheet and the cells (never a raw Apps Script Exception such as "Range not found"),
 * and the whole workbook — every cell's value, formula, note, background, format, every sheet's
 * grid and visibility — is exactly as before (test/hostile/sheet-diff.ts). Runs the BUILT
 * dist/Code.js in the local runtime (`npm run build` first).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CUSTOMERS, FLAG, ROOT, sampleRuntime, type Runtime } from '../gas/helpers';
import { captureWorkbook, expectNoDifferences, failure, refusedUnchanged } from './sheet-diff';

let rt: Runtime;
beforeAll(() => {
  // One finished run: CDM's sheets exist, some of them hidden (backup, state).
  rt = sampleRuntime(60, 3, { files: { Sidebar: readFileSync(path.join(ROOT, 'dist/Sidebar.html'), 'utf8') } });
  const ex = rt.run('startRun', [FLAG]);
  if (ex.error) throw new Error(ex.error.text);
});

describe('hostile: bad RPC arguments', () => {
  test('hostile: bad RPC arguments: selectRange("Customers", "!!") names the sheet and the range', () => {
    expect(refusedUnchanged(rt, 'selectRange', CUSTOMERS, '!!')).toBe(
      '“!!” is not a cell or range CDM can show on the sheet “Customers”. Use a reference such as B2, B2:D9 or 5:5.',
    );
  });

  test('hostile: bad RPC arguments: selectRange with a row the sheet does not have says how big the sheet is', () => {
    const sheet = rt.sheet(CUSTOMERS);
    const message = refusedUnchanged(rt, 'selectRange', CUSTOMERS, 'A2:C999999');
    expect(message).toBe(`The range A2:C999999 is outside the sheet “Customers”, which has ${sheet.getMaxRows().toLocaleString('en-US')} rows and ${sheet.getMaxColumns()} columns.`);
  });

  test('hostile: bad RPC arguments: a sheet name that is not text (object, number, null, empty)', () => {
    for (const bad of [{}, 42, null, '', '   ']) {
      expect(refusedUnchanged(rt, 'selectRange', bad, 'A1')).toMatch(/^CDM needs the name of a sheet here, not “.*”\.$/);
    }
  });

  test('hostile: bad RPC arguments: a range that is not text, or a formula, or script', () => {
    for (const bad of [{ a: 1 }, 5, '=IMPORTDATA("http://x")', 'A1:B2); alert(1', 'Customers!A1']) {
      expect(refusedUnchanged(rt, 'selectRange', CUSTOMERS, bad)).toMatch(/is not a cell or range CDM can show on the sheet “Customers”/);
    }
  });

  test('hostile: bad RPC arguments: a sheet that was deleted or renamed since the link was made', () => {
    expect(refusedUnchanged(rt, 'selectRange', 'Customers (old)', 'A1')).toBe('There is no sheet called “Customers (old)” any more.');
  });

  test('hostile: bad RPC arguments: a link to a hidden sheet (backup, run state) never shows it', () => {
    const hidden = rt.spreadsheet.getSheets().filter((s) => s.isSheetHidden()).map((s) => s.getName());
    expect(hidden.length).toBeGreaterThan(0);
    for (const name of hidden) {
      expect(refusedUnchanged(rt, 'selectRange', name, 'A1')).toBe(`The sheet “${name}” is hidden: CDM keeps its own working copies there. Nothing to show.`);
      expect(rt.sheet(name).isSheetHidden()).toBe(true);
    }
  });

  test('hostile: bad RPC arguments: a thousand ranges in one link are refused, thirty are all selected', () => {
    const many = Array.from({ length: 1000 }, (_, i) => `A${i + 2}`).join(',');
    expect(refusedUnchanged(rt, 'selectRange', CUSTOMERS, many)).toMatch(/is not a cell or range CDM can show/);
    const fine = Array.from({ length: 200 }, (_, i) => `${2 * i + 2}:${2 * i + 2}`).slice(0, 30).join(',');
    expect(refusedUnchanged(rt, 'selectRange', CUSTOMERS, fine)).toBeNull();
    expect(rt.spreadsheet._activeRanges?.length).toBe(30);
  });

  test('hostile: bad RPC arguments: a made-up or replayed launch token never starts a run', () => {
    for (const bad of ['', 'x'.repeat(500), { token: 1 }, null, '00000000-0000-0000-0000-000000000000']) {
      const before = captureWorkbook(rt);
      expect(rt.run('claimLaunch', [bad]).result).toBe(false);
      expectNoDifferences(before, captureWorkbook(rt));
    }
    // The menu's token works once; the page reloaded with the same token gets false.
    const opened = rt.run('menuCleanAndAnalyze', [], { ui: true });
    expect(opened.error?.text ?? null).toBeNull();
    const html = rt.ui.sidebars[rt.ui.sidebars.length - 1].content;
    const token = /data-launch="([^"]+)"/.exec(html)?.[1];
    expect(token).toBeTruthy();
    expect(rt.run('claimLaunch', [token]).result).toBe(true);
    expect(rt.run('claimLaunch', [token]).result).toBe(false);
  });

  test('hostile: bad RPC arguments: opening the sidebar and previewing the form write nothing', () => {
    const before = captureWorkbook(rt);
    expect(failure(rt, 'getSidebarState')).toBeNull();
    expect(failure(rt, 'previewIntakeForm')).toBeNull();
    expect(failure(rt, 'getReviewQueue')).toBeNull();
    expectNoDifferences(before, captureWorkbook(rt));
    expect(rt.forms.size).toBe(0);
  });
});
