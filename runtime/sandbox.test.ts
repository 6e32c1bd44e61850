// The vm holds only what Apps Script V8 has; executions, clock, time limits and auth modes.
import { createRuntime } from './index';

const SCRIPT = `
var counter = 0;
function typeofGlobals() {
  return ['require', 'process', 'setTimeout', 'setInterval', 'TextEncoder', 'TextDecoder', 'URL', 'fetch', 'Buffer',
          'global', 'queueMicrotask', 'structuredClone', 'module', 'exports', '__dirname']
    .map(function (n) { return n + ':' + typeof globalThis[n]; });
}
function useRequire() { return require('fs'); }
function useTimeout() { setTimeout(function () {}, 1); }
function useUrl() { return new URL('https://example.com').host; }
function appsScriptGlobals() {
  return ['SpreadsheetApp', 'HtmlService', 'PropertiesService', 'CacheService', 'LockService', 'ScriptApp', 'FormApp',
          'Session', 'Utilities', 'Logger', 'console', 'Charts', 'Promise', 'JSON', 'Intl']
    .map(function (n) { return n + ':' + typeof globalThis[n]; });
}
function now() { return [Date.now(), new Date().getTime(), typeof Date()]; }
function bump() { counter++; return counter; }
function realm() {
  var v = SpreadsheetApp.getActiveSheet().getRange('A1:B1').getValues();
  var err; try { SpreadsheetApp.getActiveSheet().getRange(0, 1); } catch (e) { err = e; }
  return [v instanceof Array, v[0] instanceof Array, v[0][1] instanceof Date, err instanceof Error, err.name, err.message, String(err)];
}
function slowLoop(n) { var s = SpreadsheetApp.getActiveSheet(); for (var i = 0; i < n; i++) s.getRange(1, 1).getValue(); return 'done'; }
function slowCaught(n) { var s = SpreadsheetApp.getActiveSheet(); for (var i = 0; i < n; i++) { try { s.getRange(1, 1).getValue(); } catch (e) {} } return 'survived'; }
function sleepy() { var t = Date.now(); Utilities.sleep(5000); return Date.now() - t; }
function onOpenGood() { SpreadsheetApp.getUi().createAddonMenu().addItem('Go', 'go').addToUi(); }
function onOpenBad() { SpreadsheetApp.getUi().createAddonMenu().addItem('Go', 'go').addToUi(); SpreadsheetApp.getActiveSpreadsheet().getName(); }
function props() { PropertiesService.getDocumentProperties().getProperty('x'); }
function triggers() { ScriptApp.getProjectTriggers(); }
function DOUBLE(x) { return Array.isArray(x) ? x.map(function (r) { return r.map(function (v) { return v * 2; }); }) : x * 2; }
function WRITER() { SpreadsheetApp.getActiveSheet().getRange('A1').setValue(1); }
function UI() { SpreadsheetApp.getUi(); }
function logs() { Logger.log('hello %s', 'there'); console.log('n=', 3); console.warn('careful'); }
`;
const GLOBAL_CODE_CALL = `var sheetName = SpreadsheetApp.getActiveSpreadsheet().getName(); function onOpen() {}`;

describe('globals', () => {
  test('Node globals are absent, Apps Script ones present', () => {
    const rt = createRuntime({ code: SCRIPT });
    const got = rt.run('typeofGlobals').result as string[];
    expect(got.every((s) => s.endsWith(':undefined'))).toBe(true);
    const as = rt.run('appsScriptGlobals').result as string[];
    expect(as.filter((s) => s.endsWith(':undefined'))).toEqual([]);
  });

  test('code touching require / setTimeout / URL fails as in Google', () => {
    const rt = createRuntime({ code: SCRIPT });
    expect(rt.run('useRequire').error?.text).toBe('ReferenceError: require is not defined');
    expect(rt.run('useTimeout').error?.text).toBe('ReferenceError: setTimeout is not defined');
    expect(rt.run('useUrl').error?.text).toBe('ReferenceError: URL is not defined');
  });

  test('values, arrays and errors belong to the vm realm', () => {
    const rt = createRuntime({ code: SCRIPT });
    rt.fillSheet('Data', [['a', new Date(0)]]);
    expect(rt.run('realm').result).toEqual([true, true, true, true, 'Exception', 'The starting row of the range is too small.', 'Exception: The starting row of the range is too small.']);
  });

  test('every execution starts with fresh globals, as Apps Script re-evaluates the project', () => {
    const rt = createRuntime({ code: SCRIPT });
    expect(rt.run('bump').result).toBe(1);
    expect(rt.run('bump').result).toBe(1);
  });

  test('an error thrown by a test hook reaches the test, not the script', () => {
    const rt = createRuntime({ code: SCRIPT });
    rt.onServiceCall(() => {
      throw new Error('hook broke');
    });
    expect(() => rt.run('logs')).toThrow('hook broke');
  });

  test('an unknown function is reported like Apps Script', () => {
    const rt = createRuntime({ code: SCRIPT });
    expect(rt.run('nope').error?.text).toBe('Exception: Script function not found: nope');
  });

  test('Logger and console lines land in the execution log', () => {
    const rt = createRuntime({ code: SCRIPT });
    const ex = rt.run('logs');
    expect(ex.logs).toEqual(['hello there', 'n= 3', 'WARN careful']);
    expect(ex.calls).toEqual({ 'Logger.log': 1 });
  });
});

describe('simulated clock and time limits', () => {
  test('Date.now and new Date follow the simulated clock', () => {
    const start = Date.UTC(2030, 5, 1, 12);
    const rt = createRuntime({ code: SCRIPT, now: start, callCostMs: 0 });
    expect(rt.run('now').result).toEqual([start, start, 'string']);
    rt.advanceClock(60_000);
    expect((rt.run('now').result as number[])[0]).toBe(start + 60_000);
  });

  test('Utilities.sleep moves the clock, not real time', () => {
    const rt = createRuntime({ code: SCRIPT, callCostMs: 0 });
    const ex = rt.run('sleepy');
    expect(ex.result).toBe(5000);
    expect(ex.elapsedMs).toBe(5000);
    expect(ex.wallMs).toBeLessThan(1000);
  });

  test('an execution past 6 minutes fails with Exceeded maximum execution time, even if it catches errors', () => {
    const rt = createRuntime({ code: SCRIPT, methodCostMs: { 'Range.getValue': 1000 } });
    rt.fillSheet('Data', [['x']]);
    const fine = rt.run('slowLoop', [300]);
    expect(fine.result).toBe('done');
    const slow = rt.run('slowLoop', [400]);
    expect(slow.error?.text).toBe('Exceeded maximum execution time');
    expect(slow.timedOut).toBe(true);
    expect(slow.elapsedMs).toBeGreaterThan(360_000);
    const caught = rt.run('slowCaught', [400]);
    expect(caught.result).toBeUndefined();
    expect(caught.error?.message).toBe('Exceeded maximum execution time');
  });

  test('cpuScale adds the real CPU time of script code to the simulated clock', () => {
    const code = 'function spin(ms) { var t0 = Date.now(); var s = SpreadsheetApp.getActive(); var x = 0; for (var i = 0; i < ms * 20000; i++) x += i % 7; s.getName(); return Date.now() - t0; }';
    const off = createRuntime({ code, callCostMs: 0 }).run('spin', [50]);
    const on = createRuntime({ code, callCostMs: 0, cpuScale: 1 }).run('spin', [50]);
    expect(off.result).toBe(0);
    expect(on.result as number).toBeGreaterThan(0);
    expect(on.elapsedMs).toBeGreaterThanOrEqual(on.result as number);
    expect(on.elapsedMs).toBeLessThanOrEqual(on.wallMs + 1);
  });

  test('cellCostMs makes big reads cost more than small ones', () => {
    const code = "function read(a1) { SpreadsheetApp.getActiveSheet().getRange(a1).getValues(); }";
    const rt = createRuntime({ code, callCostMs: 1, cellCostMs: 0.01 });
    rt.fillSheet('Data', [[1]]);
    expect(rt.run('read', ['A1:J100']).elapsedMs).toBeCloseTo(1 + 1 + 1 + 10, 3); // getActiveSheet, getRange, getValues + 1000 cells
    expect(rt.run('read', ['A1']).elapsedMs).toBeCloseTo(3.01, 3);
  });

  test('custom functions have 30 seconds', () => {
    const rt = createRuntime({ code: SCRIPT, methodCostMs: { 'Range.getValue': 1000 } });
    rt.fillSheet('Data', [['x']]);
    expect(rt.run('slowLoop', [40], { customFunction: true }).error?.message).toBe('Exceeded maximum execution time');
  });
});

describe('auth modes', () => {
  test('AuthMode.NONE allows building the menu and nothing else', () => {
    const rt = createRuntime({ code: SCRIPT });
    const good = rt.run('onOpenGood', [rt.openEvent('NONE')], { authMode: 'NONE' });
    expect(good.error).toBeUndefined();
    expect(rt.ui.menus).toEqual([{ kind: 'addon', caption: 'Add-on', items: [{ caption: 'Go', functionName: 'go' }] }]);
    const bad = rt.run('onOpenBad', [], { authMode: 'NONE' });
    expect(bad.error?.text).toBe('Exception: You do not have permission to call SpreadsheetApp.getActiveSpreadsheet');
    expect(rt.run('props', [], { authMode: 'NONE' }).error?.text).toMatch(/permission to call PropertiesService.getDocumentProperties/);
    expect(rt.run('props', [], { authMode: 'FULL' }).error).toBeUndefined();
  });

  test('global code runs in every execution, so a service call there breaks onOpen in NONE', () => {
    const rt = createRuntime({ code: GLOBAL_CODE_CALL });
    expect(rt.run('onOpen', [], { authMode: 'NONE' }).error?.message).toMatch(/permission/);
    expect(rt.run('onOpen', [], { authMode: 'FULL' }).error).toBeUndefined();
  });

  test('LIMITED mode cannot manage triggers', () => {
    const rt = createRuntime({ code: SCRIPT });
    expect(rt.run('triggers', [], { authMode: 'LIMITED' }).error?.text).toBe('Exception: You do not have permission to call ScriptApp.getProjectTriggers');
  });

  test('custom functions read but cannot write or use the UI', () => {
    const rt = createRuntime({ code: SCRIPT });
    rt.fillSheet('Data', [[1, 2], [3, 4]]);
    expect(rt.customFunction('DOUBLE', rt.rangeArg('A1:B2')).result).toEqual([[2, 4], [6, 8]]);
    expect(rt.customFunction('DOUBLE', rt.rangeArg('B2')).result).toBe(8);
    expect(rt.customFunction('WRITER').error?.text).toBe('Exception: You do not have permission to call setValue');
    expect(rt.customFunction('UI').error?.text).toBe('Exception: Cannot call SpreadsheetApp.getUi() from this context.');
    expect(rt.customFunction('props').error).toBeUndefined();
    expect(rt.customFunction('triggers').error?.text).toMatch(/permission to call ScriptApp.getProjectTriggers/);
  });
});

describe('service objects seen from the script', () => {
  const CODE = `function show() { var r = SpreadsheetApp.getActiveSheet().getRange('A1'); return [String(r), '' + SpreadsheetApp.getActive(), typeof r.getValues, typeof r._sheet, 'getValues' in r, Object.keys(r).length]; }`;
  test('print as their class name and hide the runtime internals', () => {
    const rt = createRuntime({ code: CODE });
    const ex = rt.run('show');
    expect(ex.result).toEqual(['Range', 'Spreadsheet', 'function', 'undefined', true, 0]);
    expect(ex.calls).toEqual({ 'SpreadsheetApp.getActiveSheet': 1, 'Sheet.getRange': 1, 'SpreadsheetApp.getActive': 1 });
  });
});
