/**
 * Checkpoint storage at size: run-state.ts's save and load, bundled and run in the
 * local Apps Script runtime (its sheets refuse what Sheets refuses: a range past the grid, a
 * cell over 50,000 characters). A checkpoint over 1,000 parts (49 MB) grows the hidden sheet
 * beyond a new sheet's 1,000 rows — the old code wrote into rows that did not exist and failed
 * there — and a later small one shrinks it; the user is never left on the hidden sheet; a save
 * cut short is rejected rather than read as text.
 */
import * as esbuild from 'esbuild';
import { createRuntime } from '../../runtime';
import { ROOT } from './helpers';

const ENTRY = `
import { saveCheckpoint, loadCheckpoint, clearCheckpoint, STATE_SHEET } from './src/gas/run-state';
function text(n, seed) { var s = ''; var piece = 'abcdefghijklmnopqrstuvwxyz0123456789~:=' + seed; while (s.length < n) s += piece; return s.slice(0, n); }
function digest(s) { var h = 2166136261; for (var i = 0; i < s.length; i += 997) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0; return s.length + ':' + h; }
globalThis.save = function (runId, n, seed) { var t = text(n, seed); saveCheckpoint(runId, t); return digest(t); };
globalThis.load = function (runId) { var t = loadCheckpoint(runId); return t === null ? null : digest(t); };
globalThis.clear = function () { clearCheckpoint(); };
globalThis.stateSheet = function () { var s = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(STATE_SHEET); return s ? [s.getMaxRows(), s.isSheetHidden()] : null; };
`;

let code = '';
beforeAll(() => {
  const out = esbuild.buildSync({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'silent',
  });
  code = out.outputFiles[0].text + '\nfunction save(a,b,c){return globalThis.save(a,b,c)}\nfunction load(a){return globalThis.load(a)}\nfunction clear(){return globalThis.clear()}\nfunction stateSheet(){return globalThis.stateSheet()}\n';
});

function runtime() {
  const rt = createRuntime({ code, now: Date.UTC(2025, 5, 30, 9) });
  rt.fillSheet('Customers', [['Name'], ['Ann']]);
  return rt;
}

test('a 49 MB checkpoint (1,002 parts) grows the hidden sheet past 1,000 rows and reads back exactly; a small one shrinks it', () => {
  const rt = runtime();
  const big = 1001 * 49000 + 123;
  const written = rt.call('save', 'run-1', big, 'a');
  expect(rt.call('stateSheet')).toEqual([1003, true]);
  expect(rt.call('load', 'run-1')).toBe(written);
  expect(rt.call('load', 'run-2')).toBeNull(); // another run's checkpoint is not this one's
  expect(rt.spreadsheet.getActiveSheet().getName()).toBe('Customers');
  // A small checkpoint later: rows beyond its own and 1,000 spare ones go (cells count against 10M).
  const small = rt.call('save', 'run-1', 5000, 'b');
  expect(rt.call('load', 'run-1')).toBe(small);
  expect((rt.call('stateSheet') as number[])[0]).toBeLessThanOrEqual(1002);
  rt.call('clear');
  expect(rt.call('stateSheet')).toBeNull();
}, 120000);

test('every part is a cell under 50,000 characters (Sheets refuses longer ones)', () => {
  const rt = runtime();
  rt.call('save', 'run-1', 3 * 49000, 'c');
  const cells = rt.sheetValues('CDM State').map((r) => String(r[0]));
  expect(cells.length).toBe(4);
  for (const c of cells) expect(c.length).toBeLessThan(50000);
});

test('a save cut short (parts of two saves) is rejected, not read as text', () => {
  const rt = runtime();
  rt.call('save', 'run-1', 250 * 49000, 'd'); // 250 parts: written in three setValues, head last
  const sheet = rt.sheet('CDM State');
  // The second save dies after its first block of parts: the head still names the first save.
  const first = sheet.getRange(2, 1, 100, 1).getValues();
  rt.call('save', 'run-1', 250 * 49000, 'e');
  sheet.getRange(2, 1, 100, 1).setValues(first); // parts 1-100 from the earlier save, the rest newer
  expect(rt.call('load', 'run-1')).toBeNull();
}, 120000);

test('the checkpoint sheet is made without leaving the user on it, and hidden', () => {
  const rt = runtime();
  rt.spreadsheet.setActiveSheet(rt.sheet('Sheet1'));
  rt.call('save', 'run-1', 10, 'f');
  expect(rt.spreadsheet.getActiveSheet().getName()).toBe('Sheet1');
  expect(rt.sheet('CDM State')._hidden).toBe(true);
});

